"""``redflags --check``: the adaptive flow, every tier, "not sure", answers in both languages,
answers files, input ending, and the verdict people and scripts see."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backpain_cli.triage import Answer, parse_age, parse_answer
from tests.conftest import Run

# The mini knowledge base asks, in order: age; saddle-numbness (emergency, no gate); the
# see-a-doctor gate ("fever, or stiffness in the morning?"); behind it fever (urgent) and
# morning-stiffness (soon).
GATE_EN = "Do you have a fever, or stiffness in the morning?"


@pytest.mark.parametrize(
    ("answers", "urgency", "code"),
    [
        ("40\nn\nn\n", None, 0),
        ("40\nn\ny\nn\ny\n", "soon", 3),
        ("40\nn\ny\ny\nn\n", "urgent", 4),
        ("40\nn\ny\ny\ny\n", "urgent", 4),
        ("40\ny\n", "emergency", 5),
    ],
)
def test_piped_answers_reach_each_tier(run_mini: Run, answers: str, urgency: str | None, code: int) -> None:
    result = run_mini("redflags", "--check", "--json", input=answers)
    assert result.exit_code == code
    verdict = json.loads(result.stdout)
    assert verdict["urgency"] == urgency
    assert verdict["exit_code"] == code


def test_age_comes_first_and_a_gate_answered_no_skips_its_questions(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", "--json", input="40\nn\nn\n")
    assert result.exit_code == 0
    assert result.stderr.index("How old are you?") < result.stderr.index("genitals or bottom numb")
    assert GATE_EN in result.stderr
    assert "Do you have a fever?" not in result.stderr  # behind the gate
    verdict = json.loads(result.stdout)
    assert [(a["id"], a["kind"], a["answer"]) for a in verdict["answers"]] == [
        ("age", "age", 40),
        ("saddle-numbness", "sign", "no"),
        ("see-a-doctor", "gate", "no"),
    ]
    assert verdict["age"] == 40
    assert verdict["complete"] is True
    assert verdict["not_checked"] == []


def test_a_gate_answered_yes_opens_its_questions(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", "--json", input="40\nn\nyes\nno\nno\n")
    assert "Do you have a fever?" in result.stderr
    assert "stiff for more than 30 minutes" in result.stderr
    assert result.exit_code == 0
    assert [a["id"] for a in json.loads(result.stdout)["answers"]][-2:] == ["fever", "morning-stiffness"]


def test_emergency_stops_at_once_and_says_what_to_do(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", input="40\nyes\n")
    assert result.exit_code == 5
    assert "(2)" in result.stderr and "(3)" not in result.stderr
    assert GATE_EN not in result.stderr
    assert "stopping the questions here" in result.stderr
    assert "EMERGENCY: Call the emergency number or go to an emergency department now." in result.stdout
    assert "Herniated disc" in result.stdout  # the condition the answer points to
    assert "This is information, not a diagnosis" in result.stdout
    assert "Not checked" not in result.stdout  # an emergency needs no list of what was skipped


@pytest.mark.parametrize(
    ("answers", "urgency", "code", "unsure"),
    [
        ("40\nnot sure\n", "emergency", 5, ["saddle-numbness"]),
        ("40\nn\nnot sure\nnot sure\nn\n", "urgent", 4, ["fever"]),
        ("40\nn\ny\nn\nnot sure\n", "soon", 3, ["morning-stiffness"]),
    ],
)
def test_not_sure_is_never_no_whatever_the_tier(
    run_mini: Run, answers: str, urgency: str, code: int, unsure: list[str]
) -> None:
    result = run_mini("redflags", "--check", "--json", input=answers)
    assert result.exit_code == code
    verdict = json.loads(result.stdout)
    assert verdict["urgency"] == urgency
    assert [item["id"] for item in verdict["unsure"]] == unsure
    assert all(item["unsure_action"].startswith("“not sure” counts as yes") for item in verdict["unsure"])
    assert all(item["answer"] == "unsure" for item in verdict["unsure"])
    assert [flag["answer"] for flag in verdict["red_flags"] if flag["id"] in unsure] == ["unsure"]


def test_unsure_answers_are_listed_with_what_to_do(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", input="40\nn\n?\nnot sure\nn\n")
    assert result.exit_code == 4
    assert "Not sure" in result.stdout
    assert "(you were not sure)" in result.stdout
    assert "counts as yes until a clinician has checked" in result.stdout
    assert "No red flag reported" not in result.stdout


def test_unclear_answer_is_asked_again_then_taken_as_unsure(run_mini: Run) -> None:
    again = run_mini("redflags", "--check", "--json", input="40\nbanana\nn\nn\n")
    assert again.exit_code == 0
    assert "Please answer yes, no or not sure" in again.stderr
    assert again.stderr.count("(2) ") == 2
    never_clear = run_mini("redflags", "--check", "--json", input="40\nbanana\nwhat\nhuh\n")
    assert never_clear.exit_code == 5  # the saddle-numbness question, unclear three times: not sure
    assert "taken as “not sure”" in never_clear.stderr
    assert [item["id"] for item in json.loads(never_clear.stdout)["unsure"]] == ["saddle-numbness"]


def test_unclear_age_is_asked_again(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", "--json", input="old\nI'm 67\nn\nn\n")
    assert "Please type your age in years" in result.stderr
    assert json.loads(result.stdout)["age"] == 67
    assert result.exit_code == 0


def test_end_of_input_is_never_an_all_clear(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", "--json", input="40\nn\n")
    assert "Input ended before the check was finished" in result.stderr
    verdict = json.loads(result.stdout)
    assert verdict["complete"] is False
    assert verdict["urgency"] is None
    assert [group["id"] for group in verdict["not_checked"]] == ["see-a-doctor"]
    assert verdict["action"].startswith("1 of 2 groups of warning signs were not checked, so this is not an all-clear.")
    assert result.exit_code == verdict["exit_code"] == 6


def test_an_unfinished_check_says_so_in_the_table(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", input="40\nn\n")
    assert result.exit_code == 6
    assert "NOT FINISHED" in result.stdout and "not an all-clear" in result.stdout
    assert "Not checked" in result.stdout and "See a doctor" in result.stdout
    assert "No red flag reported" not in result.stdout


def test_end_of_input_keeps_a_positive_answer(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", "--json", input="40\nn\ny\ny\n")
    assert result.exit_code == 4
    assert json.loads(result.stdout)["complete"] is False


def test_empty_input_never_hangs(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", input="")
    assert "Input ended" in result.stderr
    assert result.exit_code == 6


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


def test_unknown_yes_id(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", "--yes", "saddle-numb")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no red flag “saddle-numb”" in result.stderr
    assert "saddle-numbness" in result.stderr


@pytest.mark.parametrize("option", [["--yes", "fever"], ["--answers", "answers.json"]])
def test_check_options_without_check_are_usage_errors(run_mini: Run, option: list[str]) -> None:
    result = run_mini("redflags", *option)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Usage: backpain redflags ")
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for {option[0]}: goes with --check"


# -- answers files -------------------------------------------------------------------------


def _answers(tmp_path: Path, data: object) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_answers_file_in_either_language(run_mini: Run, tmp_path: Path) -> None:
    path = _answers(tmp_path, {"age": "٤٥", "saddle-numbness": "لأ", "see-a-doctor": "ايوه", "fever": "مش متأكد"})
    result = run_mini("redflags", "--check", "--answers", path, "--json", "--lang", "ar")
    assert result.stderr == ""  # nothing asked
    verdict = json.loads(result.stdout)
    assert verdict["age"] == 45
    assert verdict["urgency"] == "urgent"
    assert [item["id"] for item in verdict["unsure"]] == ["fever"]
    assert verdict["complete"] is False  # morning-stiffness was not in the file
    assert [group["id"] for group in verdict["not_checked"]] == ["see-a-doctor"]
    assert result.exit_code == 4


def test_answers_file_complete_no_flags(run_mini: Run, tmp_path: Path) -> None:
    path = _answers(tmp_path, {"age": 30, "saddle-numbness": "no", "see-a-doctor": "no"})
    result = run_mini("redflags", "--check", "--answers", path)
    assert result.exit_code == 0
    assert "No red flag reported" in result.stdout


def test_answers_file_missing_answers_are_never_an_all_clear(run_mini: Run, tmp_path: Path) -> None:
    result = run_mini("redflags", "--check", "--answers", _answers(tmp_path, {"age": 30}), "--json")
    verdict = json.loads(result.stdout)
    assert [group["id"] for group in verdict["not_checked"]] == ["cauda-equina", "see-a-doctor"]
    assert result.exit_code == 6


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"age": 30, "bladder": "no"}', "unknown question 'bladder'"),
        ('{"age": 30, "fever": "perhaps not"}', "'fever': 'perhaps not' is not an answer"),
        ('{"age": 300}', "'age': 300 is not an answer; give an age in years"),
        ('["yes"]', "holds one JSON object"),
        ("{age: 30", "is not valid JSON"),
    ],
)
def test_bad_answers_file_is_one_clear_line(run_mini: Run, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "answers.json"
    path.write_text(content, encoding="utf-8")
    result = run_mini("redflags", "--check", "--answers", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_yes_and_answers_together_is_a_usage_error(run_mini: Run, tmp_path: Path) -> None:
    result = run_mini("redflags", "--check", "--yes", "fever", "--answers", _answers(tmp_path, {}))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "Error: Invalid value for --answers: give --yes or --answers, not both"


# -- the bundled knowledge base: the real flow ------------------------------------------------

ALL_GATES_NO = {
    "injury": "no",
    "cauda-equina": "no",
    "nerve-damage": "no",
    "aortic-and-abdominal-emergency": "no",
    "cancer": "no",
    "pain-pattern": "no",
    "spinal-infection": "no",
    "spinal-fracture": "no",
    "pregnancy": "no",
    "inflammatory-back-pain": "no",
    "see-a-doctor": "no",
}


@pytest.mark.parametrize("age", ["30", "70", "not sure"])
def test_a_typical_run_asks_at_most_fifteen_questions(run: Run, age: str) -> None:
    result = run("redflags", "--check", "--json", input=f"{age}\n" + "no\n" * 20)
    verdict = json.loads(result.stdout)
    assert result.exit_code == 0
    assert len(verdict["answers"]) <= 15
    assert verdict["answers"][0]["id"] == "age"
    assert verdict["answers"][1]["id"] == "injury"  # how it started, before the groups of signs
    gates = [a["id"] for a in verdict["answers"] if a["kind"] == "gate"]
    assert gates.index("cauda-equina") < gates.index("pain-pattern") < gates.index("see-a-doctor")


@pytest.mark.parametrize(
    ("age", "asked", "not_asked"),
    [
        (30, ["pregnancy"], ["new-pain-over-50", "onset-before-20"]),
        (70, ["new-pain-over-50"], ["pregnancy", "onset-before-20"]),
        (16, ["onset-before-20", "pregnancy"], ["new-pain-over-50"]),
    ],
)
def test_age_decides_which_questions_apply(
    run: Run, tmp_path: Path, age: int, asked: list[str], not_asked: list[str]
) -> None:
    result = run("redflags", "--check", "--json", "--answers", _answers(tmp_path, {"age": age, **ALL_GATES_NO}))
    ids = {a["id"] for a in json.loads(result.stdout)["answers"]}
    assert set(asked) <= ids
    assert not set(not_asked) & ids


def test_unknown_age_asks_every_age_bound_question(run: Run, tmp_path: Path) -> None:
    result = run("redflags", "--check", "--json", "--answers", _answers(tmp_path, {"age": "not sure", **ALL_GATES_NO}))
    ids = {a["id"] for a in json.loads(result.stdout)["answers"]}
    assert {"pregnancy", "new-pain-over-50", "onset-before-20"} <= ids


def test_sudden_back_pain_alone_is_urgent_not_an_emergency(run: Run, tmp_path: Path) -> None:
    answers = {
        "age": 35,
        **ALL_GATES_NO,
        "aortic-and-abdominal-emergency": "yes",
        "pulsing-in-tummy": "no",
        "collapse-with-back-pain": "no",
        "chest-pain-with-back-pain": "no",
        "sudden-severe-back-or-tummy-pain": "no",
        "sudden-severe-back-pain": "yes",
        "persistent-pain-aneurysm-risk": "no",
    }
    result = run("redflags", "--check", "--json", "--answers", _answers(tmp_path, answers))
    assert result.exit_code == 4
    assert [flag["id"] for flag in json.loads(result.stdout)["red_flags"]] == ["sudden-severe-back-pain"]


@pytest.mark.parametrize(
    ("criteria", "advice"),
    [(4, "referral to a rheumatologist"), (3, "HLA-B27 blood test"), (0, "Below NICE's threshold")],
)
def test_inflammatory_back_pain_counts_nice_ng65_criteria(run: Run, tmp_path: Path, criteria: int, advice: str) -> None:
    features = [
        "onset-before-35",
        "waking-second-half-of-night",
        "buttock-pain",
        "better-with-movement",
        "nsaid-response",
        "relative-with-spondyloarthritis",
        "arthritis-history",
        "enthesitis-history",
        "psoriasis-history",
        "morning-stiffness",
        "spondyloarthritis-related-conditions",
    ]
    answers = {"age": 30, **ALL_GATES_NO, "inflammatory-back-pain": "yes"}
    answers |= {feature: "yes" if i < criteria else "no" for i, feature in enumerate(features)}
    result = run("redflags", "--check", "--json", "--answers", _answers(tmp_path, answers))
    verdict = json.loads(result.stdout)
    (rule,) = verdict["rules"]
    assert (rule["group"]["id"], rule["met"], rule["of"]) == ("inflammatory-back-pain", criteria, 9)
    assert advice in rule["advice"]
    assert result.exit_code == 3  # the gate is itself a "soon" sign (onset before 45, lasting over 3 months)
    table = run("redflags", "--check", "--answers", _answers(tmp_path, answers))
    assert f"{criteria} of 9 NICE features" in table.stdout


def test_ng65_reports_what_unsure_criteria_would_mean(run: Run, tmp_path: Path) -> None:
    answers = {"age": 30, **ALL_GATES_NO, "inflammatory-back-pain": "yes", "onset-before-35": "yes"}
    answers |= {"buttock-pain": "yes", "better-with-movement": "yes", "psoriasis-history": "not sure"}
    verdict = json.loads(run("redflags", "--check", "--json", "--answers", _answers(tmp_path, answers)).stdout)
    (rule,) = verdict["rules"]
    assert (rule["met"], rule["unsure"]) == (3, 1)
    assert "HLA-B27" in rule["advice"]
    assert "rheumatologist" in rule["advice_if_unsure_met"]


def test_issue_all_no_then_not_sure_is_never_an_all_clear(run: Run) -> None:
    """`(for i in $(seq 13); do echo n; done; yes 'not sure') | backpain redflags --check` once said all clear."""
    answers = "n\n" * 13 + "not sure\n" * 80
    verdict = json.loads(run("redflags", "--check", "--json", input=answers).stdout)
    assert verdict["unsure"] and verdict["complete"] is True
    # The exit status of the tier the unsure answers reach, as documented: 3 soon, 4 urgent, 5 emergency.
    code = {"soon": 3, "urgent": 4, "emergency": 5}[verdict["urgency"]]
    assert verdict["exit_code"] == code
    result = run("redflags", "--check", input=answers)
    assert result.exit_code == code
    assert f" Urgency       {verdict['urgency'].upper()}: " in result.stdout
    assert "(you were not sure)" in result.stdout
    assert "No red flag reported" not in result.stdout


def test_issue_arabic_not_sure_is_accepted(run: Run) -> None:
    result = run("redflags", "--check", "--lang", "ar", input="لست متأكدًا\n")
    assert "يرجى" not in result.stderr  # accepted, not asked again
    assert result.exit_code == 6  # input ended: not an all-clear
    assert result.stderr.splitlines()[-1] == "انتهى الإدخال قبل اكتمال الفحص؛ النتيجة تشمل الإجابات المعطاة فقط."
    assert "لم يكتمل" in result.stdout and "ليست نتيجة مطمئنة" in result.stdout


def test_arabic_check(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", "--lang", "ar", input="٤٠\nلأ\nايوه\nمو متأكد\nلا\n")
    assert "كم عمرك؟" in result.stderr
    assert "هل لديك حمى؟" in result.stderr
    assert result.exit_code == 4
    assert "هذه معلومات وليست تشخيصًا" in result.stdout
    assert "غير متأكد" in result.stdout


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        *((word, Answer.YES) for word in ("y", " YES ", "Yes!", "yeah", "yep", "yup", "yesss", "Y.")),
        *((word, Answer.NO) for word in ("n", "No.", "nope", "nah", "noo", "NO!")),
        *(
            (word, Answer.UNSURE)
            for word in ("not sure", "Not sure.", "unsure", "don't know", "Don’t know", "dont know", "I don't know")
        ),
        *((word, Answer.UNSURE) for word in ("?", "idk", "dunno", "maybe", "perhaps", "I'm not sure", "no idea")),
        *(
            (word, Answer.YES)
            for word in ("نعم", "نعم.", "ايوه", "أيوه", "ايوة", "ايه", "إيه", "اي", "إي", "أجل", "اجل")
        ),
        *((word, Answer.NO) for word in ("لا", "لأ", "لاء", "كلا", "لااا")),
        *(
            (word, Answer.UNSURE)
            for word in ("لست متأكدًا", "لستُ متأكِّدًا", "لست متاكد", "مش متأكد", "مش متأكدة", "مو متأكد", "مو متأكدة")
        ),
        *((word, Answer.UNSURE) for word in ("ما أعرف", "ما اعرف", "لا أعرف", "لا اعرف", "مدري", "ربما", "يمكن", "؟")),
        ("banana", None),
        ("", None),
        ("yes and no", None),
        ("perhaps not", None),
    ],
)
def test_parse_answer(text: str, answer: Answer | None) -> None:
    assert parse_answer(text) is answer


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("67", 67),
        ("I'm 67", 67),
        ("67 years old", 67),
        ("عمري ٦٧ سنة", 67),
        ("٦٧", 67),
        ("not sure", Answer.UNSURE),
        ("مش متأكد", Answer.UNSURE),
        ("old", None),
        ("0", None),
        ("200", None),
        ("12 or 13", None),
    ],
)
def test_parse_age(text: str, age: int | Answer | None) -> None:
    assert parse_age(text) == age
