"""The search index builder as it stood before the cold-load work of issue #16: the oracle that the
faster builder in backpain_cli/search.py must match exactly (tests/test_search_index_build.py).

Kept verbatim but for its name and imports; it shares search.py's helpers (which texts a cause's
phrases are, what a side of the body counts for), so that what it checks is how the index is
assembled, not what it holds.
"""

import math
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from itertools import accumulate, chain, pairwise, repeat

from backpain_cli.knowledge_base import Cause, KnowledgeBase
from backpain_cli.search import (
    _ENCOUNTER,
    NAME,
    PREVALENCE_ORDER,
    RED_FLAG,
    SYMPTOM,
    TEXT,
    SearchIndex,
    _cause_texts,
    _names,
    _owner_by_names,
    _side_words_capped,
    _symptom_texts,
)
from backpain_cli.words import normalise, token_set, tokenise


def build_reference_index(kb: KnowledgeBase) -> SearchIndex:
    """Normalise every name, alias, symptom and text once, and note which phrases use each word.

    One pass over the causes, each decoded in its turn and let go, so that a cached knowledge base of
    100,000 causes is never all in memory; the official code titles are added after it, once it is
    known which of them are another cause's own name (see _code_titles).
    """
    builder = _IndexBuilder(kb)
    pending: list[tuple[int, list[str]]] = []  # each cause's code titles, added once all names are known
    for cause_index, cause in enumerate(kb.each_cause()):
        builder.add_cause(cause_index, cause)
        titles = [_ENCOUNTER.sub("", title) for title in cause.codes.titles if title]
        if titles:
            pending.append((cause_index, titles))
    builder.add_titles(pending)
    return builder.index()


class _IndexBuilder:
    """A search index in the making: its phrases, and each word's number and the phrases that use it.

    The words of each phrase are kept as numbers in one flat array (``phrase_words``), to weigh the
    phrases once every word's rarity is known. Texts met before (a red-flag sign shared by the causes
    it points to, a symptom two causes share) are normalised once.
    """

    MEMO = 1 << 16  # texts remembered at most, then forgotten all at once

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.cause_ids: list[str] = []
        self.categories: list[str] = []
        self.prevalence = bytearray()
        self.first_phrase = array("L")  # each cause's first phrase
        self.name_count = array("I")  # how many names and aliases each cause has (_name_count)
        self.phrase_cause, self.phrase_place = array("I"), array("I")
        self.phrase_kind = bytearray()
        self.phrase_ends = array("L", [0])  # where each phrase's words end in phrase_words
        self.phrase_words = array("I")
        self.words: list[str] = []  # by number
        self.number = _Numbers(self)
        self.postings: list[array[int]] = []  # by number
        self.appenders: list[Callable[[int], None]] = []  # each posting's append, by number
        self.users: Counter[int] = Counter()  # how many causes use each word, by number
        self.names: set[int] = set()  # the words of names and aliases
        self.memo: dict[str | tuple[str, ...], tuple[int, ...]] = {}
        self.pieces = _Pieces()  # the normal words of each piece of text between spaces

    def numbers(self, tokens: frozenset[str]) -> tuple[int, ...]:
        """The numbers of a phrase's words, in the order of the set (the order its weight is summed in)."""
        return tuple(map(self.number.__getitem__, tokens))

    def tokens_of(self, texts: list[str]) -> list[tuple[int, ...]]:
        memo = self.memo
        if len(memo) > self.MEMO:
            memo.clear()
        pieces = self.pieces
        if len(pieces) > self.MEMO:
            pieces.clear()
        for text in texts:
            if text not in memo:
                # Word by word (what lies between spaces): folding never joins two, so the words of a
                # text are those of its pieces, in order; and pieces repeat far more than texts do.
                memo[text] = self.numbers(frozenset(chain.from_iterable(map(pieces.__getitem__, text.split()))))
        return [memo[text] for text in texts]

    def add(self, cause_index: int, phrases: list[tuple[int, int, tuple[int, ...]]]) -> None:
        """A cause's phrases (kind, place, words), those without words left out."""
        phrases = [phrase for phrase in phrases if phrase[2]]
        kinds, places, words = zip(*phrases, strict=True) if phrases else ((), (), ())
        first = len(self.phrase_kind)
        self.phrase_cause.extend(repeat(cause_index, len(phrases)))
        self.phrase_kind.extend(kinds)
        self.phrase_place.extend(places)
        ends = accumulate(map(len, words), initial=len(self.phrase_words))
        next(ends)  # the start, which is already there
        self.phrase_ends.extend(ends)
        self.phrase_words.extend(chain.from_iterable(words))
        appenders = self.appenders
        for phrase, numbers in enumerate(words, first):
            for word in numbers:
                appenders[word](phrase)
        self.names.update(
            chain.from_iterable(numbers for kind, numbers in zip(kinds, words, strict=True) if kind == NAME)
        )

    def add_cause(self, cause_index: int, cause: Cause) -> None:
        self.cause_ids.append(cause.id)
        self.categories.append(cause.category)
        self.prevalence.append(PREVALENCE_ORDER.get(cause.prevalence, 3))
        self.first_phrase.append(len(self.phrase_kind))
        names = _names(cause)
        self.name_count.append(len(names))
        symptoms = _symptom_texts(self.kb, cause)
        found = self.tokens_of([*names, *(text for _, text in symptoms)])
        texts = tuple(_cause_texts(cause))
        if texts not in self.memo:
            self.memo[texts] = self.numbers(token_set(texts))
        words = self.memo[texts]
        phrases = [(NAME, place, words) for place, words in enumerate(found[: len(names)])]
        phrases += [
            (SYMPTOM if field == "symptom" else RED_FLAG, 0, words)
            for (field, _), words in zip(symptoms, found[len(names) :], strict=True)
        ]
        phrases.append((TEXT, 0, words))
        self.add(cause_index, phrases)
        self.users.update(set(chain(words, *found)))  # each cause counts once

    def add_titles(self, pending: list[tuple[int, list[str]]]) -> None:
        """Each cause's code titles as names, after its own; a title that is another cause's own name
        or alias stays that cause's (the last such cause's, as in _code_titles)."""
        forms = {title: normalise(title) for _, titles in pending for title in titles}
        owner = {form: self.owner(form) for form in set(forms.values())}
        ends = [*self.first_phrase[1:], len(self.phrase_kind)]
        for cause_index, titles in pending:
            kept = [title for title in titles if owner[forms[title]] in (None, cause_index)]
            if not kept:
                continue
            start, end = self.first_phrase[cause_index], ends[cause_index]
            counted: set[int] = set()
            place = self.name_count[cause_index]
            found = self.tokens_of(kept)
            self.add(cause_index, [(NAME, place + offset, words) for offset, words in enumerate(found)])
            for words in found:
                for word in set(words) - counted:
                    postings = self.postings[word]
                    # a word the cause's own phrases use is counted already
                    at = bisect_left(postings, start)
                    if not (at < len(postings) and postings[at] < end):
                        self.users[word] += 1
                counted.update(words)

    def owner(self, form: str) -> int | None:
        """The last cause with a name or alias whose normal form is ``form``, if any."""
        wanted = set(form.split())
        if not wanted or not wanted <= self.number.keys():
            return None if wanted else _owner_by_names(self.kb, form)
        numbers = {self.number[word] for word in wanted}
        rarest = min(numbers, key=lambda number: len(self.postings[number]))
        ends, words = self.phrase_ends, self.phrase_words
        candidates = sorted(
            {
                self.phrase_cause[phrase]
                for phrase in self.postings[rarest]
                if self.phrase_kind[phrase] == NAME
                and ends[phrase + 1] - ends[phrase] == len(numbers)
                and set(words[ends[phrase] : ends[phrase + 1]]) == numbers
            },
            reverse=True,
        )
        for cause_index in candidates:  # the words match; the order and repeats must too
            if any(normalise(name) == form for name in _names(self.kb.causes[cause_index]) if name):
                return cause_index
        return None

    def index(self) -> SearchIndex:
        count = max(len(self.cause_ids), 1)
        rarity = [math.log(1 + count / self.users[number]) for number in range(len(self.words))]
        weight = rarity.__getitem__
        weights = array(
            "d", (sum(map(weight, self.phrase_words[start:end])) for start, end in pairwise(self.phrase_ends))
        )
        texts = sorted(w for w, kind in zip(weights, self.phrase_kind, strict=True) if kind == TEXT)
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


class _Pieces(dict[str, tuple[str, ...]]):
    """The normal words of a piece of text (no spaces in it), worked out the first time it is looked up."""

    def __missing__(self, piece: str) -> tuple[str, ...]:
        words = self[piece] = tuple(tokenise(piece))
        return words


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
        builder.appenders.append(builder.postings[-1].append)
        return number
