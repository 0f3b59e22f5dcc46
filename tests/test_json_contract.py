"""The JSON contract (docs/json.md): every command's output, success and failure, against its shipped schema."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from typer.testing import Result

from backpain_cli import cli, render
from tests.conftest import MINI_KB, Run

SCHEMAS = files("backpain_cli") / "schemas"
SCHEMA_FILES = sorted(item.name for item in SCHEMAS.iterdir() if item.name.endswith(".json"))
COMMAND_SCHEMAS = [name for name in SCHEMA_FILES if name not in ("definitions.json", "error.json")]


def _schema(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return data


REGISTRY: Registry[Any] = Registry().with_resources(
    (_schema(name)["$id"], Resource.from_contents(_schema(name))) for name in SCHEMA_FILES
)


def _validator(command: str) -> Draft202012Validator:
    return Draft202012Validator(_schema(f"{command}.json"), registry=REGISTRY)


def _check(command: str, result: Result) -> dict[str, Any]:
    """The parsed document, after checking it against the command's schema and the shared rules."""
    data: dict[str, Any] = json.loads(result.stdout)
    errors = sorted(_validator(command).iter_errors(data), key=lambda error: error.json_path)
    assert not errors, "\n".join(f"{error.json_path}: {error.message}" for error in errors[:5])
    assert next(iter(data)) == "schema_version" and data["schema_version"] == render.JSON_SCHEMA_VERSION
    return data


ANSWERS = [
    "--age", "40", "--sex", "male", "--began", "gradually", "--with", "none", "--duration", "days",
    "--recurrence", "first-time", "--where", "lower-back", "--worse", "bending", "--better", "rest",
]  # fmt: skip

# Every command and form, on the bundled knowledge base (long lists, both languages): (schema, arguments, status).
SUCCESSES = [
    ("search", ["search", "slipped", "disc"], 0),
    ("search", ["search", "عرق النسا"], 0),
    ("search", ["search", "back", "pain"], 0),  # too general: the common causes
    ("search", ["search", "incontinence"], 0),  # a warning sign and no cause
    ("search", ["search", "fever", "--lang", "ar"], 0),
    ("search", ["search", "my husband can't pee and his back hurts"], 0),  # someone else's sign
    ("search", ["search", "is saddle numbness an emergency?"], 0),  # a sign asked about
    ("search", ["search", "M51.16"], 0),  # found by its code
    ("search", ["search", "lower back pain, worse walking, better when I sit or lean on a trolley"], 0),  # a story
    ("list", ["list"], 0),
    ("list", ["list", "--category", "inflammatory", "--lang", "ar"], 0),
    ("categories", ["categories"], 0),
    ("show", ["show", "herniated-disc"], 0),
    ("show", ["show", "cauda-equina-syndrome", "--lang", "ar"], 0),
    ("treatments", ["treatments"], 0),
    ("treatments", ["treatments", "--for", "sciatica"], 0),
    ("treatments", ["treatments", "traction", "--lang", "ar"], 0),
    ("redflags", ["redflags"], 0),
    ("redflags", ["redflags", "--check", "--yes", "saddle-numbness"], 5),
    ("redflags", ["redflags", "--check", "--yes", "fever-with-back-pain", "--lang", "ar"], 4),
    ("redflags", ["redflags", "--check"], 6),  # no input: not finished
    ("assess", ["assess", *ANSWERS, "--red-flags", "none"], 0),
    ("assess", ["assess", *ANSWERS, "--red-flags", "saddle-numbness", "--lang", "ar"], 5),
    ("sources", ["sources"], 0),
    ("guide", ["guide", "tests"], 0),
    ("guide", ["guide", "risk-factors", "--lang", "ar"], 0),
    ("validate", ["validate"], 0),
]

# Failures the app itself reports: (schema, arguments, status, error code).
FAILURES = [
    ("search", ["search", "guitar"], 1, "no-match"),
    ("search", ["search", "sore", "throat"], 1, "not-back-pain"),
    ("search", ["search", "sciatica", "--category", "zzz"], 1, "not-found"),
    ("list", ["list", "-c", "zzz"], 1, "not-found"),
    ("show", ["show", "xyz"], 1, "not-found"),
    ("show", ["show", "sciatika"], 1, "not-found"),
    ("treatments", ["treatments", "tracton"], 1, "not-found"),
    ("treatments", ["treatments", "--for", "traction"], 1, "not-found"),
    ("redflags", ["redflags", "--check", "--yes", "no-such-sign"], 1, "not-found"),
    ("assess", ["assess", *ANSWERS, "--red-flags", "no-such-sign"], 1, "not-found"),
    ("categories", ["--kb", "no-such-file.json", "categories"], 1, "invalid-knowledge-base"),
    ("sources", ["--kb", "no-such-file.json", "sources"], 1, "invalid-knowledge-base"),
    ("guide", ["--kb", "no-such-file.json", "guide", "tests"], 1, "invalid-knowledge-base"),
]


@pytest.mark.parametrize(("command", "args", "status"), SUCCESSES, ids=lambda value: str(value))
def test_every_command_prints_json_its_schema_allows(run: Run, command: str, args: list[str], status: int) -> None:
    result = run(*args, "--json")
    assert result.exit_code == status, result.stderr
    assert "error" not in _check(command, result)


@pytest.mark.parametrize(("command", "args", "status", "code"), FAILURES, ids=lambda value: str(value))
def test_a_failure_prints_an_error_document_and_the_message_on_stderr(
    run: Run, command: str, args: list[str], status: int, code: str
) -> None:
    result = run(*args, "--format", "json")
    assert result.exit_code == status
    data = _check(command, result)
    assert set(data) == {"schema_version", "error"}
    assert data["error"]["code"] == code
    assert result.stderr.startswith(f"Error: {data['error']['message'].splitlines()[0]}")


def test_suggestions_are_ids_to_try(run: Run) -> None:
    show = _check("show", run("show", "sciatika", "--json"))
    assert show["error"]["suggestions"][0] == "sciatica"
    search = run("search", "العصب المضغوط", "--json")
    data = _check("search", search)
    assert data["error"]["suggestions"][0] == "nerve-entrapment"
    assert "هل تقصد: nerve-entrapment (" in search.stderr  # people still see the names


def test_an_answers_file_that_is_not_json_is_an_input_error(run: Run, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text("{not json", encoding="utf-8")
    result = run("redflags", "--check", "--answers", str(answers), "--json")
    assert result.exit_code == 2
    assert _check("redflags", result)["error"]["code"] == "bad-input"


@pytest.mark.parametrize("command", ["redflags", "assess"])
def test_an_interrupted_check_still_prints_a_document(run: Run, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    def ctrl_c() -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_read_line", ctrl_c)
    result = run(command, *(["--check"] if command == "redflags" else []), "--json")
    assert result.exit_code == 130
    assert _check(command, result)["error"]["code"] == "interrupted"
    assert "stopped before" in result.stderr and "Error:" not in result.stderr


def test_validate_reports_every_problem_as_a_document(run: Run, write_kb: Any, mini_data: dict[str, Any]) -> None:
    mini_data["causes"][1]["category"] = "nowhere"
    mini_data["red_flags"][0]["causes"] = ["nobody"]
    result = run("validate", str(write_kb(mini_data)), "--json")
    assert result.exit_code == 1
    data = _check("validate", result)
    assert data["valid"] is False and data["counts"] is None and len(data["problems"]) == 2
    assert data["error"]["code"] == "invalid-knowledge-base"
    assert _check("validate", run("validate", str(MINI_KB), "--json"))["valid"] is True


def test_assess_without_an_assessment_section_is_unsupported(
    run: Run, write_kb: Any, mini_data: dict[str, Any]
) -> None:
    mini_data.pop("assessment", None)
    result = run("assess", "--json", kb=write_kb(mini_data))
    assert result.exit_code == 1
    assert _check("assess", result)["error"]["code"] == "unsupported"


# -- one model per entity -----------------------------------------------------------------


def test_the_full_form_of_a_cause_is_a_superset_of_its_summary(run: Run) -> None:
    listed = {item["id"]: item for item in _check("list", run("list", "--json"))["causes"]}
    for cause_id in ("herniated-disc", "cauda-equina-syndrome", "non-specific-low-back-pain"):
        full = _check("show", run("show", cause_id, "--json"))
        summary = listed[cause_id]
        assert {key: full[key] for key in summary} == summary
    found = _check("search", run("search", "sciatica", "--json"))["results"][0]
    assert {key: value for key, value in found.items() if key not in ("score", "matched")} == listed[found["id"]]


def test_a_red_flag_has_the_same_fields_everywhere(run: Run) -> None:
    checklist = {flag["id"]: flag for flag in _check("redflags", run("redflags", "--json"))["red_flags"]}
    named = [
        *_check("show", run("show", "herniated-disc", "--json"))["red_flags"],
        *_check("search", run("search", "can't", "pee", "--json"))["red_flags"],
        *_check("redflags", run("redflags", "--check", "--yes", "saddle-numbness", "--json"))["red_flags"],
    ]
    assert named
    for flag in named:
        full = checklist[flag["id"]]
        shared = set(flag) - {"answer", "unsure_action"}
        assert {"id", "sign", "sign_i18n", "urgency", "group", "action"} <= shared
        assert {key: flag[key] for key in shared} == {key: full[key] for key in shared}


def test_a_treatment_is_the_same_in_a_list_and_alone(run: Run) -> None:
    listed = {item["id"]: item for item in _check("treatments", run("treatments", "--json"))["treatments"]}
    alone = _check("treatments", run("treatments", "traction", "--json"))
    assert {key: alone[key] for key in listed["traction"]} == listed["traction"]
    assert any(item["aliases_i18n"]["en"] for item in listed.values())  # treatments carry their aliases


def test_causes_are_always_listed_as_references(run: Run) -> None:
    documents = [
        _check("categories", run("categories", "--json"))["categories"][0],
        _check("treatments", run("treatments", "traction", "--json")),
        _check("redflags", run("redflags", "--json"))["red_flags"][0],
        _check("redflags", run("redflags", "--check", "--yes", "saddle-numbness", "--json")),
    ]
    for document in documents:
        assert document["causes"]
        assert all(set(cause) == {"id", "name", "name_i18n"} for cause in document["causes"])


def test_text_follows_lang_and_its_twin_holds_both_languages(run: Run) -> None:
    english = _check("show", run("show", "sciatica", "--json"))
    arabic = _check("show", run("show", "sciatica", "--lang", "ar", "--json"))
    for field in ("name_i18n", "aliases_i18n"):
        assert english[field] == arabic[field]
    assert english["name"] == english["name_i18n"]["en"] and arabic["name"] == arabic["name_i18n"]["ar"]
    assert arabic["summary"]["text"] == arabic["summary"]["text_i18n"]["ar"]
    assert arabic["symptoms"][0]["text"] == english["symptoms"][0]["text_i18n"]["ar"]
    assert arabic["aliases"] == arabic["aliases_i18n"]["ar"] and english["aliases"] == english["aliases_i18n"]["en"]
    assert arabic["prevalence"] == english["prevalence"]  # fixed values are never translated


def test_an_untranslated_text_falls_back_to_english_and_its_twin_says_so(run_mini: Run) -> None:
    arabic = _check("show", run_mini("show", "sciatica", "--lang", "ar", "--json"))
    assert arabic["summary"]["text_i18n"]["ar"] is None
    assert arabic["summary"]["text"] == arabic["summary"]["text_i18n"]["en"]


def test_evidence_is_a_list_of_facts_everywhere(run: Run) -> None:
    cause = _check("show", run("show", "herniated-disc", "--json"))
    treatment = _check("treatments", run("treatments", "traction", "--json"))
    for evidence in (cause["evidence"], treatment["evidence"]):
        assert evidence and all(set(fact) == {"text", "text_i18n", "sources"} for fact in evidence)
    assert cause["evidence_level"] == "established"


# -- the schemas themselves ---------------------------------------------------------------


def _objects(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if "properties" in node:
            yield path, node
        for key, value in node.items():
            yield from _objects(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _objects(value, f"{path}/{index}")


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_every_schema_is_valid_and_closed(name: str) -> None:
    """A field the schema does not know fails validation: every object is closed, except the ``*_fields``
    bases that closed models extend."""
    schema = _schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    open_objects = [
        path
        for path, node in _objects(schema)
        if node.get("additionalProperties") is not False
        and node.get("unevaluatedProperties") is not False
        and not path.endswith("_fields")
    ]
    assert open_objects == [], open_objects


def test_a_field_the_schema_does_not_know_fails(run_mini: Run) -> None:
    data = json.loads(run_mini("show", "herniated-disc", "--json").stdout)
    validator = _validator("show")
    assert validator.is_valid(data)
    for extra in ({"new": 1}, {"category": {**data["category"], "new": 1}}):
        assert not validator.is_valid({**data, **extra})
    flags = [{**data["red_flags"][0], "new": 1}]
    assert not validator.is_valid({**data, "red_flags": flags})


def test_every_command_has_a_schema() -> None:
    from docs import cogging

    assert sorted(f"{name}.json" for name in cogging.command_names()) == COMMAND_SCHEMAS
