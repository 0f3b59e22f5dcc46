"""``redflags --check``: every urgency tier, piped and by --yes, early stop, "not sure", input ending."""

from __future__ import annotations

import json

import pytest

from backpain_cli.triage import Answer, parse_answer
from tests.conftest import Run

# The mini knowledge base asks, in order: saddle-numbness (emergency), fever (urgent),
# morning-stiffness (soon).


@pytest.mark.parametrize(
    ("answers", "urgency", "code"),
    [
        ("n\nn\nn\n", None, 0),
        ("n\nn\ny\n", "soon", 3),
        ("n\ny\nn\n", "urgent", 4),
        ("n\ny\ny\n", "urgent", 4),
        ("y\n", "emergency", 5),
    ],
)
def test_piped_answers_reach_each_tier(run_mini: Run, answers: str, urgency: str | None, code: int) -> None:
    result = run_mini("redflags", "--check", "--json", input=answers)
    assert result.exit_code == code
    verdict = json.loads(result.stdout)
    assert verdict["urgency"] == urgency
    assert verdict["exit_code"] == code


@pytest.mark.parametrize(
    ("yes", "urgency", "code"),
    [(["morning-stiffness"], "soon", 3), (["fever"], "urgent", 4), (["saddle-numbness", "fever"], "emergency", 5)],
)
def test_yes_option_reaches_each_tier(run_mini: Run, yes: list[str], urgency: str | None, code: int) -> None:
    args = [arg for flag_id in yes for arg in ("--yes", flag_id)]
    result = run_mini("redflags", "--check", *args, "--json", input="")
    assert result.exit_code == code
    verdict = json.loads(result.stdout)
    assert verdict["urgency"] == urgency
    assert verdict["complete"] is True
    assert result.stderr == ""  # nothing was asked


def test_emergency_stops_early_and_says_what_to_do(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", input="yes\n")
    assert result.exit_code == 5
    assert result.stderr.count("(1/3)") == 1
    assert "(2/3)" not in result.stderr
    assert "stopping the questions here" in result.stderr
    assert "EMERGENCY: Call the emergency number or go to an emergency department now." in result.stdout
    assert "Herniated disc" in result.stdout  # the condition the answer points to
    assert "This is information, not a diagnosis" in result.stdout


def test_not_sure_counts_as_yes_for_emergency_signs_only(run_mini: Run) -> None:
    emergency = run_mini("redflags", "--check", "--json", input="not sure\n")
    assert emergency.exit_code == 5
    assert json.loads(emergency.stdout)["unsure"] == ["saddle-numbness"]
    urgent_unsure = run_mini("redflags", "--check", "--json", input="no\nnot sure\nno\n")
    assert urgent_unsure.exit_code == 0
    assert json.loads(urgent_unsure.stdout)["urgency"] is None


def test_unclear_answer_is_asked_again(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", "--json", input="perhaps\nn\nn\nn\n")
    assert result.exit_code == 0
    assert "Please answer yes, no or not sure." in result.stderr
    assert result.stderr.count("(1/3)") == 2


def test_end_of_input_is_never_an_all_clear(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", "--json", input="n\n")
    assert "Input ended before the check was finished" in result.stderr
    verdict = json.loads(result.stdout)
    assert verdict["complete"] is False
    assert verdict["answered"] == 1
    assert verdict["urgency"] is None
    assert verdict["action"].startswith("2 of 3 signs were not answered, so this is not an all-clear.")
    assert result.exit_code == verdict["exit_code"] == 6


def test_an_unfinished_check_says_so_in_the_table(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", input="n\n")
    assert result.exit_code == 6
    assert "NOT FINISHED" in result.stdout and "not an all-clear" in result.stdout
    assert "No red flag reported" not in result.stdout


def test_end_of_input_keeps_a_positive_answer(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", "--json", input="n\ny\n")
    assert result.exit_code == 4
    assert json.loads(result.stdout)["complete"] is False


def test_empty_input_never_hangs(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", input="")
    assert "Input ended" in result.stderr
    assert result.exit_code == 6


def test_unknown_yes_id(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", "--yes", "saddle-numb")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no red flag “saddle-numb”" in result.stderr
    assert "saddle-numbness" in result.stderr


def test_yes_without_check_is_usage_error(run_mini: Run) -> None:
    result = run_mini("redflags", "--yes", "fever")
    assert result.exit_code == 2
    assert "--yes goes with --check" in result.stderr


def test_arabic_questions(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", "--lang", "ar", input="لا\nلا\nلا\n")
    assert result.exit_code == 0
    assert "هل لديك حمى؟" in result.stderr
    assert "هذه معلومات وليست تشخيصًا" in result.stdout


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("y", Answer.YES),
        (" YES ", Answer.YES),
        ("No.", Answer.NO),
        ("n", Answer.NO),
        ("not sure", Answer.UNSURE),
        ("Don’t know", Answer.UNSURE),
        ("?", Answer.UNSURE),
        ("نعم", Answer.YES),
        ("لا", Answer.NO),
        ("banana", None),
        ("", None),
    ],
)
def test_parse_answer(text: str, answer: Answer | None) -> None:
    assert parse_answer(text) is answer
