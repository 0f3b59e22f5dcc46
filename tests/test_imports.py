"""Start-up cost: a command imports only what it needs (#16). Each command runs in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import BUNDLED_KB, MINI_KB

PROBE = """
import json, os, sys
from backpain_cli.cli import app
try:
    app(sys.argv[1:], prog_name="backpain")
except SystemExit:
    pass
names = os.environ["PROBE_MODULES"].split(",")
sys.stderr.write(json.dumps({name: name in sys.modules for name in names}) + "\\n")
"""
# The same through the console script's own way in, which answers some runs before importing the CLI.
ENTRY_PROBE = """
import json, os, sys
from backpain_cli.entry import main
try:
    main()
except SystemExit:
    pass
names = os.environ["PROBE_MODULES"].split(",")
sys.stderr.write(json.dumps({name: name in sys.modules for name in names}) + "\\n")
"""


def loaded(*args: str, modules: tuple[str, ...] = ("rich", "rapidfuzz"), probe: str = PROBE) -> dict[str, bool]:
    result = subprocess.run(
        [sys.executable, "-c", probe, *args],
        capture_output=True,
        text=True,
        env={**os.environ, "BACKPAIN_KB": str(BUNDLED_KB), "COLUMNS": "100", "PROBE_MODULES": ",".join(modules)},
        timeout=60,
        check=False,
    )
    return dict(json.loads(result.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "args",
    [
        ["search", "sciatica", "--format", "json"],
        ["search", "sciatica", "--format", "plain"],
        ["show", "herniated-disc", "--json"],
        ["list", "--format", "plain"],
        ["redflags", "--json"],
        ["--version"],
        ["--help"],
        ["search", "--help"],
        ["validate"],
    ],
)
def test_plain_json_help_version_and_validate_never_import_rich_or_rapidfuzz(args: list[str]) -> None:
    assert loaded(*args) == {"rich": False, "rapidfuzz": False}


def test_a_table_imports_rich_and_a_misspelling_imports_rapidfuzz() -> None:
    assert loaded("search", "sciatika")["rapidfuzz"] is True
    assert loaded("list")["rich"] is True


def test_the_version_alone_imports_neither_typer_nor_the_cli() -> None:
    modules = ("typer", "rich", "backpain_cli.cli", "backpain_cli.knowledge_base")
    assert loaded("--version", modules=modules, probe=ENTRY_PROBE) == dict.fromkeys(modules, False)
    # with anything else on the line, the app answers as before
    assert loaded("--version", "list", modules=("typer",), probe=ENTRY_PROBE) == {"typer": True}


@pytest.mark.parametrize(
    "args",
    [
        ["search", "sciatica"],
        ["search", "sciatica", "--format", "plain"],
        ["show", "sciatica", "--json"],
        ["list"],
        ["--help"],
    ],
)
def test_only_the_checks_import_the_symptom_checker_and_the_red_flag_check(args: list[str]) -> None:
    modules = ("backpain_cli.assessment", "backpain_cli.triage")
    assert loaded(*args, modules=modules) == dict.fromkeys(modules, False)


def test_the_red_flag_list_imports_the_check_but_not_the_symptom_checker() -> None:
    modules = ("backpain_cli.assessment", "backpain_cli.triage")
    assert loaded("redflags", modules=modules) == {"backpain_cli.assessment": False, "backpain_cli.triage": True}


def test_a_run_builds_only_the_command_it_names() -> None:
    from backpain_cli.cli import _app_for, app

    def names(argv: list[str]) -> list[str]:
        return [info.name or info.callback.__name__ for info in _app_for(argv).registered_commands]  # type: ignore[union-attr]

    assert names(["search", "sciatica"]) == ["search"]
    assert names(["--kb", "kb.json", "--region", "GB", "list", "-c", "x"]) == ["list"]
    assert names(["--bidi", "on", "show", "sciatica"]) == ["show"]
    # root help, the version, no command and a mistyped one keep every command (and the app itself)
    for argv in (["--help"], ["--version"], [], ["serch", "x"], ["--kb", "list"]):
        assert _app_for(argv) is app, argv
    assert len(app.registered_commands) > 1  # the app itself is never changed


def test_the_installed_command_runs_a_subcommand_with_root_options_before_it() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backpain_cli", "--region", "GB", "search", "sciatica", "--format", "plain"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Sciatica" in result.stdout and "Emergency? Call 999" in result.stdout


def test_root_options_are_accepted_after_the_command_too() -> None:
    from backpain_cli.cli import hoist_root_options

    assert hoist_root_options(["search", "x", "--kb", "f.json", "--json"]) == [
        "--kb",
        "f.json",
        "search",
        "x",
        "--json",
    ]
    assert hoist_root_options(["list", "--region=GB", "--bidi", "off"]) == ["--region=GB", "--bidi", "off", "list"]
    assert hoist_root_options(["search", "--", "--kb", "z"]) == ["search", "--", "--kb", "z"]  # after --: words
    assert hoist_root_options(["search", "x", "--kb"]) == ["search", "x", "--kb"]  # no value: Typer's error
    result = subprocess.run(
        [sys.executable, "-m", "backpain_cli", "show", "sciatica", "--kb", str(MINI_KB), "--format", "plain"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Sciatica" in result.stdout
