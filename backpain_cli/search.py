"""``normalise()`` and cause ranking with rapidfuzz: pure functions of the knowledge base and the query."""

import math
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import WRatio
from rapidfuzz.process import extract

from backpain_cli.errors import NotFoundError, QueryError
from backpain_cli.knowledge_base import Category, Cause, KnowledgeBase, RedFlag

# A query longer than this is cut before searching: no real question needs more, and it
# keeps a pasted novel from costing seconds.
MAX_QUERY_CHARS = 500
# Below this (out of 100) a cause is not offered as a match at all.
MATCH_THRESHOLD = 55.0
# Between this and the threshold, a cause is offered only as "Did you mean ...?".
SUGGEST_THRESHOLD = 35.0

_MARKS = re.compile("[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_LETTERS = str.maketrans({"ة": "ه", "ى": "ي", "ٱ": "ا", "ک": "ك", "ی": "ي"})

# One spelling for words that English writes two ways; applied to the index and the query alike.
_VARIANTS = {
    "disk": "disc",
    "tumor": "tumour",
    "ischemia": "ischaemia",
    "ischemic": "ischaemic",
    "anemia": "anaemia",
    "edema": "oedema",
    "esophagus": "oesophagus",
    "estrogen": "oestrogen",
    "orthopedic": "orthopaedic",
    "pediatric": "paediatric",
    "fetus": "foetus",
    "feces": "faeces",
    "fecal": "faecal",
    "hemorrhage": "haemorrhage",
    "behavior": "behaviour",
    "center": "centre",
    "physiotherapy": "physical therapy",
    "physio": "physical therapy",
    "xray": "x ray",
    "pee": "urinate",
    "peeing": "urinate",
    "wee": "urinate",
    "poo": "bowel",
    "pooing": "bowel",
    "tummy": "abdomen",
    "belly": "abdomen",
    "stomach": "abdomen",
    "bum": "buttock",
    "butt": "buttock",
    "bottom": "buttock",
}

# Words that carry no meaning in a question about a cause; dropped from query and index.
_STOPWORD_TEXT = """
    a about am an and any anything are as at be been being but by can cause caused causes causing could
    did do does doing done for from get gets getting got had has have having he her him his how i if in
    into is it its just kind like may me might mine my myself of off on or our please really she should
    sign signs so some something such symptom symptoms tell than that the their them then there these
    they thing things this those to type types use used using very was we were what whats when where
    which while who why will with would you your info information mean means meaning happen happens
    problem problems issue issues condition conditions disease diseases disorder disorders syndrome
    ما ماذا هي هو هل في من على عن الى إلى مع او أو و ثم لدي عندي انا أنا اسباب أسباب سبب اعراض أعراض
    علامات مرض امراض أمراض حاله حالة متلازمه متلازمة كيف لماذا متى هذا هذه ذلك التي الذي
    """
# Arabic clitics: the article and the particles that fuse with it.
_AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")


def normalise(text: str) -> str:
    """One form for query and index: case, marks, Arabic letter forms, spelling variants, filler words."""
    return " ".join(tokenise(text))


def tokenise(text: str) -> list[str]:
    """The meaningful words of ``text``, each in its normal form."""
    return [word for word in _words(text) if word not in _STOPWORDS]


def _words(text: str) -> list[str]:
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = _MARKS.sub("", text).translate(_DIGITS).translate(_LETTERS)
    words: list[str] = []
    for raw in _NON_WORD.sub(" ", text.casefold()).split():
        stem = _stem(raw)
        words.extend(_VARIANTS.get(stem, stem).split())
    return words


def _stem(word: str) -> str:
    """A light suffix stemmer: enough that "slipped", "slipt" and "slip" meet, no more."""
    if word.isascii():
        if len(word) > 5 and word.endswith("ness"):
            return word[:-4]
        if len(word) > 4 and word.endswith("ies"):
            return word[:-3] + "y"
        for suffix in ("ing", "ed"):
            if len(word) > len(suffix) + 3 and word.endswith(suffix):
                stem = word[: -len(suffix)]
                if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                    stem = stem[:-1]
                return stem
        if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")):
            return word[:-1]
        return word
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    return word


_STOPWORDS = frozenset(_words(_STOPWORD_TEXT))


class Match(NamedTuple):
    """A cause that matches a query, how well (0 to 100), and the text that matched."""

    cause: Cause
    score: float
    matched: str
    field: str


class _Phrase(NamedTuple):
    text: str
    field: str
    tokens: frozenset[str]


class _Profile(NamedTuple):
    """What one cause offers the ranking: its names and the words of its other fields."""

    names: tuple[_Phrase, ...]
    symptoms: tuple[_Phrase, ...]
    texts: tuple[_Phrase, ...]
    symptom_tokens: frozenset[str]
    all_tokens: frozenset[str]


class SearchIndex(NamedTuple):
    """The knowledge base prepared for ranking; build it once with ``build_search_index``."""

    kb: KnowledgeBase
    profiles: tuple[_Profile, ...]
    postings: dict[str, tuple[int, ...]]
    idf: dict[str, float]
    vocabulary: tuple[str, ...]


def build_search_index(kb: KnowledgeBase) -> SearchIndex:
    """Normalise every name, alias, symptom and text once, and note which causes use each word."""
    profiles: list[_Profile] = []
    postings: dict[str, list[int]] = {}
    for index, cause in enumerate(kb.causes):
        names = tuple(_phrases(_cause_names(cause), "name"))
        symptoms = tuple(
            _phrases(
                [*(f.text.en for f in cause.symptoms), *(f.text.ar or "" for f in cause.symptoms)],
                "symptom",
            )
        ) + tuple(
            _phrases(
                [text for flag in kb.red_flags_for(cause.id) for text in (flag.sign.en, flag.sign.ar or "")],
                "red flag",
            )
        )
        texts = tuple(_phrases(_cause_texts(cause), "text"))
        symptom_tokens = frozenset().union(*(p.tokens for p in symptoms))
        all_tokens = frozenset().union(*(p.tokens for p in (*names, *symptoms, *texts)))
        profiles.append(_Profile(names, symptoms, texts, symptom_tokens, all_tokens))
        for token in all_tokens:
            postings.setdefault(token, []).append(index)
    count = max(len(kb.causes), 1)
    idf = {token: math.log(1 + count / len(ids)) for token, ids in postings.items()}
    return SearchIndex(
        kb=kb,
        profiles=tuple(profiles),
        postings={token: tuple(ids) for token, ids in postings.items()},
        idf=idf,
        vocabulary=tuple(postings),
    )


def _cause_names(cause: Cause) -> list[str]:
    return [cause.id.replace("-", " "), cause.name.en, cause.name.ar or "", *cause.aliases.all()]


def _cause_texts(cause: Cause) -> list[str]:
    facts = (cause.summary, *cause.worse_with, *cause.better_with, *cause.at_risk, *cause.diagnosis)
    return [text for fact in facts for text in (fact.text.en, fact.text.ar or "")]


def _phrases(texts: Iterable[str], kind: str) -> Iterable[_Phrase]:
    for text in texts:
        tokens = frozenset(tokenise(text))
        if tokens:
            yield _Phrase(text, kind, tokens)


def rank_causes(index: SearchIndex, query: str, *, limit: int = 5, category: str | None = None) -> list[Match]:
    """Causes that match ``query`` well enough, best first, at most ``limit``."""
    return [m for m in score_causes(index, query, category=category) if m.score >= MATCH_THRESHOLD][:limit]


def find_suggestions(index: SearchIndex, query: str, *, limit: int = 3, category: str | None = None) -> list[Match]:
    """Near misses worth a "Did you mean ...?": below the match threshold, above the suggestion one."""
    scored = score_causes(index, query, category=category)
    return [m for m in scored if SUGGEST_THRESHOLD <= m.score < MATCH_THRESHOLD][:limit]


def score_causes(index: SearchIndex, query: str, *, category: str | None = None) -> list[Match]:
    """Every cause that shares a word with the query, scored 0 to 100, best first."""
    if not query.strip():
        raise QueryError("the query is empty; type a cause, a symptom or a question")
    tokens = tokenise(query[:MAX_QUERY_CHARS])
    if not tokens:
        return []
    expansions = [_expand(index, token) for token in dict.fromkeys(tokens)]
    fallback = math.log(1 + max(len(index.profiles), 1))
    weights = [max((index.idf[v] for v in options), default=fallback) for options in expansions]
    total = sum(weights)
    candidates: set[int] = set()
    for options in expansions:
        for vocab_token in options:
            candidates.update(index.postings[vocab_token])
    matches: list[Match] = []
    for cause_index in candidates:
        cause = index.kb.causes[cause_index]
        if category is not None and cause.category != category:
            continue
        matches.append(_score_cause(index, index.profiles[cause_index], cause, expansions, weights, total))
    matches.sort(key=lambda m: (-m.score, m.cause.id))
    return matches


def _expand(index: SearchIndex, token: str) -> dict[str, float]:
    """The vocabulary words a query word may stand for, each with a similarity from 0 to 1."""
    if token in index.idf:
        return {token: 1.0}
    options: dict[str, float] = {}
    if len(token) >= 4:
        edits = 2 if len(token) >= 5 else 1
        for word, distance, _ in extract(token, index.vocabulary, scorer=OSA.distance, score_cutoff=edits, limit=8):
            similarity = 1.0 - distance / max(len(token), len(word))
            if similarity >= 0.7:
                options[word] = similarity
        if len(token) >= 5:
            for word in index.vocabulary:
                if word.startswith(token) or (len(word) >= 5 and token.startswith(word)):
                    options[word] = max(options.get(word, 0.0), 0.8)
    return options


def _coverage(tokens: frozenset[str], expansions: list[dict[str, float]], weights: list[float], total: float) -> float:
    """How much of the query (weighted by rarity) these tokens account for, from 0 to 1."""
    covered = 0.0
    for options, weight in zip(expansions, weights, strict=True):
        best = max((similarity for word, similarity in options.items() if word in tokens), default=0.0)
        covered += weight * best
    return covered / total if total else 0.0


def _score_cause(
    index: SearchIndex,
    profile: _Profile,
    cause: Cause,
    expansions: list[dict[str, float]],
    weights: list[float],
    total: float,
) -> Match:
    matched_words = {word for options in expansions for word in options}
    best_score, best_phrase = 0.0, profile.names[0] if profile.names else None
    for phrase in profile.names:
        query_part = _coverage(phrase.tokens, expansions, weights, total)
        if not query_part:
            continue
        phrase_weight = sum(index.idf[t] for t in phrase.tokens)
        phrase_part = sum(index.idf[t] for t in phrase.tokens if t in matched_words) / phrase_weight
        score = 0.8 * query_part + 0.2 * phrase_part
        if score > best_score:
            best_score, best_phrase = score, phrase
    symptom_score = 0.9 * _coverage(profile.symptom_tokens, expansions, weights, total)
    all_score = 0.8 * _coverage(profile.all_tokens, expansions, weights, total)
    if symptom_score > best_score:
        best_score, best_phrase = symptom_score, _best_phrase(profile.symptoms, matched_words, index)
    if all_score > best_score:
        best_score = all_score
        best_phrase = _best_phrase((*profile.names, *profile.symptoms, *profile.texts), matched_words, index)
    matched = best_phrase.text if best_phrase else cause.name.en
    kind = best_phrase.field if best_phrase else "name"
    return Match(cause=cause, score=round(100 * best_score, 1), matched=matched, field=kind)


def _best_phrase(phrases: Iterable[_Phrase], words: set[str], index: SearchIndex) -> _Phrase | None:
    best, best_weight = None, 0.0
    for phrase in phrases:
        weight = sum(index.idf[t] for t in phrase.tokens & words)
        if weight > best_weight:
            best, best_weight = phrase, weight
    return best


# -- exact lookups with "Did you mean" ----------------------------------------------------

# A category spelled at least this close (0 to 100) to exactly one category is taken as it.
CLOSE_SPELLING = 85.0


def find_cause(kb: KnowledgeBase, text: str) -> Cause:
    """The cause named by an id, a name or an alias in either language; NotFoundError otherwise."""
    if text in kb.cause_by_id:
        return kb.cause_by_id[text]
    wanted = normalise(text)
    names = {cause.id: [normalise(name) for name in _cause_names(cause)] for cause in kb.causes}
    exact = [cause_id for cause_id, forms in names.items() if wanted and wanted in forms]
    if len(exact) == 1:
        return kb.cause_by_id[exact[0]]
    choices = {f"{cause_id}\x00{i}": form for cause_id, forms in names.items() for i, form in enumerate(forms)}
    near = dict.fromkeys(key.split("\x00")[0] for key, _ in _closest(wanted, choices, cutoff=70.0))
    raise NotFoundError(
        f"no cause called “{_echo(text)}”; see `backpain list` or try `backpain search`", list(near)[:3]
    )


def find_category(kb: KnowledgeBase, text: str) -> Category:
    """A category by id, name (either language) or a close spelling; NotFoundError lists the closest."""
    if text in kb.category_by_id:
        return kb.category_by_id[text]
    wanted = normalise(text)
    choices = {
        f"{category.id}\x00{i}": normalise(form)
        for category in kb.categories
        for i, form in enumerate((category.id.replace("-", " "), category.name.en, category.name.ar or ""))
    }
    ranked = _closest(wanted, choices, cutoff=0.0)
    ids = list(dict.fromkeys(key.split("\x00")[0] for key, _ in ranked))
    if ranked and ranked[0][1] >= CLOSE_SPELLING:
        best = ranked[0][0].split("\x00")[0]
        rivals = [score for key, score in ranked if key.split("\x00")[0] != best]
        if not rivals or rivals[0] < ranked[0][1]:
            return kb.category_by_id[best]
    raise NotFoundError(
        f"no category “{_echo(text)}”; the closest are listed below, or see `backpain categories`", ids[:3]
    )


def find_red_flag(kb: KnowledgeBase, text: str) -> RedFlag:
    """A red flag by its id; NotFoundError with the closest ids otherwise."""
    for flag in kb.red_flags:
        if flag.id == text:
            return flag
    choices = {flag.id: flag.id.replace("-", " ") for flag in kb.red_flags}
    near = [key for key, _ in _closest(normalise(text), choices, cutoff=60.0)]
    raise NotFoundError(f"no red flag “{_echo(text)}”; see `backpain redflags --format plain` for the ids", near[:3])


def _closest(wanted: str, choices: dict[str, str], *, cutoff: float) -> list[tuple[str, float]]:
    if not wanted:
        return []
    found = extract(wanted, choices, scorer=WRatio, score_cutoff=cutoff, limit=12)
    return [(key, score) for _, score, key in found]


def _echo(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"
