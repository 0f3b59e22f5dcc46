"""The red-flag check, pinned where a quiet change would take a warning sign for "no".

Each answer word of the check is written out here in both languages, so that losing one from
``triage.py`` fails a test; the order of questions and of the verdict's signs is checked on knowledge
bases stored in a shuffled order, so that it cannot come from the file alone. ``benchmarks/mutation.py``
runs these tests against mutants of ``triage.py``.
"""

import json
import random
from collections.abc import Callable
from typing import Any

import pytest

from backpain_cli.knowledge_base import URGENCIES, KnowledgeBase, load_knowledge_base, parse_knowledge_base
from backpain_cli.triage import (
    AGE,
    Answer,
    Reply,
    answers_from_ids,
    assess,
    is_settled,
    next_question,
    parse_age,
    parse_answer,
    plan,
    read_answers_file,
)
from tests.conftest import BUNDLED_KB, MINI_KB, Run

YES_WORDS = [
    *("y", "yes", "yeah", "yea", "yep", "yup", "ya", "aye", "true", "1"),
    *("نعم", "ن", "اجل", "ايوه", "ايوا", "ايوة", "ايه", "اي", "اه", "بلي", "صح"),
]
NO_WORDS = [*("n", "no", "nope", "nah", "false", "0"), *("لا", "ل", "كلا", "لاء", "لاا", "لع")]
UNSURE_WORDS = [
    *("?", "u", "ns", "unsure", "not sure", "im not sure", "i am not sure", "dont know", "i dont know"),
    *("do not know", "i do not know", "idk", "dunno", "maybe", "perhaps", "possibly", "not certain"),
    *("no idea", "cant say", "cannot say", "cant tell", "not sure yet"),
    *("لست متاكدا", "لست متاكد", "لست متاكده", "غير متاكد", "غير متاكده", "مش متاكد", "مش متاكده"),
    *("مو متاكد", "مو متاكده", "ماني متاكد", "ماني متاكده", "مب متاكد", "مب متاكده"),
    *("لا اعرف", "ما اعرف", "ما اعرفش", "مش عارف", "مش عارفه", "ما بعرف", "مابعرف", "ما ادري"),
    *("مدري", "لا ادري", "ربما", "يمكن", "مش اكيد", "مو اكيد", "؟"),
]
EVERY_WORD = [
    *((word, Answer.YES) for word in YES_WORDS),
    *((word, Answer.NO) for word in NO_WORDS),
    *((word, Answer.UNSURE) for word in UNSURE_WORDS),
]


# -- answer words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "answer"), EVERY_WORD, ids=[f"{a.value}:{w}" for w, a in EVERY_WORD])
def test_every_answer_word_gives_its_answer(word: str, answer: Answer) -> None:
    assert parse_answer(word) is answer
    # As typed: capitals, a full stop or an exclamation mark, spaces around.
    assert parse_answer(f"  {word.upper()}. ") is answer
    assert parse_answer(f"{word}!") is answer


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        # Apostrophes of every keyboard, or none.
        *((f"I don{mark}t know", Answer.UNSURE) for mark in ("'", "’", "")),
        *((f"I{mark}m not sure", Answer.UNSURE) for mark in ("'", "’", "")),
        ("can’t say", Answer.UNSURE),
        # A question mark after an answer that is itself a doubt, or after a plain one.
        ("not sure?", Answer.UNSURE),
        ("maybe?", Answer.UNSURE),
        ("no idea?", Answer.UNSURE),
        ("idk??", Answer.UNSURE),
        ("no!?", Answer.NO),
        ("yes.?", Answer.YES),
        ("مدري؟", Answer.UNSURE),
        # Letters held down in a hurry.
        ("yesss", Answer.YES),
        ("noooo", Answer.NO),
        ("nopeee", Answer.NO),
        ("لاااا", Answer.NO),
        ("dunnooo", Answer.UNSURE),
        # Arabic letter forms, harakat and tatweel.
        ("نَعَم", Answer.YES),
        ("نعـــم", Answer.YES),
        ("أيوة", Answer.YES),
        ("لستُ متأكِّدًا", Answer.UNSURE),
        ("لا أدري", Answer.UNSURE),
        ("لا أعرف.", Answer.UNSURE),
        # Nothing clear: asked again, never taken as an answer.
        ("yes no", None),
        ("maybe not", None),
        ("yess no", None),
        ("", None),
        ("?!", Answer.UNSURE),
        # Arabic-Indic digits, as the English "1" and "0".
        ("١", Answer.YES),
        ("٠", Answer.NO),
    ],
)
def test_answers_as_people_type_them(text: str, answer: Answer | None) -> None:
    assert parse_answer(text) is answer


def test_a_doubt_is_never_a_no() -> None:
    for word in ("maybe", "perhaps", "possibly", "ربما", "يمكن", "مدري"):
        assert parse_answer(word) is Answer.UNSURE, word


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("1", 1),
        ("120", 120),
        ("121", None),
        ("0", None),
        ("I’m 67.", 67),
        ("۶۷", 67),  # Persian digits
        ("عمري ٦٧ سنة", 67),
        ("67 or 68", None),
        ("maybe", Answer.UNSURE),
        ("لا أعرف", Answer.UNSURE),
        ("no", None),
    ],
)
def test_ages_as_people_type_them(text: str, age: int | Answer | None) -> None:
    assert parse_age(text) == age


# -- knowledge bases in another order ----------------------------------------------------------------


def _mini(change: Callable[[dict[str, Any]], None] | None = None) -> KnowledgeBase:
    data: dict[str, Any] = json.loads(MINI_KB.read_text(encoding="utf-8"))
    if change is not None:
        change(data)
    return parse_knowledge_base(data, "mini")


def _reversed(data: dict[str, Any]) -> None:
    data["red_flags"].reverse()
    data["red_flag_groups"].reverse()


def _with_injury_last(data: dict[str, Any]) -> None:
    """An injury group, holding only an urgent sign, stored after every other group and sign."""
    fever_group = next(group for group in data["red_flag_groups"] if group["id"] == "see-a-doctor")
    injury = {**fever_group, "id": "injury", "name": {"en": "Injury", "ar": "إصابة"}}
    injury["gate"] = {"en": "Did the pain start with a fall or an injury?", "ar": "هل بدأ الألم بسقوط أو إصابة؟"}
    fever = next(flag for flag in data["red_flags"] if flag["id"] == "fever")
    data["red_flag_groups"].append(injury)
    data["red_flags"].append({**fever, "id": "fall", "group": "injury", "question": injury["gate"]})


def _ids(kb: KnowledgeBase, replies: dict[str, Reply | None]) -> list[str]:
    return [question.id for question in plan(kb, replies)]


def _answer_all(kb: KnowledgeBase, answer: Answer) -> dict[str, Reply | None]:
    """Walk the check answering every question ``answer`` (age 40), as a person would, one at a time."""
    replies: dict[str, Reply | None] = {}
    while (question := next_question(kb, replies)) is not None:
        replies[question.id] = 40 if question.id == AGE else answer
    return replies


def test_a_groups_signs_are_asked_most_urgent_first_whatever_the_file_order() -> None:
    for kb in (_mini(), _mini(_reversed)):
        opened = {AGE: 40, "saddle-numbness": Answer.NO, "see-a-doctor": Answer.YES}
        assert _ids(kb, opened) == [AGE, "saddle-numbness", "see-a-doctor", "fever", "morning-stiffness"]


def test_the_verdict_takes_the_most_urgent_sign_whatever_the_file_order() -> None:
    replies: dict[str, Reply | None] = {AGE: 40, "saddle-numbness": Answer.NO, "see-a-doctor": Answer.YES}
    replies |= {"fever": Answer.YES, "morning-stiffness": Answer.YES}
    for kb in (_mini(), _mini(_reversed)):
        verdict = assess(kb, replies)
        assert verdict.urgency == "urgent"
        assert [flag.id for flag in verdict.flags] == ["fever", "morning-stiffness"]
        assert verdict.exit_code == 4


def test_injury_is_asked_first_even_when_stored_last() -> None:
    kb = _mini(_with_injury_last)
    assert _ids(kb, {}) == [AGE, "injury", "fall", "saddle-numbness", "see-a-doctor", "fever", "morning-stiffness"]
    first = next_question(kb, {AGE: 40})
    assert first is not None and (first.id, first.kind) == ("injury", "gate")


def test_the_shuffled_bundled_check_keeps_its_order() -> None:
    """The bundled knowledge base with its groups and signs shuffled: injury first, then groups by their
    most urgent sign, each group's signs most urgent first, and an all-yes check an emergency at once."""
    data = json.loads(BUNDLED_KB.read_text(encoding="utf-8"))
    random.Random(19).shuffle(data["red_flags"])
    random.Random(20).shuffle(data["red_flag_groups"])
    kb = parse_knowledge_base(data, "shuffled")
    questions = list(plan(kb, {}))
    assert [question.kind for question in questions[:2]] == ["age", "gate"]
    assert questions[1].id == "injury"
    rank = {flag.id: URGENCIES.index(flag.urgency) for flag in kb.red_flags}
    by_group: dict[str, list[int]] = {}
    for question in questions:
        if question.kind == "sign":
            by_group.setdefault(question.group.id, []).append(rank[question.id])  # type: ignore[union-attr]
    assert all(ranks == sorted(ranks) for ranks in by_group.values()), by_group
    tops = [min(ranks) for group, ranks in by_group.items() if group != "injury"]
    assert tops == sorted(tops)
    verdict = assess(kb, _answer_all(kb, Answer.YES))
    assert verdict.urgency == "emergency"
    assert [URGENCIES.index(flag.urgency) for flag in verdict.flags] == sorted(
        URGENCIES.index(flag.urgency) for flag in verdict.flags
    )


@pytest.mark.parametrize("gate", [Answer.UNSURE, None])
def test_a_gate_answered_not_sure_or_skipped_still_asks_its_signs(gate: Reply | None) -> None:
    replies: dict[str, Reply | None] = {AGE: 40, "saddle-numbness": Answer.NO, "see-a-doctor": gate}
    assert _ids(_mini(), replies)[-2:] == ["fever", "morning-stiffness"]
    assert _ids(_mini(), {**replies, "see-a-doctor": Answer.NO})[-1] == "see-a-doctor"


def test_questions_carry_their_group_and_sign() -> None:
    kb = _mini()
    for question in plan(kb, {}):
        if question.kind == "gate":
            assert question.group is not None and question.group.id == question.id
        if question.kind == "sign":
            assert question.flag is not None and question.flag.id == question.id
            assert question.group is not None and question.group.id == question.flag.group


# -- the check's flow and verdict ----------------------------------------------------------------------


def test_maybe_to_the_emergency_question_is_an_emergency() -> None:
    kb = _mini()
    replies: dict[str, Reply | None] = {AGE: 40, "saddle-numbness": parse_answer("maybe")}
    assert is_settled(kb, replies)
    assert next_question(kb, replies) is None
    verdict = assess(kb, replies)
    assert verdict.urgency == "emergency"
    assert [flag.id for flag in verdict.unsure] == ["saddle-numbness"]


def test_maybe_piped_to_the_check_is_an_emergency(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", "--json", input="40\nmaybe\n")
    assert result.exit_code == 5
    verdict = json.loads(result.stdout)
    assert verdict["urgency"] == "emergency"


def test_a_gate_question_is_headed_by_its_group(run_mini: Run) -> None:
    result = run_mini("redflags", "--check", input="40\nn\nn\n")
    assert "— See a doctor —" in result.stderr
    assert result.stderr.count("— ") == 1  # sign questions have no heading


def test_a_skipped_answer_is_counted_as_unanswered() -> None:
    kb = _mini()
    verdict = assess(kb, {AGE: 40, "saddle-numbness": None, "see-a-doctor": Answer.NO})
    assert verdict.answered == 2
    assert not verdict.complete
    assert [group.id for group in verdict.unchecked] == ["cauda-equina"]
    verdict = assess(kb, {AGE: 40, "saddle-numbness": Answer.NO, "see-a-doctor": Answer.NO})
    assert verdict.answered == 3
    assert verdict.complete
    assert verdict.unchecked == ()
    assert verdict.age == 40


def test_an_unknown_age_is_not_reported_as_an_age() -> None:
    verdict = assess(_mini(), {AGE: Answer.UNSURE, "saddle-numbness": Answer.NO, "see-a-doctor": Answer.NO})
    assert verdict.age is None
    assert verdict.complete


def test_ng65_is_counted_only_behind_a_gate_answered_yes_or_not_sure() -> None:
    kb = load_knowledge_base(BUNDLED_KB)
    criteria = dict.fromkeys(("onset-before-35", "buttock-pain", "nsaid-response"), Answer.YES)
    closed = assess(kb, {AGE: 40, "inflammatory-back-pain": Answer.NO, **criteria})
    assert closed.rules == ()
    (rule,) = assess(kb, {AGE: 40, "inflammatory-back-pain": Answer.YES, **criteria}).rules
    assert (rule.met, rule.unsure) == (3, 0)
    assert rule.advice_if_unsure_met is None  # nothing unsure: nothing higher to reach
    (unsure_gate,) = assess(kb, {AGE: 40, "inflammatory-back-pain": Answer.UNSURE, **criteria}).rules
    assert unsure_gate.met == 3


def test_a_rule_below_its_lowest_step_advises_nothing() -> None:
    def with_rule(data: dict[str, Any]) -> None:
        group = next(group for group in data["red_flag_groups"] if group["id"] == "see-a-doctor")
        group["rule"] = {
            "criteria": ["fever", "morning-stiffness"],
            "steps": [{"min": 2, "advice": {"en": "See your GP.", "ar": "راجع طبيبك."}}],
            "source": "doc-b",
        }

    kb = _mini(with_rule)
    replies: dict[str, Reply | None] = {AGE: 40, "saddle-numbness": Answer.NO, "see-a-doctor": Answer.YES}
    (rule,) = assess(kb, {**replies, "fever": Answer.NO, "morning-stiffness": Answer.YES}).rules
    assert rule.advice.en == ""
    assert rule.advice_if_unsure_met is None
    (rule,) = assess(kb, {**replies, "fever": Answer.UNSURE, "morning-stiffness": Answer.YES}).rules
    assert rule.advice.en == ""
    assert rule.advice_if_unsure_met is not None and rule.advice_if_unsure_met.en == "See your GP."


# -- --yes and answers files ---------------------------------------------------------------------------


def test_yes_ids_open_the_gate_of_their_group_only() -> None:
    kb = _mini()
    replies = answers_from_ids(kb, ["fever"])
    assert replies["see-a-doctor"] is Answer.YES
    assert replies["fever"] is Answer.YES and replies["morning-stiffness"] is Answer.NO
    assert replies["saddle-numbness"] is Answer.NO
    verdict = assess(kb, replies)
    asked = [AGE, "saddle-numbness", "see-a-doctor", "fever", "morning-stiffness"]
    assert [question.id for question, _ in verdict.replies] == asked
    assert answers_from_ids(kb, [])["see-a-doctor"] is Answer.NO


@pytest.mark.parametrize(
    ("age", "accepted"), [(1, True), (120, True), (0, False), (121, False), (True, False), ("67", True)]
)
def test_answers_file_ages(age: object, accepted: bool) -> None:
    kb = _mini()
    if accepted:
        assert read_answers_file(kb, {"age": age})[AGE] == int(age)  # type: ignore[call-overload]
    else:
        with pytest.raises(ValueError, match="an age in years or"):
            read_answers_file(kb, {"age": age})


@pytest.mark.parametrize("value", [True, 1, None, ["yes"], "banana"])
def test_answers_file_sign_answers_must_be_words(value: object) -> None:
    with pytest.raises(ValueError, match='give "yes", "no" or "not sure"'):
        read_answers_file(_mini(), {"fever": value})


def test_answers_file_must_be_one_object() -> None:
    with pytest.raises(ValueError, match=r"^an answers file holds one JSON object"):
        read_answers_file(_mini(), ["age", 40])
    replies = read_answers_file(_mini(), {"age": "٦٧", "fever": "ربما", "see-a-doctor": "ايوه"})
    assert replies == {AGE: 67, "fever": Answer.UNSURE, "see-a-doctor": Answer.YES}


def test_yes_to_a_sign_that_is_its_groups_gate_answers_that_sign_and_no_other() -> None:
    # The inflammatory group's gate asks its first sign (onset before 45, over 3 months): --yes of
    # that sign says yes to it, and --yes of another sign of the group leaves it no.
    kb = load_knowledge_base(BUNDLED_KB)
    gate_sign = "onset-before-45-over-3-months"
    for chosen in ([gate_sign], ["buttock-pain"], [gate_sign, "buttock-pain"]):
        verdict = assess(kb, answers_from_ids(kb, chosen))
        assert sorted(flag.id for flag in verdict.flags) == sorted(chosen)
