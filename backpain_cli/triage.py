"""The adaptive red-flag check and its verdict; pure functions, no input or output.

The check asks, like NHS 111 online: age first, then whether the pain began with an injury, then
one gate question per group of signs, most dangerous groups first, and a group's own questions
only behind a gate answered yes or not sure. Signs and groups with an age range are asked only of
people in it (or whose age is not known). An emergency answer ends the check at once. "Not sure"
is never "no": it counts as yes for every tier and is listed in the verdict.
"""

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from typing import NamedTuple

from backpain_cli.knowledge_base import URGENCIES, Ages, Cause, KnowledgeBase, RedFlag, RedFlagGroup, RuleStep, Text


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


_ANSWERS = {
    Answer.YES: (
        "y", "yes", "yeah", "yea", "yep", "yup", "ya", "aye", "true", "1",
        "نعم", "ن", "اجل", "ايوه", "ايوا", "ايوة", "ايه", "اي", "اه", "بلي", "صح",
    ),
    Answer.NO: (
        "n", "no", "nope", "nah", "false", "0",
        "لا", "ل", "كلا", "لاء", "لاا", "لع",
    ),
    Answer.UNSURE: (
        "?", "u", "ns", "unsure", "not sure", "im not sure", "i am not sure", "dont know", "i dont know",
        "do not know", "i do not know", "idk", "dunno", "maybe", "perhaps", "possibly", "not certain",
        "no idea", "cant say", "cannot say", "cant tell", "not sure yet",
        "لست متاكدا", "لست متاكد", "لست متاكده", "غير متاكد", "غير متاكده", "مش متاكد", "مش متاكده",
        "مو متاكد", "مو متاكده", "ماني متاكد", "ماني متاكده", "مب متاكد", "مب متاكده",
        "لا اعرف", "ما اعرف", "ما اعرفش", "مش عارف", "مش عارفه", "ما بعرف", "مابعرف", "ما ادري",
        "مدري", "لا ادري", "ربما", "يمكن", "مش اكيد", "مو اكيد", "؟",
    ),
}  # fmt: skip
_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # harakat, tatweel
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ENDS = " .!,،؛;:"


def _fold_answer(text: str) -> str:
    """Case, Arabic letter forms and marks, apostrophes and closing punctuation folded away."""
    text = unicodedata.normalize("NFC", text).translate(_DIGITS)
    text = _MARKS.sub("", text).translate(_ARABIC_LETTERS).casefold()
    text = text.replace("’", "").replace("'", "")
    return " ".join(text.split()).strip(_ENDS)


_LOOKUP = {_fold_answer(word): answer for answer, words in _ANSWERS.items() for word in words}
# Repeated letters, as typed in a hurry or for emphasis: "yesss", "noo", "لاااا".
_REPEATS = re.compile(r"(.)\1+")
_LOOKUP_SQUEEZED = {_REPEATS.sub(r"\1", word): answer for word, answer in _LOOKUP.items()}

# Exit status for each verdict; 1 and 2 stay the usual error and usage codes.
EXIT_CODES: Mapping[str | None, int] = {None: 0, "soon": 3, "urgent": 4, "emergency": 5}
# A check that ended before every question was answered, with no red flag among the answers: not an
# all-clear, so never status 0.
EXIT_INCOMPLETE = 6
EXIT_INTERRUPTED = 130
# An answer still unclear after this many tries is taken as "not sure", the safe reading.
TRIES = 3

AGE = "age"
OLDEST = 120
AGE_QUESTION = Text(
    "How old are you? Type your age in years, or “not sure”.",
    "كم عمرك؟ اكتب عمرك بالسنوات، أو «لست متأكدًا».",
)
_NUMBER = re.compile(r"\d{1,3}")


def parse_answer(text: str) -> Answer | None:
    """``yes``/``no``/``not sure`` in English or Arabic, everyday forms included; None if unclear."""
    folded = _fold_answer(text)
    if folded in _LOOKUP:
        return _LOOKUP[folded]
    folded = folded.rstrip("?؟").strip(_ENDS) or folded
    return _LOOKUP.get(folded) or _LOOKUP_SQUEEZED.get(_REPEATS.sub(r"\1", folded))


def parse_age(text: str) -> int | Answer | None:
    """An age in whole years ("67", "I'm 67", "عمري ٦٧ سنة"), or ``Answer.UNSURE``; None if unclear."""
    answer = parse_answer(text)
    if answer is Answer.UNSURE:
        return answer
    numbers = _NUMBER.findall(_fold_answer(text))
    if len(numbers) == 1 and 0 < int(numbers[0]) <= OLDEST:
        return int(numbers[0])
    return None


class Question(NamedTuple):
    """One step of the check: the age, a group's gate, or one sign."""

    id: str  # "age", a group id (its gate) or a red flag id
    kind: str  # "age", "gate" or "sign"
    text: Text
    group: RedFlagGroup | None = None
    flag: RedFlag | None = None


Reply = Answer | int  # an age is a number


def counts_as_yes(answer: Reply | None) -> bool:
    """ "Not sure" is never "no": an unsure answer counts as yes, whatever the tier."""
    return answer is Answer.YES or answer is Answer.UNSURE


def order_questions(kb: KnowledgeBase) -> tuple[RedFlag, ...]:
    """Every red flag once, most dangerous first; the file's order within a tier."""
    return tuple(sorted(kb.red_flags, key=lambda flag: URGENCIES.index(flag.urgency)))


def ordered_groups(kb: KnowledgeBase) -> list[tuple[RedFlagGroup, list[RedFlag]]]:
    """Groups in the order the check asks them: injury first (how it started), then by their most
    urgent sign; each group's signs most urgent first."""
    members: dict[str, list[RedFlag]] = {group.id: [] for group in kb.red_flag_groups}
    for flag in order_questions(kb):
        members.setdefault(flag.group, []).append(flag)
    groups = [(group, members[group.id]) for group in kb.red_flag_groups if members[group.id]]

    def rank(item: tuple[RedFlagGroup, list[RedFlag]]) -> tuple[int, int]:
        group, flags = item
        return (0 if group.id == "injury" else 1, URGENCIES.index(flags[0].urgency))

    return sorted(groups, key=rank)


def _fits(ages: Ages | None, age: Reply | None) -> bool:
    """True if an age range applies: always when the age is not known."""
    if ages is None or not isinstance(age, int) or isinstance(age, Answer):
        return True
    return ages.overlaps(age, age)


def plan(kb: KnowledgeBase, replies: Mapping[str, Reply | None]) -> Iterator[Question]:
    """The questions the check asks, given the replies so far; a reply of None (skipped) lets the
    check go on as if unsure, so a missing answer never hides a group."""
    yield Question(AGE, "age", AGE_QUESTION)
    age = replies.get(AGE)
    for group, flags in ordered_groups(kb):
        asked = [flag for flag in flags if _fits(group.ages, age) and _fits(flag.ages, age)]
        if not asked:
            continue
        if group.gate is not None:
            yield Question(group.id, "gate", group.gate, group)
            if group.id in replies and replies[group.id] is Answer.NO:
                continue
        for flag in asked:
            if flag.id != group.gate_sign:
                yield Question(flag.id, "sign", flag.question, group, flag)


def sign_answer(kb: KnowledgeBase, flag: RedFlag, replies: Mapping[str, Reply | None]) -> Reply | None:
    """A sign's answer: its own, or its group's gate's when the gate asks it."""
    group = kb.group_by_id.get(flag.group)
    if group is not None and group.gate_sign == flag.id:
        return replies.get(group.id)
    return replies.get(flag.id)


def is_settled(kb: KnowledgeBase, replies: Mapping[str, Reply | None]) -> bool:
    """True once an emergency sign is answered yes or not sure: nothing later can raise the verdict."""
    return any(flag.urgency == "emergency" and counts_as_yes(sign_answer(kb, flag, replies)) for flag in kb.red_flags)


def next_question(kb: KnowledgeBase, replies: Mapping[str, Reply | None]) -> Question | None:
    """The first question not yet answered, or None when the check is over."""
    if is_settled(kb, replies):
        return None
    return next((question for question in plan(kb, replies) if question.id not in replies), None)


class RuleResult(NamedTuple):
    """A group's counting rule applied to the answers (NICE NG65's count of inflammatory features)."""

    group: RedFlagGroup
    met: int
    unsure: int
    of: int
    advice: Text
    advice_if_unsure_met: Text | None  # the step the unsure answers would reach, if higher


class Verdict(NamedTuple):
    """The outcome of a check: the highest urgency reached and what led to it."""

    urgency: str | None
    flags: tuple[RedFlag, ...]  # answered yes or not sure, most urgent first
    causes: tuple[Cause, ...]
    unsure: tuple[RedFlag, ...]
    answered: int
    complete: bool
    total: int  # how many groups of signs the check covers
    replies: tuple[tuple[Question, Reply | None], ...] = ()
    unchecked: tuple[RedFlagGroup, ...] = ()  # groups not reached or left unanswered
    rules: tuple[RuleResult, ...] = ()
    age: int | None = None

    @property
    def exit_code(self) -> int:
        if self.urgency is None and not self.complete:
            return EXIT_INCOMPLETE
        return EXIT_CODES[self.urgency]


def assess(kb: KnowledgeBase, replies: Mapping[str, Reply | None], *, complete: bool | None = None) -> Verdict:
    """The verdict for a set of replies; a sign that was never asked counts as not present, and the
    verdict says which groups were not covered."""
    asked = [question for question in plan(kb, replies) if question.id in replies]
    positive = [flag for flag in order_questions(kb) if counts_as_yes(sign_answer(kb, flag, replies))]
    unsure = [flag for flag in positive if sign_answer(kb, flag, replies) is Answer.UNSURE]
    urgency = positive[0].urgency if positive else None
    cause_ids = dict.fromkeys(cause_id for flag in positive for cause_id in flag.causes)
    pending = {
        question.group.id
        for question in plan(kb, replies)
        if question.group is not None and (question.id not in replies or replies[question.id] is None)
    }
    unchecked = tuple(group for group, _ in ordered_groups(kb) if group.id in pending)
    if complete is None:
        complete = AGE in replies and not pending
    age = replies.get(AGE)
    return Verdict(
        urgency=urgency,
        flags=tuple(positive),
        causes=tuple(kb.cause_by_id[cause_id] for cause_id in cause_ids if cause_id in kb.cause_by_id),
        unsure=tuple(unsure),
        answered=sum(replies.get(question.id) is not None for question in asked),
        complete=complete,
        total=len(ordered_groups(kb)),
        replies=tuple((question, replies[question.id]) for question in asked),
        unchecked=unchecked,
        rules=tuple(_rules(kb, replies)),
        age=age if isinstance(age, int) and not isinstance(age, Answer) else None,
    )


def _rules(kb: KnowledgeBase, replies: Mapping[str, Reply | None]) -> Iterator[RuleResult]:
    for group in kb.red_flag_groups:
        rule = group.rule
        if rule is None or not rule.steps or not counts_as_yes(replies.get(group.id)):
            continue
        answers = [replies.get(criterion) for criterion in rule.criteria]
        met = sum(answer is Answer.YES for answer in answers)
        unsure = sum(answer is Answer.UNSURE for answer in answers)
        step = _step(rule.steps, met)
        higher = _step(rule.steps, met + unsure)
        yield RuleResult(group, met, unsure, len(rule.criteria), step, higher if higher != step else None)


def _step(steps: Iterable[RuleStep], count: int) -> Text:
    for step in steps:
        if count >= step.min:
            return step.advice
    return Text("")


def answers_from_ids(kb: KnowledgeBase, yes_ids: Iterable[str]) -> dict[str, Reply | None]:
    """``--yes ID`` answers: those signs yes, every other sign and gate no, age not given (so
    every age-bound sign is asked about)."""
    chosen = set(yes_ids)
    replies: dict[str, Reply | None] = {AGE: Answer.UNSURE}
    for group in kb.red_flag_groups:
        if group.gate is not None:
            # A gate that is also a sign is that sign's answer: yes only if that sign was chosen.
            inside = (
                group.gate_sign in chosen
                if group.gate_sign is not None
                else any(flag.id in chosen for flag in kb.red_flags if flag.group == group.id)
            )
            replies[group.id] = Answer.YES if inside else Answer.NO
    for flag in kb.red_flags:
        replies[flag.id] = Answer.YES if flag.id in chosen else Answer.NO
    return replies


def read_answers_file(kb: KnowledgeBase, data: object) -> dict[str, Reply | None]:
    """Replies from an answers file: ``{"age": 67, "injury": "no", "saddle-numbness": "not sure"}``,
    keys the question ids (``age``, group ids for gates, red-flag ids), values answers in either
    language. Raises ValueError naming the first problem."""
    if not isinstance(data, dict):
        raise ValueError('an answers file holds one JSON object, such as {"age": 40, "injury": "no"}')
    known = {AGE} | {group.id for group in kb.red_flag_groups if group.gate} | {flag.id for flag in kb.red_flags}
    replies: dict[str, Reply | None] = {}
    for key, value in data.items():
        if key not in known:
            raise ValueError(
                f"unknown question '{key}'; use 'age', a group id or a red-flag id (see `backpain redflags`)"
            )
        if key == AGE:
            age = value if isinstance(value, int) and not isinstance(value, bool) else None
            parsed: Reply | None = age if age is not None and 0 < age <= OLDEST else None
            if parsed is None and isinstance(value, str):
                parsed = parse_age(value)
        else:
            parsed = parse_answer(value) if isinstance(value, str) else None
        if parsed is None:
            what = 'an age in years or "not sure"' if key == AGE else '"yes", "no" or "not sure"'
            raise ValueError(f"'{key}': {value!r} is not an answer; give {what}")
        replies[key] = parsed
    return replies
