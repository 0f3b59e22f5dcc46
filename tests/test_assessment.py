"""``backpain assess``: the guided checker end to end through the CLI, and its parts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from backpain_cli import assessment
from backpain_cli.knowledge_base import load_knowledge_base
from tests.conftest import BUNDLED_KB, Run

KB = load_knowledge_base(BUNDLED_KB)
ALL = [
    "--age", "45", "--sex", "male", "--began", "lifting-or-twisting", "--with", "none", "--duration", "days",
    "--recurrence", "first-time", "--where", "lower-back", "--worse", "bending,movement", "--better", "rest",
]  # fmt: skip


def assess_json(run: Run, *args: str, input: str | None = None) -> tuple[int, dict[str, Any], str]:
    result = run("assess", *args, "--json", input=input)
    return result.exit_code, json.loads(result.stdout), result.stderr


def test_every_answer_as_an_option_gives_ranked_causes_and_self_care(run: Run) -> None:
    code, data, stderr = assess_json(run, *ALL, "--red-flags", "none")
    assert code == 0
    assert stderr == ""  # nothing asked: every answer was given
    assert data["advice"]["level"] == "self-care"
    assert data["warning_signs"]["urgency"] is None and data["warning_signs"]["complete"] is True
    causes = data["causes"]
    assert len(causes) == 5 and [cause["rank"] for cause in causes] == [1, 2, 3, 4, 5]
    assert [cause["score"] for cause in causes] == sorted((cause["score"] for cause in causes), reverse=True)
    assert causes[0]["id"] in {"muscle-strain", "ligament-sprain", "non-specific-low-back-pain"}
    first = causes[0]
    assert {"question": "began", "answers": ["lifting-or-twisting"]}.items() <= first["fits"][0].items() or any(
        part["question"] == "began" for part in first["fits"]
    )
    assert round(sum(part["points"] for part in first["points"]), 2) == first["score"]
    assert first["score_sources"], "every cause shown cites the sources its score rests on"
    assert data["outlook"]["text"].startswith("Most back pain")
    assert "emergency department" in data["notice"]
    assert data["exit_code"] == 0


def test_table_says_information_not_diagnosis_first_and_ends_with_the_emergency_line(run: Run) -> None:
    result = run("assess", *ALL, "--red-flags", "none")
    assert result.exit_code == 0
    lines = [line.strip() for line in result.stdout.splitlines() if line.strip()]
    assert lines[0].startswith("Information, not a diagnosis")
    assert "Possible causes, most likely first" in result.stdout
    assert lines[-1].startswith("Emergency? Call")


def test_an_emergency_sign_stops_with_emergency_advice_and_no_causes(run: Run) -> None:
    code, data, _ = assess_json(run, *ALL, "--red-flags", "saddle-numbness")
    assert code == 5
    assert data["advice"]["level"] == "emergency"
    assert data["stopped_for_emergency"] is True
    assert data["causes"] == []
    assert data["outlook"] is None  # "most back pain gets better" is never said beside an emergency
    assert [flag["id"] for flag in data["warning_signs"]["red_flags"]] == ["saddle-numbness"]


@pytest.mark.parametrize(("flag", "code", "level"), [("fever-with-back-pain", 4, "urgent"), ("pain-down-leg", 3, "gp")])
def test_urgent_and_soon_signs_set_the_advice_and_exit_status(run: Run, flag: str, code: int, level: str) -> None:
    status, data, _ = assess_json(run, *ALL, "--red-flags", flag)
    assert status == code
    assert data["advice"]["level"] == level
    assert data["causes"], "below an emergency the possible causes are still shown"


def test_interactive_emergency_answer_stops_at_once(run: Run) -> None:
    # age, sex, began, with: problems peeing; the cauda equina gate is answered by that choice, so
    # the next question is its first sign; "yes" ends everything.
    result = run("assess", input="52\n2\n3\n5\nno\nyes\nmore answers that are never read\n")
    assert result.exit_code == 5
    assert "An emergency sign was reported: stopping the questions here." in result.stderr
    assert "Question 1 of about" in result.stderr
    assert result.stderr.count("Question ") == 6
    assert "EMERGENCY" in result.stdout


def test_an_answer_that_points_to_warning_signs_reopens_a_gate_answered_no(run: Run, tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"age": 40, "sex": "female", "began": "gradually", "cauda-equina": "no",
                                   "with": ["bladder-or-bowel"]}), encoding="utf-8")  # fmt: skip
    # The gate said no, the symptom list said "problems peeing or pooing": the signs are asked.
    result = run("assess", "--answers", str(answers), input="no\nnot sure\n")
    assert "Is the skin around your genitals" in result.stderr
    assert result.exit_code == 5  # "not sure" to an emergency sign is never "no"
    assert "EMERGENCY" in result.stdout


def test_input_ending_early_is_never_an_all_clear(run: Run) -> None:
    code, data, stderr = assess_json(run, input="30\n")
    assert code == 6
    assert data["advice"]["level"] == "gp"
    assert data["advice"]["because"] == "incomplete"
    assert "not an all-clear" in data["advice"]["text"]
    assert data["warning_signs"]["complete"] is False
    assert "Input ended before the assessment was finished" in stderr


def test_input_ending_behind_an_open_emergency_gate_advises_emergency(run: Run) -> None:
    code, data, _ = assess_json(run, "--age", "70", "--sex", "male", "--began", "suddenly", "--with",
                                "bladder-or-bowel", input="")  # fmt: skip
    assert code == 5
    assert data["advice"] == {**data["advice"], "level": "emergency", "because": "incomplete"}


def test_not_sure_to_a_choice_changes_no_score_and_counts_for_the_check(run: Run) -> None:
    _, sure, _ = assess_json(run, *ALL, "--red-flags", "none")
    args = [*ALL]
    args[args.index("--began") + 1] = "not-sure"
    _, unsure, _ = assess_json(run, *args, "--red-flags", "none")
    assert all(part["question"] != "began" for cause in unsure["causes"] for part in cause["points"])
    assert any(part["question"] == "began" for cause in sure["causes"] for part in cause["points"])


def test_a_cause_only_women_have_is_not_offered_to_a_man(run: Run) -> None:
    women_only = {cause.id for cause in KB.causes if cause.features.sex == "female"}
    assert women_only, "the bundled knowledge base has causes only women have"
    _, data, _ = assess_json(run, *ALL, "--red-flags", "none", "--limit", "20")
    assert not women_only & {cause["id"] for cause in data["causes"]}
    args = [*ALL]
    args[args.index("--sex") + 1] = "female"
    answers = assessment.replies_for_check(KB, {})  # no answers: nothing raised
    assert answers == {}
    # (the causes of pregnancy also need the pregnancy question answered yes)
    ranked = assessment.rank_possible_causes(KB, {"sex": ("female",), "pregnancy": assessment.Answer.YES})
    assert women_only <= {item.cause.id for item in ranked}


def test_explain_shows_the_arithmetic(run: Run) -> None:
    result = run("assess", *ALL, "--red-flags", "none", "--explain", "--limit", "1")
    assert result.exit_code == 0
    assert "How " in result.stdout and " scored" in result.stdout
    assert "how common: common: +0.5" in result.stdout
    assert "total: +" in result.stdout


def test_arabic_screen(run: Run) -> None:
    result = run("assess", *ALL, "--red-flags", "none", "--lang", "ar")
    assert result.exit_code == 0
    assert "معلومات وليست تشخيصًا" in result.stdout
    assert "أسباب محتملة، الأرجح أولًا" in result.stdout


def test_arabic_answers_are_understood(run: Run) -> None:
    # Arabic-Indic digits for the age and the sex, "not sure" in Arabic to how it began, Arabic
    # "none" to what comes with it; then input ends during the check.
    result = run("assess", "--lang", "ar", input="٤٠\n١\nلست متأكدًا\nلا شيء\n")
    assert "السؤال 1 من نحو" in result.stderr
    assert "السؤال 5 من نحو" in result.stderr  # four answers understood: the check's first question
    assert result.exit_code == 6  # input ended during the check: not an all-clear


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--where", "knee"], "'knee' is not an answer to 'where'; choose from: lower-back"),
        (["--began", "gradually,suddenly"], "'began' takes one answer"),
        (["--age", "old"], "'old' is not an age"),
        (["--red-flags", "zzzz-not-a-sign"], ""),
    ],
)
def test_bad_options_are_one_line_usage_errors(run: Run, args: list[str], message: str) -> None:
    result = run("assess", *args, input="")
    assert result.exit_code in (1, 2)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert message in " ".join(result.stderr.split())


def test_bad_answers_file_is_one_line_error(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"where": ["knee"]}', encoding="utf-8")
    result = run("assess", "--answers", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'knee' is not an answer to 'where'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    path.write_text('{"colour": "red"}', encoding="utf-8")
    result = run("assess", "--answers", str(path))
    assert result.exit_code == 2
    assert "unknown question 'colour'" in result.stderr and "or an assessment question (sex" in result.stderr


def test_a_knowledge_base_without_an_assessment_says_so(run_mini: Run) -> None:
    result = run_mini("assess", input="")
    assert result.exit_code == 1
    assert "has no 'assessment' section" in result.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", ("lower-back",)),
        ("1, 7", ("lower-back", "buttock")),
        ("1 و 7", ("lower-back", "buttock")),
        ("١،٧", ("lower-back", "buttock")),
        ("lower back", ("lower-back",)),
        ("أسفل الظهر", ("lower-back",)),
        ("tailbone and groin", ("tailbone", "groin")),
        ("none", None),  # "where" offers no "none of these"
        ("not sure", ("not-sure",)),
        ("مدري", ("not-sure",)),
        ("1 15", ("lower-back",)),  # a real answer with "not sure": the real answer counts
        ("99", None),
        ("", None),
    ],
)
def test_typed_choices(text: str, expected: tuple[str, ...] | None) -> None:
    question = KB.assessment.question("where") if KB.assessment else None
    assert question is not None
    assert assessment.parse_choices(question, text) == expected


def test_one_answer_questions_refuse_two() -> None:
    question = KB.assessment.question("began") if KB.assessment else None
    assert question is not None
    assert assessment.parse_choices(question, "1 3") is None
    assert assessment.parse_choices(question, "2") == ("fall-or-injury",)


def test_every_gate_an_answer_raises_is_asked_as_its_signs() -> None:
    answers: dict[str, Any] = {"age": 40, "with": ("fever-or-unwell",)}
    replies = assessment.replies_for_check(KB, answers)
    assert replies["spinal-infection"] == "yes"
    steps = [step.id for step in assessment.plan(KB, answers)]
    assert "fever-with-back-pain" in steps
    assert not assessment.is_answered(
        KB, assessment.Step("fever-with-back-pain", "sign", KB.red_flags[0].sign), answers
    )


def test_every_cause_has_care_and_lists_the_sources_of_its_features_and_care() -> None:
    for cause in KB.causes:
        assert cause.care is not None, cause.id
        assert set(cause.features.sources) | set(cause.care.sources) <= set(cause.sources), cause.id
        assert cause.features.typical, f"{cause.id} has no typical answers for the assessment to compare"


def test_serious_causes_never_have_self_care_as_their_care() -> None:
    for flag in KB.red_flags:
        if flag.urgency != "emergency":
            continue
        for cause_id in flag.causes:
            care = KB.cause_by_id[cause_id].care
            assert care is not None
    serious = {"cauda-equina-syndrome", "aortic-dissection", "spinal-epidural-abscess", "aortic-aneurysm"}
    for cause_id in serious:
        care = KB.cause_by_id[cause_id].care
        assert care is not None and care.level == "emergency", cause_id
    for cause in KB.causes:
        if cause.category in ("infection", "tumour"):
            assert cause.care is not None and cause.care.level in ("urgent", "emergency"), cause.id


@pytest.mark.parametrize(
    ("text", "age"), [("67", 67), ("40-59", "40-59"), ("not-sure", "unsure"), ("not sure", "unsure")]
)
def test_age_option_forms(text: str, age: object) -> None:
    assert assessment.parse_age_option(text) == age


def test_an_age_band_asks_every_age_bound_sign_and_scores_by_the_band(run: Run) -> None:
    code, data, _ = assess_json(run, *ALL[2:], "--age", "60-plus", "--red-flags", "none")
    assert code == 0
    assert data["answers"]["age"] == "60-plus"
    assert data["warning_signs"]["age"] is None  # the check treats a band as an unknown exact age


def test_a_sign_answered_yes_counts_for_the_causes_it_points_to() -> None:
    plain = assessment.rank_possible_causes(KB, {"age": 65, **assessment.answers_from_red_flags(KB, [])})
    cancer = assessment.rank_possible_causes(
        KB, {"age": 65, **assessment.answers_from_red_flags(KB, ["history-of-cancer"])}
    )
    assert "spinal-metastases" in [item.cause.id for item in cancer[:3]]
    assert "spinal-metastases" not in [item.cause.id for item in plain[:3]]
    metastases = next(item for item in cancer if item.cause.id == "spinal-metastases")
    assert assessment.Points("red-flags", ("history-of-cancer",), 2.0, True) in metastases.fitting


def test_one_inflammatory_feature_alone_adds_no_points_but_four_do() -> None:
    one = assessment.answers_from_red_flags(KB, ["buttock-pain"])
    four = assessment.answers_from_red_flags(
        KB, ["buttock-pain", "onset-before-35", "better-with-movement", "waking-second-half-of-night"]
    )
    for answers, counted in ((one, False), (four, True)):
        ranked = assessment.rank_possible_causes(KB, {"age": 30, **answers})
        spondylitis = next(item for item in ranked if item.cause.id == "ankylosing-spondylitis")
        assert any(part.question == "red-flags" for part in spondylitis.points) is counted


def test_yes_to_one_inflammatory_sign_does_not_answer_the_gate_sign(run: Run) -> None:
    # The group's gate is itself a sign (onset before 45, over 3 months): --yes of another sign of
    # the group must not say yes to it too.
    result = run("redflags", "--check", "--yes", "buttock-pain", "--json")
    assert result.exit_code == 3
    assert [flag["id"] for flag in json.loads(result.stdout)["red_flags"]] == ["buttock-pain"]


def test_a_choice_may_not_raise_a_gate_that_is_a_sign(write_kb: Any, run: Run) -> None:
    data = json.loads(BUNDLED_KB.read_text(encoding="utf-8"))
    data["assessment"]["questions"][0]["choices"][0]["raises"] = ["inflammatory-back-pain", "no-such-group"]
    result = run("validate", str(write_kb(data)))
    assert result.exit_code == 1
    assert "group 'inflammatory-back-pain' has no gate question of its own to answer" in result.stderr
    assert "unknown red-flag group 'no-such-group'" in result.stderr


def test_features_must_name_real_questions_and_choices(write_kb: Any, run: Run) -> None:
    data = json.loads(BUNDLED_KB.read_text(encoding="utf-8"))
    data["causes"][0]["features"]["colour"] = ["red"]
    data["causes"][0]["features"]["where"] = ["knee"]
    result = run("validate", str(write_kb(data)))
    assert result.exit_code == 1
    assert "causes[0].features.colour: unknown question 'colour'" in result.stderr
    assert "causes[0].features.where[0]: 'knee' is not a choice of 'where'" in result.stderr


def test_causes_of_pregnancy_need_the_pregnancy_question_answered_yes_or_not_sure() -> None:
    pregnancy_causes = {cause.id for cause in KB.causes if "pregnancy" in cause.features.requires}
    assert pregnancy_causes == {"pregnancy", "pregnancy-pelvic-girdle-pain"}
    for answer, offered in (("no", False), ("yes", True), ("not sure", True)):
        replies = assessment.answers_from_red_flags(KB, [])
        replies["pregnancy"] = assessment.triage.parse_answer(answer)
        ranked = assessment.rank_possible_causes(KB, {"age": 30, "sex": ("female",), **replies})
        assert (pregnancy_causes <= {item.cause.id for item in ranked}) is offered, answer


def test_a_telling_answer_counts_more_than_a_common_one() -> None:
    specificity = assessment.answer_specificity(KB)
    assert specificity[("with", "rash")] > specificity[("where", "lower-back")]
    ranked = assessment.rank_possible_causes(
        KB, {"age": 70, "with": ("rash",), "where": ("one-side", "upper-back"), "began": ("gradually",)}
    )
    assert ranked[0].cause.id == "shingles"


# -- the clinical review's safety points -----------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "sign", "code"),
    [
        ("--where", "both-legs", "both-legs-symptoms", 5),
        ("--with", "chest-pain", "chest-pain-with-back-pain", 5),
        ("--with", "faint-or-breathless", "collapse-with-back-pain", 5),
        ("--where", "between-shoulder-blades", "thoracic-pain", 4),
        ("--worse", "night", "night-or-rest-pain", 4),
        ("--with", "weight-loss", "unexplained-weight-loss", 4),
    ],
)
def test_an_answer_that_states_a_warning_sign_is_that_sign_even_after_red_flags_none(
    run: Run, option: str, value: str, sign: str, code: int
) -> None:
    args = [*ALL]
    args[args.index(option) + 1] = value
    status, data, _ = assess_json(run, *args, "--red-flags", "none")
    assert status == code
    assert sign in [flag["id"] for flag in data["warning_signs"]["red_flags"]]
    assert data["advice"]["level"] != "self-care"
    assert data["outlook"] is None


def test_a_man_is_not_asked_whether_he_is_pregnant(run: Run) -> None:
    man = run("assess", "--age", "40", "--sex", "male", input="")
    woman = run("assess", "--age", "40", "--sex", "female", "--began", "gradually", "--with", "none", input="n\n" * 9)
    assert "Are you pregnant?" in woman.stderr
    assert "Are you pregnant?" not in man.stderr
    ranked = assessment.rank_possible_causes(KB, {"age": 40, "sex": ("male",)})
    assert not {"pregnancy", "pregnancy-pelvic-girdle-pain"} & {item.cause.id for item in ranked}


def test_nothing_helps_asks_about_pain_that_does_not_ease() -> None:
    answers: dict[str, Any] = {"age": 40, "better": ("none",)}
    assert assessment.replies_for_check(KB, answers)["pain-pattern"] == "yes"


def test_the_advice_takes_the_care_of_every_cause_near_the_top() -> None:
    # A sudden pain with tummy pain: a strain and an aortic emergency score close together; the
    # advice is the emergency's, never the strain's self-care.
    answers: dict[str, Any] = {
        "age": 70, "sex": ("male",), "began": ("suddenly",), "with": ("tummy-pain",),
        "duration": ("hours",), "where": ("lower-back", "tummy"),
        **assessment.answers_from_red_flags(KB, []),
    }  # fmt: skip
    ranked = assessment.rank_possible_causes(KB, answers)
    near = assessment.near_top(KB, ranked)
    result = assessment.verdict(KB, answers)
    advice = assessment.advise(KB, result, ranked, answers)
    levels = [cause.care.level for cause in near if cause.care]
    assert "emergency" in levels and advice.level == "emergency"
    # with nothing but an age to go on, prevalence picks nothing
    assert assessment.near_top(KB, assessment.rank_possible_causes(KB, {"age": 30})) == []


def test_most_back_pain_gets_better_is_not_said_of_pain_of_over_3_months(run: Run) -> None:
    args = [*ALL]
    args[args.index("--duration") + 1] = "over-3-months"
    _, data, _ = assess_json(run, *args, "--red-flags", "none")
    assert data["outlook"] is None


def test_a_stated_sign_counts_for_the_tier_not_twice_for_the_ranking() -> None:
    base: dict[str, Any] = {
        "age": 50,
        "where": ("between-shoulder-blades",),
        **assessment.answers_from_red_flags(KB, []),
    }
    stated = assessment.rank_possible_causes(KB, base)
    assert all(part.question != "red-flags" for item in stated for part in item.points)
    answered = assessment.rank_possible_causes(KB, {**base, "thoracic-pain": assessment.Answer.YES})
    assert any(part.question == "red-flags" for item in answered for part in item.points)


def test_an_unknown_age_averages_an_age_bound_cause_over_adult_years(run: Run) -> None:
    story = [*ALL[2:], "--sex", "female", "--red-flags", "none", "--limit", "20"]  # ALL without its age
    points = {}
    for age in ("not-sure", "70", "30"):
        _, data, _ = assess_json(run, "--age", age, *story)
        cause = next(item for item in data["causes"] if item["id"] == "osteoporotic-vertebral-fracture")
        points[age] = next(part["points"] for part in cause["points"] if part["question"] == "age")
    # not known: between what a fitting age and a missing one give, below nothing
    assert points["30"] < points["not-sure"] < 0 < points["70"]
    text = run("assess", "--age", "not-sure", *story, "--explain").stdout
    assert "Age not known (averaged over adult ages)" in " ".join(text.split())
