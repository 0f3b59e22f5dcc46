"""Cause ranking and name look-ups with rapidfuzz: pure functions of the knowledge base and the query."""

import math
import os
import re
from array import array
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate, chain, compress, islice, repeat
from typing import Any, NamedTuple, TypeVar

from backpain_cli import cache
from backpain_cli.errors import NotFoundError, QueryError
from backpain_cli.knowledge_base import Category, Cause, KnowledgeBase, Lang, RedFlag, Treatment, load_knowledge_base
from backpain_cli.signs import elsewhere
from backpain_cli.story import GATE, Fit, Story, read_story, story_fits, story_text, story_words
from backpain_cli.words import (
    AR_PARTICLES,
    BACK_WORDS,
    COURSE_WORDS,
    SIDE_WORDS,
    SPINE_REGIONS,
    normalise,
    token_set,
    tokenise,
    tokenise_many,
)

# A query longer than this is cut before searching: no real question needs more, and it
# keeps a pasted novel from costing seconds.
MAX_QUERY_CHARS = 500
# Below this (out of 100) for the best cause, the query is taken as unrelated and nothing is listed.
MATCH_THRESHOLD = 41.0
# Once the best cause passes, others down to this score are listed beside it.
COMPANION_THRESHOLD = 25.0
# Between this and the threshold, a cause is offered only as "Did you mean ...?".
SUGGEST_THRESHOLD = 35.0
# The share of a symptom score that comes from the single best-matching symptom.
SINGLE_PHRASE = 0.6
RED_FLAG_WEIGHT = 0.85
# Points added for each query word beyond the first that the same cause accounts for (at most 3).
CORROBORATION = 16.0
# A name or alias matched this well is the cause asked for, even if it names another body part
# ("forward head posture", "head of pancreas").
NAMED_SCORE = 90.0
# A cause's own name matched this well keeps a query that names another part beside symptoms that
# other complaints share ("C6 radiculopathy, numb thumb"); the part alone with those symptoms is not
# back pain ("my elbow burns and my grip is weak").
SPINE_NAMED = 60.0
# An official code title, often shared by several causes, counts a little less than a cause's own names.
TITLE_WEIGHT = 0.97
# How strongly an entry longer than the median is damped (0: not at all).
LENGTH_DAMPING = 0.5
# A name or alias scores by how much of the query it covers and, less, how much of it the query covers.
NAME_QUERY_SHARE = 0.65
# Up to this many query words, a word unknown to the knowledge base weighs fully (see _QueryWords).
UNKNOWN_WORDS = 3.0
# Equal scores go to the more common cause first.
PREVALENCE_ORDER = {"common": 0, "less-common": 1, "rare": 2}


class Match(NamedTuple):
    """A cause that matches a query, how well (0 to 100), and the text that matched."""

    cause: Cause
    score: float
    matched: str
    field: str
    # What counts for the query being about back pain at all: the score of its words, or, for a
    # story that names the back or the legs, the higher of that and ``score`` (story.py); None: ``score``.
    standing: float | None = None

    @property
    def counts(self) -> float:
        """The score that decides whether the query is about back pain: ``standing`` where set."""
        return self.score if self.standing is None else self.standing


# What a phrase of a cause is: a name or alias, one of its symptoms, the sign of a red flag that
# points to it, or (one phrase) the words of all its other text.
NAME, SYMPTOM, RED_FLAG, TEXT = 0, 1, 2, 3


class SearchIndex(NamedTuple):
    """The knowledge base prepared for ranking; build it once with ``build_search_index``.

    Each name, alias, symptom and red-flag sign of a cause is a phrase, and the rest of its text is
    one more. ``postings`` gives, for each word, the phrases that use it, so a query is scored word
    by word from the postings of its own words: its cost grows with how often those words occur,
    not with the size of the knowledge base, and the causes it shows are the only ones unpickled.
    Every table is a flat array, cheap to save and to load (benchmarks/scale.py).
    """

    kb: KnowledgeBase
    cause_ids: tuple[str, ...]
    categories: tuple[str, ...]
    prevalence: bytes  # each cause's PREVALENCE_ORDER
    phrase_cause: Sequence[int]  # the cause each phrase belongs to
    phrase_kind: bytes  # NAME, SYMPTOM, RED_FLAG or TEXT
    phrase_place: Sequence[int]  # where a name stands in _names(), to show it
    phrase_weight: Sequence[float]  # the summed rarity (idf) of the phrase's words
    postings: Mapping[str, Sequence[int]]  # word -> the phrases that use it, in order
    idf: dict[str, float]
    # The words of names and aliases: the only words a misspelt query word is matched to, since
    # people misspell the names of conditions, and fuzzy matches to everyday words ("bread" to
    # "break") turn unrelated questions into false hits.
    vocabulary: tuple[str, ...]
    # The median weight of the causes' other text (TEXT phrases): longer ones are damped (_QueryWords).
    typical_text: float
    # How many names and aliases each cause has (_name_count): a name phrase placed after them is a
    # code title. Kept here so that scoring a cause never decodes it.
    name_counts: Sequence[int]


def load_indexed_knowledge_base(path: str | os.PathLike[str] | None = None) -> tuple[KnowledgeBase, SearchIndex]:
    """The knowledge base (load_knowledge_base) and its search index. A knowledge base read afresh
    from its file is indexed in the same pass, each cause as it is read, so that a first run does
    not decode every cause a second time from the cache to index it."""
    builders: list[_IndexBuilder] = []

    def start(sections: KnowledgeBase) -> Callable[[Cause], None]:
        builders[:] = [_IndexBuilder(sections)]  # a pass that failed part way is forgotten
        return builders[0].add_next

    kb = load_knowledge_base(path, on_read=start)
    if not builders or builders[0].cause_ids != list(kb.cause_by_id):  # from the cache, or the careful reader
        return kb, load_search_index(kb)
    index = builders[0].finish(kb)
    if kb.key:
        cache.store(kb.key, "index", _to_cache(index))
    return kb, index


def load_search_index(kb: KnowledgeBase) -> SearchIndex:
    """The search index for ``kb``: from the cache when this exact knowledge base was indexed before."""
    if kb.key:
        cached = cache.load(kb.key, "index", CachedIndex)
        if cached is not None:
            try:
                return _from_cache(kb, cached)
            except ValueError:  # tables of the wrong length: written by other code; built again below
                pass
    index = build_search_index(kb)
    if kb.key:
        cache.store(kb.key, "index", _to_cache(index))
    return index


# What the cache keeps of a SearchIndex: every field after ``kb``, in order, the flat tables as their
# bytes, read in place as views of the cache entry (_from_cache); a type for msgspec to decode into.
CachedIndex: Any = tuple[
    tuple[str, ...],  # cause_ids
    tuple[str, ...],  # categories
    bytes,  # prevalence
    memoryview,  # phrase_cause
    bytes,  # phrase_kind
    memoryview,  # phrase_place
    memoryview,  # phrase_weight
    tuple[tuple[str, ...], memoryview, memoryview],  # postings (cache.Tables.parts)
    dict[str, float],  # idf
    tuple[str, ...],  # vocabulary
    float,  # typical_text
    memoryview,  # name_counts
]


def _to_cache(index: SearchIndex) -> tuple[Any, ...]:
    def raw(table: Sequence[Any]) -> memoryview:
        return memoryview(table).cast("B")  # type: ignore[arg-type]  # an array or a view: both are buffers

    return (
        *index[1:4],
        raw(index.phrase_cause),
        index.phrase_kind,
        raw(index.phrase_place),
        raw(index.phrase_weight),
        cache.Tables.of(index.postings).parts(),
        *index[9:12],
        raw(index.name_counts),
    )


def _from_cache(kb: KnowledgeBase, cached: Any) -> SearchIndex:
    (
        cause_ids, categories, prevalence, phrase_cause, phrase_kind, phrase_place, phrase_weight, postings,
        idf, vocabulary, typical_text, name_counts,
    ) = cached  # fmt: skip
    return SearchIndex(
        kb,
        cause_ids,
        categories,
        prevalence,
        phrase_cause.cast("I"),
        phrase_kind,
        phrase_place.cast("I"),
        phrase_weight.cast("d"),
        cache.Tables(*postings),
        idf,
        vocabulary,
        typical_text,
        name_counts.cast("I"),
    )


def build_search_index(kb: KnowledgeBase) -> SearchIndex:
    """Normalise every name, alias, symptom and text once, and note which phrases use each word.

    One pass over the causes, each decoded in its turn and let go, so that a cached knowledge base of
    100,000 causes is never all in memory; the official code titles are added after it, once it is
    known which of them are another cause's own name (see _code_titles).
    """
    builder = _IndexBuilder(kb)
    for cause in kb.each_cause():
        builder.add_next(cause)
    return builder.finish(kb)


class _IndexBuilder:
    """A search index in the making: its phrases, and each word's number and the phrases that use it.

    Each phrase has a text: the numbers of its words, kept once in one flat array (``text_words``), to
    weigh the phrases once every word's rarity is known. A cause's own names are texts of their own; a
    text met again (a red-flag sign shared by the causes it points to, a symptom or a code title many
    causes share) is normalised, stored and weighed once. The postings are written a batch of causes
    at a time: a shared text's phrases go to each of its words in one step, merged in order with
    those of the others (``flush``), so that the only work done word by word in Python is for names.
    So are the words' users: causes that share all their shared texts are counted together, a set of
    texts at a time.
    """

    BATCH = 1 << 11  # causes whose phrases are gathered before they are written to the postings

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.cause_ids: list[str] = []
        self.categories: list[str] = []
        self.prevalence = bytearray()
        self.first_phrase = array("L")  # each cause's first phrase
        self.name_count = array("I")  # how many names and aliases each cause has (_name_count)
        self.phrase_cause, self.phrase_place, self.phrase_text = array("I"), array("I"), array("I")
        self.phrase_kind = bytearray()
        self.text_words, self.text_ends = array("I"), array("L", [0])  # each text's words: where they end
        self.words: list[str] = []  # by number
        self.number = _Numbers(self)
        self.postings: list[array[int]] = []  # by number
        self.users: Counter[int] = Counter()  # how many causes use each word, by number
        # Since the last flush: how many causes have each set of shared texts (by number), and the words
        # of each such set; their users are counted at the flush, once a set rather than once a cause.
        self.sets_of_texts: Counter[tuple[int, ...]] = Counter()
        self.words_of_texts: dict[tuple[int, ...], frozenset[int]] = {}
        self.names: set[int] = set()  # the words of names and aliases
        # Gathered since the last flush: the phrases of each shared text, and those of each word of an own.
        self.shared: dict[int, list[int]] = {}
        self.own: defaultdict[int, list[int]] = defaultdict(list)
        # The normal words of each piece of text between spaces: pieces repeat far more than texts do.
        pieces: _Memo[str, tuple[str, ...]] = _Memo(lambda piece: tuple(tokenise(piece)))
        self.pieces = pieces
        # Texts met before (symptoms, signs, titles; a cause's other text): their words, and the number
        # of the text those words make.
        self.phrases: _Memo[str, tuple[int, ...]] = _Memo(lambda text: self.tokens([text])[0])
        self.documents: _Memo[tuple[str, ...], tuple[int, ...]] = _Memo(
            lambda texts: tuple(map(self.number.__getitem__, token_set(texts))), size=_Memo.SIZE >> 4
        )
        self.texts: _Memo[tuple[int, ...], int] = _Memo(self.new_text)
        self.pending: list[tuple[int, list[str]]] = []  # each cause's code titles, added once all names are known
        # Titles repeat (a code is given to many causes): each is cut once, and kept as one string.
        self.without_encounter: _Memo[str, str] = _Memo(lambda title: _ENCOUNTER.sub("", title))

    def add_next(self, cause: Cause) -> None:
        """The next cause of the knowledge base, in order."""
        cause_index = len(self.cause_ids)
        self.add_cause(cause_index, cause)
        if cause.codes.titles:
            titles = list(map(self.without_encounter.__getitem__, filter(None, cause.codes.titles)))
            if titles:
                self.pending.append((cause_index, titles))

    def finish(self, kb: KnowledgeBase) -> SearchIndex:
        """The index, once every cause is added; ``kb`` is the knowledge base whole (the builder may have
        been started with its other sections only, as its causes were being read)."""
        self.kb = kb
        self.add_titles(self.pending)
        return self.index()

    def tokens(self, texts: Iterable[str]) -> list[tuple[int, ...]]:
        """The numbers of each text's words, in the order of their set (the order its weight is summed in).

        A text's words are those of its pieces between spaces (folding never joins two), in order, and
        pieces repeat far more than texts do. Whole-sequence steps: no Python code runs for a text
        whose pieces were all met before.
        """
        pieces = map(map, repeat(self.pieces.__getitem__), map(str.split, texts))
        return list(
            map(tuple, map(map, repeat(self.number.__getitem__), map(frozenset, map(chain.from_iterable, pieces))))
        )

    def new_text(self, words: Iterable[int]) -> int:
        """The number of a text made of ``words``, stored after the others."""
        self.text_words.extend(words)
        self.text_ends.append(len(self.text_words))
        return len(self.text_ends) - 2

    def add(
        self, cause_index: int, kinds: bytes, places: Iterable[int], found: list[tuple[int, ...]], *, shared: bool
    ) -> tuple[int, ...]:
        """A cause's phrases, each of a kind, at a place (for names) and with its words; those without
        words left out. Shared phrases are those whose texts other causes may have too: their texts'
        numbers are returned."""
        phrases = list(filter(None, found))
        if len(phrases) < len(found):
            kinds, places = bytes(compress(kinds, found)), compress(places, found)
        first = len(self.phrase_kind)
        self.phrase_cause.extend(repeat(cause_index, len(phrases)))
        self.phrase_kind += kinds
        self.phrase_place.extend(places)
        if shared:
            texts = list(map(self.texts.__getitem__, phrases))
            self.phrase_text.extend(texts)
            gathered = self.shared
            for phrase, text in enumerate(texts, first):
                if text in gathered:
                    gathered[text].append(phrase)
                else:
                    gathered[text] = [phrase]
            return tuple(texts)
        text = len(self.text_ends) - 1
        self.phrase_text.extend(range(text, text + len(phrases)))
        ends = accumulate(map(len, phrases), initial=len(self.text_words))
        next(ends)  # the start, which is already there
        self.text_ends.extend(ends)
        self.text_words.extend(chain.from_iterable(phrases))
        own = self.own
        for phrase, numbers in enumerate(phrases, first):
            for word in numbers:
                own[word].append(phrase)
        return ()

    def flush(self) -> None:
        """Write the phrases gathered since the last flush to the postings of their words, in order."""
        lists: defaultdict[int, list[list[int]]] = defaultdict(list)  # each word's lists of phrases, each in order
        for word, phrases in self.own.items():
            lists[word].append(phrases)
        words, ends = self.text_words, self.text_ends
        for text, phrases in self.shared.items():
            for word in words[ends[text] : ends[text + 1]]:
                lists[word].append(phrases)
        postings = self.postings
        for word, each in lists.items():
            postings[word].extend(each[0] if len(each) == 1 else sorted(chain.from_iterable(each)))
        self.own.clear()
        self.shared.clear()
        users = self.users
        for texts, count in self.sets_of_texts.items():
            used = self.words_of_texts[texts]
            users.update(used if count == 1 else dict.fromkeys(used, count))
        self.sets_of_texts.clear()
        self.words_of_texts.clear()

    def add_cause(self, cause_index: int, cause: Cause) -> None:
        if cause_index % self.BATCH == 0:
            self.flush()
        self.cause_ids.append(cause.id)
        self.categories.append(cause.category)
        self.prevalence.append(PREVALENCE_ORDER.get(cause.prevalence, 3))
        self.first_phrase.append(len(self.phrase_kind))
        names = _names(cause)
        self.name_count.append(len(names))
        found = self.tokens(names)  # a cause's own: rarely met again
        self.names.update(*found)
        self.add(cause_index, _KIND[NAME] * len(names), range(len(names)), found, shared=False)
        symptoms = [text for fact in cause.symptoms for text in fact.text if text]
        signs = [text for flag in self.kb.red_flags_for(cause.id) for text in flag.sign if text]
        others = list(map(self.phrases.__getitem__, chain(symptoms, signs)))
        others.append(self.documents[tuple(_cause_texts(cause))])
        kinds = _KIND[SYMPTOM] * len(symptoms) + _KIND[RED_FLAG] * len(signs) + _KIND[TEXT]
        texts = self.add(cause_index, kinds, repeat(0, len(others)), others, shared=True)
        # Each cause counts once for each word it uses: the words of its shared texts are counted with
        # those of the causes that share all of them (flush), its own names' other words here.
        self.sets_of_texts[texts] += 1
        shared = self.words_of_texts.get(texts)
        if shared is None:
            shared = self.words_of_texts[texts] = frozenset().union(*others)
        self.users.update(set().union(*found).difference(shared))

    def add_titles(self, pending: list[tuple[int, list[str]]]) -> None:
        """Each cause's code titles as names, after its own; a title that is another cause's own name
        or alias stays that cause's (the last such cause's, as in _code_titles)."""
        self.flush()  # the postings of the causes' own phrases, which owner() and the count below read
        forms = {title: normalise(title) for title in set(chain.from_iterable(titles for _, titles in pending))}
        owner = {form: self.owner(form) for form in set(forms.values())}
        ends = [*self.first_phrase[1:], len(self.phrase_kind)]
        for cause_index, titles in pending:
            kept = [title for title in titles if owner[forms[title]] in (None, cause_index)]
            if not kept:
                continue
            place = self.name_count[cause_index]
            found = list(map(self.phrases.__getitem__, kept))
            self.names.update(*found)
            self.add(cause_index, _KIND[NAME] * len(found), range(place, place + len(found)), found, shared=True)
            start, end = self.first_phrase[cause_index], ends[cause_index]
            for word in set().union(*found):
                postings = self.postings[word]
                # a word the cause's own phrases use is counted already
                at = bisect_left(postings, start)
                if not (at < len(postings) and postings[at] < end):
                    self.users[word] += 1

    def owner(self, form: str) -> int | None:
        """The last cause with a name or alias whose normal form is ``form``, if any."""
        wanted = set(form.split())
        if not wanted or not wanted <= self.number.keys():
            return None if wanted else _owner_by_names(self.kb, form)
        numbers = {self.number[word] for word in wanted}
        rarest = min(numbers, key=lambda number: len(self.postings[number]))
        ends, words, texts = self.text_ends, self.text_words, self.phrase_text
        candidates = sorted(
            {
                self.phrase_cause[phrase]
                for phrase in self.postings[rarest]
                if self.phrase_kind[phrase] == NAME
                and ends[texts[phrase] + 1] - ends[texts[phrase]] == len(numbers)
                and set(words[ends[texts[phrase]] : ends[texts[phrase] + 1]]) == numbers
            },
            reverse=True,
        )
        for cause_index in candidates:  # the words match; the order and repeats must too
            if any(normalise(name) == form for name in _names(self.kb.causes[cause_index]) if name):
                return cause_index
        return None

    def index(self) -> SearchIndex:
        self.flush()
        count = max(len(self.cause_ids), 1)
        rarity = [math.log(1 + count / self.users[number]) for number in range(len(self.words))]
        # Each text's weight, its words' rarities summed in order, and so each phrase's; no loop.
        ends = self.text_ends
        slices = map(self.text_words.__getitem__, map(slice, ends, islice(ends, 1, None)))
        weighed = list(map(sum, map(map, repeat(rarity.__getitem__), slices)))
        weights = array("d", map(weighed.__getitem__, self.phrase_text))
        texts = sorted(compress(weights, map(TEXT.__eq__, self.phrase_kind)))
        return SearchIndex(
            kb=self.kb,
            cause_ids=tuple(self.cause_ids),
            categories=tuple(self.categories),
            prevalence=bytes(self.prevalence),
            phrase_cause=self.phrase_cause,
            phrase_kind=bytes(self.phrase_kind),
            phrase_place=self.phrase_place,
            phrase_weight=weights,
            postings=dict(zip(self.words, self.postings, strict=True)),
            idf=_side_words_capped(dict(zip(self.words, rarity, strict=True))),
            vocabulary=tuple(sorted(self.words[number] for number in self.names)),
            typical_text=texts[len(texts) // 2] if texts else 0.0,
            name_counts=self.name_count,
        )


def _side_words_capped(idf: dict[str, float]) -> dict[str, float]:
    """What a query's side of the body ("left", "اليمنى") counts for: no more than a word most causes
    share. A phrase still weighs its side word as written (it says where that cause's pain is)."""
    for word in SIDE_WORDS & idf.keys():
        idf[word] = min(idf[word], DISTINCTIVE_IDF)
    return idf


# Each kind of phrase as one byte, to be repeated for a cause's phrases of that kind.
_KIND = [bytes([kind]) for kind in range(TEXT + 1)]

KeyT = TypeVar("KeyT", bound=Hashable)
ValueT = TypeVar("ValueT")


class _Memo(dict[KeyT, ValueT]):
    """``work`` of a key, done the first time it is looked up; forgotten all at once past ``size`` keys,
    so that the texts of 100,000 causes are never all kept."""

    SIZE = 1 << 16

    def __init__(self, work: Callable[[KeyT], ValueT], size: int | None = None) -> None:
        super().__init__()
        self.work, self.size = work, self.SIZE if size is None else size

    def __missing__(self, key: KeyT) -> ValueT:
        if len(self) >= self.size:
            self.clear()
        value = self[key] = self.work(key)
        return value


class _Numbers(dict[str, int]):
    """Each word's number, given to a new word as it is first looked up."""

    def __init__(self, builder: _IndexBuilder) -> None:
        super().__init__()
        self.builder = builder

    def __missing__(self, word: str) -> int:
        builder = self.builder
        number = self[word] = len(builder.words)
        builder.words.append(word)
        builder.postings.append(array("I"))
        return number


def _owner_by_names(kb: KnowledgeBase, form: str) -> int | None:
    """The last cause with a name whose normal form is ``form`` (one of only filler words: ""), by
    normalising every name."""
    found = None
    for cause_index, cause in enumerate(kb.each_cause()):
        if any(normalise(name) == form for name in _names(cause) if name):
            found = cause_index
    return found


def _symptom_texts(kb: KnowledgeBase, cause: Cause) -> list[tuple[str, str]]:
    """A cause's symptoms and the signs of the red flags that point to it, each with its field."""
    texts = [("symptom", text) for fact in cause.symptoms for text in (fact.text.en, fact.text.ar or "")]
    texts += [("red flag", text) for flag in kb.red_flags_for(cause.id) for text in (flag.sign.en, flag.sign.ar or "")]
    return [(field, text) for field, text in texts if text]


def _names(item: Cause | Treatment) -> list[str]:
    """A cause's or a treatment's id (spaced), names in both languages and aliases."""
    return [item.id.replace("-", " "), item.name.en, item.name.ar or "", *item.aliases.all()]


def _name_count(cause: Cause) -> int:
    """How many of a cause's name phrases are its own names: those after them are code titles."""
    return len(_names(cause))


@lru_cache(maxsize=4)
def _code_titles(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Each cause's official ICD-10-CM titles, searchable as names ("Intervertebral disc disorders with
    radiculopathy, lumbar region"); a title that is another cause's own name or alias stays that cause's.

    Causes without titles are left out. Two passes over the causes, not one that keeps every name of
    every cause: the first finds the titles, the second only the names that are one of them.
    """
    titles = {}
    for cause in kb.each_cause():
        own = [_ENCOUNTER.sub("", title) for title in cause.codes.titles if title]
        if own:
            titles[cause.id] = own
    if not titles:
        return {}
    forms = {title: normalise(title) for own in titles.values() for title in own}
    wanted = set(forms.values())
    owner: dict[str, str] = {}
    for cause in kb.each_cause():
        names = [name for name in _names(cause) if name]
        for tokens in tokenise_many(names):
            form = " ".join(tokens)
            if form in wanted:
                owner[form] = cause.id
    return {
        cause_id: [title for title in own if owner.get(forms[title], cause_id) == cause_id]
        for cause_id, own in titles.items()
    }


# The encounter a code is for says nothing about the condition ("..., initial encounter for fracture").
_ENCOUNTER = re.compile(r",? (initial|subsequent) encounter.*$|, sequela$", re.IGNORECASE)


def _cause_texts(cause: Cause) -> list[str]:
    facts = (cause.summary, *cause.worse_with, *cause.better_with, *cause.at_risk, *cause.diagnosis)
    return [text for fact in facts for text in (fact.text.en, fact.text.ar or "")]


def rank_causes(
    index: SearchIndex, query: str, *, limit: int = 5, category: str | None = None, lang: Lang = "en"
) -> list[Match]:
    """Causes that match ``query`` well enough, best first, at most ``limit``.

    The best cause must reach MATCH_THRESHOLD for the query to count as about back pain at all;
    once it does, the runners-up down to COMPANION_THRESHOLD are shown beside it as alternatives.
    """
    coded = find_by_code(index.kb, query, category=category)
    if coded is not None:
        return coded[:limit]
    matches = score_causes(index, query, category=category, limit=limit, minimum=COMPANION_THRESHOLD, lang=lang)
    if not matches or max(match.counts for match in matches) < MATCH_THRESHOLD:
        return []
    matches = _named_first(index, query, matches, category)
    names = [match for match in matches if match.field == "name"]
    named = any(match.score >= NAMED_SCORE for match in names)  # "forward head posture"
    site = None if named else elsewhere(index.kb, query[:MAX_QUERY_CHARS], symptoms=False)
    # a knee, a tooth: not back pain; unless the part is in the name the query matched, misspelt or
    # not ("morning stifness in shoulders and hips" is polymyalgia rheumatica)
    if site and not (matches[0].field == "name" and set(tokenise(site)) <= set(tokenise(matches[0].matched))):
        # A part named beside symptoms that other complaints share is another part's complaint only
        # if no cause's own name matched too: "C6 radiculopathy, numb thumb" is the spine's.
        if any(match.score >= SPINE_NAMED for match in names) and elsewhere(index.kb, query[:MAX_QUERY_CHARS]) is None:
            return matches
        return []
    return matches


def _named_first(index: SearchIndex, query: str, matches: list[Match], category: str | None) -> list[Match]:
    """``matches`` with the cause that the query's first part names leading: what comes before the
    first comma, if a cause's name or alias matches it well ("Spinal stenosis, sacral and
    sacrococcygeal region" is spinal stenosis, not the cause whose code title shares the region)."""
    comma = _COMMA.search(query)
    head = query[: comma.start()] if comma else query
    if (
        not comma
        or not head.strip()
        or (matches[0].field == "name" and normalise(matches[0].matched) == normalise(query))
    ):
        return matches  # no comma, or the whole query is a name ("Lumbago with sciatica, right side")
    if len(tokenise(head)) > NAME_WORDS:  # a story, not a name
        return matches
    named = score_causes(index, head, category=category, limit=1, stories=False)
    if not named or named[0].field != "name" or named[0].score < NAMED_SCORE:
        return matches
    cause_id = named[0].cause.id
    found = next((match for match in matches if match.cause.id == cause_id), None)
    lead = found or named[0]._replace(score=matches[0].score)
    rest = [match for match in matches if match.cause.id != cause_id]
    return [lead, *rest[: len(matches) - (found is None)]]


# The most words a name before a comma has ("Other spondylosis with radiculopathy"): a longer first
# part is a story's first sentence, not a name, and is not scored again on its own.
NAME_WORDS = 6


# The first comma of a query, Latin or Arabic.
_COMMA = re.compile("[,\u060c]")


_CODE = re.compile(r"\s*([A-Za-z][0-9][0-9A-Za-z])(?:\.?([0-9A-Za-z]{1,4}))?\s*")


def find_by_code(kb: KnowledgeBase, query: str, *, category: str | None = None) -> list[Match] | None:
    """For a query that is an ICD-10-CM code ("M54.5", "m5116", "G83.4"): the causes with that code,
    or a more detailed one under it, exact codes first; None for any other query.

    A code more detailed than any the knowledge base gives ("M54.51", vertebrogenic low back pain)
    finds the causes under its nearest parent that has a decimal point ("M54.5"), scored below an
    exact code; never the bare three-character category, which mixes other body parts ("M54.2" is neck
    pain). Among equal matches, the more common cause comes first (M54.9: non-specific low back pain
    before pain referred from an organ).
    """
    shape = _CODE.fullmatch(query)
    if shape is None:
        return None
    wanted = shape.group(1).upper() + ("." + shape.group(2).upper() if shape.group(2) else "")
    found = _causes_with_code(kb, wanted, category, exact=100.0, under=95.0)
    parent = wanted
    while not found and len(parent) > len("M54.5"):
        parent = parent[:-1]
        found = _causes_with_code(kb, parent, category, exact=PARENT_CODE_SCORE, under=PARENT_CODE_SCORE)
    return [match for _, match in sorted(found, key=lambda item: item[0])]


# The score of a cause found under a code's parent ("M54.5" for "M54.51"), below an exact code's 100
# and the 95 of a code under the one asked for.
PARENT_CODE_SCORE = 90.0


def _causes_with_code(
    kb: KnowledgeBase, wanted: str, category: str | None, *, exact: float, under: float
) -> list[tuple[tuple[bool, int], Match]]:
    """Each cause with the code ``wanted`` or one under it, with its sort key: exact first, then common."""
    found: list[tuple[tuple[bool, int], Match]] = []
    for cause in kb.causes:
        if category is not None and cause.category != category:
            continue
        titles = dict(zip(cause.codes.icd10cm, cause.codes.titles, strict=False))
        for code in cause.codes.icd10cm:
            if code == wanted or code.startswith(wanted if "." in wanted else wanted + "."):
                title = titles.get(code) or ""
                key = (code != wanted, PREVALENCE_ORDER.get(cause.prevalence, 3))
                found.append((key, Match(cause, exact if code == wanted else under, f"{code} {title}".strip(), "code")))
                break
    return found


def lead_with_signs(index: SearchIndex, matches: list[Match], flags: Sequence[RedFlag]) -> list[Match]:
    """Matches with the cause the most urgent warning sign points to first.

    "back spasms, then I couldn't pee" matches muscle spasm best by its words, but the sign in it
    points to cauda equina syndrome: that leads, so that no one reads the spasm as the answer.
    """
    if not flags or not matches:
        return matches
    lead = flags[0].causes[0]
    rest = [match for match in matches if match.cause.id != lead]
    found = next((match for match in matches if match.cause.id == lead), None)
    if found is None:
        cause = index.kb.cause_by_id[lead]
        found = Match(cause, matches[0].score, flags[0].sign.en, "red flag")
        rest = rest[: len(matches) - 1]
    return [found, *rest]


def find_suggestions(index: SearchIndex, query: str, *, limit: int = 3, category: str | None = None) -> list[Match]:
    """Near misses worth a "Did you mean ...?": below the match threshold, above the suggestion one."""
    near = score_causes(index, query, category=category, limit=limit, minimum=SUGGEST_THRESHOLD)
    return [match for match in near if match.counts < MATCH_THRESHOLD]


# A word that more than about three in five causes use ("back", "pain") is too common to tell
# one cause from another: a query of nothing else is too general to rank.
DISTINCTIVE_IDF = 1.0


# The cause that most back pain is (NICE NG59): the answer a general query leads with.
GENERAL_CAUSE = "non-specific-low-back-pain"


def is_too_general(index: SearchIndex, query: str) -> bool:
    """True for a query of only words most causes share ("back pain", "what causes lower back pain")
    or regions of the spine ("lumbar", "L4-L5 pain"), or one that names non-specific back pain itself
    ("ألم أسفل الظهر", "lumbago"); how long back pain has lasted changes neither ("chronic back pain",
    "acute low back pain")."""
    query = _without_course(query[:MAX_QUERY_CHARS])
    tokens = tokenise(query)
    if tokens and all(token in SPINE_REGIONS or index.idf.get(token, math.inf) < DISTINCTIVE_IDF for token in tokens):
        return True
    general = index.kb.cause_by_id.get(GENERAL_CAUSE)
    wanted = normalise(query)
    return general is not None and bool(wanted) and wanted in {normalise(name) for name in _names(general)}


def _without_course(query: str) -> str:
    """A query about the back without the words of how long or how often it has hurt ("chronic back
    pain" is "back pain"); any other query as it is ("Other chronic pain" is a code title)."""
    tokens = set(tokenise(query))
    if not (tokens & BACK_WORDS or tokens & SPINE_REGIONS) or tokens <= COURSE_WORDS:
        return query
    return " ".join(word for word in query.split() if not _course_word(word))


def _course_word(word: str) -> bool:
    """Whether a word of a query says only how long pain has lasted ("chronic", "المزمن")."""
    tokens = tokenise(word)
    return bool(tokens) and COURSE_WORDS.issuperset(tokens)


def general_causes(index: SearchIndex, query: str) -> list[Cause]:
    """The answer to a query too general for one cause ("back pain", "وجع الظهر"): the common causes,
    those the query names best first (non-specific low back pain is called "back pain"), then in the
    knowledge base's order."""
    kb = index.kb
    scores = {match.cause.id: match.score for match in score_causes(index, _without_course(query))}
    common = [cause for cause in kb.causes if cause.prevalence == "common"]
    return sorted(
        common, key=lambda cause: -scores.get(cause.id, 0.0) if scores.get(cause.id, 0.0) >= NAMED_SCORE else 0.0
    )


def score_causes(
    index: SearchIndex,
    query: str,
    *,
    category: str | None = None,
    limit: int | None = None,
    minimum: float = 0.0,
    stories: bool = True,
    lang: Lang = "en",
) -> list[Match]:
    """The causes that share a word with the query, scored 0 to 100, best first, each saying why (in
    ``lang`` where it is the story told); with ``stories``, also those that the story fits (story.py)."""
    if not query.strip():
        raise QueryError("the query is empty; type a cause, a symptom or a question")
    tokens = tokenise(query[:MAX_QUERY_CHARS])
    if not tokens:
        return []
    words = _QueryWords(index, tokens)
    reached = words.reach()
    by_cause: dict[int, list[int]] = {}
    for phrase in reached:
        by_cause.setdefault(index.phrase_cause[phrase], []).append(phrase)
    lexical: dict[int, tuple[float, tuple[float, float, float], int | None]] = {}
    for cause_index, phrases in by_cause.items():
        if category is not None and index.categories[cause_index] != category:
            continue
        score, name, every, own, named = _score_cause(index, words, reached, sorted(phrases), cause_index)
        # Corroboration: each further query word that this same cause accounts for adds confidence,
        # so a long description matching a cause on several words is not drowned by its other words.
        found = words.count_found(own)
        raw = score
        score = min(100.0, 100 * score + CORROBORATION * min(max(found - 1, 0.0), 3.0))
        if name is not None and index.phrase_place[name] >= index.name_counts[cause_index]:
            score *= TITLE_WEIGHT  # an official code title: a name the cause may share with others
        # Equal scores go to the better match before corroboration (which the cap may hide: the exact
        # code title before a near one); then to the cause whose own names account for more of the
        # query (a code title several causes share: "Other spondylosis with myelopathy" is spinal
        # degeneration, alias "spondylosis"); then to the one that accounts for more of it across all
        # its text; then to the more common cause.
        lexical[cause_index] = (score, (-raw, -words.coverage(named), -words.coverage(every)), name)
    # a story needs two answers, so two words at least: a one-word query ("sciatica") reads none
    if stories and len(tokens) >= STORY_MIN_ANSWERS:
        story, fits = _story_fits(index, query, category)
    else:
        story, fits = Story(frozenset()), {}
    placed = story.placed
    scored: list[tuple[float, tuple[float, float, float], int, str, int, int | None, float, float]] = []
    for cause_index in lexical.keys() | fits.keys():
        said, tie, name = lexical.get(cause_index, (0.0, (0.0, 0.0, 0.0), None))
        fit = fits.get(cause_index)
        score = round(_with_story(said, fit) if fit else said, 1)
        # A story that names the back or the legs may make a query about back pain; one that does
        # not ("numb fingers, worse at night") only orders the causes its words found.
        standing = max(score, round(said, 1)) if placed else round(said, 1)
        if standing >= minimum:
            cause_id = index.cause_ids[cause_index]
            row = (-score, tie, index.prevalence[cause_index], cause_id, cause_index, name, standing, said)
            scored.append(row)
    scored.sort()
    return [
        _explain(index, cause_index, -score, name, words, fit=fits.get(cause_index), said=said, lang=lang)._replace(
            standing=standing
        )
        for score, _, _, _, cause_index, name, standing, said in scored[:limit]
    ]


# Search points per point of the assessment's model that a story's answers give a cause (story.py):
# a typical answer of middling specificity (about 0.8 points) is worth about a rare query word.
STORY_POINTS = 15.0


def _with_story(said: float, fit: Fit) -> float:
    """A cause's score with the story's points: they count for less the more the words alone say,
    so a story orders the causes a vague query finds but does not overturn a named one; but in full
    for a cause that only someone in that state has, when the writer says they are ("I'm 23 weeks
    pregnant ... lower back pain": back pain in pregnancy, before non-specific back pain)."""
    gated = any(question == GATE for question, _ in fit.answers)
    damping = 1.0 if gated else float((1 - said / 100) ** STORY_DAMPING)
    return max(0.0, min(100.0, said + STORY_POINTS * fit.points * damping))


# A story counts from this many answers (an age is one): one alone, above all a place named in a
# code title ("..., lumbar region"), says too little to reorder what its words found.
STORY_MIN_ANSWERS = 2
# How fast the story's weight falls as the words' score rises (0: not at all).
STORY_DAMPING = 1.0


def _story_fits(index: SearchIndex, query: str, category: str | None) -> tuple[Story, dict[int, Fit]]:
    """The story the query tells, and the points it gives each cause (of ``category``), if it gives
    STORY_MIN_ANSWERS answers or more."""
    kb = index.kb
    story = read_story(kb, query[:MAX_QUERY_CHARS])
    if len(story.answers) + (story.age is not None) < STORY_MIN_ANSWERS:
        return story, {}
    causes = range(len(index.cause_ids))
    candidates = causes if category is None else [at for at in causes if index.categories[at] == category]
    return story, story_fits(kb, story, story_words(kb).pictures, candidates)


class _Reach(NamedTuple):
    """What the query reaches of one phrase: per query word, the best similarity by which one of
    the phrase's words stands for it (0 for none), and the phrase's rarity-weighted words reached."""

    best: list[float]
    weight: float


class _QueryWords:
    """A query's words, the index words each may stand for, and how much each counts."""

    def __init__(self, index: SearchIndex, tokens: list[str]) -> None:
        self.index = index
        self.tokens = list(dict.fromkeys(tokens))
        self.expansions = [_expand(index, token) for token in self.tokens]
        # A word the knowledge base does not know counts as much as its rarest word in a short
        # query, where it is likely the subject ("pink eye"), and for less in a long description,
        # where most unknown words are incidental ("after a fall from a ladder").
        self.rarest = math.log(1 + max(len(index.cause_ids), 1))  # the idf of a word only one cause uses
        unknown = self.rarest * min(1.0, UNKNOWN_WORDS / max(len(self.expansions), 1))
        self.weights = [max((index.idf[v] for v in options), default=unknown) for options in self.expansions]
        self.total = sum(self.weights)
        # Each index word the query reaches, with the best similarity any query word reaches it by,
        # and which query words it stands for.
        self.similarity: dict[str, float] = {}
        self.stands_for: dict[str, list[tuple[int, float]]] = {}
        for position, options in enumerate(self.expansions):
            for word, similarity in options.items():
                self.similarity[word] = max(similarity, self.similarity.get(word, 0.0))
                self.stands_for.setdefault(word, []).append((position, similarity))
        self.matched = set(self.similarity)
        self.typical_text = index.typical_text

    def length_damping(self, phrases: list[int]) -> float:
        """1 for an entry of typical length or shorter; less for a longer one."""
        index = self.index
        text = next((phrase for phrase in phrases if index.phrase_kind[phrase] == TEXT), None)
        if text is None or self.typical_text <= 0:
            return 1.0
        return float(min(1.0, (self.typical_text / index.phrase_weight[text]) ** LENGTH_DAMPING))

    def reach(self) -> dict[int, _Reach]:
        """Every phrase that uses a word of the query, and what the query reaches of it."""
        reached: dict[int, _Reach] = {}
        size = len(self.expansions)
        for word, uses in self.stands_for.items():
            gain = self.index.idf[word] * self.similarity[word]
            for phrase in self.index.postings[word]:
                seen = reached.get(phrase)
                best = seen.best if seen else [0.0] * size
                for position, similarity in uses:
                    if similarity > best[position]:
                        best[position] = similarity
                reached[phrase] = _Reach(best, seen.weight + gain if seen else gain)
        return reached

    def count_found(self, best: list[float]) -> float:
        """How many of the query's words are reached, each counted by its rarity (a word found
        in every cause, such as "back", counts for nothing; the rarest, for one)."""
        return sum(weight / self.rarest for weight, similarity in zip(self.weights, best, strict=True) if similarity)

    def coverage(self, best: list[float]) -> float:
        """How much of the query (weighted by rarity) is reached, from 0 to 1."""
        covered = 0.0
        for weight, similarity in zip(self.weights, best, strict=True):
            covered += weight * similarity
        return covered / self.total if self.total else 0.0


def _expand(index: SearchIndex, token: str) -> dict[str, float]:
    """The vocabulary words a query word may stand for, each with a similarity from 0 to 1."""
    if token in index.idf:
        return {token: 1.0}
    options: dict[str, float] = {}
    if not token.isascii() and token[0] in AR_PARTICLES and token[1:] in index.idf:
        # "وصعوبة" is "and" + "صعوبة": a one-letter particle fused to a word without the article.
        return {token[1:]: 1.0}
    # Arabic writes few vowels, so its words are shorter: a misspelling is tried from four letters.
    if len(token) >= (5 if token.isascii() else 4):
        from rapidfuzz.distance import OSA  # only for a word the index does not know
        from rapidfuzz.process import extract

        for word, distance, _ in extract(token, index.vocabulary, scorer=OSA.distance, score_cutoff=2, limit=8):
            similarity = 1.0 - distance / max(len(token), len(word))
            if similarity >= 0.7:
                # Cubed, so that evidence fades fast with edits: one slip in a long word keeps most
                # of its weight, two in a short word ("weather" for "water") keep little.
                options[word] = similarity**3
        for word in index.vocabulary:
            if word.startswith(token) or (len(word) >= 5 and token.startswith(word)):
                options[word] = max(options.get(word, 0.0), 0.8)
    return options


def _score_cause(
    index: SearchIndex, words: _QueryWords, reached: dict[int, _Reach], phrases: list[int], cause_index: int
) -> tuple[float, int | None, list[float], list[float], list[float]]:
    """The best of: a name or alias, the symptoms and red-flag signs, or everything; names weigh most.

    Also what the query reaches of all the cause's words; of its own words: all but those that only
    its red flags give it, since red-flag signs point to several causes and cannot corroborate one of
    them over another; and of its own names and aliases (not the code titles it may share).
    """
    size = len(words.expansions)
    every, own, symptom_words, named = [0.0] * size, [0.0] * size, [0.0] * size, [0.0] * size
    own_names = index.name_counts[cause_index]
    best_name_score, best_name = 0.0, None
    best_symptom = 0.0
    for phrase in phrases:
        best, weight = reached[phrase]
        kind = index.phrase_kind[phrase]
        every[:] = map(max, every, best)
        if kind != RED_FLAG:
            own[:] = map(max, own, best)
        if kind == TEXT:
            continue
        # How much of the phrase the query reaches, a misspelt word counting in part.
        phrase_covered = weight / index.phrase_weight[phrase]
        if kind == NAME:
            if index.phrase_place[phrase] < own_names:
                named[:] = map(max, named, best)
            score = NAME_QUERY_SHARE * words.coverage(best) + (1 - NAME_QUERY_SHARE) * phrase_covered
            if score > best_name_score:
                best_name_score, best_name = score, phrase
            continue
        # Evidence gathered in one symptom counts for more than the same words scattered over many,
        # and a symptom that is mostly the query counts for more than a long one that mentions it.
        symptom_words[:] = map(max, symptom_words, best)
        score = 0.85 * words.coverage(best) + 0.15 * phrase_covered
        # A red-flag sign points to several causes, so it is weaker evidence for any one of them.
        best_symptom = max(best_symptom, score * RED_FLAG_WEIGHT if kind == RED_FLAG else score)
    # A long entry reaches more of any query by its length alone; its spread-out evidence is damped
    # by how much longer than the typical entry it is (as BM25 normalises for length).
    damp = words.length_damping(phrases)
    symptom_score = 0.9 * (SINGLE_PHRASE * best_symptom + (1 - SINGLE_PHRASE) * words.coverage(symptom_words) * damp)
    all_score = 0.6 * words.coverage(every) * damp
    if max(symptom_score, all_score) > best_name_score:
        return max(symptom_score, all_score), None, every, own, named
    return best_name_score, best_name, every, own, named


def _explain(
    index: SearchIndex,
    cause_index: int,
    score: float,
    name: int | None,
    words: _QueryWords,
    *,
    fit: Fit | None = None,
    said: float = 0.0,
    lang: Lang = "en",
) -> Match:
    """A Match naming the text that matched: the answers of the story it tells (``fit``), worded in
    ``lang``, if they put the cause there more than its words did (``said``, their score alone); else
    the name or alias, else the best symptom or text."""
    cause = index.kb.causes[cause_index]
    if (
        fit is not None
        and fit.points > 0
        and (name is None or score < NAMED_SCORE)
        and STORY_POINTS * fit.points >= said
    ):
        return Match(cause=cause, score=score, matched=story_text(index.kb, fit, lang), field="story")
    if name is not None:
        # the cause's own names come first; its code titles (costly to work out) only if needed
        names, place = _names(cause), index.phrase_place[name]
        matched = names[place] if place < len(names) else _code_titles(index.kb)[cause.id][place - len(names)]
        return Match(cause=cause, score=score, matched=matched, field="name")
    fields = [*_symptom_texts(index.kb, cause), *(("text", text) for text in _cause_texts(cause) if text)]
    fields += [("name", text) for text in _names(cause) if text]
    best, best_weight = ("name", cause.name.en), 0.0
    for field, text in fields:
        weight = sum(index.idf.get(t, 0.0) for t in set(tokenise(text)) & words.matched)
        if weight > best_weight:
            best, best_weight = (field, text), weight
    return Match(cause=cause, score=score, matched=best[1], field=best[0])


# -- exact lookups with "Did you mean" ----------------------------------------------------

T = TypeVar("T", Cause, Treatment)

# A category spelled at least this close (0 to 100) to exactly one category is taken as it.
CLOSE_SPELLING = 85.0
# Below this, a category is too far from what was typed to be offered as "Did you mean".
SUGGEST_SPELLING = 60.0


def find_cause(kb: KnowledgeBase, text: str) -> Cause:
    """The cause named by an id, a name or an alias in either language; NotFoundError otherwise."""
    hint = "see `backpain list` or try `backpain search`"
    return _find_named(kb.cause_by_id, kb.causes, _names, text, "cause", hint)


def find_treatment(kb: KnowledgeBase, text: str) -> Treatment:
    """The treatment named by an id, a name or an alias in either language; NotFoundError otherwise."""
    return _find_named(kb.treatment_by_id, kb.treatments, _names, text, "treatment", "see `backpain treatments`")


def _find_named(
    by_id: Mapping[str, T], items: Sequence[T], names_of: Callable[[T], list[str]], text: str, what: str, hint: str
) -> T:
    if text in by_id:
        return by_id[text]
    wanted = normalise(text)
    names = {item.id: [normalise(name) for name in names_of(item)] for item in items}
    exact = [item_id for item_id, forms in names.items() if wanted and wanted in forms]
    if len(exact) == 1:
        return by_id[exact[0]]
    choices = {f"{item_id}\x00{i}": form for item_id, forms in names.items() for i, form in enumerate(forms)}
    near = dict.fromkeys(key.split("\x00")[0] for key, _ in _closest(wanted, choices, cutoff=70.0))
    raise NotFoundError(f"no {what} called “{_echo(text)}”; {hint}", list(near)[:3])


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
    if ranked and ranked[0][1] >= CLOSE_SPELLING:
        best = ranked[0][0].split("\x00")[0]
        rivals = [score for key, score in ranked if key.split("\x00")[0] != best]
        if not rivals or rivals[0] < ranked[0][1]:
            return kb.category_by_id[best]
    near = list(dict.fromkeys(key.split("\x00")[0] for key, score in ranked if score >= SUGGEST_SPELLING))
    if near:
        raise NotFoundError(f"no category “{_echo(text)}”; see `backpain categories`", near[:3])
    # Nothing close: the choices are few, so name them all.
    every = ", ".join(category.id for category in kb.categories)
    raise NotFoundError(f"no category “{_echo(text)}”; the categories are: {every}")


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
    from rapidfuzz.fuzz import WRatio  # only for a name that is not found as written
    from rapidfuzz.process import extract

    found = extract(wanted, choices, scorer=WRatio, score_cutoff=cutoff, limit=12)
    return [(key, score) for _, score, key in found]


def _echo(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"
