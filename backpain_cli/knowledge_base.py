"""Frozen knowledge-base types and ``load_knowledge_base()``, which reads and validates once."""

import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, Literal, NamedTuple, TypeVar

from backpain_cli import cache
from backpain_cli.errors import CacheError, KnowledgeBaseError

Lang = Literal["en", "ar"]
LANGS: tuple[Lang, ...] = ("en", "ar")
URGENCIES = ("emergency", "urgent", "soon")
PREVALENCES = ("common", "less-common", "rare")
# The shape of an ICD-10-CM code: a letter, two characters, then up to four after a dot (M54.50, S32.009A).
_ICD10CM = re.compile(r"[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?")
LOCATIONS = (
    "lower-back",
    "middle-back",
    "upper-back",
    "neck",
    "buttock",
    "leg",
    "groin",
    "abdomen",
    "side",
    "whole-body",
)
RELATIONS = ("often-confused-with", "can-cause", "caused-by", "related")
TREATMENT_KINDS = (
    "self-care",
    "medication",
    "injection",
    "physical-therapy",
    "psychological",
    "complementary",
    "device",
    "surgery",
    "experimental",
)
SOURCE_KINDS = ("seed", "reference")
# When a warning sign's words must have happened to count: now ("current": a fever last week is not a
# fever now), lately ("recent": a fall ten years ago is not this pain's cause), or at any time ("ever":
# having had cancer, taking steroid tablets or blood thinners).
TIMINGS = ("current", "recent", "ever")
# The kinds of context word that change what a warning-sign word means (signs.py): it is denied, long
# ago, past, supposed, about someone else or an animal; a scope ends; the writer speaks of themself.
CONTEXTS = (
    "negation",
    "after-negation",
    "pseudo-negation",
    "long-ago",
    "past",
    "hypothetical",
    "other-person",
    "animal",
    "scope-end",
    "self",
)
KB_ENV_VAR = "BACKPAIN_KB"
SCHEMA_VERSION = 1


class Text(NamedTuple):
    """A piece of text in English and, where translated, Arabic."""

    en: str
    ar: str | None = None

    def get(self, lang: Lang) -> str:
        """The text in ``lang``, falling back to English."""
        return self.ar if lang == "ar" and self.ar else self.en

    def as_json(self) -> dict[str, str]:
        return {"en": self.en, "ar": self.ar} if self.ar else {"en": self.en}


class Fact(NamedTuple):
    """One statement with the sources it comes from."""

    text: Text
    sources: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {**self.text.as_json(), "sources": list(self.sources)}


class Aliases(NamedTuple):
    en: tuple[str, ...] = ()
    ar: tuple[str, ...] = ()

    def all(self) -> tuple[str, ...]:
        return self.en + self.ar

    def as_json(self) -> dict[str, list[str]]:
        return {"en": list(self.en), "ar": list(self.ar)}


class Source(NamedTuple):
    id: str
    publisher: str
    title: str
    kind: str
    file: str | None = None
    language: str | None = None
    year: int | None = None
    note: str | None = None
    url: str | None = None
    checked: str | None = None  # the date (YYYY-MM-DD) the page was last checked


class Category(NamedTuple):
    id: str
    name: Text
    description: Text


class Related(NamedTuple):
    id: str
    relation: str
    sources: tuple[str, ...] = ()


class Disagreement(NamedTuple):
    topic: Text
    positions: tuple[Fact, ...]


class Ages(NamedTuple):
    """An age range in whole years; None is open-ended."""

    min: int | None = None
    max: int | None = None

    def overlaps(self, low: int, high: int) -> bool:
        return (self.min is None or high >= self.min) and (self.max is None or low <= self.max)


EVIDENCE_LEVELS = ("established", "contested", "one-source")
SEXES = ("any", "female", "male", "more-female", "more-male")
# What a person with a cause should do, least urgent first.
CARE_LEVELS = ("self-care", "gp", "urgent", "emergency")
# Answers every assessment question has, beside its own choices; "none" only where several can be chosen.
NOT_SURE = "not-sure"
NONE = "none"


class Codes(NamedTuple):
    """A cause's diagnosis codes: ICD-10-CM (checked against the official tables in the tests) and ICD-11."""

    icd10cm: tuple[str, ...]
    icd11: tuple[str, ...] = ()
    icd11_missing: Text | None = None  # why there is no ICD-11 code
    sources: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # the official ICD-10-CM title of each code, in order: searchable names


class Evidence(NamedTuple):
    """How established a cause is: a recognised diagnosis, contested, or one source's view."""

    level: str
    note: Fact


class Features(NamedTuple):
    """A cause's typical clinical picture, in the answers of the assessment's questions.

    ``typical`` holds, per question id, the answers that fit the cause; ``against`` the answers a
    source says argue against it. A question a cause has no answers for says nothing about it.
    """

    typical: tuple[tuple[str, tuple[str, ...]], ...] = ()
    against: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ages: Ages | None = None
    sex: str = "any"
    sources: tuple[str, ...] = ()
    # Red-flag groups whose gate question must be answered yes or not sure for the cause to be
    # offered at all ("Are you pregnant?" for the causes of pregnancy).
    requires: tuple[str, ...] = ()

    def typical_of(self, question: str) -> tuple[str, ...]:
        return next((answers for key, answers in self.typical if key == question), ())

    def against_of(self, question: str) -> tuple[str, ...]:
        return next((answers for key, answers in self.against if key == question), ())


class Care(NamedTuple):
    """What a person with the cause should do (``CARE_LEVELS``), and who says so."""

    level: str
    sources: tuple[str, ...]


class Cause(NamedTuple):
    id: str
    name: Text
    aliases: Aliases
    category: str
    prevalence: str
    locations: tuple[str, ...]
    summary: Fact
    symptoms: tuple[Fact, ...]
    worse_with: tuple[Fact, ...] = ()
    better_with: tuple[Fact, ...] = ()
    at_risk: tuple[Fact, ...] = ()
    diagnosis: tuple[Fact, ...] = ()
    tests: tuple[str, ...] = ()
    treatments: tuple[str, ...] = ()
    related: tuple[Related, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    sources: tuple[str, ...] = ()
    codes: Codes = Codes(())
    evidence: Evidence | None = None
    prevalence_sources: tuple[str, ...] = ()
    features: Features = Features()
    care: Care | None = None


class Treatment(NamedTuple):
    id: str
    name: Text
    kind: str
    summary: Fact
    aliases: Aliases = Aliases()
    evidence: tuple[Fact, ...] = ()
    cautions: tuple[Fact, ...] = ()
    sources: tuple[str, ...] = ()


class RuleStep(NamedTuple):
    """What a guideline advises once at least ``min`` of a group's criteria are met."""

    min: int
    advice: Text


class GroupRule(NamedTuple):
    """A counting rule over some of a group's signs (NICE NG65: 4 or more, refer; 3, test)."""

    criteria: tuple[str, ...]
    steps: tuple[RuleStep, ...]
    source: str


class RedFlagGroup(NamedTuple):
    id: str
    name: Text
    description: Text
    sources: tuple[str, ...]
    # The one question the check asks before the group's own: "no" skips them all.
    gate: Text | None = None
    ages: Ages | None = None  # the check asks this group only of people in this age range
    gate_sign: str | None = None  # a sign of the group that the gate's answer also answers
    rule: GroupRule | None = None
    # The words that say yes to the gate in a story ("I'm 23 weeks pregnant", "انا حامل"): search
    # reads them as the assessment reads the gate's answer (story.py).
    gate_cues: Aliases = Aliases()


class SignPattern(NamedTuple):
    """Concepts that together make a warning sign: ``all`` close together in one clause, ``with``
    anywhere in the text, and none of ``unless`` in that clause (a harmless explanation)."""

    all: tuple[str, ...]
    with_: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()


class RedFlag(NamedTuple):
    id: str
    sign: Text
    question: Text
    urgency: str
    group: str
    causes: tuple[str, ...]
    sources: tuple[str, ...]
    note: Text | None = None
    # How the sign is read from free text (signs.py); a flag without patterns is only asked about.
    detect: tuple[SignPattern, ...] = ()
    timing: str = "recent"
    ages: Ages | None = None  # the check asks this sign only of people in this age range


class Concept(NamedTuple):
    """One idea a warning sign is made of ("bladder", "numb"), in the words people use for it."""

    id: str
    terms: Aliases
    exclude: Aliases = Aliases()  # phrases that hold a term but mean something else ("hay fever")


class SignVocabulary(NamedTuple):
    concepts: tuple[Concept, ...] = ()
    context: Mapping[str, Aliases] = {}


class EmergencyNumber(NamedTuple):
    region: str  # ISO 3166-1 alpha-2, or "EU"
    number: str
    name: Text
    sources: tuple[str, ...]
    also: tuple[str, ...] = ()


class Test(NamedTuple):
    id: str
    name: Text
    summary: Fact
    can_show: tuple[Fact, ...] = ()
    cannot_show: tuple[Fact, ...] = ()
    sources: tuple[str, ...] = ()


class Topic(NamedTuple):
    """A risk factor, prevention tip, straining activity or pain type."""

    id: str
    name: Text
    summary: Fact
    details: tuple[Fact, ...] = ()
    causes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


TOPIC_SECTIONS = ("risk_factors", "prevention", "activities", "pain_types")


class Choice(NamedTuple):
    """One answer to an assessment question, and what it tells the red-flag check.

    ``raises``: groups whose gate this answer answers yes, so the check asks their signs.
    ``states``: warning signs this answer says outright ("Both legs"): answered yes.
    ``rules_out``: gates it answers no ("Male": the pregnancy question); the only way an answer
    says no, and only to a question that cannot apply.
    ``counts_as``: other choices of the question it also matches in a cause's typical picture
    ("Between the shoulder blades" is upper back).
    ``cues``: the words people use for this answer when they tell their story ("worse when I walk",
    "shopping trolley"), which search reads (story.py).
    """

    id: str
    text: Text
    raises: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    rules_out: tuple[str, ...] = ()
    counts_as: tuple[str, ...] = ()
    cues: Aliases = Aliases()


class AssessmentQuestion(NamedTuple):
    """One question of ``backpain assess`` and how much its answers weigh.

    An answer that a cause lists as typical adds ``fit`` points (at most ``most`` of them count);
    answers none of which the cause lists as typical, where it lists some, add ``miss`` points.
    """

    id: str
    text: Text
    multi: bool
    choices: tuple[Choice, ...]
    fit: float
    miss: float
    most: int = 1
    label: Text | None = None  # a short name for the answers' list ("Where", "Worse with")
    offers_none: bool = False  # "none of these" is a choice (questions with several answers)
    offers_not_sure: bool = True
    none_raises: tuple[str, ...] = ()  # gates that "none of these" answers yes ("nothing helps")
    # Words without which its choices' cues say nothing in a story: "better" reads "sitting" only
    # beside "eases" or "helps" ("walking hurts, sitting eases it").
    cue_context: Aliases = Aliases()


class Assessment(NamedTuple):
    """The questions and weights of ``backpain assess``: a points model a clinician can audit."""

    questions: tuple[AssessmentQuestion, ...]
    check_after: str  # the question after which the red-flag check's questions are asked
    priors: tuple[tuple[str, float], ...]  # points per prevalence
    age_fit: float
    age_miss: float
    against: float  # points per answer a cause lists as against it
    red_flag_fit: float  # points per warning sign answered yes that points to the cause
    red_flag_most: int  # how many such signs count at most
    red_flag_ignored: tuple[str, ...]  # groups whose signs say how soon, not what (pain not better)
    # An answer that one cause in this many lists as typical counts its question's fit once; rarer
    # answers count more (at most specificity_most times), commoner ones less. 0: all count once.
    specificity_reference: float
    specificity_most: float
    # The advice takes the care of every cause within this many points of the first, not only its.
    care_margin: float
    evidence_levels: tuple[str, ...]  # the causes offered: those whose evidence is at one of these levels
    note: Fact  # what the model is, and its sources
    outlook: Fact  # how most back pain goes, shown when no warning sign needs a doctor soon
    # Words that end one statement of a story and begin another ("worse walking, but sitting eases it").
    clause_breaks: Aliases = Aliases()
    # Phrases that hold a cue's words but mean something else ("fell asleep", "side effects").
    not_cues: Aliases = Aliases()

    def prior(self, prevalence: str) -> float:
        return next((points for key, points in self.priors if key == prevalence), 0.0)

    def question(self, question_id: str) -> AssessmentQuestion | None:
        return next((question for question in self.questions if question.id == question_id), None)


class KnowledgeBase:
    """A validated knowledge base: the sections in file order, and each looked up by id."""

    def __init__(
        self,
        path: str,
        sources: tuple[Source, ...],
        categories: tuple[Category, ...],
        causes: Sequence[Cause],
        treatments: tuple[Treatment, ...],
        red_flag_groups: tuple[RedFlagGroup, ...],
        red_flags: tuple[RedFlag, ...],
        tests: tuple[Test, ...],
        topics: Mapping[str, tuple[Topic, ...]],
        sign_vocabulary: SignVocabulary | None = None,
        emergency_numbers: tuple[EmergencyNumber, ...] = (),
        assessment: Assessment | None = None,
        cause_ids: Sequence[str] | None = None,  # given by the cache, which decodes causes only when used
    ) -> None:
        self.path = path
        self.key = ""  # the content key under which derived work is cached; empty if none
        self.sources = sources
        self.categories = categories
        self.causes = causes
        self.treatments = treatments
        self.red_flag_groups = red_flag_groups
        self.red_flags = red_flags
        self.tests = tests
        self.topics = topics
        self.sign_vocabulary = sign_vocabulary or SignVocabulary()
        self.emergency_numbers = emergency_numbers
        self.assessment = assessment
        self.source_by_id = {item.id: item for item in sources}
        self.category_by_id = {item.id: item for item in categories}
        ids = [item.id for item in causes] if cause_ids is None else cause_ids
        self.cause_by_id: cache.ById[Cause] = cache.ById(causes, {cause_id: i for i, cause_id in enumerate(ids)})
        self.treatment_by_id = {item.id: item for item in treatments}
        self.group_by_id = {item.id: item for item in red_flag_groups}
        self.test_by_id = {item.id: item for item in tests}
        self._flags_by_cause: dict[str, list[RedFlag]] = {}
        for flag in sorted(
            red_flags, key=lambda flag: URGENCIES.index(flag.urgency) if flag.urgency in URGENCIES else 0
        ):
            for cause_id in flag.causes:
                self._flags_by_cause.setdefault(cause_id, []).append(flag)

    def each_cause(self) -> Iterator[Cause]:
        """Every cause in order, for one pass over them all: cached causes are decoded one at a time
        and not kept, so that a pass over 100,000 of them holds one, not all."""
        if isinstance(self.causes, cache.CachedItems):
            return self.causes.each()
        return iter(self.causes)

    def red_flags_for(self, cause_id: str) -> tuple[RedFlag, ...]:
        """The red flags that point to a cause, most urgent first."""
        return tuple(self._flags_by_cause.get(cause_id, ()))

    def causes_in(self, category_id: str) -> tuple[Cause, ...]:
        return tuple(cause for cause in self.causes if cause.category == category_id)

    def treatments_for(self, cause_id: str) -> tuple[Treatment, ...]:
        cause = self.cause_by_id[cause_id]
        return tuple(self.treatment_by_id[tid] for tid in cause.treatments)

    def causes_treated_by(self, treatment_id: str) -> tuple[Cause, ...]:
        return tuple(cause for cause in self.causes if treatment_id in cause.treatments)


def find_default_path() -> Path:
    """The bundled knowledge base: inside the installed package, or at the checkout's root."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / "knowledge_base.json", here.parent / "data" / "knowledge_base.json"):
        if candidate.is_file():
            return candidate
    return here / "data" / "knowledge_base.json"


def resolve_path(path: str | os.PathLike[str] | None) -> Path:
    """The file to load: an explicit path, else ``$BACKPAIN_KB``, else the bundled one."""
    if path is not None and str(path) != "":
        return Path(path)
    from_env = os.environ.get(KB_ENV_VAR)
    if from_env:
        return Path(from_env)
    return find_default_path()


class CachedKnowledgeBase(NamedTuple):
    """What the cache keeps of a knowledge base beside its causes, which it keeps one by one.

    The fields are KnowledgeBase's parameters, less ``path`` and ``causes`` (a test holds them equal).
    """

    sources: tuple[Source, ...]
    categories: tuple[Category, ...]
    treatments: tuple[Treatment, ...]
    red_flag_groups: tuple[RedFlagGroup, ...]
    red_flags: tuple[RedFlag, ...]
    tests: tuple[Test, ...]
    topics: dict[str, tuple[Topic, ...]]
    sign_vocabulary: SignVocabulary
    emergency_numbers: tuple[EmergencyNumber, ...]
    assessment: Assessment | None
    cause_ids: tuple[str, ...]


# A knowledge base file may be at most this large: room for about 170,000 causes like those of
# benchmarks/scale.py (300 MB for 100,000), while reading ``--kb /dev/zero`` still ends at once.
MAX_FILE_BYTES = 512 * 1024 * 1024
# One text of the knowledge base (a name, a fact) may be at most this long: the longest today is
# under 2,000; a 10 MB name would take minutes to lay out in a table.
MAX_TEXT_CHARS = 20_000


# Called with a knowledge base's other sections as its causes are about to be read from the file, one
# by one: what it returns is given each cause in turn (search.py builds the search index so).
OnRead = Callable[[KnowledgeBase], Callable[[Cause], None]]


def load_knowledge_base(path: str | os.PathLike[str] | None = None, *, on_read: OnRead | None = None) -> KnowledgeBase:
    """Read, parse and validate a knowledge base; raise KnowledgeBaseError listing every problem.

    A file whose exact bytes were validated before is taken from the cache instead; a file seen
    before with the same inode, size and times is not even read. ``on_read`` is called each time the
    causes are read afresh from the file in one pass (never for the cache, nor for a file the careful
    reader reads); if that pass fails part way, a later one or none follows, so what it was given
    is whole only if it was given every cause of the knowledge base returned.
    """
    resolved = resolve_path(path)
    name = str(resolved)
    with _open_file(resolved) as (file, identity):
        known = cache.find_key(identity)
        if known and (kb := _load_cached(known, resolved)) is not None:
            return kb
        raw = _read_file(file, identity, name)
    key = cache.content_key(raw, identity)
    if key != known and (kb := _load_cached(key, resolved)) is not None:
        return kb
    return _parse_and_store(raw, resolved, key, on_read)


def _parse_and_store(raw: bytes, path: Path, key: str, on_read: OnRead | None = None) -> KnowledgeBase:
    """Parse and validate ``raw``, and cache the result under ``key``.

    A file that is right is decoded in one pass (kb_decoding.py) and its causes go to the cache one by
    one as they are read; the knowledge base returned then reads them from there, as a warm run does,
    so that a large file's causes are never all in memory. Anything else is read again by the careful
    reader, which names every problem.
    """
    from backpain_cli import kb_decoding  # msgspec's structs: only when the cache cannot answer

    name = str(path)
    writer = cache.open_writer(key, "kb")
    kept: list[Cause] = []
    try:
        found = kb_decoding.read_knowledge_base(raw, name, kept.append if writer is None else writer.add, on_read)
        if found is not None:
            parsed, cause_ids = found
            value = CachedKnowledgeBase(
                **{field: getattr(parsed, field) for field in CachedKnowledgeBase._fields if field != "cause_ids"},
                cause_ids=cause_ids,
            )
            if writer is not None:
                if writer.finish(value) and (cached := _load_cached(key, path)) is not None:
                    return cached
                # The entry could not be written (a full disk): the causes are read again and kept.
                kb_decoding.read_knowledge_base(raw, name, kept.append)
            fresh = KnowledgeBase(name, causes=tuple(kept), **value._asdict())
            fresh.key = key
            return fresh
    finally:
        if writer is not None:
            writer.abort()  # nothing left behind if the entry was not finished
    kb = parse_knowledge_base(_decode_json(raw, name), name)
    kb.key = key
    sections = {field: getattr(kb, field) for field in CachedKnowledgeBase._fields if field != "cause_ids"}
    cache.store(key, "kb", CachedKnowledgeBase(**sections, cause_ids=tuple(kb.cause_by_id)), kb.causes)
    return kb


def _load_cached(key: str, path: Path) -> KnowledgeBase | None:
    def repair() -> Sequence[Cause]:
        """The causes parsed again (and cached again) from the file, if it still holds the same bytes."""
        with _open_file(path) as (file, identity):
            raw = _read_file(file, identity, str(path))
        if cache.content_key(raw) != key:
            raise CacheError(f"{path} changed while it was in use; run the command again")
        return _parse_and_store(raw, path, key).causes

    found = cache.load_with_items(key, "kb", CachedKnowledgeBase, Cause, repair)
    if found is None:
        return None
    sections, causes = found
    kb = KnowledgeBase(str(path), causes=causes, **sections._asdict())
    kb.key = key
    return kb


def read_json(path: Path) -> Any:
    """The parsed JSON in ``path``, or KnowledgeBaseError with a one-line reason and fix."""
    with _open_file(path) as (file, identity):
        raw = _read_file(file, identity, str(path))
    return _decode_json(raw, str(path))


@contextmanager
def _open_file(path: Path) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """The open file and its identity, if it is a regular file of at most MAX_FILE_BYTES.

    A pipe or a device is refused at once, never waited on or read without end.
    """
    name = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise KnowledgeBaseError(name, [f"no such file; check the path or unset {KB_ENV_VAR}"]) from None
    except IsADirectoryError:
        raise KnowledgeBaseError(name, ["is a directory, not a file; name the JSON file inside it"]) from None
    except PermissionError:
        raise KnowledgeBaseError(name, ["permission denied; make the file readable"]) from None
    except OSError as error:
        raise KnowledgeBaseError(name, [f"cannot be read ({error.strerror}); check the file"]) from None
    identity = os.fstat(fd)
    problem = None
    if stat.S_ISDIR(identity.st_mode):
        problem = "is a directory, not a file; name the JSON file inside it"
    elif not stat.S_ISREG(identity.st_mode):
        problem = "not a regular file (a pipe, device or socket); save the JSON to a file"
    elif identity.st_size > MAX_FILE_BYTES:
        size, most = -(-identity.st_size // 2**20), MAX_FILE_BYTES // 2**20  # in MB, the size rounded up
        problem = f"{size} MB, more than the {most} MB a knowledge base may be"
    if problem is not None:
        os.close(fd)
        raise KnowledgeBaseError(name, [problem])
    with open(fd, "rb") as file:
        yield file, identity


def _read_file(file: BinaryIO, identity: os.stat_result, name: str) -> bytes:
    try:
        raw = file.read(identity.st_size)
        grown = file.read(1)
    except OSError as error:
        raise KnowledgeBaseError(name, [f"cannot be read ({error.strerror}); check the file"]) from None
    if grown or len(raw) != identity.st_size:
        raise KnowledgeBaseError(name, ["changed while it was read; run the command again"])
    return raw


def _decode_json(raw: bytes, name: str) -> Any:
    import json  # only when the cache cannot answer: most runs never parse JSON

    if not raw.strip():
        raise KnowledgeBaseError(name, ["the file is empty; it must hold a JSON object"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise KnowledgeBaseError(
            name, [f"not UTF-8 text (bad byte at offset {error.start}); save the file as UTF-8"]
        ) from None
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen and key not in duplicates:
                duplicates.append(key)
            seen[key] = value
        return seen

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as error:
        raise KnowledgeBaseError(
            name, [f"line {error.lineno}, column {error.colno}: not valid JSON: {error.msg}; fix the syntax there"]
        ) from None
    except RecursionError:
        raise KnowledgeBaseError(name, ["JSON nested too deeply to be a knowledge base; check the file"]) from None
    except ValueError:  # Python's limit on the digits of an integer (4,300)
        raise KnowledgeBaseError(name, ["a number has too many digits to be read; check the file"]) from None
    if duplicates:
        raise KnowledgeBaseError(
            name,
            [
                f"the key '{key}' appears twice in one object (JSON keeps only the last); remove one"
                for key in duplicates
            ],
        )
    return data


T = TypeVar("T")
# Stands for a required field that is absent; ``obj`` has reported it, so readers stay quiet.
_MISSING: Any = object()


class _Reader:
    """Turns raw JSON into frozen objects, collecting every problem with its place."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}" if where else message)

    def obj(
        self, value: Any, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Any] | None:
        if value is _MISSING:
            return None
        if not isinstance(value, dict):
            self.problem(where, f"expected an object, found {_json_type(value)}")
            return None
        for key in required:
            if key not in value:
                self.problem(where, f"missing field '{key}'")
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                self.problem(where, f"unknown field '{key}' (allowed: {', '.join(sorted(allowed))})")
        return value

    def string(self, value: Any, where: str) -> str:
        if value is _MISSING:
            return ""
        if not isinstance(value, str):
            self.problem(where, f"expected a string, found {_json_type(value)}")
            return ""
        if not value.strip():
            self.problem(where, "empty text")
        if len(value) > MAX_TEXT_CHARS:
            self.problem(where, f"text of {len(value):,} characters; the limit is {MAX_TEXT_CHARS:,}, shorten it")
            return value[:MAX_TEXT_CHARS]
        return value

    def optional_string(self, data: dict[str, Any], key: str, where: str) -> str | None:
        return self.string(data[key], f"{where}.{key}") if key in data else None

    def choice(self, value: Any, where: str, allowed: tuple[str, ...]) -> str:
        text = self.string(value, where)
        if text and text not in allowed:
            self.problem(where, f"'{text}' is not one of: {', '.join(allowed)}")
        return text

    def ident(self, value: Any, where: str) -> str:
        text = self.string(value, where)
        if text and not _is_kebab(text):
            self.problem(where, f"id '{text}' must be kebab-case (lower-case letters, digits and single hyphens)")
        return text

    def array(self, value: Any, where: str, read: Callable[[Any, str], T]) -> tuple[T, ...]:
        if value is _MISSING:
            return ()
        if not isinstance(value, list):
            self.problem(where, f"expected a list, found {_json_type(value)}")
            return ()
        return tuple(read(item, f"{where}[{index}]") for index, item in enumerate(value))

    def get_array(self, data: dict[str, Any], key: str, where: str, read: Callable[[Any, str], T]) -> tuple[T, ...]:
        return self.array(data[key], f"{where}.{key}", read) if key in data else ()

    def ids(self, value: Any, where: str) -> tuple[str, ...]:
        items = self.array(value, where, self.ident)
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item in seen:
                self.problem(f"{where}[{index}]", f"'{item}' is listed twice")
            seen.add(item)
        return items

    def text(self, value: Any, where: str) -> Text:
        data = self.obj(value, where, ("en",), ("ar",))
        if data is None:
            return Text("")
        english = self.string(data["en"], f"{where}.en") if "en" in data else ""
        arabic = self.optional_string(data, "ar", where)
        return Text(english, arabic)

    def fact(self, value: Any, where: str) -> Fact:
        data = self.obj(value, where, ("en", "sources"), ("ar",))
        if data is None:
            return Fact(Text(""), ())
        english = self.string(data["en"], f"{where}.en") if "en" in data else ""
        arabic = self.optional_string(data, "ar", where)
        sources = self.source_ids(data.get("sources", _MISSING), f"{where}.sources") if "sources" in data else ()
        return Fact(Text(english, arabic), sources)

    def source_ids(self, value: Any, where: str) -> tuple[str, ...]:
        items = self.ids(value, where)
        if isinstance(value, list) and not value:
            self.problem(where, "no sources; name at least one source id")
        return items

    def aliases(self, value: Any, where: str) -> Aliases:
        data = self.obj(value, where, (), LANGS)
        if data is None:
            return Aliases()
        return Aliases(
            self.get_array(data, "en", where, self.string),
            self.get_array(data, "ar", where, self.string),
        )

    def facts(self, data: dict[str, Any], key: str, where: str) -> tuple[Fact, ...]:
        return self.get_array(data, key, where, self.fact)

    # -- the sections ---------------------------------------------------------

    def source(self, value: Any, where: str) -> Source:
        data = self.obj(
            value, where, ("id", "publisher", "title", "kind"), ("file", "language", "year", "note", "url", "checked")
        )
        if data is None:
            return Source("", "", "", "")
        year = data.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            self.problem(f"{where}.year", f"expected a whole number, found {_json_type(year)}")
            year = None
        return Source(
            id=self.ident(data.get("id", _MISSING), f"{where}.id"),
            publisher=self.string(data.get("publisher", _MISSING), f"{where}.publisher"),
            title=self.string(data.get("title", _MISSING), f"{where}.title"),
            kind=self.choice(data.get("kind", _MISSING), f"{where}.kind", SOURCE_KINDS),
            file=self.optional_string(data, "file", where),
            language=self.choice(data["language"], f"{where}.language", LANGS) if "language" in data else None,
            year=year,
            note=self.optional_string(data, "note", where),
            url=self.optional_string(data, "url", where),
            checked=self.optional_string(data, "checked", where),
        )

    def category(self, value: Any, where: str) -> Category:
        data = self.obj(value, where, ("id", "name", "description"))
        if data is None:
            return Category("", Text(""), Text(""))
        return Category(
            id=self.ident(data.get("id", _MISSING), f"{where}.id"),
            name=self.text(data.get("name", _MISSING), f"{where}.name"),
            description=self.text(data.get("description", _MISSING), f"{where}.description"),
        )

    def related(self, value: Any, where: str) -> Related:
        data = self.obj(value, where, ("id", "relation"), ("sources",))
        if data is None:
            return Related("", "")
        sources = self.source_ids(data["sources"], f"{where}.sources") if "sources" in data else ()
        return Related(
            id=self.ident(data.get("id", _MISSING), f"{where}.id"),
            relation=self.choice(data.get("relation", _MISSING), f"{where}.relation", RELATIONS),
            sources=sources,
        )

    def disagreement(self, value: Any, where: str) -> Disagreement:
        data = self.obj(value, where, ("topic", "positions"))
        if data is None:
            return Disagreement(Text(""), ())
        positions = self.get_array(data, "positions", where, self.fact)
        if "positions" in data and isinstance(data["positions"], list) and len(positions) < 2:
            self.problem(f"{where}.positions", "a disagreement needs at least two positions")
        return Disagreement(self.text(data.get("topic", _MISSING), f"{where}.topic"), positions)

    def cause(self, value: Any, where: str) -> Cause:
        lists = ("worse_with", "better_with", "at_risk", "diagnosis", "tests", "treatments", "related", "disagreements")
        required = (
            *("id", "name", "aliases", "category", "prevalence", "locations", "summary", "symptoms", "sources"),
            *("codes", "evidence", "prevalence_sources", "features"),
        )
        data = self.obj(value, where, required, (*lists, "care"))
        if data is None:
            return Cause("", Text(""), Aliases(), "", "", (), Fact(Text(""), ()), ())
        locations = self.get_array(data, "locations", where, lambda item, at: self.choice(item, at, LOCATIONS))
        if "locations" in data and not locations and isinstance(data["locations"], list):
            self.problem(f"{where}.locations", "name at least one place the pain is felt")
        return Cause(
            id=self.ident(data.get("id", _MISSING), f"{where}.id"),
            name=self.text(data.get("name", _MISSING), f"{where}.name"),
            aliases=self.aliases(data.get("aliases", _MISSING), f"{where}.aliases"),
            category=self.ident(data.get("category", _MISSING), f"{where}.category"),
            prevalence=self.choice(data.get("prevalence", _MISSING), f"{where}.prevalence", PREVALENCES),
            locations=locations,
            summary=self.fact(data.get("summary", _MISSING), f"{where}.summary"),
            symptoms=self.facts(data, "symptoms", where),
            worse_with=self.facts(data, "worse_with", where),
            better_with=self.facts(data, "better_with", where),
            at_risk=self.facts(data, "at_risk", where),
            diagnosis=self.facts(data, "diagnosis", where),
            tests=self.ids(data["tests"], f"{where}.tests") if "tests" in data else (),
            treatments=self.ids(data["treatments"], f"{where}.treatments") if "treatments" in data else (),
            related=self.get_array(data, "related", where, self.related),
            disagreements=self.get_array(data, "disagreements", where, self.disagreement),
            sources=self.source_ids(data.get("sources", _MISSING), f"{where}.sources"),
            codes=self.codes(data.get("codes", _MISSING), f"{where}.codes"),
            evidence=self.evidence(data.get("evidence", _MISSING), f"{where}.evidence"),
            prevalence_sources=self.source_ids(data.get("prevalence_sources", _MISSING), f"{where}.prevalence_sources"),
            features=self.features(data.get("features", _MISSING), f"{where}.features"),
            care=self.care(data["care"], f"{where}.care") if "care" in data else None,
        )

    def codes(self, value: Any, where: str) -> Codes:
        data = self.obj(value, where, ("icd10cm", "sources"), ("icd11", "icd11_missing", "titles"))
        if data is None:
            return Codes(())
        icd10cm = self.array(data.get("icd10cm", _MISSING), f"{where}.icd10cm", self.string)
        for index, code in enumerate(icd10cm):
            if code and not _ICD10CM.fullmatch(code):
                self.problem(f"{where}.icd10cm[{index}]", f"'{code}' is not shaped like an ICD-10-CM code (M54.50)")
        if "icd10cm" in data and isinstance(data["icd10cm"], list) and not icd10cm:
            self.problem(f"{where}.icd10cm", "give at least one ICD-10-CM code")
        icd11 = self.get_array(data, "icd11", where, self.string)
        if not icd11 and "icd11_missing" not in data:
            self.problem(where, "give 'icd11' codes or 'icd11_missing' saying why there is none")
        titles = self.obj(data["titles"], f"{where}.titles", (), icd10cm) if "titles" in data else {}
        return Codes(
            titles=tuple(
                self.string(titles[code], f"{where}.titles.{code}") if code in titles else "" for code in icd10cm
            )
            if titles
            else (),
            icd10cm=icd10cm,
            icd11=icd11,
            icd11_missing=self.text(data["icd11_missing"], f"{where}.icd11_missing")
            if "icd11_missing" in data
            else None,
            sources=self.source_ids(data.get("sources", _MISSING), f"{where}.sources"),
        )

    def evidence(self, value: Any, where: str) -> Evidence | None:
        data = self.obj(value, where, ("level", "note"), ())
        if data is None:
            return None
        return Evidence(
            level=self.choice(data.get("level", _MISSING), f"{where}.level", EVIDENCE_LEVELS),
            note=self.fact(data.get("note", _MISSING), f"{where}.note"),
        )

    def features(self, value: Any, where: str) -> Features:
        if value is _MISSING:
            return Features()
        if not isinstance(value, dict):
            self.problem(where, f"expected an object, found {_json_type(value)}")
            return Features()
        if "sources" not in value:
            self.problem(where, "missing field 'sources'")
        # Question ids are checked against the assessment's questions with the other references.
        fixed = ("against", "ages", "sex", "sources", "requires")
        typical = tuple(
            (key, self.ids(answers, f"{where}.{key}")) for key, answers in value.items() if key not in fixed
        )
        against: tuple[tuple[str, tuple[str, ...]], ...] = ()
        if "against" in value:
            data = value["against"]
            if isinstance(data, dict):  # its keys are question ids, checked with the other references
                against = tuple((key, self.ids(answers, f"{where}.against.{key}")) for key, answers in data.items())
            else:
                self.problem(f"{where}.against", f"expected an object, found {_json_type(data)}")
        return Features(
            typical=typical,
            against=against,
            ages=self.ages(value["ages"], f"{where}.ages") if "ages" in value else None,
            sex=self.choice(value["sex"], f"{where}.sex", SEXES) if "sex" in value else "any",
            sources=self.source_ids(value.get("sources", _MISSING), f"{where}.sources"),
            requires=self.ids(value["requires"], f"{where}.requires") if "requires" in value else (),
        )

    def care(self, value: Any, where: str) -> Care:
        data = self.obj(value, where, ("level", "sources"), ())
        if data is None:
            return Care("", ())
        return Care(
            level=self.choice(data.get("level", _MISSING), f"{where}.level", CARE_LEVELS),
            sources=self.source_ids(data.get("sources", _MISSING), f"{where}.sources"),
        )

    def points(self, value: Any, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not -10 <= value <= 10:
            self.problem(where, f"expected a number of points from -10 to 10, found {_json_type(value)}")
            return 0.0
        return float(value)

    def assessment(self, value: Any, where: str) -> Assessment | None:
        required = ("note", "outlook", "weights", "check_after", "questions")
        data = self.obj(value, where, required, ("evidence_levels", "clause_breaks", "not_cues"))
        if data is None:
            return None
        weights = (
            self.obj(
                data.get("weights", _MISSING),
                f"{where}.weights",
                ("prior", "age", "against", "red_flag"),
                ("specificity", "care_margin"),
            )
            or {}
        )
        red_flag = (
            self.obj(
                weights.get("red_flag", _MISSING), f"{where}.weights.red_flag", ("fit", "most"), ("ignore_groups",)
            )
            or {}
        )
        specificity = (
            self.obj(weights["specificity"], f"{where}.weights.specificity", ("reference", "most"))
            if "specificity" in weights
            else None
        ) or {}
        prior = self.obj(weights.get("prior", _MISSING), f"{where}.weights.prior", PREVALENCES) or {}
        age = self.obj(weights.get("age", _MISSING), f"{where}.weights.age", ("fit", "miss")) or {}
        questions = self.get_array(data, "questions", where, self.assessment_question)
        check_after = self.ident(data.get("check_after", _MISSING), f"{where}.check_after")
        if check_after and questions and check_after not in {question.id for question in questions}:
            self.problem(f"{where}.check_after", f"'{check_after}' is not one of the questions' ids")
        return Assessment(
            questions=questions,
            check_after=check_after,
            priors=tuple(
                (key, self.points(prior[key], f"{where}.weights.prior.{key}")) for key in PREVALENCES if key in prior
            ),
            age_fit=self.points(age.get("fit", 0), f"{where}.weights.age.fit"),
            age_miss=self.points(age.get("miss", 0), f"{where}.weights.age.miss"),
            against=self.points(weights.get("against", 0), f"{where}.weights.against"),
            red_flag_fit=self.points(red_flag.get("fit", 0), f"{where}.weights.red_flag.fit"),
            red_flag_most=self.whole(red_flag.get("most", 1), f"{where}.weights.red_flag.most") or 1,
            red_flag_ignored=self.ids(red_flag.get("ignore_groups", []), f"{where}.weights.red_flag.ignore_groups"),
            specificity_reference=self.points(
                specificity.get("reference", 0), f"{where}.weights.specificity.reference"
            ),
            specificity_most=self.points(specificity.get("most", 1), f"{where}.weights.specificity.most"),
            care_margin=self.points(weights.get("care_margin", 0), f"{where}.weights.care_margin"),
            evidence_levels=(
                self.get_array(data, "evidence_levels", where, lambda item, at: self.choice(item, at, EVIDENCE_LEVELS))
                or EVIDENCE_LEVELS
            ),
            note=self.fact(data.get("note", _MISSING), f"{where}.note"),
            outlook=self.fact(data.get("outlook", _MISSING), f"{where}.outlook"),
            clause_breaks=self.aliases(data["clause_breaks"], f"{where}.clause_breaks")
            if "clause_breaks" in data
            else Aliases(),
            not_cues=self.aliases(data["not_cues"], f"{where}.not_cues") if "not_cues" in data else Aliases(),
        )

    def assessment_question(self, value: Any, where: str) -> AssessmentQuestion:
        optional = ("most", "label", "offers_none", "offers_not_sure", "none_raises", "cue_context")
        data = self.obj(value, where, ("id", "text", "multi", "choices", "fit", "miss"), optional)
        if data is None:
            return AssessmentQuestion("", Text(""), False, (), 0.0, 0.0)
        multi = data.get("multi", False)
        if not isinstance(multi, bool):
            self.problem(f"{where}.multi", f"expected true or false, found {_json_type(multi)}")
        choices = self.get_array(data, "choices", where, self.choice_item)
        seen = set()
        for index, choice in enumerate(choices):
            if choice.id in (NOT_SURE, NONE):
                self.problem(f"{where}.choices[{index}].id", f"'{choice.id}' is added to every question; remove it")
            elif choice.id in seen:
                self.problem(f"{where}.choices[{index}].id", f"'{choice.id}' is listed twice")
            seen.add(choice.id)
        most = self.whole(data["most"], f"{where}.most") if "most" in data else 1
        return AssessmentQuestion(
            id=self.ident(data.get("id", _MISSING), f"{where}.id"),
            text=self.text(data.get("text", _MISSING), f"{where}.text"),
            multi=multi is True,
            choices=choices,
            fit=self.points(data.get("fit", 0), f"{where}.fit"),
            miss=self.points(data.get("miss", 0), f"{where}.miss"),
            most=most or 1,
            label=self.text(data["label"], f"{where}.label") if "label" in data else None,
            offers_none=self.flag(data, "offers_none", where, default=multi is True),
            offers_not_sure=self.flag(data, "offers_not_sure", where, default=True),
            none_raises=self.ids(data["none_raises"], f"{where}.none_raises") if "none_raises" in data else (),
            cue_context=(
                self.aliases(data["cue_context"], f"{where}.cue_context") if "cue_context" in data else Aliases()
            ),
        )

    def flag(self, data: dict[str, Any], key: str, where: str, *, default: bool) -> bool:
        value = data.get(key, default)
        if not isinstance(value, bool):
            self.problem(f"{where}.{key}", f"expected true or false, found {_json_type(value)}")
            return default
        return value

    def choice_item(self, value: Any, where: str) -> Choice:
        data = self.obj(value, where, ("id", "text"), ("raises", "states", "rules_out", "counts_as", "cues"))
        if data is None:
            return Choice("", Text(""))

        def ids(key: str) -> tuple[str, ...]:
            return self.ids(data[key], f"{where}.{key}") if key in data else ()

        return Choice(
            id=self.ident(data.get("id", _MISSING), f"{where}.id"),
            text=self.text(data.get("text", _MISSING), f"{where}.text"),
            raises=ids("raises"),
            states=ids("states"),
            rules_out=ids("rules_out"),
            counts_as=ids("counts_as"),
            cues=self.aliases(data["cues"], f"{where}.cues") if "cues" in data else Aliases(),
        )

    def treatment(self, value: Any, where: str) -> Treatment:
        data = self.obj(value, where, ("id", "name", "kind", "summary", "sources"), ("aliases", "evidence", "cautions"))
        if data is None:
            return Treatment("", Text(""), "", Fact(Text(""), ()))
        return Treatment(
            id=self.ident(data.get("id", _MISSING), f"{where}.id"),
            name=self.text(data.get("name", _MISSING), f"{where}.name"),
            kind=self.choice(data.get("kind", _MISSING), f"{where}.kind", TREATMENT_KINDS),
            summary=self.fact(data.get("summary", _MISSING), f"{where}.summary"),
            aliases=self.aliases(data["aliases"], f"{where}.aliases") if "aliases" in data else Aliases(),
            evidence=self.facts(data, "evidence", where),
            cautions=self.facts(data, "cautions", where),
            sources=self.source_ids(data.get("sources", _MISSING), f"{where}.sources"),
        )

    def red_flag_group(self, value: Any, where: str) -> RedFlagGroup:
        optional = ("gate", "ages", "gate_sign", "rule", "gate_cues")
        data = self.obj(value, where, ("id", "name", "description", "sources"), optional)
        if data is None:
            return RedFlagGroup("", Text(""), Text(""), ())
        if "gate_cues" in data and "gate" not in data:
            self.problem(f"{where}.gate_cues", "gate_cues need a gate question")
        if "gate_sign" in data and "gate" not in data:
            self.problem(f"{where}.gate_sign", "a gate_sign needs a gate question")
        return RedFlagGroup(
            id=self.ident(data.get("id", _MISSING), f"{where}.id"),
            name=self.text(data.get("name", _MISSING), f"{where}.name"),
            description=self.text(data.get("description", _MISSING), f"{where}.description"),
            sources=self.source_ids(data.get("sources", _MISSING), f"{where}.sources"),
            gate=self.text(data["gate"], f"{where}.gate") if "gate" in data else None,
            ages=self.ages(data["ages"], f"{where}.ages") if "ages" in data else None,
            gate_sign=self.ident(data["gate_sign"], f"{where}.gate_sign") if "gate_sign" in data else None,
            rule=self.group_rule(data["rule"], f"{where}.rule") if "rule" in data else None,
            gate_cues=self.aliases(data["gate_cues"], f"{where}.gate_cues") if "gate_cues" in data else Aliases(),
        )

    def group_rule(self, value: Any, where: str) -> GroupRule:
        data = self.obj(value, where, ("criteria", "steps", "source"), ())
        if data is None:
            return GroupRule((), (), "")
        steps = self.get_array(data, "steps", where, self.rule_step)
        if [step.min for step in steps] != sorted((step.min for step in steps), reverse=True):
            self.problem(f"{where}.steps", "list the steps from the highest 'min' down")
        return GroupRule(
            criteria=self.ids(data.get("criteria", _MISSING), f"{where}.criteria"),
            steps=steps,
            source=self.ident(data.get("source", _MISSING), f"{where}.source"),
        )

    def rule_step(self, value: Any, where: str) -> RuleStep:
        data = self.obj(value, where, ("min", "advice"), ())
        if data is None:
            return RuleStep(0, Text(""))
        return RuleStep(
            min=self.whole(data.get("min", _MISSING), f"{where}.min") or 0,
            advice=self.text(data.get("advice", _MISSING), f"{where}.advice"),
        )

    def ages(self, value: Any, where: str) -> Ages:
        data = self.obj(value, where, (), ("min", "max"))
        if data is None:
            return Ages()
        bounds = [self.whole(data[key], f"{where}.{key}") if key in data else None for key in ("min", "max")]
        if not data:
            self.problem(where, "give 'min', 'max' or both")
        return Ages(*bounds)

    def whole(self, value: Any, where: str) -> int | None:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 150:
            self.problem(where, f"expected a whole number from 0 to 150, found {_json_type(value)}")
            return None
        return value

    def pattern(self, value: Any, where: str) -> SignPattern:
        data = self.obj(value, where, ("all",), ("with", "unless"))
        if data is None:
            return SignPattern(())
        found = SignPattern(
            all=self.ids(data.get("all", _MISSING), f"{where}.all"),
            with_=self.ids(data["with"], f"{where}.with") if "with" in data else (),
            unless=self.ids(data["unless"], f"{where}.unless") if "unless" in data else (),
        )
        if "all" in data and isinstance(data["all"], list) and not data["all"]:
            self.problem(f"{where}.all", "name at least one concept")
        return found

    def concept(self, value: Any, where: str) -> Concept:
        data = self.obj(value, where, ("id", "en", "ar"), ("exclude",))
        if data is None:
            return Concept("", Aliases())
        return Concept(
            id=self.ident(data.get("id", _MISSING), f"{where}.id"),
            terms=Aliases(
                self.get_array(data, "en", where, self.string), self.get_array(data, "ar", where, self.string)
            ),
            exclude=self.aliases(data["exclude"], f"{where}.exclude") if "exclude" in data else Aliases(),
        )

    def sign_vocabulary(self, value: Any, where: str) -> SignVocabulary:
        data = self.obj(value, where, ("concepts", "context"))
        if data is None:
            return SignVocabulary()
        context = self.obj(data.get("context", _MISSING), f"{where}.context", (), CONTEXTS)
        return SignVocabulary(
            concepts=self.get_array(data, "concepts", where, self.concept),
            context={key: self.aliases(words, f"{where}.context.{key}") for key, words in (context or {}).items()},
        )

    def emergency_number(self, value: Any, where: str) -> EmergencyNumber:
        data = self.obj(value, where, ("region", "number", "name", "sources"), ("also",))
        if data is None:
            return EmergencyNumber("", "", Text(""), ())
        region = self.string(data.get("region", _MISSING), f"{where}.region")
        if region and not (len(region) == 2 and region.isascii() and region.isupper()):
            self.problem(f"{where}.region", f"'{region}' is not a two-letter upper-case region code")
        number = self.string(data.get("number", _MISSING), f"{where}.number")
        if number and not number.isdigit():
            self.problem(f"{where}.number", f"'{number}' must be digits only")
        return EmergencyNumber(
            region=region,
            number=number,
            name=self.text(data.get("name", _MISSING), f"{where}.name"),
            sources=self.source_ids(data.get("sources", _MISSING), f"{where}.sources"),
            also=self.get_array(data, "also", where, self.string),
        )

    def red_flag(self, value: Any, where: str) -> RedFlag:
        data = self.obj(
            value,
            where,
            ("id", "sign", "question", "urgency", "group", "causes", "sources"),
            ("note", "detect", "timing", "ages"),
        )
        if data is None:
            return RedFlag("", Text(""), Text(""), "", "", (), ())
        causes = self.ids(data.get("causes", _MISSING), f"{where}.causes")
        if "causes" in data and isinstance(data["causes"], list) and not causes:
            self.problem(f"{where}.causes", "a red flag must point to at least one cause")
        return RedFlag(
            id=self.ident(data.get("id", _MISSING), f"{where}.id"),
            sign=self.text(data.get("sign", _MISSING), f"{where}.sign"),
            question=self.text(data.get("question", _MISSING), f"{where}.question"),
            urgency=self.choice(data.get("urgency", _MISSING), f"{where}.urgency", URGENCIES),
            group=self.ident(data.get("group", _MISSING), f"{where}.group"),
            causes=causes,
            sources=self.source_ids(data.get("sources", _MISSING), f"{where}.sources"),
            note=self.text(data["note"], f"{where}.note") if "note" in data else None,
            detect=self.get_array(data, "detect", where, self.pattern),
            timing=self.choice(data["timing"], f"{where}.timing", TIMINGS) if "timing" in data else "recent",
            ages=self.ages(data["ages"], f"{where}.ages") if "ages" in data else None,
        )

    def test(self, value: Any, where: str) -> Test:
        data = self.obj(value, where, ("id", "name", "summary", "sources"), ("can_show", "cannot_show"))
        if data is None:
            return Test("", Text(""), Fact(Text(""), ()))
        return Test(
            id=self.ident(data.get("id", _MISSING), f"{where}.id"),
            name=self.text(data.get("name", _MISSING), f"{where}.name"),
            summary=self.fact(data.get("summary", _MISSING), f"{where}.summary"),
            can_show=self.facts(data, "can_show", where),
            cannot_show=self.facts(data, "cannot_show", where),
            sources=self.source_ids(data.get("sources", _MISSING), f"{where}.sources"),
        )

    def topic(self, value: Any, where: str) -> Topic:
        data = self.obj(value, where, ("id", "name", "summary", "sources"), ("details", "causes"))
        if data is None:
            return Topic("", Text(""), Fact(Text(""), ()))
        return Topic(
            id=self.ident(data.get("id", _MISSING), f"{where}.id"),
            name=self.text(data.get("name", _MISSING), f"{where}.name"),
            summary=self.fact(data.get("summary", _MISSING), f"{where}.summary"),
            details=self.facts(data, "details", where),
            causes=self.ids(data["causes"], f"{where}.causes") if "causes" in data else (),
            sources=self.source_ids(data.get("sources", _MISSING), f"{where}.sources"),
        )


SECTIONS = ("sources", "categories", "causes", "treatments", "red_flag_groups", "red_flags", "tests", *TOPIC_SECTIONS)
# Sections a small knowledge base may leave out: without them no sign is read from free text, and the
# emergency line names no number.
OPTIONAL_SECTIONS = ("sign_vocabulary", "emergency_numbers", "assessment")


def parse_knowledge_base(raw: Any, path: str = "<knowledge base>") -> KnowledgeBase:
    """Validate parsed JSON into a KnowledgeBase, or raise KnowledgeBaseError with every problem."""
    reader = _Reader()
    kb = read_sections(reader, raw, path)
    # References are checked even when the structure has problems, so that one run reports them all.
    _check_references(kb, reader)
    if reader.problems:
        raise KnowledgeBaseError(path, reader.problems)
    return kb


def read_sections(reader: "_Reader", raw: Any, path: str, *, causes: bool = True) -> KnowledgeBase:
    """The sections of parsed JSON as a KnowledgeBase, their problems noted in ``reader``; without
    ``causes``, the causes section is left for the caller to read (kb_decoding.py reads it in one pass)."""
    data = reader.obj(raw, "", ("schema_version", *SECTIONS), ("$schema", *OPTIONAL_SECTIONS))
    if data is None:
        raise KnowledgeBaseError(path, [f"the top level must be a JSON object, found {_json_type(raw)}"])
    if "schema_version" in data and data["schema_version"] != SCHEMA_VERSION:
        reader.problem("schema_version", f"expected {SCHEMA_VERSION}, found {data['schema_version']!r}")

    def section(key: str, read: Callable[[Any, str], T]) -> tuple[T, ...]:
        return reader.array(data[key], key, read) if key in data else ()

    return KnowledgeBase(
        path=path,
        sources=section("sources", reader.source),
        categories=section("categories", reader.category),
        causes=section("causes", reader.cause) if causes else (),
        treatments=section("treatments", reader.treatment),
        red_flag_groups=section("red_flag_groups", reader.red_flag_group),
        red_flags=section("red_flags", reader.red_flag),
        tests=section("tests", reader.test),
        topics={key: section(key, reader.topic) for key in TOPIC_SECTIONS},
        sign_vocabulary=(
            reader.sign_vocabulary(data["sign_vocabulary"], "sign_vocabulary")
            if "sign_vocabulary" in data
            else SignVocabulary()
        ),
        emergency_numbers=section("emergency_numbers", reader.emergency_number),
        assessment=reader.assessment(data["assessment"], "assessment") if "assessment" in data else None,
    )


def _check_references(kb: KnowledgeBase, reader: _Reader, *, causes: bool = True) -> None:
    """Unique ids, and every id that one entry gives for another names something real; without
    ``causes``, the causes' own ids and references are left to the caller (kb_decoding.py)."""
    sections: dict[str, Sequence[Any]] = {
        "sources": kb.sources,
        "categories": kb.categories,
        **({"causes": kb.causes} if causes else {}),
        "treatments": kb.treatments,
        "red_flag_groups": kb.red_flag_groups,
        "red_flags": kb.red_flags,
        "tests": kb.tests,
        **kb.topics,
        "sign_vocabulary.concepts": kb.sign_vocabulary.concepts,
    }
    for key, items in sections.items():
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in first:
                reader.problem(f"{key}[{index}].id", f"duplicate id '{item.id}' (also {key}[{first[item.id]}])")
            first.setdefault(item.id, index)

    # A section that is missing or broken would make every reference to it look wrong: those are
    # left out, and the section's own problems say what to fix first.
    plural = {"category": "categories", "concept": "sign_vocabulary"}
    broken = {
        section
        for section in (*SECTIONS, "sign_vocabulary", "assessment")
        for problem in reader.problems
        if problem.startswith((f"{section}[", f"{section}.", f"{section}:")) or f"'{section}'" in problem
    }

    def refer(where: str, ids: Iterable[str], known: Mapping[str, Any], what: str) -> None:
        if plural.get(what, what + "s") in broken:
            return
        for index, ref in enumerate(ids):
            if ref not in known:
                reader.problem(f"{where}[{index}]", f"unknown {what} '{ref}'; add it to {what}s or fix the id")

    def refer_facts(where: str, facts: Iterable[Fact]) -> None:
        for index, fact in enumerate(facts):
            refer(f"{where}[{index}].sources", fact.sources, kb.source_by_id, "source")

    for i, cause in enumerate(kb.causes if causes else ()):
        at = f"causes[{i}]"
        if cause.category not in kb.category_by_id and "categories" not in broken:
            reader.problem(f"{at}.category", f"unknown category '{cause.category}'; add it to categories or fix the id")
        refer(f"{at}.sources", cause.sources, kb.source_by_id, "source")
        refer(f"{at}.summary.sources", cause.summary.sources, kb.source_by_id, "source")
        for key in ("symptoms", "worse_with", "better_with", "at_risk", "diagnosis"):
            refer_facts(f"{at}.{key}", getattr(cause, key))
        refer(f"{at}.codes.sources", cause.codes.sources, kb.source_by_id, "source")
        if cause.evidence is not None:
            refer(f"{at}.evidence.note.sources", cause.evidence.note.sources, kb.source_by_id, "source")
        refer(f"{at}.prevalence_sources", cause.prevalence_sources, kb.source_by_id, "source")
        refer(f"{at}.features.sources", cause.features.sources, kb.source_by_id, "source")
        refer(f"{at}.features.requires", cause.features.requires, kb.group_by_id, "red-flag group")
        if cause.care is not None:
            refer(f"{at}.care.sources", cause.care.sources, kb.source_by_id, "source")
        if kb.assessment is not None and "assessment" not in broken:
            _check_features(kb.assessment, cause.features, f"{at}.features", reader)
        refer(f"{at}.tests", cause.tests, kb.test_by_id, "test")
        refer(f"{at}.treatments", cause.treatments, kb.treatment_by_id, "treatment")
        refer(f"{at}.related", (link.id for link in cause.related), kb.cause_by_id, "cause")
        for j, link in enumerate(cause.related):
            if link.id == cause.id:
                reader.problem(f"{at}.related[{j}]", "a cause cannot be related to itself")
            refer(f"{at}.related[{j}].sources", link.sources, kb.source_by_id, "source")
        for j, disagreement in enumerate(cause.disagreements):
            refer_facts(f"{at}.disagreements[{j}].positions", disagreement.positions)
    for i, treatment in enumerate(kb.treatments):
        at = f"treatments[{i}]"
        refer(f"{at}.sources", treatment.sources, kb.source_by_id, "source")
        refer(f"{at}.summary.sources", treatment.summary.sources, kb.source_by_id, "source")
        refer_facts(f"{at}.evidence", treatment.evidence)
        refer_facts(f"{at}.cautions", treatment.cautions)
    concepts = {concept.id: concept for concept in kb.sign_vocabulary.concepts}
    for i, group in enumerate(kb.red_flag_groups):
        at = f"red_flag_groups[{i}]"
        refer(f"{at}.sources", group.sources, kb.source_by_id, "source")
        own = {flag.id for flag in kb.red_flags if flag.group == group.id}
        if group.gate_sign is not None and group.gate_sign not in own and "red_flags" not in broken:
            reader.problem(f"{at}.gate_sign", f"'{group.gate_sign}' is not a red flag of group '{group.id}'")
        if group.rule is not None:
            refer(f"{at}.rule.source", (group.rule.source,), kb.source_by_id, "source")
            for j, criterion in enumerate(group.rule.criteria):
                if criterion not in own and "red_flags" not in broken:
                    reader.problem(f"{at}.rule.criteria[{j}]", f"'{criterion}' is not a red flag of group '{group.id}'")
    for i, flag in enumerate(kb.red_flags):
        at = f"red_flags[{i}]"
        if flag.group not in kb.group_by_id and "red_flag_groups" not in broken:
            reader.problem(
                f"{at}.group", f"unknown red-flag group '{flag.group}'; add it to red_flag_groups or fix the id"
            )
        refer(f"{at}.causes", flag.causes, kb.cause_by_id, "cause")
        refer(f"{at}.sources", flag.sources, kb.source_by_id, "source")
        for j, pattern in enumerate(flag.detect):
            for key, ids in (("all", pattern.all), ("with", pattern.with_), ("unless", pattern.unless)):
                refer(f"{at}.detect[{j}].{key}", ids, concepts, "concept")
    flag_by_id = {flag.id: flag for flag in kb.red_flags}
    if kb.assessment is not None:
        refer("assessment.note.sources", kb.assessment.note.sources, kb.source_by_id, "source")
        refer("assessment.outlook.sources", kb.assessment.outlook.sources, kb.source_by_id, "source")
        ignored = kb.assessment.red_flag_ignored
        refer("assessment.weights.red_flag.ignore_groups", ignored, kb.group_by_id, "red-flag group")
        for i, question in enumerate(kb.assessment.questions):
            refer(f"assessment.questions[{i}].none_raises", question.none_raises, kb.group_by_id, "red-flag group")
            choice_ids = {choice.id: choice for choice in question.choices}
            for j, choice in enumerate(question.choices):
                at = f"assessment.questions[{i}].choices[{j}].raises"
                refer(f"assessment.questions[{i}].choices[{j}].states", choice.states, flag_by_id, "red flag")
                refer(
                    f"assessment.questions[{i}].choices[{j}].rules_out",
                    choice.rules_out,
                    kb.group_by_id,
                    "red-flag group",
                )
                refer(f"assessment.questions[{i}].choices[{j}].counts_as", choice.counts_as, choice_ids, "choice")
                refer(at, choice.raises, kb.group_by_id, "red-flag group")
                for k, group_id in enumerate(choice.raises):
                    raised = kb.group_by_id.get(group_id)
                    if raised is not None and (raised.gate is None or raised.gate_sign is not None):
                        # a gate that is also a sign would turn the answer into that sign
                        reader.problem(f"{at}[{k}]", f"group '{group_id}' has no gate question of its own to answer")
    for i, number in enumerate(kb.emergency_numbers):
        refer(f"emergency_numbers[{i}].sources", number.sources, kb.source_by_id, "source")
    for i, test in enumerate(kb.tests):
        at = f"tests[{i}]"
        refer(f"{at}.sources", test.sources, kb.source_by_id, "source")
        refer(f"{at}.summary.sources", test.summary.sources, kb.source_by_id, "source")
        refer_facts(f"{at}.can_show", test.can_show)
        refer_facts(f"{at}.cannot_show", test.cannot_show)
    for key, topics in kb.topics.items():
        for i, topic in enumerate(topics):
            at = f"{key}[{i}]"
            refer(f"{at}.sources", topic.sources, kb.source_by_id, "source")
            refer(f"{at}.summary.sources", topic.summary.sources, kb.source_by_id, "source")
            refer_facts(f"{at}.details", topic.details)
            refer(f"{at}.causes", topic.causes, kb.cause_by_id, "cause")


def _check_features(assessment: Assessment, features: Features, where: str, reader: _Reader) -> None:
    """A cause's typical and against answers name the assessment's questions and their choices."""
    for part, pairs in (("", features.typical), (".against", features.against)):
        for key, answers in pairs:
            question = assessment.question(key)
            if question is None:
                known = ", ".join(q.id for q in assessment.questions)
                reader.problem(f"{where}{part}.{key}", f"unknown question '{key}' (questions: {known})")
                continue
            choices = {choice.id for choice in question.choices}
            for index, answer in enumerate(answers):
                if answer not in choices:
                    reader.problem(
                        f"{where}{part}.{key}[{index}]",
                        f"'{answer}' is not a choice of '{key}' ({', '.join(sorted(choices))})",
                    )


def _is_kebab(text: str) -> bool:
    return all(part and part.isascii() and part.isalnum() and part == part.lower() for part in text.split("-"))


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
