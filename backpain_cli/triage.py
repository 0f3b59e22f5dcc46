"""Red-flag questions and the urgency verdict; pure functions, no input or output."""

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import NamedTuple

from backpain_cli.knowledge_base import URGENCIES, Cause, KnowledgeBase, RedFlag


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


_ANSWERS = {
    Answer.YES: ("y", "yes", "yeah", "yep", "true", "1", "نعم", "ن", "اجل", "أجل"),
    Answer.NO: ("n", "no", "nope", "false", "0", "لا", "ل"),
    Answer.UNSURE: (
        "?",
        "u",
        "ns",
        "unsure",
        "not sure",
        "dont know",
        "don't know",
        "maybe",
        "لست متأكدا",
        "لا أعرف",
        "لا اعرف",
        "ربما",
    ),
}
_LOOKUP = {word: answer for answer, words in _ANSWERS.items() for word in words}

# Exit status for each verdict; 1 and 2 stay the usual error and usage codes.
EXIT_CODES: Mapping[str | None, int] = {None: 0, "soon": 3, "urgent": 4, "emergency": 5}
# A check that ended before every sign was answered, with no red flag among the answers: not an
# all-clear, so never status 0.
EXIT_INCOMPLETE = 6


def parse_answer(text: str) -> Answer | None:
    """``yes``/``no``/``not sure`` (and short or Arabic forms) as an Answer, or None if unclear."""
    cleaned = " ".join(text.strip().casefold().replace("’", "'").rstrip(".!").split())
    return _LOOKUP.get(cleaned)


def counts_as_yes(flag: RedFlag, answer: Answer) -> bool:
    """ "Not sure" about an emergency sign is treated as yes: the safe reading."""
    return answer is Answer.YES or (answer is Answer.UNSURE and flag.urgency == "emergency")


def order_questions(kb: KnowledgeBase) -> tuple[RedFlag, ...]:
    """Every red flag once, most dangerous first; the file's order within a tier."""
    return tuple(sorted(kb.red_flags, key=lambda flag: URGENCIES.index(flag.urgency)))


class Verdict(NamedTuple):
    """The outcome of a check: the highest urgency reached and what led to it."""

    urgency: str | None
    flags: tuple[RedFlag, ...]
    causes: tuple[Cause, ...]
    unsure: tuple[RedFlag, ...]
    answered: int
    complete: bool
    total: int  # how many signs the full check asks about

    @property
    def exit_code(self) -> int:
        if self.urgency is None and not self.complete:
            return EXIT_INCOMPLETE
        return EXIT_CODES[self.urgency]


def is_settled(answers: Mapping[str, Answer], kb: KnowledgeBase) -> bool:
    """True once an emergency is certain: nothing later can raise the verdict."""
    return any(
        flag.urgency == "emergency" and counts_as_yes(flag, answers[flag.id])
        for flag in kb.red_flags
        if flag.id in answers
    )


def assess(kb: KnowledgeBase, answers: Mapping[str, Answer], *, complete: bool = True) -> Verdict:
    """The verdict for a set of answers; unanswered signs count as not present."""
    positive = [flag for flag in order_questions(kb) if flag.id in answers and counts_as_yes(flag, answers[flag.id])]
    urgency = positive[0].urgency if positive else None
    cause_ids = dict.fromkeys(cause_id for flag in positive for cause_id in flag.causes)
    return Verdict(
        urgency=urgency,
        flags=tuple(positive),
        causes=tuple(kb.cause_by_id[cause_id] for cause_id in cause_ids),
        unsure=tuple(flag for flag in positive if answers[flag.id] is Answer.UNSURE),
        answered=len(answers),
        complete=complete,
        total=len(kb.red_flags),
    )


def answers_from_ids(kb: KnowledgeBase, yes_ids: Iterable[str]) -> dict[str, Answer]:
    """``--yes ID`` answers: those signs yes, every other sign no."""
    chosen = set(yes_ids)
    return {flag.id: Answer.YES if flag.id in chosen else Answer.NO for flag in kb.red_flags}
