"""The emergency line every advice screen ends with: the number for the user's region, from a sourced table."""

from __future__ import annotations

import json

import pytest

from backpain_cli.knowledge_base import load_knowledge_base
from tests.conftest import BUNDLED_KB, Run

KB = load_knowledge_base(BUNDLED_KB)
LOCAL_EN = "Emergency? Call your local emergency number or go to an emergency department."
LOCAL_AR = "حالة طارئة؟ اتصل برقم الطوارئ المحلي أو توجّه إلى قسم الطوارئ."
# Regions the issue names; the sources found no ambulance number for Libya, Sudan or Yemen as a
# whole, so those get the local-number line rather than a guess.
REQUIRED = [
    "GB",
    "IE",
    "US",
    "CA",
    "AU",
    "NZ",
    "SA",
    "AE",
    "EG",
    "JO",
    "LB",
    "KW",
    "QA",
    "BH",
    "OM",
    "MA",
    "DZ",
    "TN",
    "IQ",
    "SY",
    "PS",
]
EU = [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
]
UNVERIFIED = ["LY", "SD", "YE"]


def _last_line(text: str) -> str:
    return [line.strip() for line in text.splitlines() if line.strip()][-1]


@pytest.mark.parametrize(
    ("args", "env", "line"),
    [
        (["--region", "GB"], {}, "Emergency? Call 999 (or 112) or go to an emergency department."),
        (["--region", "uk"], {}, "Emergency? Call 999 (or 112) or go to an emergency department."),
        (["--region", "US"], {"BACKPAIN_REGION": "GB"}, "Emergency? Call 911 or go to an emergency department."),
        ([], {"BACKPAIN_REGION": "au"}, "Emergency? Call 000 (or 112) or go to an emergency department."),
        ([], {"BACKPAIN_REGION": "NZ", "LANG": "en_US.UTF-8"}, "Emergency? Call 111 or go to an emergency department."),
        ([], {"LANG": "en_US.UTF-8"}, "Emergency? Call 911 or go to an emergency department."),
        (
            [],
            {"LC_ALL": "en_IE.UTF-8", "LANG": "en_US.UTF-8"},
            "Emergency? Call 112 (or 999) or go to an emergency department.",
        ),
        ([], {"LANG": "C.UTF-8"}, LOCAL_EN),
        (["--region", "BR"], {}, LOCAL_EN),
    ],
)
def test_region_from_option_variable_or_locale(run: Run, args: list[str], env: dict[str, str], line: str) -> None:
    result = run(*args, "show", "sciatica", "--lang", "en", env=env)
    assert result.exit_code == 0
    assert _last_line(result.stdout) == line


@pytest.mark.parametrize(
    ("region", "number"),
    [("SA", "997 (أو 911)"), ("EG", "123"), ("JO", "911"), ("AE", "998 (أو 999)"), ("GB", "999 (أو 112)")],
)
def test_arabic_line_gives_the_regions_number(run: Run, region: str, number: str) -> None:
    result = run("--region", region, "show", "sciatica", "--lang", "ar")
    assert _last_line(result.stdout) == f"حالة طارئة؟ اتصل بالرقم {number} أو توجّه إلى قسم الطوارئ."


@pytest.mark.parametrize("region", [*UNVERIFIED, "ZW"])
def test_no_sourced_number_means_the_local_number_never_a_guess(run: Run, region: str) -> None:
    for lang, line in (("en", LOCAL_EN), ("ar", LOCAL_AR)):
        result = run("--region", region, "show", "sciatica", "--lang", lang)
        assert _last_line(result.stdout) == line
        assert not any(char.isdigit() for char in _last_line(result.stdout))


def test_arabic_never_names_the_uk_number_by_default(run: Run) -> None:
    for command in (["show", "sciatica"], ["search", "عرق النسا"], ["list"], ["redflags"]):
        result = run(*command, "--lang", "ar", env={"LANG": "ar_SA.UTF-8"})
        assert "999" not in _last_line(result.stdout)
        assert _last_line(result.stdout) == "حالة طارئة؟ اتصل بالرقم 997 (أو 911) أو توجّه إلى قسم الطوارئ."


@pytest.mark.parametrize(
    "command",
    [
        ["show", "sciatica"],
        ["search", "sciatica"],
        ["search", "back pain"],
        ["list"],
        ["list", "--category", "inflammatory"],
        ["treatments"],
        ["treatments", "--for", "sciatica"],
        ["treatments", "nsaids"],
        ["guide", "prevention"],
        ["guide", "tests"],
        ["redflags"],
    ],
)
@pytest.mark.parametrize("fmt", ["table", "plain"])
def test_every_advice_screen_ends_with_where_to_go(run: Run, command: list[str], fmt: str) -> None:
    result = run("--region", "EG", *command, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert _last_line(result.stdout) == "Emergency? Call 123 or go to an emergency department."
    data = json.loads(run("--region", "EG", *command, "--json").stdout)
    assert data["emergency"] == {
        "region": "EG",
        "number": "123",
        "also": [],
        "text": "Emergency? Call 123 or go to an emergency department.",
    }
    assert data["notice"].endswith("Emergency? Call 123 or go to an emergency department.")


def test_the_check_verdict_ends_with_the_number(run: Run) -> None:
    result = run("--region", "QA", "redflags", "--check", input="40\nno\nyes\nyes\n")
    assert result.exit_code == 5
    assert _last_line(result.stdout) == "Emergency? Call 999 or go to an emergency department."


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--region", "GBR"], {}, "Error: --region: 'GBR' is not a two-letter country code"),
        (["--region", "1"], {}, "Error: --region: '1' is not a two-letter country code"),
        ([], {"BACKPAIN_REGION": "Saudi"}, "Error: $BACKPAIN_REGION: 'Saudi' is not a two-letter country code"),
    ],
)
def test_a_bad_region_is_one_clear_line(run: Run, args: list[str], env: dict[str, str], message: str) -> None:
    result = run(*args, "show", "sciatica", env=env)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_table_covers_the_regions_asked_for_each_with_a_source() -> None:
    table = {entry.region: entry for entry in KB.emergency_numbers}
    assert set(REQUIRED) | set(EU) <= set(table)
    assert not set(UNVERIFIED) & set(table)
    for entry in table.values():
        assert entry.number.isdigit() and entry.name.ar
        assert all(KB.source_by_id[source].url for source in entry.sources)
    assert table["GB"].number == "999" and table["US"].number == "911" and table["SA"].number == "997"
