"""Reading a story: the answers to ``backpain assess``'s questions that a person's own words give.

"Legs go heavy walking to the shops, better leaning on a trolley" answers two of them: worse with
walking, better sitting or leaning forward. Search adds the points those answers give each cause
whose typical picture (its ``features``) lists them, so that a story reaches the cause it describes,
not the cause that shares its commonest word (docs/search.md).

The words are data: each assessment choice's ``cues`` in both languages, the ``cue_context`` of a
question whose cues need one ("sitting" is relief only beside "eases" or "helps"), the assessment's
``clause_breaks`` ("but") and ``not_cues`` ("fell asleep"), and a warning-sign group's ``gate_cues``
("pregnant"). A cue denied just before it ("no numbness", "ما في خدر") or followed by a word of "fine"
says nothing; one after "unable" or "ما اقدر" is kept ("can't walk far" is worse with walking).
"""

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import NamedTuple

from backpain_cli import cache
from backpain_cli.knowledge_base import Ages, Aliases, Cause, KnowledgeBase, Lang, Text
from backpain_cli.words import fold, normal_word, raw_words

# A story longer than this is read only this far: search cuts its queries shorter still.
MAX_STORY_CHARS = 2000
# Words that may stand between two words of a cue, once filler words are dropped.
CUE_GAP = 2
# How many words before a cue a denial reaches ("no problems with my bladder": four words).
DENIAL_REACH = 4
# How many words after a cue a word of "fine" reaches ("bladder fine", "bowels are fine").
FINE_REACH = 2


class Cue(NamedTuple):
    words: tuple[str, ...]
    question: str
    choice: str
    contextual: bool  # said only beside one of its question's context words


class Story(NamedTuple):
    """What a story answers: (question, choice) pairs, and the writer's age if it gives one."""

    answers: frozenset[tuple[str, str]]
    age: int | None = None
    # It names the back or the legs ("legs go heavy"): a story that does not ("numb fingers at
    # night", "stomach ache on one side") cannot make a query about back pain.
    placed: bool = False


class StoryWords(NamedTuple):
    """The cues of a knowledge base, compiled for matching: by first word."""

    cues: dict[str, tuple[Cue, ...]]
    context: dict[str, frozenset[tuple[str, ...]]]  # question -> the words its contextual cues need
    breaks: frozenset[tuple[str, ...]]  # raw, folded
    denials: frozenset[str]  # raw, folded: single words
    able: frozenset[str]  # raw, folded: words of being able, which undo a denial before them
    known: frozenset[str]  # every word of a cue or a context word
    places: frozenset[tuple[str, ...]]  # the words of the back and the legs
    not_cues: dict[str, tuple[tuple[str, ...], ...]]  # by first word: phrases no cue is read in
    specificity: dict[tuple[str, str], float]  # how telling each answer is (assessment.answer_specificity)
    pictures: tuple["Picture", ...] = ()  # each cause's, in the knowledge base's order
    fine: frozenset[str] = frozenset()  # raw, folded: words that deny what stands before them ("bladder fine")
    others: frozenset[tuple[str, ...]] = frozenset()  # someone else ("my wife"): a gate is theirs, not said


def _forms(text: str) -> tuple[str, ...]:
    return tuple(word for raw in raw_words(text) for word in normal_word(raw))


def _single_words(aliases: Aliases) -> frozenset[str]:
    """The raw, folded words of ``aliases`` that are one word long ("no", "fine", "ما")."""
    return frozenset(raw[0] for text in aliases.all() if len(raw := raw_words(text)) == 1)


def _phrases(aliases: Aliases) -> Iterator[tuple[str, ...]]:
    for text in aliases.all():
        words = _forms(text)
        if words:
            yield words


@lru_cache(maxsize=4)
def story_words(kb: KnowledgeBase) -> StoryWords:
    """The knowledge base's story vocabulary: from the cache when this exact knowledge base was
    compiled before (compiling it takes ten times a search)."""
    return cache.load_or_make(kb.key, "story", StoryWords, lambda: _compile(kb))


def _compile(kb: KnowledgeBase) -> StoryWords:
    by_first: dict[str, list[Cue]] = {}
    context: dict[str, frozenset[tuple[str, ...]]] = {}
    breaks: frozenset[tuple[str, ...]] = frozenset()
    not_cues: dict[str, list[tuple[str, ...]]] = {}
    assessment = kb.assessment
    if assessment is not None:
        for words in _phrases(assessment.not_cues):
            not_cues.setdefault(words[0], []).append(words)
        breaks = frozenset(tuple(raw_words(text)) for text in assessment.clause_breaks.all() if raw_words(text))
        for question in assessment.questions:
            needs = frozenset(_phrases(question.cue_context))
            if needs:
                context[question.id] = needs
            for choice in question.choices:
                for words in _phrases(choice.cues):
                    by_first.setdefault(words[0], []).append(Cue(words, question.id, choice.id, bool(needs)))
        for group in kb.red_flag_groups:
            for words in _phrases(group.gate_cues):
                by_first.setdefault(words[0], []).append(Cue(words, GATE, group.id, False))
    denials = _single_words(kb.sign_vocabulary.context.get("negation", Aliases()))
    known = frozenset(
        word
        for phrases in ([cue.words for cues in by_first.values() for cue in cues], *context.values())
        for words in phrases
        for word in words
    )
    cues = {first: tuple(found) for first, found in by_first.items()}
    terms = {concept.id: frozenset(_phrases(concept.terms)) for concept in kb.sign_vocabulary.concepts}
    below_knee = {cue.words for cues in by_first.values() for cue in cues if cue.choice == _BELOW_KNEE}
    places = frozenset().union(*(terms.get(name, ()) for name in _PLACE_CONCEPTS))
    places -= terms.get(_ELSEWHERE, frozenset()) | below_knee
    unlike = {first: tuple(phrases) for first, phrases in not_cues.items()}
    specificity = {}
    pictures: tuple[Picture, ...] = ()
    if assessment is not None:
        from backpain_cli.assessment import answer_specificity  # only when compiling, not on each search

        specificity = answer_specificity(kb)
        pictures = tuple(picture_of(cause) for cause in kb.each_cause())
    fine = _single_words(kb.sign_vocabulary.context.get("after-negation", Aliases()))
    others = frozenset(_phrases(kb.sign_vocabulary.context.get("other-person", Aliases())))
    return StoryWords(cues, context, breaks, denials, _ABLE, known, places, unlike, specificity, pictures, fine, others)


# The warning signs' concepts whose words place a complaint on the back or the legs, less the words
# of other parts of the body ("knee", "heel") and of the leg below the knee ("calf", "toe"): a sore
# knee or calf alone is no story of back pain.
_PLACE_CONCEPTS = ("back-area", "leg", "upper-back")
_ELSEWHERE = "elsewhere"
_BELOW_KNEE = "leg-below-knee"


# The "question" of a story's answers that say yes to a warning-sign group's gate ("pregnant").
GATE = "gate"

# Words of being able: "not able to walk far" is walking made hard, not walking denied.
_ABLE = frozenset(("able", "can", "could", "اقدر", "قادر", "قادره", "بقدر", "نقدر", "قدرت", "اقدرش", "يقدر", "تقدر"))

# "don't", "didn't", "couldn't": the denial kept as a word ("can't" is folded to "unable").
_NOT = re.compile(
    r"\b(do|does|did|have|has|had|is|are|was|were|would|should|could|wo|need)n['\u2019]t\b", re.IGNORECASE
)

# Marks that end a statement: a cue's context never reaches past one.
_STATEMENT_END = re.compile(r"[.!?;,:()\n\u060c\u061b\u061f\u2026]+")

_AGE = (
    re.compile(r"\b(\d{1,2})[ -]?(?:yo|y/o|y\.o\.?|yrs? old|years? old|year-old|years-old|yr-old)\b"),
    re.compile(r"[\[(](\d{2}) ?[mf][\])]"),  # "[39M]", "(45F)": the forums' way; "(2m)" is months
    re.compile(
        r"\b(?:i'?m|i am|aged?|at age)\s+(\d{1,2})\b"
        r"(?! ?(?:weeks?|months?|days?|kg|lbs?|%|min|hours?|foot|feet|ft|stone|st|cm|years? into|/|'|\"|x\b))"
    ),
    re.compile(r"(?:عمري|بعمر|سني)\s*(\d{1,2})\b"),
)
# Words that give a teenager's age, taken as 16: the middle of the teens.
_TEEN = frozenset(("teen", "teens", "teenage", "teenager", "مراهق", "مراهقه", "مراهقة"))
TEEN_AGE = 16


def read_story(kb: KnowledgeBase, text: str) -> Story:
    """The assessment answers ``text`` gives in its own words; nothing for a text without any."""
    words = story_words(kb)
    if not words.cues:
        return Story(frozenset())
    text = text[:MAX_STORY_CHARS]
    answers: set[tuple[str, str]] = set()
    placed = False
    for statement in _STATEMENT_END.split(fold(_NOT.sub(r"\1 not", text))):
        for part in _parts(raw_words(statement), words.breaks):
            tokens = [(token, at) for at, raw in enumerate(part) for token in _normal(raw, words.known)]
            answers.update(_answers(part, tokens, words))
            forms = [token for token, _ in tokens]
            placed = placed or any(_holds(forms, place) for place in words.places)
    return Story(frozenset(answers), _age(text.casefold().replace("’", "'")), placed)


def _parts(raws: list[str], breaks: frozenset[tuple[str, ...]]) -> Iterator[list[str]]:
    """``raws`` cut at each clause break ("but", "لكن", "ولكن"), the break left out."""
    start = position = 0
    while position < len(raws):
        size = next(
            (len(words) for words in breaks if tuple(raws[position : position + len(words)]) == words),
            0,
        )
        if size:
            yield raws[start:position]
            start = position = position + size
        else:
            position += 1
    yield raws[start:]


def _answers(raws: list[str], tokens: list[tuple[str, int]], words: StoryWords) -> set[tuple[str, str]]:
    """The answers one statement gives (its raw words, and their normal forms with the raw word each
    stands for): its cues not denied, and a contextual question's cues only beside one of its context
    words, where they take the place of any other cue on the same words ("sitting eases it" is better
    sitting, not worse)."""
    found: list[tuple[int, int, Cue]] = []
    forms = [token for token, _ in tokens]
    other_sense = {
        at
        for start, token in enumerate(forms)
        for phrase in words.not_cues.get(token, ())
        if tuple(forms[start : start + len(phrase)]) == phrase
        for at in range(start, start + len(phrase))
    }
    for start, token in enumerate(forms):
        if start in other_sense:
            continue
        for cue in words.cues.get(token, ()):
            end = _match_rest(forms, start + 1, cue.words[1:])
            if end is not None:
                found.append((start, end, cue))
    eased = {question for question, needs in words.context.items() if any(_holds(forms, need) for need in needs)}
    kept: list[tuple[int, int, Cue]] = [item for item in found if not item[2].contextual or item[2].question in eased]
    spans = [(start, end) for start, end, cue in kept if cue.contextual]
    answers = set()
    for start, end, cue in kept:
        if not cue.contextual and any(start < other_end and other_start < end for other_start, other_end in spans):
            continue
        if _denied(raws, tokens[start][1], words) or _denied_after(raws, tokens[end - 1][1], words):
            continue
        if cue.question == GATE and any(_holds(forms, other) for other in words.others):
            continue  # "my wife is pregnant": her gate, not the writer's
        answers.add((cue.question, cue.choice))
    return answers


def _normal(raw: str, known: frozenset[str]) -> tuple[str, ...]:
    """A raw word's normal forms; an Arabic word with "و" or "ف" fused before it ("وارتاح", and I
    rest) is the word without it, if only that is a word of the vocabulary."""
    forms = normal_word(raw)
    if raw[:1] in _FUSED and len(raw) > 3 and not known.intersection(forms):
        bare = normal_word(raw[1:])
        if known.intersection(bare):
            return bare
    return forms


# One-letter Arabic particles that fuse with the next word: and, so.
_FUSED = frozenset("وف")


def _match_rest(forms: list[str], at: int, rest: tuple[str, ...]) -> int | None:
    """The end of a cue whose first word stands just before ``at`` and whose other words follow in
    order, each at most CUE_GAP words after the last ("moved all the boxes" says "moved boxes")."""
    for word in rest:
        try:
            at = forms.index(word, at, at + 1 + CUE_GAP) + 1
        except ValueError:
            return None
    return at


def _holds(forms: list[str], words: tuple[str, ...]) -> bool:
    size = len(words)
    return any(tuple(forms[at : at + size]) == words for at in range(len(forms) - size + 1))


def _denied(raws: list[str], at: int, words: StoryWords) -> bool:
    """True if a denial stands within DENIAL_REACH words before ``at``, with no word of being able
    between ("no numbness"; not "ما اقدر امشي", can't walk), or as the cue's own first word."""
    if raws[at] in words.able:
        return False
    for before in range(at - 1, max(at - 1 - DENIAL_REACH, -1), -1):
        if raws[before] in words.able:
            return False
        if raws[before] in words.denials:
            # "could not walk", "can not sit": being unable, not a denial
            return before == 0 or raws[before - 1] not in words.able
    return False


def _denied_after(raws: list[str], at: int, words: StoryWords) -> bool:
    """True if a word that denies what stands before it follows within FINE_REACH words ("bowels are
    fine", "numbness gone")."""
    return any(raw in words.fine for raw in raws[at + 1 : at + 1 + FINE_REACH])


def _age(folded: str) -> int | None:  # folded: case (\d and int() read any script's digits)
    """The writer's age, if the text gives it ("I'm 63", "[39M]", "14yo", "عمري 45", "teenager")."""
    for pattern in _AGE:
        found = pattern.search(folded)
        if found:
            return int(next(group for group in found.groups() if group))
    if any(raw in _TEEN for raw in raw_words(folded)):
        return TEEN_AGE
    return None


class Fit(NamedTuple):
    """The points a story gives one cause, and the answers that fit it."""

    points: float
    answers: tuple[tuple[str, str], ...]


class Picture(NamedTuple):
    """What a story is scored against for one cause: its typical picture in the assessment's
    answers (``features``), kept small so that the pictures of 100,000 causes are cached together and
    a story is scored without decoding a cause."""

    typical: frozenset[tuple[str, str]]
    against: frozenset[tuple[str, str]]
    requires: tuple[str, ...]
    ages: Ages | None
    prevalence: str
    emergency: bool  # its care is an emergency: an age outside its usual range never counts against it


def picture_of(cause: Cause) -> Picture:
    features = cause.features
    return Picture(
        typical=frozenset((question, answer) for question, answers in features.typical for answer in answers),
        against=frozenset((question, answer) for question, answers in features.against for answer in answers),
        requires=features.requires,
        ages=features.ages,
        prevalence=cause.prevalence,
        emergency=cause.care is not None and cause.care.level == "emergency",
    )


def story_fit(kb: KnowledgeBase, story: Story, cause: Cause | Picture) -> Fit:
    """The points ``story`` gives a cause: for each question, its ``fit`` times how telling the
    answer is (assessment.answer_specificity) for each answer the cause lists as typical (at most the
    question's ``most``), and ``against`` for each it lists as against it; a gate said yes that the
    cause requires, as assess counts it; if any fits, the points of its prevalence (NICE NG59: most
    back pain is non-specific); and the age's fit or miss where the cause gives ages, never a miss for
    an emergency (as assess: an unusual age never makes an emergency less likely)."""
    picture = cause if isinstance(cause, Picture) else picture_of(cause)
    return _Scorer(kb, story).fit(picture)


def story_fits(kb: KnowledgeBase, story: Story, pictures: Sequence[Picture], among: Iterable[int]) -> dict[int, Fit]:
    """``story_fit`` of each cause in ``among`` (positions in ``pictures``) that the story gives points."""
    scorer = _Scorer(kb, story)
    fits = {}
    for at in among:
        fit = scorer.fit(pictures[at])
        if fit.points:
            fits[at] = fit
    return fits


class _Scorer:
    """A story's answers prepared once, so that each cause costs a few set operations."""

    def __init__(self, kb: KnowledgeBase, story: Story) -> None:
        self.assessment = kb.assessment
        self.story = story
        specificity = story_words(kb).specificity
        # per question answered: its id, its most, and for each choice given: the answers a cause may
        # list for it (the choice and those it counts as), the choice, and its points
        self.questions: list[tuple[str, int, list[tuple[frozenset[tuple[str, str]], str, float]]]] = []
        keys: set[tuple[str, str]] = set()
        for question in self.assessment.questions if self.assessment else ():
            given = [
                (
                    frozenset((question.id, answer) for answer in (choice.id, *choice.counts_as)),
                    choice.id,
                    question.fit * specificity.get((question.id, choice.id), 1.0),
                )
                for choice in question.choices
                if (question.id, choice.id) in story.answers
            ]
            if given:
                self.questions.append((question.id, question.most, given))
                keys.update(key for listed, _, _ in given for key in listed)
        self.keys = frozenset(keys)
        self.gates = {choice for question, choice in story.answers if question == GATE}

    def fit(self, picture: Picture) -> Fit:
        assessment = self.assessment
        if assessment is None:
            return Fit(0.0, ())
        points = 0.0
        fitted: list[tuple[str, str]] = []
        if not self.keys.isdisjoint(picture.typical) or not self.keys.isdisjoint(picture.against):
            for question_id, most, given in self.questions:
                gains = sorted(
                    ((gain, choice) for listed, choice, gain in given if listed & picture.typical), reverse=True
                )
                points += sum(gain for gain, _ in gains[:most])
                fitted += [(question_id, choice) for _, choice in gains[:most]]
                points += assessment.against * sum(bool(listed & picture.against) for listed, _, _ in given)
        if picture.requires and self.gates.issuperset(picture.requires):  # as assess counts a gate answered yes
            points += assessment.red_flag_fit
            fitted += [(GATE, group) for group in picture.requires]
        if fitted:  # among causes the story fits, the common one leads when the fit is equal
            points += assessment.prior(picture.prevalence)
        age, ages = self.story.age, picture.ages
        if age is not None and ages is not None:
            if ages.overlaps(age, age):
                points += assessment.age_fit
                fitted.append(("age", str(age)))
            elif not picture.emergency:
                points += assessment.age_miss
        return Fit(points, tuple(fitted))


def story_text(kb: KnowledgeBase, fit: Fit, lang: Lang = "en") -> str:
    """The answers that fit, as the assessment words them: "Worse with: Walking; Where: Both legs"."""
    assessment = kb.assessment
    if assessment is None:
        return ""
    said: dict[str, list[str]] = {}
    heads: dict[str, str] = {}
    for question_id, choice_id in fit.answers:
        question = assessment.question(question_id)
        if question_id == GATE:  # a gate said yes to: the group's name ("Back pain in pregnancy")
            group = kb.group_by_id.get(choice_id)
            heads[question_id] = _GATE_LABEL.get(lang)
            said.setdefault(question_id, []).append(group.name.get(lang) if group else choice_id)
            continue
        if question is None:  # the age
            heads[question_id] = _AGE_LABEL.get(lang)
            said.setdefault(question_id, []).append(choice_id)
            continue
        heads[question_id] = (question.label or question.text).get(lang)
        choice = next(choice for choice in question.choices if choice.id == choice_id)
        said.setdefault(question_id, []).append(choice.text.get(lang))
    joiner, separator = ("، ", "؛ ") if lang == "ar" else (", ", "; ")
    return separator.join(f"{heads[question_id]}: {joiner.join(texts)}" for question_id, texts in said.items())


_AGE_LABEL = Text("Age", "العمر")
_GATE_LABEL = Text("Said", "ذكرت")
