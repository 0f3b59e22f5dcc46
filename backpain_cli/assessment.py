"""The guided assessment: its questions, the red-flag check run inside it, and the points model
that ranks possible causes; pure functions, no input or output.

The assessment asks the age, then the knowledge base's questions in order; after the question
named ``check_after`` it asks the adaptive red-flag check's gates and signs (see triage.py). An
answer that points to a group of warning signs (``Choice.raises``) answers that group's gate yes,
never no, so the check asks its signs even if the gate was answered no before. An emergency answer
ends the assessment at once. The ranking is a sum of points a clinician can audit: the cause's
prevalence, then each answer for or against its typical picture, with weights from the knowledge
base.
"""

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from backpain_cli import triage
from backpain_cli.errors import BackpainError
from backpain_cli.knowledge_base import (
    CARE_LEVELS,
    NONE,
    NOT_SURE,
    URGENCIES,
    Assessment,
    AssessmentQuestion,
    Cause,
    KnowledgeBase,
    RedFlag,
    Text,
)
from backpain_cli.triage import AGE, Answer, Reply

# The adult years an unknown age is averaged over (see ``_score``).
ADULT_YEARS = (18, 85)
# Age bands a script may give instead of a number; the check then asks every age-bound question.
AGE_BANDS: Mapping[str, tuple[int, int]] = {
    "under-20": (0, 19),
    "20-39": (20, 39),
    "40-59": (40, 59),
    "60-plus": (60, triage.OLDEST),
}
Age = int | str | Answer  # years, an AGE_BANDS key, or Answer.UNSURE
Choices = tuple[str, ...]  # the ids chosen; (NOT_SURE,) for "not sure", (NONE,) for "none of these"
Answers = Mapping[str, Age | Choices | Reply | None]  # by question id: age, assessment and check questions


class Step(NamedTuple):
    """One question of the assessment: the age, one of the knowledge base's, or one of the check's."""

    id: str
    kind: str  # "age", "choice", "gate" or "sign"
    text: Text
    question: AssessmentQuestion | None = None
    check: triage.Question | None = None


def replies_for_check(kb: KnowledgeBase, answers: Answers) -> dict[str, Reply | None]:
    """The check's replies: its own answers, the age (a band counts as not sure), and what the
    assessment's answers tell it (see ``told``)."""
    check_ids = _check_ids(kb)
    replies: dict[str, Reply | None] = {}
    for key, value in answers.items():
        if key != AGE and key in check_ids and (value is None or isinstance(value, Answer)):
            replies[key] = value
    age = answers.get(AGE)
    if age is not None:
        replies[AGE] = age if isinstance(age, int) and not isinstance(age, Answer) else Answer.UNSURE
    replies.update(told(kb, answers))
    return replies


def told(kb: KnowledgeBase, answers: Answers) -> dict[str, Reply]:
    """What the assessment's answers say to the check: gates they raise and warning signs they
    state (with their group's gate) are yes, whatever was answered before; a gate an answer rules
    out ("Male": are you pregnant?) is no unless it was answered, raised or stated yes."""
    assessment = _require(kb)
    said: dict[str, Reply] = {}
    ruled_out: list[str] = []
    for question in assessment.questions:
        chosen = _choices(answers.get(question.id))
        if chosen == (NONE,):
            said.update(dict.fromkeys(question.none_raises, Answer.YES))
        for choice in question.choices:
            if choice.id not in chosen:
                continue
            said.update(dict.fromkeys(choice.raises, Answer.YES))
            for flag_id in choice.states:
                said[flag_id] = Answer.YES
                group = kb.group_by_id.get(_flag_group(kb, flag_id))
                if group is not None and group.gate is not None and group.gate_sign is None:
                    said[group.id] = Answer.YES
            ruled_out.extend(choice.rules_out)
    for group_id in ruled_out:
        if group_id not in said and answers.get(group_id) is None:
            said[group_id] = Answer.NO
    return said


def _flag_group(kb: KnowledgeBase, flag_id: str) -> str:
    return next((flag.group for flag in kb.red_flags if flag.id == flag_id), "")


def plan(kb: KnowledgeBase, answers: Answers) -> Iterator[Step]:
    """Every question the assessment asks, given the answers so far (some more than once: the
    check's questions follow ``check_after`` and, for gates raised later, the last question)."""
    assessment = _require(kb)
    yield Step(AGE, "age", triage.AGE_QUESTION)
    replies = replies_for_check(kb, answers)
    for question in assessment.questions:
        yield Step(question.id, "choice", question.text, question=question)
        if question.id == assessment.check_after:
            yield from _check_steps(kb, replies)
    yield from _check_steps(kb, replies)


def _check_steps(kb: KnowledgeBase, replies: Mapping[str, Reply | None]) -> Iterator[Step]:
    for question in triage.plan(kb, replies):
        if question.kind != "age":
            yield Step(question.id, question.kind, question.text, check=question)


def is_answered(kb: KnowledgeBase, step: Step, answers: Answers) -> bool:
    """Answered by the person, or told by another answer (a raised gate, a stated sign)."""
    return step.id in answers or (step.kind in ("gate", "sign") and step.id in told(kb, answers))


def next_step(kb: KnowledgeBase, answers: Answers) -> Step | None:
    """The first question not yet answered, or None when the assessment is over (every question
    answered, or an emergency sign answered yes or not sure)."""
    if triage.is_settled(kb, replies_for_check(kb, answers)):
        return None
    return next((step for step in plan(kb, answers) if not is_answered(kb, step, answers)), None)


def count_steps(kb: KnowledgeBase, answers: Answers) -> int:
    """About how many questions the whole assessment takes: those asked so far and those still to
    come if every gate not yet answered is answered no."""
    guess: dict[str, Age | Choices | Reply | None] = dict(answers)
    for group in kb.red_flag_groups:
        if group.gate is not None and group.id not in guess:
            guess[group.id] = Answer.NO
    return len({step.id for step in plan(kb, guess)})


def verdict(kb: KnowledgeBase, answers: Answers, *, complete: bool | None = None) -> triage.Verdict:
    """The red-flag check's verdict on the assessment's answers."""
    return triage.assess(kb, replies_for_check(kb, answers), complete=complete)


# -- the points model --------------------------------------------------------------------


RED_FLAGS = "red-flags"  # the Points of the warning signs answered yes
REQUIRES = "requires"  # the Points of a gate a cause requires, answered yes (pregnant)


class Points(NamedTuple):
    """What one answer (or the cause's prevalence) adds to a cause's score, and why."""

    question: str  # "prevalence", "age", "red-flags", or a question id
    answers: tuple[str, ...]  # the answers involved (the prevalence, the age, or choice ids)
    points: float
    fits: bool  # True if the answers fit the cause; False if they count against it


class PossibleCause(NamedTuple):
    cause: Cause
    score: float
    points: tuple[Points, ...]

    @property
    def fitting(self) -> tuple[Points, ...]:
        return tuple(item for item in self.points if item.fits and item.question != "prevalence")

    @property
    def unfitting(self) -> tuple[Points, ...]:
        return tuple(item for item in self.points if not item.fits and item.question != "prevalence")


def rank_possible_causes(kb: KnowledgeBase, answers: Answers) -> list[PossibleCause]:
    """Every cause the answers allow, highest score first; ties go to the more common cause, then
    the knowledge base's order. Left out: a cause only women have for a man, and vice versa; a
    cause that requires a gate (pregnancy) unless that gate is answered yes or not sure; a cause
    whose evidence is not at one of the assessment's ``evidence_levels`` (one source's view)."""
    assessment = _require(kb)
    order = {prevalence: index for index, prevalence in enumerate(("common", "less-common", "rare"))}
    replies = replies_for_check(kb, answers)
    # A sign an answer states ("Both legs") is already scored as that answer: it sets the tier, and
    # is not counted a second time here.
    stated = {flag_id for flag_id, reply in told(kb, answers).items() if answers.get(flag_id) is not Answer.YES}
    signs = [flag for flag in _telling_signs(kb, assessment, replies) if flag.id not in stated]
    specificity = answer_specificity(kb)
    ranked = [
        possible
        for cause in kb.causes
        if (cause.evidence is None or cause.evidence.level in assessment.evidence_levels)
        and all(triage.counts_as_yes(replies.get(group)) for group in cause.features.requires)
        and (possible := _score(assessment, cause, answers, signs, specificity)) is not None
    ]
    position = {cause.id: index for index, cause in enumerate(kb.causes)}
    ranked.sort(key=lambda item: (-item.score, order.get(item.cause.prevalence, 3), position[item.cause.id]))
    return ranked


def _telling_signs(kb: KnowledgeBase, assessment: Assessment, replies: Mapping[str, Reply | None]) -> list[RedFlag]:
    """The warning signs answered yes that say something about the cause: not those of groups that
    only say how soon (``red_flag_ignored``), and a counting rule's criteria only once enough of
    them are met for its lowest step (NICE NG65: one inflammatory feature alone tells little)."""
    said = [flag for flag in kb.red_flags if triage.sign_answer(kb, flag, replies) is Answer.YES]
    telling = []
    for flag in said:
        group = kb.group_by_id.get(flag.group)
        if flag.group in assessment.red_flag_ignored:
            continue
        rule = group.rule if group is not None else None
        if rule is not None and rule.steps and flag.id in rule.criteria:
            met = sum(other.id in rule.criteria for other in said)
            if met < min((step.min for step in rule.steps if step.min > 0), default=0):
                continue
        telling.append(flag)
    return telling


def answer_specificity(kb: KnowledgeBase) -> dict[tuple[str, str], float]:
    """How telling each answer is: log(1 + causes / causes listing it as typical), relative to an
    answer that one cause in ``specificity_reference`` lists (which counts its question's ``fit``
    once), and at most ``specificity_most`` times that."""
    assessment = _require(kb)
    reference = assessment.specificity_reference
    if reference <= 0:
        return {}
    counts: dict[tuple[str, str], int] = {}
    for cause in kb.causes:
        for question_id, answers in cause.features.typical:
            for answer in answers:
                counts[(question_id, answer)] = counts.get((question_id, answer), 0) + 1
    total = max(len(kb.causes), 1)
    unit = math.log(1 + reference)
    return {key: min(math.log(1 + total / count) / unit, assessment.specificity_most) for key, count in counts.items()}


def _score(
    assessment: Assessment,
    cause: Cause,
    answers: Answers,
    signs: Sequence[RedFlag],
    specificity: Mapping[tuple[str, str], float],
) -> PossibleCause | None:
    features = cause.features
    sex = _choices(answers.get("sex"))
    if ("male" in sex and features.sex == "female") or ("female" in sex and features.sex == "male"):
        return None
    prior = assessment.prior(cause.prevalence)
    points = [Points("prevalence", (cause.prevalence,), prior, prior >= 0)]
    age = answers.get(AGE)
    span = _age_span(age)
    emergency = cause.care is not None and cause.care.level == "emergency"
    if span is not None and features.ages is not None:
        fits = features.ages.overlaps(*span)
        shown = str(age) if not isinstance(age, Answer) else ""
        # An age outside an emergency's usual range never pushes it down: it still happens.
        if fits or not emergency:
            points.append(Points(AGE, (shown,), assessment.age_fit if fits else assessment.age_miss, fits))
    elif features.ages is not None:
        # Age not known: what the age would give on average over the adult years, so that a cause of
        # the over-50s is neither favoured nor ruled out when nobody said how old they are.
        low, high = ADULT_YEARS
        inside = max(0, min(high, features.ages.max or high) - max(low, features.ages.min or low)) / (high - low)
        expected = round(inside * assessment.age_fit + (1 - inside) * assessment.age_miss, 2)
        if expected >= 0 or not emergency:
            points.append(Points(AGE, (NOT_SURE,), expected, expected >= 0))
    # A warning sign answered yes (not "not sure": that decides the tier, not the ranking) counts for
    # the causes the knowledge base says it points to ...
    # ... but a sign that needs urgent or emergency care says nothing for a harmless cause; one that
    # only asks for a GP visit soon (pain below the knee, numbness in one leg) may be its very
    # picture (sciatica), and counts for it as for the causes that need a doctor.
    harmless = cause.care is not None and cause.care.level == "self-care"
    pointing = tuple(flag.id for flag in signs if cause.id in flag.causes and not (harmless and flag.urgency != "soon"))
    if pointing:
        most = assessment.red_flag_most
        points.append(Points(RED_FLAGS, pointing, assessment.red_flag_fit * min(len(pointing), most), True))
    if features.requires:  # offered at all only when its gate was answered yes or not sure
        points.append(Points(REQUIRES, features.requires, assessment.red_flag_fit, True))
    for question in assessment.questions:
        given = tuple(answer for answer in _choices(answers.get(question.id)) if answer != NOT_SURE)
        if not given:
            continue
        if question.id == "sex":
            points.extend(_sex_points(question, features.sex, given))
            continue
        typical = features.typical_of(question.id)
        alike = {choice.id: choice.counts_as for choice in question.choices}
        hits = tuple(answer for answer in given if answer in typical or set(alike.get(answer, ())) & set(typical))
        if hits:
            # The most telling answers count: an answer typical of few causes ("a rash") says more
            # than one typical of most ("lower back").
            weights = sorted((specificity.get((question.id, answer), 1.0) for answer in hits), reverse=True)
            gained = round(question.fit * sum(weights[: question.most]), 2)
            points.append(Points(question.id, hits, gained, True))
        elif typical:
            points.append(Points(question.id, given, question.miss, False))
        against = tuple(answer for answer in given if answer in features.against_of(question.id))
        if against:
            points.append(Points(question.id, against, assessment.against * len(against), False))
    return PossibleCause(cause, round(sum(item.points for item in points), 2), tuple(points))


def _sex_points(question: AssessmentQuestion, cause_sex: str, given: Choices) -> list[Points]:
    """More common in the sex given: fit; more common in the other: miss; "any" or not said: nothing."""
    leaning = {"more-female": "female", "female": "female", "more-male": "male", "male": "male"}.get(cause_sex)
    if leaning is None or given[0] not in ("female", "male"):
        return []
    fits = given[0] == leaning
    return [Points(question.id, given, question.fit if fits else question.miss, fits)]


def _age_span(age: object) -> tuple[int, int] | None:
    if isinstance(age, int) and not isinstance(age, Answer):
        return (age, age)
    if isinstance(age, str) and age in AGE_BANDS:
        return AGE_BANDS[age]
    return None


# -- what to do --------------------------------------------------------------------------

# The check's tiers as care levels: "soon" means see a GP or physiotherapist.
_TIER_CARE = {"emergency": "emergency", "urgent": "urgent", "soon": "gp", None: "self-care"}
# ... and so their exit statuses are the check's: 0 self-care, 3 GP, 4 urgent, 5 emergency.
CARE_EXIT_CODES = {care: triage.EXIT_CODES[tier] for tier, care in _TIER_CARE.items()}


class Advice(NamedTuple):
    """What to do next: the highest of the check's tier, the signs left unanswered behind a gate
    answered yes or not sure, and the care of the causes near the top of the list."""

    level: str  # one of CARE_LEVELS
    because: str  # "check", "incomplete" or "cause"
    cause: Cause | None = None


def advise(kb: KnowledgeBase, result: triage.Verdict, ranked: Sequence[PossibleCause], answers: Answers) -> Advice:
    """Never self-care when a warning sign was answered yes or not sure, when the check was not
    finished, or when a cause within ``care_margin`` points of the first needs more. A sign left
    unanswered (input ended) behind a gate answered yes or not sure counts as not sure: its tier
    is the advice."""
    level, because = _TIER_CARE[result.urgency], "check"
    reason: Cause | None = None
    if not result.complete:
        pending = _TIER_CARE[unanswered_tier(kb, answers)]
        if _higher(pending, level) or result.urgency is None:
            level, because = max(pending, "gp", key=CARE_LEVELS.index), "incomplete"
    for cause in near_top(kb, ranked):
        if cause.care is not None and _higher(cause.care.level, level):
            level, because, reason = cause.care.level, "cause", cause
    return Advice(level, because, reason if because == "cause" else None)


def near_top(kb: KnowledgeBase, ranked: Sequence[PossibleCause]) -> list[Cause]:
    """The causes within ``care_margin`` points of the first that at least one answer about the
    pain (or a warning sign) fits: any of them may be the one. Age, sex and prevalence alone pick
    nothing."""
    fitted = [item for item in ranked if any(part.question not in (AGE, "sex") for part in item.fitting)]
    if not fitted:
        return []
    margin = _require(kb).care_margin
    return [item.cause for item in fitted if item.score >= fitted[0].score - margin]


def shows_outlook(
    result: triage.Verdict, advice: Advice, shown: Sequence[PossibleCause], answers: Mapping[str, object]
) -> bool:
    """ "Most back pain gets better within weeks" only where it is true and cannot reassure wrongly:
    self-care advice, the warning-sign check finished, pain of under 3 months, and no cause on
    the screen that needs urgent or emergency care."""
    serious = any(item.cause.care is not None and item.cause.care.level in ("urgent", "emergency") for item in shown)
    duration = answers.get("duration")
    long_lasting = isinstance(duration, tuple) and "over-3-months" in duration
    return advice.level == "self-care" and result.complete and not serious and not long_lasting


def unanswered_tier(kb: KnowledgeBase, answers: Answers) -> str | None:
    """The most urgent sign not answered behind a gate answered yes or not sure (or raised)."""
    replies = replies_for_check(kb, answers)
    tiers = [
        question.flag.urgency
        for question in triage.plan(kb, replies)
        if question.kind == "sign"
        and question.flag is not None
        and question.id not in replies
        and question.group is not None
        and (question.group.gate is None or triage.counts_as_yes(replies.get(question.group.id)))
    ]
    return min(tiers, key=URGENCIES.index, default=None)


def exit_code(result: triage.Verdict, advice: Advice) -> int:
    """As ``redflags --check``: 0 self-care, 3 see a GP, 4 urgent, 5 emergency; 6 when the check was
    not finished and nothing more urgent than a GP visit is known."""
    if advice.because == "incomplete" and advice.level == "gp":
        return triage.EXIT_INCOMPLETE
    return CARE_EXIT_CODES[advice.level]


def _higher(level: str, than: str) -> bool:
    return CARE_LEVELS.index(level) > CARE_LEVELS.index(than)


# -- reading answers ---------------------------------------------------------------------

_SPLIT = re.compile(r"[\s,،;؛/+&]+")
_JOINERS = {"and", "و", "&"}
_NONE_WORDS = ("none", "nothing", "no", "n", "neither", "none of these", "لا شيء", "لا", "ولا شي", "ولا شيء", "لاشيء")


def parse_choices(question: AssessmentQuestion, text: str) -> Choices | None:
    """The choices in a typed answer: numbers as listed by ``menu``, ids, or the choices' words
    in either language; None if unclear."""
    folded = triage._fold_answer(text)
    if not folded:
        return None
    if question.offers_not_sure and triage.parse_answer(folded) is Answer.UNSURE:
        return (NOT_SURE,)
    if question.offers_none and folded in {triage._fold_answer(word) for word in _NONE_WORDS}:
        return (NONE,)
    options = list(menu(question))
    by_word = {}
    for number, (choice_id, text_of) in enumerate(options, start=1):
        by_word[str(number)] = choice_id
        by_word[choice_id] = choice_id
        for lang_text in (text_of.en, text_of.ar):
            if lang_text:
                by_word[triage._fold_answer(lang_text)] = choice_id
    if folded in by_word:
        return (by_word[folded],)
    chosen: list[str] = []
    tokens = [token for token in _SPLIT.split(folded) if token]
    start = 0
    while start < len(tokens):
        # the longest run of words that names a choice: "lower back", "pain or burning when peeing"
        end = next((end for end in range(len(tokens), start, -1) if " ".join(tokens[start:end]) in by_word), None)
        token = tokens[start]
        if end is not None:
            choice_id = by_word[" ".join(tokens[start:end])]
            start = end
        elif token in _JOINERS:
            start += 1
            continue
        elif token.startswith("و") and token[1:] in by_word:  # "و7", "والأرداف": Arabic "and" joined on
            choice_id = by_word[token[1:]]
            start += 1
        else:
            return None
        if choice_id not in chosen:
            chosen.append(choice_id)
    return _settle(question, tuple(chosen))


def _settle(question: AssessmentQuestion, chosen: Choices) -> Choices | None:
    """ "Not sure" or "none" with real choices: the real choices count (never a silent no)."""
    real = tuple(choice for choice in chosen if choice not in (NONE, NOT_SURE))
    if real:
        return real if question.multi or len(real) == 1 else None
    if not chosen:
        return None
    return (NOT_SURE,) if NOT_SURE in chosen else (NONE,)


NOT_SURE_TEXT = Text("Not sure", "لست متأكدًا")
NONE_TEXT = Text("None of these", "لا شيء مما سبق")


def menu(question: AssessmentQuestion) -> Iterator[tuple[str, Text]]:
    """The numbered list a person chooses from: the question's choices, "none of these" where it
    is offered (questions with several answers), and "not sure" last where it is offered."""
    for choice in question.choices:
        yield choice.id, choice.text
    if question.offers_none:
        yield NONE, NONE_TEXT
    if question.offers_not_sure:
        yield NOT_SURE, NOT_SURE_TEXT


def check_choices(question: AssessmentQuestion, values: Sequence[str]) -> Choices:
    """Choice ids given by a script (an option or an answers file); ValueError naming the first
    unknown one and the valid ones."""
    valid = [choice_id for choice_id, _ in menu(question)]
    valid += [NOT_SURE] if NOT_SURE not in valid else []  # a script may always say it does not know
    chosen = tuple(dict.fromkeys(value.strip() for value in values if value.strip()))
    for value in chosen:
        if value not in valid:
            raise ValueError(f"'{value}' is not an answer to '{question.id}'; choose from: {', '.join(valid)}")
    if not chosen:
        raise ValueError(f"give an answer to '{question.id}'; choose from: {', '.join(valid)}")
    settled = _settle(question, chosen)
    if settled is None:
        raise ValueError(f"'{question.id}' takes one answer; choose one of: {', '.join(valid)}")
    return settled


def parse_age_option(text: str) -> Age:
    """``--age``: years ("67"), a band ("40-59", "60-plus") or "not sure"; ValueError if neither."""
    cleaned = text.strip().lower()
    if cleaned in AGE_BANDS:
        return cleaned
    parsed = triage.parse_age(cleaned.replace("-", " ").replace("_", " "))
    if parsed is None:
        bands = ", ".join(AGE_BANDS)
        raise ValueError(f"'{text}' is not an age; give years (such as 45), a band ({bands}) or not-sure")
    return parsed


def read_answers_file(kb: KnowledgeBase, data: object) -> dict[str, Age | Choices | Reply | None]:
    """Answers from a JSON object: ``age`` (years, a band or "not sure"), assessment questions (an
    id or a list of ids) and the check's questions (group and red-flag ids, yes / no / not sure)."""
    assessment = _require(kb)
    if not isinstance(data, dict):
        raise ValueError('an answers file holds one JSON object, such as {"age": 40, "began": "lifting-or-twisting"}')
    answers: dict[str, Age | Choices | Reply | None] = {}
    check: dict[str, object] = {}
    for key, value in data.items():
        question = assessment.question(key)
        if key == AGE and isinstance(value, str):
            try:
                answers[AGE] = parse_age_option(value)
            except ValueError as error:
                raise ValueError(f"'age': {error}") from None
        elif question is not None:
            values = value if isinstance(value, list) else [value]
            if not all(isinstance(item, str) for item in values):
                raise ValueError(f"'{key}': give a choice id or a list of them, not {value!r}")
            answers[key] = check_choices(question, values)
        else:
            check[key] = value
    try:
        answers.update(triage.read_answers_file(kb, check))
    except ValueError as error:
        if "unknown question" in str(error):
            known = ", ".join(question.id for question in assessment.questions)
            raise ValueError(f"{error}, or an assessment question ({known})") from None
        raise
    return answers


def answers_from_red_flags(kb: KnowledgeBase, yes_ids: Sequence[str]) -> dict[str, Reply | None]:
    """``--red-flags``: these signs yes, every other sign and gate no (an explicit answer)."""
    replies = triage.answers_from_ids(kb, yes_ids)
    replies.pop(AGE, None)
    return replies


def _choices(value: object) -> Choices:
    return value if isinstance(value, tuple) else ()


def _check_ids(kb: KnowledgeBase) -> set[str]:
    return {AGE} | {group.id for group in kb.red_flag_groups} | {flag.id for flag in kb.red_flags}


def _require(kb: KnowledgeBase) -> Assessment:
    if kb.assessment is None:
        raise BackpainError(
            f"{kb.path} has no 'assessment' section; use the bundled knowledge base or add one (see docs)"
        )
    return kb.assessment
