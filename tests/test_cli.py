"""Each command end to end: exit status, stdout apart from stderr, and the parsed JSON."""

from __future__ import annotations

import json
import tomllib

import pytest

from backpain_cli.cli import app
from tests.conftest import MINI_KB, ROOT, Run

REMINDER = "This is information, not a diagnosis: see a clinician about your back pain."
LOCAL_EMERGENCY = "Emergency? Call your local emergency number or go to an emergency department."
NOTICE = f"{REMINDER} {LOCAL_EMERGENCY}"
NO_REGION = {"region": None, "number": None, "also": [], "text": LOCAL_EMERGENCY}


def test_version_comes_from_pyproject(run: Run) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"backpain {version}"


def test_every_command_has_help_text_and_examples(run: Run) -> None:
    top = run("--help")
    assert top.exit_code == 0
    assert "Examples:" in top.stdout and "Exit status" in top.stdout
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        assert command.callback is not None and command.callback.__doc__, f"{name} has no help text"
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Usage: backpain" in result.stdout


def test_no_arguments_shows_help_as_a_usage_error(run: Run) -> None:
    result = run()
    assert result.exit_code == 2  # a usage error: no command given
    assert result.stdout == ""
    assert result.stderr.startswith("Usage: backpain [OPTIONS] COMMAND [ARGS]...")
    assert "Examples:" in result.stderr and "Exit status" in result.stderr
    assert "Traceback" not in result.stderr


# -- search -------------------------------------------------------------------------------


def test_search_table_shows_match_reason_score_and_reminder(run_mini: Run) -> None:
    result = run_mini("search", "slipped", "disc")
    assert result.exit_code == 0
    assert "Herniated disc" in result.stdout
    assert "name: slipped disc" in result.stdout
    assert REMINDER in result.stdout
    assert result.stderr == ""


def test_search_json_shape(run_mini: Run) -> None:
    result = run_mini("search", "sciatica", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["query"] == "sciatica"
    first = data["results"][0]
    assert first["id"] == "sciatica"
    assert {"id", "name", "name_i18n", "category", "aliases", "score", "matched", "urgency", "sources"} <= set(first)
    assert set(first["aliases_i18n"]) == {"en", "ar"}
    assert 0 < first["score"] <= 100
    assert data["notice"] == NOTICE
    assert data["emergency"] == NO_REGION


def test_json_shorthand_equals_format_json(run_mini: Run) -> None:
    assert run_mini("search", "sciatica", "--json").stdout == run_mini("search", "sciatica", "-f", "json").stdout


def test_search_emergency_cause_is_marked(run_mini: Run) -> None:
    data = json.loads(run_mini("search", "herniated", "disc", "--json").stdout)
    assert data["results"][0]["urgency"] == "emergency"
    assert "has emergency signs" in run_mini("search", "herniated", "disc").stdout


def test_search_with_no_match_fails_on_stderr(run_mini: Run) -> None:
    result = run_mini("search", "guitar")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: no cause matches “guitar”")


def test_search_with_no_match_still_prints_json_for_scripts(run_mini: Run) -> None:
    result = run_mini("search", "guitar", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data == {
        "schema_version": 1,
        "error": {"code": "no-match", "message": data["error"]["message"], "suggestions": []},
    }
    assert data["error"]["message"].startswith("no cause matches “guitar”")
    assert result.stderr == f"Error: {data['error']['message']}\n"


@pytest.mark.parametrize(
    ("query", "sign"),
    [
        ("can't pee", "urinary-retention"),
        ("cant pee", "urinary-retention"),
        ("numb bum", "saddle-numbness"),
        ("sciatica in both legs", "both-legs-symptoms"),
        ("wetting the bed", "urinary-incontinence"),
        ("numb when wiping", "saddle-numbness"),
        ("chest pain and back pain", "chest-pain-with-back-pain"),
        ("fell off a ladder", "major-trauma"),
        ("no fever but I can't pee", "urinary-retention"),  # a denial ends at "but"
        ("لا أستطيع التبول", "urinary-retention"),
    ],
)
def test_a_query_that_describes_an_emergency_sign_leads_with_it(run: Run, query: str, sign: str) -> None:
    data = json.loads(run("search", query, "--json").stdout)
    assert sign in [flag["id"] for flag in data["red_flags"]]
    assert data["red_flags"][0]["urgency"] == "emergency"
    table = run("search", query, "--lang", "en", env={"COLUMNS": "100"})
    assert table.stdout.startswith(" ⚠ EMERGENCY  Warning sign to rule out:")
    assert "If you have it: Call the emergency number or go to an emergency department now." in " ".join(
        table.stdout.split()
    )
    assert REMINDER in table.stdout


@pytest.mark.parametrize(
    "query",
    [
        "sciatica",
        "slipped disc",
        "pain when peeing",
        "kidney stones",
        "numb leg",
        "pain on both sides of my lower back",
        "can't control the pain",
        "cant hold my baby",
        # Denied signs raise nothing.
        "no fever",
        "I don't have a fever",
        "no numbness in my legs",
        "I haven't had any accident or fall",
        "desk job, aching lower back for 2 weeks. No numbness, no tingling, no problems with my bladder or bowels",
        "ما عندي حمى",
    ],
)
def test_an_ordinary_query_raises_no_alarm(run: Run, query: str) -> None:
    result = run("search", query, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["red_flags"] == []
    assert "Warning sign to rule out" not in run("search", query).stdout


def test_an_urgent_sign_says_to_see_a_doctor_today(run: Run) -> None:
    data = json.loads(run("search", "fever", "--json").stdout)
    assert [(flag["id"], flag["urgency"]) for flag in data["red_flags"]] == [("fever-with-back-pain", "urgent")]
    assert data["red_flags"][0]["action"] == "See a doctor or call a non-emergency medical helpline today."


def test_a_warning_sign_is_an_answer_even_when_no_cause_matches(run: Run) -> None:
    result = run("search", "incontinence", "--format", "plain")
    assert result.exit_code == 0
    assert result.stdout.startswith("⚠ EMERGENCY:\n  Warning sign to rule out: Loss of bladder control")
    assert "the sign above points to: Cauda equina syndrome, Herniated disc." in result.stdout
    assert result.stderr == ""


def test_a_general_query_with_a_category_is_ranked_in_that_category(run: Run) -> None:
    data = json.loads(run("search", "back", "pain", "--category", "infection", "--json").stdout)
    assert data["general"] is False
    assert data["results"] and {item["category"]["id"] for item in data["results"]} == {"infection"}


def test_a_query_in_arabic_is_answered_in_arabic(run: Run) -> None:
    arabic = run("search", "عرق النسا")
    assert "الأسباب" in arabic.stdout and "هذه معلومات وليست تشخيصًا" in arabic.stdout
    assert "Causes" in run("search", "عرق النسا", "--lang", "en").stdout
    assert "Causes" in run("search", "sciatica عرق النسا").stdout  # mixed scripts keep the locale


def test_search_empty_query_is_usage_error(run_mini: Run) -> None:
    result = run_mini("search", "   ")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for QUERY: the query is empty; type a cause, a symptom or a question"
    )


def test_search_limit_and_category_filter(run_mini: Run) -> None:
    assert len(json.loads(run_mini("search", "sciatica", "leg", "--json").stdout)["results"]) == 2
    data = json.loads(run_mini("search", "sciatica", "leg", "--limit", "1", "--json").stdout)
    assert len(data["results"]) == 1
    filtered = json.loads(run_mini("search", "leg", "--category", "nerve", "--json").stdout)
    assert [item["category"]["id"] for item in filtered["results"]] == ["nerve"]


def test_search_arabic_output(run_mini: Run) -> None:
    result = run_mini("search", "عرق النسا", "--lang", "ar")
    assert result.exit_code == 0
    assert "عرق النسا" in result.stdout
    assert "هذه معلومات وليست تشخيصًا" in result.stdout


# -- list, categories ---------------------------------------------------------------------


def test_list_json_carries_documented_fields(run_mini: Run) -> None:
    result = run_mini("list", "--format", "json")
    assert result.exit_code == 0
    causes = json.loads(result.stdout)["causes"]
    assert [cause["id"] for cause in causes] == ["herniated-disc", "sciatica", "ankylosing-spondylitis"]
    for cause in causes:
        assert {"id", "name", "name_i18n", "aliases", "category", "sources"} <= set(cause)
        assert set(cause["name_i18n"]) == {"en", "ar"}


@pytest.mark.parametrize("spelling", ["inflammatory", "Inflammatory conditions", "inflamatory", "حالات التهابية"])
def test_list_category_accepts_id_name_and_close_spelling(run_mini: Run, spelling: str) -> None:
    result = run_mini("list", "--category", spelling, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [cause["id"] for cause in json.loads(result.stdout)["causes"]] == ["ankylosing-spondylitis"]


def test_list_unknown_category_lists_closest(run_mini: Run) -> None:
    result = run_mini("list", "--category", "nerv-stuff")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: no category “nerv-stuff”")
    assert lines[1] == "Did you mean: nerve?"


def test_an_unknown_category_far_from_all_lists_every_category(run: Run) -> None:
    result = run("list", "--category", "foo")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: no category “foo”; the categories are: mechanical, ")
    assert "Did you mean" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_categories_counts(run_mini: Run) -> None:
    data = json.loads(run_mini("categories", "--json").stdout)
    causes = {category["id"]: [cause["id"] for cause in category["causes"]] for category in data["categories"]}
    assert causes == {
        "mechanical": ["herniated-disc"],
        "inflammatory": ["ankylosing-spondylitis"],
        "nerve": ["sciatica"],
    }
    assert all(category["description"] for category in data["categories"])


# -- show ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["herniated-disc", "Herniated disc", "slipped disc", "القرص المنفتق", "الانزلاق الغضروفي"]
)
def test_show_accepts_id_name_or_alias(run_mini: Run, name: str) -> None:
    result = run_mini("show", name, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "herniated-disc"


def test_show_full_detail(run_mini: Run) -> None:
    result = run_mini("show", "herniated-disc", "--full")
    assert result.exit_code == 0
    for text in (
        "Herniated disc",
        "الانزلاق الغضروفي",
        "Burning or tingling",
        "EMERGENCY",
        "Numbness around the genitals",
        "Short rest",
        "Sciatica (can cause)",
        "Test Publisher, Test document A — a.txt",
        REMINDER,
    ):
        assert text in result.stdout, text


def test_show_json_lists_red_flags_with_urgency(run_mini: Run) -> None:
    data = json.loads(run_mini("show", "herniated-disc", "--json").stdout)
    assert [(flag["id"], flag["urgency"]) for flag in data["red_flags"]] == [
        ("saddle-numbness", "emergency"),
        ("fever", "urgent"),
    ]
    assert data["summary"]["sources"] == ["doc-a"]
    assert data["related"] == [
        {
            "id": "sciatica",
            "name": "Sciatica",
            "name_i18n": {"en": "Sciatica", "ar": "عرق النسا"},
            "relation": "can-cause",
            "sources": ["doc-a"],
        }
    ]


def test_show_arabic_with_english_fallback(run_mini: Run) -> None:
    result = run_mini("show", "sciatica", "--lang", "ar")
    assert result.exit_code == 0
    assert "عرق النسا" in result.stdout
    # The summary has no Arabic text, so it falls back to English.
    assert "Pain along the sciatic nerve" in result.stdout


def test_arabic_locale_chooses_arabic(run_mini: Run) -> None:
    result = run_mini("show", "sciatica", env={"LANG": "ar_EG.UTF-8"})
    assert "ألم حاد ينزل في مؤخرة الساق" in result.stdout
    english = run_mini("show", "sciatica", "--lang", "en", env={"LANG": "ar_EG.UTF-8"})
    assert "Shooting pain down the back of the leg" in english.stdout


def test_show_near_miss_says_did_you_mean(run_mini: Run) -> None:
    result = run_mini("show", "sciatika")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Error: no cause called “sciatika”" in result.stderr
    assert "Did you mean: sciatica?" in result.stderr


# -- treatments, sources, guide -----------------------------------------------------------


def test_treatments_for_cause(run_mini: Run) -> None:
    data = json.loads(run_mini("treatments", "--for", "slipped disc", "--json").stdout)
    assert [(item["id"], item["kind"]) for item in data["treatments"]] == [("rest", "self-care")]
    assert data["treatments"][0]["cautions"][0]["text"] == "Not prolonged bed rest."
    assert [cause["id"] for cause in data["treatments"][0]["causes"]] == ["herniated-disc"]


def test_treatments_for_unknown_cause(run_mini: Run) -> None:
    result = run_mini("treatments", "--for", "carrot")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: no cause called “carrot”; see `backpain list` or try `backpain search`\n"


def test_sources_json(run_mini: Run, run: Run) -> None:
    data = json.loads(run_mini("sources", "--json").stdout)
    assert data["sources"][0] == {
        "id": "doc-a",
        "publisher": "Test Publisher",
        "title": "Test document A",
        "kind": "seed",
        "file": "a.txt",
        "language": "en",
        "year": None,
        "url": None,
        "checked": None,
        "note": None,
    }
    bundled = json.loads(run("sources", "--json").stdout)["sources"]
    assert all(source["url"] and source["checked"] for source in bundled if source["kind"] == "reference")


@pytest.mark.parametrize(
    ("topic", "first_id"),
    [
        ("risk-factors", "smoking"),
        ("prevention", "lifting-technique"),
        ("activities", "twisting"),
        ("pain-types", "acute"),
        ("tests", "mri"),
    ],
)
def test_guide_topics(run_mini: Run, topic: str, first_id: str) -> None:
    result = run_mini("guide", topic, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["items"][0]["id"] == first_id
    assert first_id in run_mini("guide", topic).stdout


def test_guide_unknown_topic_is_usage_error(run_mini: Run) -> None:
    result = run_mini("guide", "astrology")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Usage: backpain guide ")
    error = result.stderr.splitlines()[-1]
    assert error.startswith("Error: Invalid value for 'TOPIC': 'astrology' is not one of 'risk-factors', ")


# -- redflags list --------------------------------------------------------------------------


def test_redflags_json_most_severe_first(run_mini: Run) -> None:
    data = json.loads(run_mini("redflags", "--json").stdout)
    assert [flag["urgency"] for flag in data["red_flags"]] == ["emergency", "urgent", "soon"]
    first = data["red_flags"][0]
    assert {"id", "sign", "urgency", "group", "action", "causes", "sources"} <= set(first)
    assert [cause["id"] for cause in first["causes"]] == ["herniated-disc"]
    assert first["group"]["id"] == "cauda-equina"
    assert "cauda equina" in data["evidence_note"]


def test_redflags_table_says_what_to_do(run_mini: Run) -> None:
    out = run_mini("redflags").stdout
    assert "EMERGENCY: Call the emergency number or go to an emergency department now." in out
    assert REMINDER in out


# -- knowledge base selection -----------------------------------------------------------------


def test_kb_option_and_environment_variable(run: Run, tmp_path: object) -> None:
    via_option = run("--kb", str(MINI_KB), "list", "--json")
    via_env = run("list", "--json", kb=MINI_KB)
    assert via_option.exit_code == via_env.exit_code == 0
    assert len(json.loads(via_option.stdout)["causes"]) == 3
    assert via_option.stdout == via_env.stdout


def test_missing_kb_file_is_one_clear_error(run: Run) -> None:
    result = run("list", kb=ROOT / "no-such-kb.json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "no-such-kb.json: no such file" in result.stderr


def test_validate_bundled(run: Run) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_validate_path_json(run: Run) -> None:
    data = json.loads(run("validate", str(MINI_KB), "--json").stdout)
    assert data["valid"] is True
    assert data["counts"]["causes"] == 3


def test_show_says_what_each_urgency_of_its_red_flags_means(run_mini: Run) -> None:
    result = run_mini("show", "herniated-disc", "--format", "plain")
    assert "EMERGENCY: Call the emergency number or go to an emergency department now." in result.stdout
    assert "URGENT: See a doctor or call a non-emergency medical helpline today." in result.stdout
    flags = json.loads(run_mini("show", "herniated-disc", "--json").stdout)["red_flags"]
    assert {flag["urgency"]: flag["action"] for flag in flags}["emergency"].startswith("Call the emergency number")


def test_treatments_show_what_the_evidence_says(run: Run) -> None:
    result = run("treatments", "--format", "plain")
    traction = next(line for line in result.stdout.splitlines() if line.startswith("traction\t"))
    assert "NICE does not recommend traction for managing low back pain." in traction
    assert "Evidence" in run("treatments", env={"COLUMNS": "160"}).stdout


def test_a_cause_with_no_listed_treatment_says_so_and_keeps_its_emergency(run: Run) -> None:
    result = run("treatments", "--for", "cauda-equina-syndrome", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "Treatments: Cauda equina syndrome"
    assert "lists no treatments for Cauda equina syndrome; a clinician decides how it is treated." in result.stdout
    assert (
        "⚠ Cauda equina syndrome has emergency signs (see `backpain show cauda-equina-syndrome`): if you have any"
        " of them, call the emergency number" in result.stdout
    )
    assert "┏" not in result.stdout  # no empty table
    quiet = run("treatments", "--for", "kidney-stones", "--format", "plain")
    assert "lists no treatments for Kidney stones" in quiet.stdout and "has emergency signs" not in quiet.stdout


@pytest.mark.parametrize(
    "query",
    [
        "back pain",
        "lower back pain",
        "backache",
        "what causes lower back pain?",
        "ألم الظهر",
        "ألم أسفل الظهر",
        "وجع الظهر",
        # words that say nothing of a cause ("feel", "lately") leave it general
        "I feel pain in my lower back",
        "lately I have been feeling a lot of pain in my back",
    ],
)
def test_a_query_too_general_for_one_cause_lists_the_common_ones_and_how_to_narrow(run: Run, query: str) -> None:
    result = run("search", query, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["general"] is True
    assert data["results"] and all(item["prevalence"] == "common" for item in data["results"])
    assert data["results"][0]["id"] == "non-specific-low-back-pain"  # most back pain (NICE NG59)
    assert "backpain redflags --check" in data["hint"]
    table = run("search", query, env={"COLUMNS": "100"})
    assert "backpain redflags --check" in table.stdout and "Tumour in the chest" not in table.stdout


def test_limit_applies_to_the_common_causes_when_given(run: Run) -> None:
    assert len(json.loads(run("search", "back", "pain", "--limit", "2", "--json").stdout)["results"]) == 2


def test_a_query_with_one_telling_word_is_ranked_as_usual(run: Run) -> None:
    data = json.loads(run("search", "upper", "back", "pain", "--json").stdout)
    assert data["general"] is False and data["results"][0]["score"] > 0


def test_arabic_output_names_fixed_values_in_arabic(run: Run) -> None:
    result = run("show", "herniated-disc", "--lang", "ar", "--format", "plain")
    assert "مدى الشيوع: شائع" in result.stdout
    assert "المكان: أسفل الظهر، " in result.stdout
    assert "lower-back" not in result.stdout and "common" not in result.stdout
    search = run("search", "عرق النسا", "--format", "plain")
    assert "\tالاسم: " in search.stdout or "\tعرض: " in search.stdout
    data = json.loads(run("show", "herniated-disc", "--lang", "ar", "--json").stdout)
    assert data["prevalence"] == "common" and "lower-back" in data["locations"]  # JSON keeps the values


def test_the_arabic_check_asks_again_in_arabic(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", "--lang", "ar", input="ممم\n40\nممم\n")
    assert result.exit_code == 6  # the input ended before the check did: not an all-clear
    assert "لم يكتمل" in result.stdout
    assert "يرجى كتابة عمرك بالسنوات" in result.stderr
    assert "يرجى الإجابة بنعم أو لا أو لست متأكدًا" in result.stderr
    assert "انتهى الإدخال قبل اكتمال الفحص" in result.stderr


def test_one_treatment_in_full_by_name(run: Run) -> None:
    result = run("treatments", "traction", "--format", "plain")
    assert result.exit_code == 0
    assert result.stdout.startswith("Traction (traction)\nKind: physical therapy\n")
    assert "  • NICE does not recommend traction for managing low back pain." in result.stdout
    assert "Used for: Herniated disc" in result.stdout
    data = json.loads(run("treatments", "Traction", "--json").stdout)
    assert data["id"] == "traction" and "herniated-disc" in [cause["id"] for cause in data["causes"]]


def test_a_treatment_given_to_for_points_to_its_page(run: Run) -> None:
    result = run("treatments", "--for", "traction")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: “traction” is a treatment, not a cause: see `backpain treatments traction`\n"


def test_treatment_name_and_for_together_is_a_usage_error(run: Run) -> None:
    result = run("treatments", "traction", "--for", "sciatica")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for --for: give a treatment NAME or --for CAUSE, not both"
    )


def test_an_unknown_treatment_suggests_close_ones(run: Run) -> None:
    result = run("treatments", "tracton")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Error: no treatment called “tracton”; see `backpain treatments`",
        "Did you mean: traction?",
    ]


def test_an_arabic_query_that_finds_nothing_is_told_so_in_arabic(run: Run) -> None:
    result = run("search", "العصب المضغوط")
    assert result.exit_code == 1
    assert result.stdout == ""
    first, hint = result.stderr.splitlines()
    assert first.startswith("Error: لا يطابق أي سبب «العصب المضغوط»؛") and "backpain redflags --check" in first
    assert hint.startswith("هل تقصد: nerve-entrapment (") and hint.endswith("؟")


def test_choices_are_case_insensitive(run: Run) -> None:
    result = run("--bidi", "OFF", "search", "sciatica", "--format", "JSON", "--lang", "AR")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["results"][0]["id"] == "sciatica"
    assert run("guide", "Tests", "--format", "Plain").exit_code == 0


def test_a_category_that_filters_out_every_match_says_so_and_how_to_drop_it(run: Run) -> None:
    result = run("search", "sciatica", "--category", "inflammatory")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == (
        "Error: causes match “sciatica”, but none in the category Inflammatory conditions; drop --category to see them"
    )
    arabic = run("search", "sciatica", "--category", "inflammatory", "--lang", "ar")
    assert "احذف الخيار --category" in arabic.stderr and "\ufffd" not in arabic.stderr


def test_show_leads_with_a_short_summary_that_keeps_every_warning_sign(run: Run) -> None:
    short = run("show", "sciatica", "--format", "plain")
    full = run("show", "sciatica", "--full", "--format", "plain")
    assert short.exit_code == full.exit_code == 0
    assert len(short.stdout) < len(full.stdout) * 0.6
    assert "ICD-10-CM" not in short.stdout and "ICD-10-CM" in full.stdout
    assert "backpain show sciatica --full" in short.stdout
    # every warning sign stays on the first screen
    for line in full.stdout.splitlines():
        if line.startswith("Red flags:"):
            assert line in short.stdout
    signs = [flag["sign"] for flag in json.loads(run("show", "sciatica", "--json").stdout)["red_flags"]]
    assert signs and all(sign in short.stdout for sign in signs)
    # JSON holds everything either way
    assert json.loads(run("show", "sciatica", "--json").stdout) == json.loads(
        run("show", "sciatica", "--json", "--full").stdout
    )
