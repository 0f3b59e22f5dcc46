"""A knowledge base decoded and checked in one pass by msgspec: typed structs of a cause as the JSON writes it.

This is the fast way in, for a file that is right: msgspec decodes each cause straight into structs
that hold the same rules as ``knowledge_base._Reader`` (required and allowed fields, types, kebab-case
ids, the allowed words, text neither empty nor too long, lists that must not be empty), and a few set
operations check what the structs cannot (ids listed twice, references). The causes are handed on one
at a time, so that 100,000 of them are never all in memory. The small sections go through the reader.

It answers only yes or no: at the first doubt it returns None, and the loader reads the file again
the careful way, which names every problem with its line or path (knowledge_base.py). So its rules
need only be as strict as the reader's, never stricter: a file it refuses is still read, only slower.
A test holds both ways to the same knowledge base, and to the same refusals.
"""

import re
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from operator import attrgetter
from typing import Annotated, Any

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from backpain_cli.knowledge_base import (
    CARE_LEVELS,
    EVIDENCE_LEVELS,
    LOCATIONS,
    MAX_TEXT_CHARS,
    PREVALENCES,
    RELATIONS,
    SEXES,
    Aliases,
    Care,
    Cause,
    Codes,
    Disagreement,
    Evidence,
    Fact,
    Features,
    KnowledgeBase,
    Related,
    Text,
    _check_references,
    _Reader,
    read_sections,
)


def _one_of(words: Iterable[str]) -> Meta:
    return Meta(pattern=r"\A(?:" + "|".join(re.escape(word) for word in words) + r")\Z")


# A text, neither empty nor too long; one of only white space is found by _CauseCheck (a pattern here
# would call Python's re for each of a million texts).
Str = Annotated[str, Meta(min_length=1, max_length=MAX_TEXT_CHARS)]
Kebab = Annotated[str, Meta(pattern=r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z", max_length=MAX_TEXT_CHARS)]
# Ids of other entries need no pattern: each must be the id of an entry, and those are checked.
Ids = tuple[str, ...]
SourceIds = Annotated[tuple[str, ...], Meta(min_length=1)]
Icd10cm = Annotated[str, Meta(pattern=r"\A[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?\Z")]
Location = Annotated[str, _one_of(LOCATIONS)]


class _Struct(Struct, forbid_unknown_fields=True, gc=False):
    pass


class TextJson(_Struct):
    en: Str
    ar: Str | UnsetType = UNSET


class FactJson(_Struct):
    en: Str
    sources: SourceIds
    ar: Str | UnsetType = UNSET


class AliasesJson(_Struct):
    en: tuple[Str, ...] | UnsetType = UNSET
    ar: tuple[Str, ...] | UnsetType = UNSET


class RelatedJson(_Struct):
    id: str
    relation: Annotated[str, _one_of(RELATIONS)]
    sources: SourceIds | UnsetType = UNSET


class DisagreementJson(_Struct):
    topic: TextJson
    positions: Annotated[tuple[FactJson, ...], Meta(min_length=2)]


class CodesJson(_Struct):
    icd10cm: Annotated[tuple[Icd10cm, ...], Meta(min_length=1)]
    sources: SourceIds
    icd11: tuple[Str, ...] | UnsetType = UNSET
    icd11_missing: TextJson | UnsetType = UNSET
    titles: dict[str, Str] | UnsetType = UNSET


class EvidenceJson(_Struct):
    level: Annotated[str, _one_of(EVIDENCE_LEVELS)]
    note: FactJson


class CareJson(_Struct):
    level: Annotated[str, _one_of(CARE_LEVELS)]
    sources: SourceIds


class CauseJson(_Struct):
    id: Kebab
    name: TextJson
    aliases: AliasesJson
    category: str
    prevalence: Annotated[str, _one_of(PREVALENCES)]
    locations: Annotated[tuple[Location, ...], Meta(min_length=1)]
    summary: FactJson
    symptoms: tuple[FactJson, ...]
    sources: SourceIds
    codes: CodesJson
    evidence: EvidenceJson
    prevalence_sources: SourceIds
    features: dict[str, Any]  # question ids as keys: read by the reader
    worse_with: tuple[FactJson, ...] | UnsetType = UNSET
    better_with: tuple[FactJson, ...] | UnsetType = UNSET
    at_risk: tuple[FactJson, ...] | UnsetType = UNSET
    diagnosis: tuple[FactJson, ...] | UnsetType = UNSET
    tests: Ids | UnsetType = UNSET
    treatments: Ids | UnsetType = UNSET
    related: tuple[RelatedJson, ...] | UnsetType = UNSET
    disagreements: tuple[DisagreementJson, ...] | UnsetType = UNSET
    care: CareJson | UnsetType = UNSET


_TOP = msgspec.json.Decoder(dict[str, msgspec.Raw])
_CAUSES = msgspec.json.Decoder(list[msgspec.Raw])
_CAUSE = msgspec.json.Decoder(CauseJson)
_ANY = msgspec.json.Decoder()
_ENCODER = msgspec.json.Encoder()
# A colon written as an escape hides a key from the count that finds keys given twice (see below).
_ESCAPED_COLON = re.compile(rb"\\u003a", re.IGNORECASE)


def read_knowledge_base(
    raw: bytes,
    path: str,
    keep: Callable[[Cause], None],
    start: Callable[[KnowledgeBase], Callable[[Cause], None]] | None = None,
) -> tuple[KnowledgeBase, tuple[str, ...]] | None:
    """The knowledge base in ``raw`` without its causes, and the causes' ids; each cause is given to
    ``keep`` as it is read. None if anything is wrong or in doubt: the careful reader then says what.

    ``start``, if given, is called with the other sections once they are read, and what it returns is
    given each cause too, after ``keep``: work on every cause (the search index) in the same pass."""
    view = memoryview(raw)
    if raw.startswith(b"\xef\xbb\xbf"):  # a byte-order mark, which the reader allows too
        view = view[3:]
    if _ESCAPED_COLON.search(raw):
        return None
    try:
        top = _TOP.decode(view)
        sections = {key: _ANY.decode(value) for key, value in top.items() if key != "causes"}
        causes = _CAUSES.decode(top["causes"]) if "causes" in top else None
    except msgspec.DecodeError:  # not JSON, or not shaped as a knowledge base (ValidationError is one)
        return None
    if causes is None:
        return None
    # msgspec keeps the last of a key given twice in one object, which the reader refuses. Each key is
    # followed by a colon, and so is each colon in a text: if the decoded objects hold as many keys and
    # colons as the file, no key was lost. The sections, encoded again, are counted; each cause as it
    # is checked (_CauseCheck.colons).
    colons = sum(key.count(":") + 1 for key in top)
    colons += sum(_ENCODER.encode(value).count(b":") for value in sections.values())
    reader = _Reader()
    kb = read_sections(reader, {**sections, "causes": []}, path, causes=False)
    if reader.problems:
        return None
    check = _CauseCheck(kb, reader)
    also = None if start is None else start(kb)
    ids: list[str] = []
    for index, item in enumerate(causes):
        try:
            found = _CAUSE.decode(item)
        except msgspec.DecodeError:
            return None
        cause = check.cause(found, f"causes[{index}]")
        if cause is None:
            return None
        ids.append(cause.id)
        keep(cause)
        if also is not None:
            also(cause)
    if colons + check.colons != raw.count(b":") or len(set(ids)) != len(ids) or not check.related <= set(ids):
        return None
    fields = {name: getattr(kb, name) for name in _SECTIONS}
    kb = KnowledgeBase(path, causes=(), cause_ids=ids, **fields)
    _check_references(kb, reader, causes=False)
    if reader.problems:
        return None
    return kb, tuple(ids)


_SECTIONS = (
    *("sources", "categories", "treatments", "red_flag_groups", "red_flags", "tests", "topics"),
    *("sign_vocabulary", "emergency_numbers", "assessment"),
)


class _CauseCheck:
    """Turns decoded causes into Cause, checking what the structs cannot: lists without repeats and
    references to the other sections (those to other causes are checked once all are read)."""

    def __init__(self, kb: KnowledgeBase, reader: _Reader) -> None:
        self.reader = reader
        self.sources = set(kb.source_by_id)
        self.categories = set(kb.category_by_id)
        self.groups = set(kb.group_by_id)
        self.tests = set(kb.test_by_id)
        self.treatments = set(kb.treatment_by_id)
        self.questions = (
            None
            if kb.assessment is None
            else {question.id: {choice.id for choice in question.choices} for question in kb.assessment.questions}
        )
        self.related: set[str] = set()  # the causes that causes name as related
        self.used: list[tuple[str, ...]] = []  # the source lists of the cause being read
        self.texts: list[str] = []  # and its texts
        self.keys = 0  # and the keys of its objects
        # The keys of the causes read, and the colons in their texts: the colons in the file that
        # are theirs, if no key was given twice. Ids need not be counted: an id with a colon in it is
        # no id of a knowledge base's, which are kebab-case, and is refused.
        self.colons = 0

    def fact(self, fact: FactJson) -> Fact:
        # text() written out, and the tuples made as tuples: a cause has a dozen facts
        self.used.append(fact.sources)
        if fact.ar is UNSET:
            self.texts.append(fact.en)
            self.keys += 2
            return _make(Fact, (_make(Text, (fact.en, None)), fact.sources))  # type: ignore[no-any-return]
        self.texts += (fact.en, fact.ar)
        self.keys += 3
        return _make(Fact, (_make(Text, (fact.en, fact.ar)), fact.sources))  # type: ignore[no-any-return]

    def text(self, text: TextJson | FactJson) -> Text:
        if text.ar is UNSET:
            self.texts.append(text.en)
            self.keys += 1
            return Text(text.en)
        self.texts += (text.en, text.ar)
        self.keys += 2
        return Text(text.en, text.ar)

    def facts(self, facts: tuple[FactJson, ...] | UnsetType) -> tuple[Fact, ...]:
        return () if facts is UNSET else tuple(map(self.fact, facts))

    def cause(self, found: CauseJson, where: str) -> Cause | None:
        self.used = [found.sources, found.prevalence_sources, found.codes.sources]
        codes = found.codes
        aliases = found.aliases
        self.texts = [*(() if aliases.en is UNSET else aliases.en), *(() if aliases.ar is UNSET else aliases.ar)]
        self.texts += () if codes.icd11 is UNSET else codes.icd11
        if not codes.icd11 and codes.icd11_missing is UNSET:
            return None
        titles = {} if codes.titles is UNSET else codes.titles
        # The keys of the cause's own object, its aliases', its codes', its evidence's and its care's;
        # those of its texts are counted as they are read.
        self.keys = (
            len(_CAUSE_FIELDS)
            - _optional_fields(found).count(UNSET)
            + 2
            - (aliases.en, aliases.ar).count(UNSET)
            + len(CodesJson.__struct_fields__)
            - (codes.icd11, codes.icd11_missing, codes.titles).count(UNSET)
            + len(titles)
            + 2
            + (0 if found.care is UNSET else 2)
        )
        if not titles.keys() <= set(codes.icd10cm):
            return None
        related: tuple[Related, ...] = ()
        if found.related is not UNSET:
            related = tuple(
                Related(link.id, link.relation, () if link.sources is UNSET else link.sources) for link in found.related
            )
            self.used += [link.sources for link in related]
            self.keys += 2 * len(related) + sum(link.sources is not UNSET for link in found.related)
            if any(link.id == found.id for link in related):
                return None
            self.related.update(link.id for link in related)
        features = self.features(found.features, f"{where}.features")
        if features is None:
            return None
        self.used += [features.sources]
        care = None if found.care is UNSET else Care(found.care.level, found.care.sources)
        if care is not None:
            self.used.append(care.sources)
        tests = () if found.tests is UNSET else found.tests
        treatments = () if found.treatments is UNSET else found.treatments
        cause = Cause(
            id=found.id,
            name=self.text(found.name),
            aliases=Aliases(
                () if aliases.en is UNSET else aliases.en,
                () if aliases.ar is UNSET else aliases.ar,
            ),
            category=found.category,
            prevalence=found.prevalence,
            locations=found.locations,
            summary=self.fact(found.summary),
            symptoms=self.facts(found.symptoms),
            worse_with=self.facts(found.worse_with),
            better_with=self.facts(found.better_with),
            at_risk=self.facts(found.at_risk),
            diagnosis=self.facts(found.diagnosis),
            tests=tests,
            treatments=treatments,
            related=related,
            disagreements=() if found.disagreements is UNSET else self.disagreements(found.disagreements),
            sources=found.sources,
            codes=Codes(
                icd10cm=codes.icd10cm,
                icd11=() if codes.icd11 is UNSET else codes.icd11,
                icd11_missing=None if codes.icd11_missing is UNSET else self.text(codes.icd11_missing),
                sources=codes.sources,
                titles=tuple(titles.get(code, "") for code in codes.icd10cm) if titles else (),
            ),
            evidence=Evidence(found.evidence.level, self.fact(found.evidence.note)),
            prevalence_sources=found.prevalence_sources,
            features=features,
            care=care,
        )
        self.texts += titles.values()
        if (
            found.category not in self.categories
            or any(map(str.isspace, self.texts))
            or not all(map(_unique, self.used))
            or not self.sources.issuperset(chain.from_iterable(self.used))
            or not (_unique(tests) and self.tests.issuperset(tests))
            or not (_unique(treatments) and self.treatments.issuperset(treatments))
        ):
            return None
        self.colons += self.keys + "".join(self.texts).count(":")
        return cause

    def disagreements(self, found: tuple[DisagreementJson, ...]) -> tuple[Disagreement, ...]:
        self.keys += 2 * len(found)
        return tuple(Disagreement(self.text(item.topic), self.facts(item.positions)) for item in found)

    def features(self, value: dict[str, Any], where: str) -> Features | None:
        """A cause's features, if right: their keys are the assessment's questions, and their answers
        its choices. Without an assessment to hold them to, the reader reads them."""
        questions = self.questions
        if questions is None:
            features = self.reader.features(value, where)
            self.keys += _ENCODER.encode(value).count(b":")  # keys the reader does not hold to ids, and their colons
            return None if self.reader.problems else features
        sources, requires = value.get("sources"), value.get("requires", [])
        against = value.get("against", {})
        sex = value.get("sex", "any")
        if not (isinstance(sources, list) and sources and isinstance(requires, list) and isinstance(against, dict)):
            return None
        try:
            typical = tuple(
                (key, tuple(answers))
                for key, answers in value.items()
                if key not in _FIXED and _answers(questions.get(key), answers)
            )
            if len(typical) != len(value.keys() - _FIXED):
                return None
            if not all(_answers(questions.get(key), answers) for key, answers in against.items()):
                return None
            if not (_unique(requires) and self.groups.issuperset(requires) and sex in SEXES):
                return None
        except TypeError:  # a list or an object where an id should be
            return None
        ages = self.reader.ages(value["ages"], f"{where}.ages") if "ages" in value else None
        if self.reader.problems:
            return None
        # Its keys, those of what argues against it, and its ages' (an object, or refused above);
        # every text in it is an id.
        self.keys += len(value) + len(against) + (len(value["ages"]) if "ages" in value else 0)
        self.used.append(tuple(sources))
        return Features(
            typical=typical,
            against=tuple((key, tuple(answers)) for key, answers in against.items()),
            ages=ages,
            sex=sex,
            sources=tuple(sources),
            requires=tuple(requires),
        )


_FIXED = frozenset(("against", "ages", "sex", "sources", "requires"))
# A named tuple made from a tuple of all its fields, without the Python-level __new__ that checks them.
_make: Any = tuple.__new__
_CAUSE_FIELDS = CauseJson.__struct_fields__
# The fields a cause may leave out: each one given is one more key.
_optional_fields = attrgetter(*_CAUSE_FIELDS[len(_CAUSE_FIELDS) - len(CauseJson.__struct_defaults__) :])


def _answers(choices: set[str] | None, answers: Any) -> bool:
    """Whether ``answers`` is a list of choices of the question, none twice."""
    return choices is not None and isinstance(answers, list) and _unique(answers) and choices.issuperset(answers)


def _unique(ids: Sequence[Any]) -> bool:
    return len(ids) < 2 or len(set(ids)) == len(ids)  # most lists hold one id: no set for them
