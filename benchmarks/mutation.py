"""Mutation testing of warning-sign reading, the red-flag check and ranking: which quiet changes the tests catch.

Two kinds of mutant, each run on a copy of the project in a temporary folder, never on the checkout:

* ``hand``: the changes a reviewer fears most and mutmut cannot make, because they are module constants
  or knowledge-base data: a longer or shorter negation reach, a negator or a scope end dropped from the
  sign vocabulary, the curly apostrophe no longer read, "maybe" taken as "no", an answer word lost, the
  most-urgent-first sort removed, a ranking weight changed.
* ``mutmut``: mutmut 3 over every function of ``signs.py``, ``triage.py`` and ``search.py`` (operators,
  comparisons, constants inside functions, arguments), configured by the ``[tool.mutmut]`` table of
  ``pyproject.toml``, which the copy narrows to the one module and its tests.

    python benchmarks/mutation.py hand                 # the hand-made mutants, new and old tests
    python benchmarks/mutation.py hand --tests before  # ... with the tests that predate issue #19 only
    python benchmarks/mutation.py mutmut triage        # mutmut over triage.py (signs, search alike)
    python benchmarks/mutation.py mutmut triage --tests before

Install mutmut first (``pip install mutmut``); the hand-made mutants need only pytest. Each mutant runs
the test files of its module (``TESTS``); a mutant is killed when they fail. Survivors judged equivalent
are listed with a reason, and the measured scores given, in ``benchmarks/mutation.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
# The tree the mutants are made from: the checkout, or a frozen copy of it (``--source``), so that a
# "before" and an "after" run measure the same code.
SOURCE = ROOT
COPIED = ("backpain_cli", "data", "tests", "benchmarks", "pyproject.toml", "README.md")

# The tests each module's mutants run: those that predate the mutation work ("before"), and those plus
# the tests written against its survivors ("after").
OLD_TESTS = {
    "signs": ["tests/test_signs.py"],
    "triage": ["tests/test_triage.py"],
    "search": ["tests/test_search.py"],
    "story": ["tests/test_story.py", "tests/test_mutations_search.py", "tests/test_search.py"],
}
# The story reader (story.py) was written with its tests: it has no "before".
NEW_TESTS = {module: [f"tests/test_mutations_{module}.py"] for module in ("signs", "triage", "search")}


def tests_for(module: str, which: str) -> list[str]:
    if which == "before":
        return OLD_TESTS[module]
    if which == "new":
        return NEW_TESTS.get(module, OLD_TESTS[module])
    return NEW_TESTS.get(module, []) + OLD_TESTS[module]  # the new first: a mutant they kill stops sooner


class Mutant(NamedTuple):
    name: str
    module: str  # "signs", "triage" or "search": which tests it runs
    apply: Callable[[Path], None]  # changes the copy in place


def code(module: str, name: str, old: str, new: str, *, count: int = 1, file: str | None = None) -> Mutant:
    """A mutant that replaces ``old`` by ``new`` in ``backpain_cli/<file or module>.py`` (exactly ``count``
    times), killed by the tests of ``module``."""

    def apply(root: Path) -> None:
        path = root / "backpain_cli" / f"{file or module}.py"
        text = path.read_text(encoding="utf-8")
        found = text.count(old)
        if found != count:
            raise ValueError(f"{name}: {old!r} occurs {found} times in {file or module}.py, expected {count}")
        path.write_text(text.replace(old, new), encoding="utf-8")

    return Mutant(name, module, apply)


def vocabulary(name: str, kind: str, language: str, *words: str) -> Mutant:
    """A mutant that drops context ``words`` (of one ``kind``, such as "negation") from the sign vocabulary."""

    def apply(root: Path) -> None:
        path = root / "data" / "knowledge_base.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        phrases: list[str] = data["sign_vocabulary"]["context"][kind][language]
        missing = [word for word in words if word not in phrases]
        if missing:
            raise ValueError(f"{name}: {missing} not in the {kind} vocabulary")
        data["sign_vocabulary"]["context"][kind][language] = [phrase for phrase in phrases if phrase not in words]
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    return Mutant(name, "signs", apply)


def vocabulary_added(name: str, kind: str, language: str, *words: str) -> Mutant:
    """A mutant that adds context ``words`` to the sign vocabulary (one left out on purpose, put back)."""

    def apply(root: Path) -> None:
        path = root / "data" / "knowledge_base.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        phrases: list[str] = data["sign_vocabulary"]["context"][kind][language]
        present = [word for word in words if word in phrases]
        if present:
            raise ValueError(f"{name}: {present} already in the {kind} vocabulary")
        phrases.extend(words)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    return Mutant(name, "signs", apply)


def _answer_words() -> list[tuple[str, str]]:
    """Each answer word of the check, with the answer it gives: read from triage.py's ``_ANSWERS`` table."""
    text = (SOURCE / "backpain_cli" / "triage.py").read_text(encoding="utf-8")
    table = text[text.index("_ANSWERS = {") : text.index("}  # fmt: skip")]
    words: list[tuple[str, str]] = []
    for block in re.finditer(r"Answer\.(\w+): \((.*?)\),\n", table, re.DOTALL):
        words += [(block.group(1), word) for word in re.findall(r'"([^"]*)"', block.group(2))]
    return words


def answer_word(answer: str, word: str, *, moved_to: str | None = None) -> Mutant:
    """A mutant that drops one answer word from the check, or moves it to another answer."""
    label = f"answer word {word!r} {'moved to ' + moved_to if moved_to else 'dropped'} ({answer.lower()})"

    def apply(root: Path) -> None:
        path = root / "backpain_cli" / "triage.py"
        text = path.read_text(encoding="utf-8")
        start = text.index(f"Answer.{answer}: (")
        end = text.index("\n    ),", start)
        block, found = re.subn(rf'"{re.escape(word)}",\s?', "", text[start:end], count=1)
        if not found:
            raise ValueError(f"{label}: not found")
        text = text[:start] + block + text[end:]
        if moved_to:
            to = text.index(f"Answer.{moved_to}: (") + len(f"Answer.{moved_to}: (")
            text = text[:to] + f'"{word}", ' + text[to:]
        path.write_text(text, encoding="utf-8")

    return Mutant(label, "triage", apply)


def _whose_mutants() -> list[Mutant]:
    """Someone else's signs and signs only asked about (``_MENTIONS``, ``_ASKING``, the Arabic "my" and "his")."""
    return [
        code(
            "signs",
            "a fronted time reaches past 'and I have'",
            "if any(_joined(words[index]) or words[index].forms & _FRONT_ENDS for index in self._part(at) if index <= at):",
            "if False:",
        ),
        code(
            "signs",
            "years counted to now are long ago",
            '            if other.name == "long-ago" and self._later(other):',
            "            if False:",
        ),
        code(
            "signs",
            "an old time reaches past a later 'and'",
            "and not (other.end < item.start and self.and_buts[item.start + 1] > self.and_buts[other.end + 1])",
            "and not False",
        ),
        code(
            "signs",
            "signs only asked about ignored",
            '_MENTIONS = {"someone-else": "other-person", "question": "hypothetical"}',
            '_MENTIONS = {"someone-else": "other-person"}',
        ),
        code(
            "signs",
            "someone else's signs ignored (the mentions table)",
            '_MENTIONS = {"someone-else": "other-person", "question": "hypothetical"}',
            '_MENTIONS = {"question": "hypothetical"}',
        ),
        code(
            "signs",
            "signs only asked about shown before someone else's",
            '_MENTIONS = {"someone-else": "other-person", "question": "hypothetical"}',
            '_MENTIONS = {"question": "hypothetical", "someone-else": "other-person"}',
        ),
        code(
            "signs",
            "the marks of someone else and of a question swapped",
            '_MENTIONS = {"someone-else": "other-person", "question": "hypothetical"}',
            '_MENTIONS = {"someone-else": "hypothetical", "question": "other-person"}',
        ),
        code("signs", "question words 'is', 'are' dropped", '*("is", "are", "does",', '*("does",'),
        code(
            "signs", "question words 'does', 'do', 'did' dropped", '"are", "does", "do", "did", "can"', '"are", "can"'
        ),
        code(
            "signs",
            "question words 'what', 'how', 'why' dropped",
            '"why", "which", "what"),\n        *("how", "when",',
            '"which"),\n        *("when",',
        ),
        code("signs", "question word 'هل' dropped", '"whats", "هل", "ليش"', '"whats", "ليش"'),
        code("signs", "question word 'ليش' dropped", '"هل", "ليش", "لماذا"', '"هل", "لماذا"'),
        code("signs", "question word 'if' dropped", '"اشنو", "if"),', '"اشنو"),'),
        code("signs", "'had', 'have' taken for question words", '"اشنو", "if"),', '"اشنو", "if", "had", "have"),'),
        code(
            "signs",
            "Arabic 'his' ending (ه) not read",
            '_AR_THEIR = ("ه", "ها", "هم", "هن")',
            '_AR_THEIR = ("ها", "هم", "هن")',
        ),
        code(
            "signs",
            "Arabic 'her' ending (ها) not read",
            '_AR_THEIR = ("ه", "ها", "هم", "هن")',
            '_AR_THEIR = ("ه", "هم", "هن")',
        ),
        code("signs", "Arabic 'my' ending (ي) not read", '_AR_MY = ("ي", "يا")', '_AR_MY = ("يا",)'),
        code("signs", "Arabic 'my' ending (يا) not read", '_AR_MY = ("ي", "يا")', '_AR_MY = ("ي",)'),
        code(
            "signs",
            "the Arabic article no longer bars 'his' and 'my'",
            '_AR_ARTICLE = ("ال", "وال", "بال", "فال", "كال", "لل")',
            "_AR_ARTICLE = ()",
        ),
        code(
            "signs",
            "the Arabic article 'ال' no longer bars 'his' and 'my'",
            '_AR_ARTICLE = ("ال", "وال", "بال", "فال", "كال", "لل")',
            '_AR_ARTICLE = ("وال", "بال", "فال", "كال", "لل")',
        ),
    ]


def _time_mutants() -> list[Mutant]:
    """A term's gap (the lexicon's ``negators``), times to come (``_TOMORROW``, ``_NEXT_*``, ``_PERIODS``) and a short
    course (``_DAYS``, ``_WEEKS`` and their limits)."""
    return [
        code("signs", "a term's gap may hold a denial", "if words[at].forms & stops:", "if False:"),
        # the words a gap may not hold are the vocabulary's one-word negators: dropping them drops the stop too
        vocabulary("negators 'no', 'not' dropped (a term's gap may hold them)", "negation", "en", "no", "not"),
        vocabulary("negators 'ما', 'لا' dropped (a term's gap may hold them)", "negation", "ar", "ما", "لا"),
        code(
            "signs",
            "'tomorrow' not read as a time to come",
            '_TOMORROW = frozenset(["tomorrow", ',
            "_TOMORROW = frozenset([",
        ),
        code("signs", "'بكره' not read as a time to come", '"tmrw", "بكره", "بكرا"', '"tmrw", "بكرا"'),
        code("signs", "'next' not read", '_NEXT_BEFORE = frozenset(["next", ', "_NEXT_BEFORE = frozenset(["),
        code("signs", "'الجاي' not read", '_NEXT_AFTER = frozenset(["الجاي", ', "_NEXT_AFTER = frozenset(["),
        code(
            "signs", "'week' not a period to come", '*("week", "month", "year", "monday"', '*("month", "year", "monday"'
        ),
        code("signs", "'الاسبوع' not a period to come", '*("الاسبوع", "الشهر",', '*("الشهر",'),
        code(
            "signs",
            "a time to come read backwards too",
            "elif index > 0 and raw & _NEXT_AFTER",
            "elif index > 0 and raw & _NEXT_BEFORE",
        ),
        code(
            "signs",
            "a short course up to 14 days -> 60",
            "unit & _DAYS and count <= 14",
            "unit & _DAYS and count <= 60",
        ),
        code(
            "signs", "a short course up to 14 days -> 13", "unit & _DAYS and count <= 14", "unit & _DAYS and count < 14"
        ),
        code(
            "signs",
            "a short course up to 8 weeks -> 52",
            "unit & _WEEKS and count <= 8",
            "unit & _WEEKS and count <= 52",
        ),
        code(
            "signs", "a short course up to 8 weeks -> 7", "unit & _WEEKS and count <= 8", "unit & _WEEKS and count < 8"
        ),
        code("signs", "'days' not a short span", '_DAYS = frozenset(["day", "days", ', '_DAYS = frozenset(["day", '),
        code(
            "signs", "'weeks' not a short span", '_WEEKS = frozenset(["week", "weeks", ', '_WEEKS = frozenset(["week", '
        ),
        code("signs", "'ايام' not a short span", '"يوم", "ايام", "يومين"', '"يوم", "يومين"'),
    ]


def hand_mutants() -> list[Mutant]:
    mutants = [
        # -- signs.py: negation reach and scope --------------------------------------------------------
        code("signs", "negation reach 5 -> 99", "NEGATION_REACH = 5", "NEGATION_REACH = 99"),
        code("signs", "negation reach 5 -> 2", "NEGATION_REACH = 5", "NEGATION_REACH = 2"),
        code("signs", "negation reach <= -> <", "reach <= NEGATION_REACH", "reach < NEGATION_REACH"),
        code(
            "signs",
            "negation reaches backwards too",
            "and item.start > negator.end\n",
            "and item.start != negator.end\n",
        ),
        code(
            "signs",
            "a denial reaches past a colon",
            "and self._framed(negator, item)",
            "",
        ),
        code(
            "signs",
            "a denial heading a colon no longer reaches what it introduces",
            "return after.framed == words[item.start].framed and after.clause",
            "return False and after.clause",
        ),
        code("signs", "Arabic 'when I was N' not read", " or before[-2:] in _WAS_AGED", ""),
        vocabulary(
            "Arabic past seasons dropped", "long-ago", "ar", "الصيف الماضي", "الصيف اللي فات", "الشتوية الماضية"
        ),
        vocabulary_added(
            "Arabic 'he', 'she', 'that he', 'that she' make someone else again",
            "other-person",
            "ar",
            "هو",
            "هي",
            "انه",
            "انها",
        ),
        vocabulary_added("'والدي' (my father) stemmed to 'دي' (this) again", "other-person", "ar", "والدي"),
        code(
            "signs",
            "a saddle word just before another body part is still the saddle",
            "and not (item.name in _PLACES and item.end + 1 in parts)",
            "",
        ),
        vocabulary("'of mine' dropped", "other-person", "en", "of mine"),
        code(
            "signs",
            "a normal temperature reading still a fever",
            'if item.name == "fever" and _normal_reading(',
            "if False and (",
        ),
        code(
            "signs",
            "a temperature number without point or unit read as a reading",
            'return False  # "for 36 hours"',
            "pass",
        ),
        code(
            "signs",
            "a decimal's point ends a sentence",
            r'_TOKEN = re.compile(r"\d+[.,٫]\d+|',
            '_TOKEN = re.compile(r"',
        ),
        code(
            "signs",
            "a word that loses its article may be a particle again",
            "if stemmed == base or stemmed not in _AR_PARTICLE_WORDS:",
            "if True:",
        ),
        code(
            "signs",
            "'God willing' no time to come",
            'found.append(Occurrence("future", index, index + 1))  # "إن شاء الله"',
            "pass  #",
        ),
        vocabulary_added("'thinks' and 'reckons' the writer again", "self", "en", "thinks", "reckons"),
        vocabulary("'normally' no longer says a thing is fine", "after-negation", "en", "normally"),
        code(
            "signs",
            "a term's words may span a comma",
            "words[at].part != words[start].part",
            "words[at].clause != words[start].clause",
        ),
        code(
            "signs",
            "an after-negation reaches past its comma part",
            "and self.words[negator.start].part == self.words[item.end].part",
            "",
        ),
        code(
            "signs",
            "an old time runs on over the writer's new statement",
            "min(item.end, other.end) < at <= max(item.start, other.start)\n",
            "False\n",
        ),
        code("signs", "a time's own 'I' ends it", "and not other.start <= at <= other.end  #", "and True  #"),
        code(
            "signs",
            "a sign tied to now is still read as asked or old",
            'if other.name in ("hypothetical", "long-ago", "past") and self.words[item.start].part in self.anchored:',
            "if False:",
        ),
        code(
            "signs",
            "a general question still covers a sign tied to now",
            "and words[item.start].part not in self.anchored:",
            ":",
        ),
        code(
            "signs",
            "a time that ends a concept's words still dates it",
            "or not any(_inside(item, other) and other.start < item.start for other in concepts)",
            "or True",
        ),
        code(
            "signs",
            "a time that opens a concept's words no longer dates it",
            "and other.start < item.start for other in concepts)",
            "for other in concepts)",
        ),
        code(
            "signs",
            "the writer's introduction is someone else",
            'other.name == "self" and _inside(item, other) and other.end > item.end for other in context',
            "False for other in context",
        ),
        code(
            "signs",
            "someone else's new statement no longer ends a denial",
            "(*self.restarts, *self.turns)",
            "self.restarts",
        ),
        code("signs", "a bare 'no' before 'I' denies what follows", "and item.end + 1 in selves_at", "and False"),
        code(
            "signs",
            "a question about someone else's sign is hidden again",
            'if allow == "other-person":  #',
            "if False:  #",
        ),
        code(
            "signs",
            "little words before the writer's 'I' stop it opening a statement",
            "return start > 0 and all(words[i].forms & _LEAD_INS for i in range(start, at))",
            "return False",
        ),
        code(
            "signs",
            "'since' an event with a recent time is still long ago",
            'other.name == "past" and words[other.start].part == part and not _inside(other, time) for other in context',
            "False for other in context",
        ),
        code("signs", "'gone numb' read as a denial", "0 < other.start - item.end <= LINKED_REACH", "False"),
        code(
            "signs",
            "a denial after a list of one concept denies only its last",
            "or self._listed(item, negator.start)",
            "",
        ),
        code(
            "signs",
            "an after-negation reaches over 'and' and another concept",
            "and not self._crossed(item, negator.start)",
            "",
        ),
        code(
            "signs",
            "the writer speaking of themself no longer ends a denial",
            "if denies and not any(negator.end < at <= item.start for at in (*self.restarts,",
            "if denies and not any(False for at in (*self.restarts,",
        ),
        code(
            "signs",
            "scope ends ignored",
            'ends = sorted({item.start for item in context if item.name == "scope-end"})',
            "ends: list[int] = []",
        ),
        code("signs", "after-negation reach 3 -> 99", "AFTER_NEGATION_REACH = 3", "AFTER_NEGATION_REACH = 99"),
        code(
            "signs",
            "after-negation reach <= -> <",
            "negator.start - item.end <= AFTER_NEGATION_REACH",
            "negator.start - item.end < AFTER_NEGATION_REACH",
        ),
        code(
            "signs",
            "a word of 'fine' after a denial denies, however far",  # "ما اقدر ابول زين"
            "0 < item.start - other.end <= AFTER_NEGATION_REACH and words",
            "0 < item.start - other.end < 0 and words",
        ),
        code(
            "signs",
            "after-negation denies what follows",
            "0 < negator.start - item.end <=",
            "0 < abs(negator.start - item.end) <=",
        ),
        code(
            "signs",
            "pseudo-negation no longer cancels a negator",
            "and not any(_inside(item, other) for other in (*concepts, *pseudo))",
            "and not any(_inside(item, other) for other in concepts)",
        ),
        code(
            "signs",
            "semicolon no longer ends a clause",
            '_BOUNDARIES = frozenset(".!?؟;\\n")',
            '_BOUNDARIES = frozenset(".!?؟\\n")',
        ),
        # -- signs.py: apostrophes and "not able to" ---------------------------------------------------
        code("signs", "curly apostrophe ’ not read", '.replace("’", "\'")', ""),
        code("signs", "curly apostrophe ‘ not read", '.replace("‘", "\'")', ""),
        code("signs", "can't without apostrophe not read", "can'?t|cannot", "can't|cannot"),
        code("signs", "n't without apostrophe not read", "need)n'?t", "need)n't"),
        # -- signs.py: what makes a sign -------------------------------------------------------------
        code("signs", "pattern span 7 -> 99", "PATTERN_SPAN = 7", "PATTERN_SPAN = 99"),
        code("signs", "pattern span 7 -> 4", "PATTERN_SPAN = 7", "PATTERN_SPAN = 4"),
        code("signs", "pattern span <= -> <", "<= PATTERN_SPAN", "< PATTERN_SPAN"),
        code("signs", "term gap 2 -> 3", "TERM_GAP = 2", "TERM_GAP = 3"),
        code("signs", "term gap 2 -> 1", "TERM_GAP = 2", "TERM_GAP = 1"),
        code("signs", "context gap 1 -> 0", "CONTEXT_GAP = 1", "CONTEXT_GAP = 0"),
        code("signs", "context gap 1 -> 3", "CONTEXT_GAP = 1", "CONTEXT_GAP = 3"),
        code("signs", "misspellings from 6 letters -> 4", "FUZZY_MIN = 6", "FUZZY_MIN = 4"),
        code("signs", "misspellings from 6 letters -> 8", "FUZZY_MIN = 6", "FUZZY_MIN = 8"),
        code("signs", "two edits from 9 letters -> 6", "FUZZY_TWO_EDITS = 9", "FUZZY_TWO_EDITS = 6"),
        code("signs", "two edits from 9 letters -> 13", "FUZZY_TWO_EDITS = 9", "FUZZY_TWO_EDITS = 13"),
        code("signs", "ages up to 200", "if not 1 <= age <= 120:", "if not 1 <= age <= 200:"),
        code("signs", "sixty-plus from 61", '("age-60-plus", age >= 60)', '("age-60-plus", age > 60)'),
        code("signs", "'for 70 days' read as an age", "or before & _SPANS or after & _UNITS", "or after & _UNITS"),
        code("signs", "'10 years ago' read as an age", 'and "=ago" in words[index + 2].forms', "and False"),
        code("signs", "a past year not long ago", "(len(raw) == 4 and 1900 <= int(raw) < this_year)\n", "False\n"),
        code(
            "signs",
            "'started' no longer dates a sign's start",
            'if other.name == "past" and self._onset(item, other):',
            "if False:",
        ),
        code(
            "signs",
            "a word of starting ends the reading of the clause's context",  # mutmut's _Context._marks 60
            '                continue  # "numbness started',
            '                break  # "numbness started',
        ),
        # -- signs.py: which signs, in which order, how many -------------------------------------------
        code("signs", "signs not sorted", "detected.sort(key=lambda item: item[:3])", "pass"),
        code(
            "signs",
            "sort ignores how complete a sign is",
            "detected.sort(key=lambda item: item[:3])",
            "detected.sort(key=lambda item: (item[0], item[2]))",
        ),
        code(
            "signs",
            "sort by file order only",
            "detected.sort(key=lambda item: item[:3])",
            "detected.sort(key=lambda item: item[2])",
        ),
        code(
            "signs",
            "soon signs read from text too",
            'if flag.urgency not in ("emergency", "urgent"):',
            "if flag.urgency not in URGENCIES:",
        ),
        code("signs", "search shows 5 signs", "limit: int = 3) -> list[RedFlag]", "limit: int = 5) -> list[RedFlag]"),
        code("signs", "search shows 2 signs", "limit: int = 3) -> list[RedFlag]", "limit: int = 2) -> list[RedFlag]"),
        code("signs", "someone else's emergency ignored", "for about in _MENTIONS:", 'for about in ("question",):'),
        # -- signs.py: the audit's second pass ----------------------------------------------------------
        code(
            "signs",
            "a denial reaches over every comma",
            "self._heads(negator) or self._open(negator)",
            "self._open(negator)",
        ),
        code(
            "signs",
            "an answer is its whole clause",
            "if not by_clause.get(word.clause) or words[by_clause[word.clause][0]].part == word.part:",
            "if True:",
        ),
        code(
            "signs",
            "a walking limit stays long-standing when it began just now",
            "excluded = [item for item in excluded if not (item.name[1:] in _LIMITS",
            "excluded = [item for item in excluded if not (False",
        ),
        code("signs", "'they' after my legs stays someone else", "and words[item.start].forms & _THEY", "and False"),
        code("signs", "a body that changes opens no statement", "self.restarts += [", "self.restarts + ["),
        code("signs", "temperatures in numbers unread", "found += _high_readings(words)", "found += []"),
        code(
            "signs",
            "a reading in hot weather",
            "if any(other.forms & _WEATHER for other in words if other.clause == word.clause):",
            "if False:",
        ),
        code("signs", "an age read as a temperature", "and not counted and not aged)", "and not counted)"),
        code("signs", "a count read as a temperature", "and not counted and not aged)", "and not aged)"),
        code(
            "signs",
            "a word of ending never ends a sign outside its part",
            'if other.name == "past" and self._ends(item, other):',
            "if False:",
        ),
        code(
            "signs",
            "a time ends a sign as a verb of ending does",
            'if item.name != "past" or not any(words[at].forms & _ENDED for at in range(item.start, item.end + 1)):',
            'if item.name != "past":',
        ),
        code("signs", "an exclusion cuts a whole term around it", "and not (item in whole and", "and not (False and"),
        code(
            "signs",
            "an exclusion takes a word with a fused 'and'",
            'if term.name.startswith("!") and _fused_and(words[at]) and not wanted.startswith("و"):',
            "if False:",
        ),
        code(
            "signs",
            "'has gone' into a verb of becoming ends the sign",
            "other.start <= item.end and item.start <= other.end and other.end > item.end",
            "False",
        ),
        code(
            "signs",
            "'and then' fused opens no statement",
            "or _fused_and(words[at]) or _and_then(words[at - 1]):",
            "or _fused_and(words[at]):",
        ),
        code(
            "signs",
            "'chronic' reaches over 'and'",
            'if other.name == "long-ago" and self._describes(other) and self._apart(item, other):',
            "if False:",
        ),
        code(
            "signs",
            "a recent day makes no 'since then' recent",
            "if any(word.part == part and word.forms & _RECENT_DAYS for word in words[: time.start]):",
            "if False:",
        ),
        code(
            "signs",
            "'from' with a past time is recent",
            "return bool(words[time.start].forms & _SINCE) and any(",
            "return bool(words[time.start].forms & (_SINCE | _FROM)) and any(",
        ),
        code("signs", "an Arabic denial at the end of its part denies what follows", "and start < at\n", "and False\n"),
        code("signs", "a month is never recent", 'item.name == "long-ago" and _this_season(words, item)', "False"),
        code(
            "signs",
            "every month is recent",
            "names = _MONTHS[date.today().month - 1]",
            "names = frozenset().union(*_MONTHS)",
        ),
        code(
            "signs",
            "an ending that goes on still ends",
            "if (after and words[after[0]].forms & _GOES_ON) or",
            "if False or",
        ),
        code(
            "signs",
            "an ending that came back still ends",
            "or any(words[at].forms & _AGAIN for at in span):",
            "or False:",
        ),
        code(
            "signs",
            "the back that went is the sign's ending",
            "for name in _MAY_GO for places",
            "for name in () for places",
        ),
        code(
            "signs",
            "an ending at another place ends this one",
            "not placed\n",
            "True\n",
        ),
        code(
            "signs",
            "an ending ends a sign tied to now",
            "or ending.start <= item.end or self.words[item.start].part in self.anchored:",
            "or ending.start <= item.end:",
        ),
        code(
            "signs",
            "a denial of control at the end of its part answers",
            "and not any(words[index].forms & _CONTROL",
            "and not any(False",
        ),
        code(
            "signs",
            "the writer's 'I' inside a harmless phrase is dropped",
            'or (other.name == "pseudo-negation" and item.name != "self")',
            'or other.name == "pseudo-negation"',
        ),
        code(
            "signs",
            "an open denial stops at a comma",
            "self._heads(negator) or self._open(negator)",
            "self._heads(negator)",
        ),
        code("signs", "another measure read as a temperature", "or words[at].forms & _NOT_TEMPERATURE:", ":"),
        code(
            "signs",
            "an earlier reading stops the look back",
            "if earlier is not None and not 34.0 <= earlier <= 43.0:",
            "if earlier is not None:",
        ),
        code(
            "signs",
            "a recent day after 'since' makes it recent",
            "for word in words[: time.start]):",
            "for word in words):",
        ),
        code(
            "signs",
            "a symptom's feeling gone is all feeling gone",
            "if index and words[index - 1].forms & _SENSATIONS:",
            "if False:",
        ),
        code(
            "signs",
            "a denial reaches a part with its own",
            "and self.words[item.start].part in self.denying",
            "and False",
        ),
        vocabulary("'if' before a movement is a supposition", "pseudo-negation", "en", "if i get out of bed"),
        code(
            "signs",
            "a 'no' that ends its part answers nothing",
            "return words[at - 1].part == words[at].part and (",
            "return False and (",
        ),
        code(
            "signs",
            "an answer's 'normal' is not counted",
            '[*negators, *(item for item in context if item.name == "after-negation")]',
            "negators",
        ),
        code(
            "signs",
            "questions told of are not answered",
            "or any(word.forms & _REPORTED for word in words if word.clause == clause - 1)",
            "",
        ),
        code(
            "signs",
            "an answer's first filler must deny",
            "return next((at for at in indexes if not words[at].forms & _ANSWER_FILLERS), indexes[0])",
            "return indexes[0]",
        ),
        code(
            "signs",
            "no word of 'about' before a weight lost",
            "if before > 0 and words[before].forms & _ABOUT:",
            "if False:",
        ),
        code("signs", "the feeling gone unread", "found += _feeling_gone(words)", "found += []"),
        code("signs", "gone back to normal is feeling gone", "words[at + 1].forms & _RESTORED", "False"),
        code(
            "signs",
            "'since then' in Arabic long ago",
            "if time.start and self.words[time.start - 1].forms & _FROM:",
            "if False:",
        ),
        code(
            "signs",
            "a clause-final 'no' answers nothing",
            "if _answers_before(words, item) else item",
            "if False else item",
        ),
        # -- signs.py: whose a sign is, and what is only asked about ---------------------------------
        *_whose_mutants(),
        # -- signs.py: a term's gap, times to come, a short course -------------------------------------
        *_time_mutants(),
        # -- the sign vocabulary (knowledge-base data) --------------------------------------------------
        vocabulary("negator 'never' dropped", "negation", "en", "never"),
        vocabulary("negator 'none' dropped", "negation", "en", "none"),
        vocabulary("negators 'deny', 'denies', 'denied' dropped", "negation", "en", "deny", "denies", "denied"),
        vocabulary("negator 'without' dropped", "negation", "en", "without"),
        vocabulary("negator 'ليس' dropped", "negation", "ar", "ليس"),
        vocabulary("negator 'بدون' dropped", "negation", "ar", "بدون"),
        vocabulary("negators 'دون' and 'بدون' dropped", "negation", "ar", "دون", "بدون"),
        vocabulary("negator 'مافي' dropped", "negation", "ar", "مافي"),
        vocabulary("scope end 'however' dropped", "scope-end", "en", "however"),
        vocabulary("scope end 'although' dropped", "scope-end", "en", "although"),
        vocabulary("scope end 'لكن' dropped", "scope-end", "ar", "لكن"),
        vocabulary("scope end 'بس' dropped", "scope-end", "ar", "بس"),
        vocabulary("after-negation 'gone' dropped", "after-negation", "en", "gone"),
        vocabulary("pseudo-negation 'not only' dropped", "pseudo-negation", "en", "not only"),
        vocabulary("pseudo-negation 'no doubt' dropped", "pseudo-negation", "en", "no doubt"),
        # -- triage.py -------------------------------------------------------------------------------
        answer_word("UNSURE", "maybe", moved_to="NO"),
        answer_word("UNSURE", "perhaps", moved_to="NO"),
        answer_word("UNSURE", "ربما", moved_to="NO"),
        answer_word("UNSURE", "مدري", moved_to="NO"),
        code(
            "triage",
            "signs asked in file order",
            "tuple(sorted(kb.red_flags, key=lambda flag: URGENCIES.index(flag.urgency)))",
            "tuple(kb.red_flags)",
        ),
        code("triage", "injury no longer asked first", '(0 if group.id == "injury" else 1, ', "(1, "),
        code("triage", "groups in file order", "return sorted(groups, key=rank)", "return groups"),
        code(
            "triage",
            "curly apostrophe kept in answers",
            'text = text.replace("’", "").replace("\'", "")',
            'text = text.replace("\'", "")',
        ),
        code("triage", "repeated letters not squeezed", 'or _LOOKUP_SQUEEZED.get(_REPEATS.sub(r"\\1", folded))', ""),
        code("triage", "trailing question mark kept", 'folded = folded.rstrip("?؟").strip(_ENDS) or folded', "pass"),
        code(
            "triage",
            "Arabic-Indic digits not read",
            'text = unicodedata.normalize("NFC", text).translate(_DIGITS)',
            'text = unicodedata.normalize("NFC", text)',
        ),
        code("triage", "oldest age 120 -> 150", "OLDEST = 120", "OLDEST = 150"),
        code(
            "triage",
            "unsure counts as no",
            "return answer is Answer.YES or answer is Answer.UNSURE",
            "return answer is Answer.YES",
        ),
        code(
            "triage",
            "an unsure emergency does not stop the check",
            'flag.urgency == "emergency" and counts_as_yes(',
            'flag.urgency == "emergency" and Answer.YES == (',
        ),
        code(
            "triage",
            "a skipped gate hides its group",
            "if group.id in replies and replies[group.id] is Answer.NO:",
            "if group.id in replies and replies[group.id] is not Answer.YES:",
        ),
        code(
            "triage",
            "NG65 counts unsure criteria as met",
            "met = sum(answer is Answer.YES for answer in answers)",
            "met = sum(counts_as_yes(answer) for answer in answers)",
        ),
        # -- search.py -------------------------------------------------------------------------------
        code("search", "red-flag weight 0.85 -> 1.0", "RED_FLAG_WEIGHT = 0.85", "RED_FLAG_WEIGHT = 1.0"),
        code("search", "red-flag weight 0.85 -> 0.6", "RED_FLAG_WEIGHT = 0.85", "RED_FLAG_WEIGHT = 0.6"),
        code("search", "corroboration 16 -> 8", "CORROBORATION = 16.0", "CORROBORATION = 8.0"),
        code("search", "corroboration 16 -> 24", "CORROBORATION = 16.0", "CORROBORATION = 24.0"),
        code(
            "search", "corroboration cap 3 -> 6 words", "min(max(found - 1, 0.0), 3.0)", "min(max(found - 1, 0.0), 6.0)"
        ),
        code("search", "match threshold 41 -> 35", "MATCH_THRESHOLD = 41.0", "MATCH_THRESHOLD = 35.0"),
        code("search", "match threshold 41 -> 48", "MATCH_THRESHOLD = 41.0", "MATCH_THRESHOLD = 48.0"),
        code("search", "runners-up from 25 -> 35", "COMPANION_THRESHOLD = 25.0", "COMPANION_THRESHOLD = 35.0"),
        code("search", "runners-up from 25 -> 15", "COMPANION_THRESHOLD = 25.0", "COMPANION_THRESHOLD = 15.0"),
        code("search", "suggestions from 35 -> 25", "SUGGEST_THRESHOLD = 35.0", "SUGGEST_THRESHOLD = 25.0"),
        code("search", "suggestions from 35 -> 39", "SUGGEST_THRESHOLD = 35.0", "SUGGEST_THRESHOLD = 39.0"),
        code("search", "suggestions limit 3 -> 5", "*, limit: int = 3, category", "*, limit: int = 5, category"),
        code(
            "search",
            "suggestions ignore the category",
            "near = score_causes(index, query, category=category,",
            "near = score_causes(index, query, category=None,",
        ),
        code(
            "search",
            "suggestions include matches",
            "return [match for match in near if match.counts < MATCH_THRESHOLD]",
            "return near",
        ),
        code("search", "lead with the least urgent sign", "lead = flags[0].causes[0]", "lead = flags[-1].causes[0]"),
        code("search", "a leading sign lengthens the list", "rest = rest[: len(matches) - 1]", "pass"),
        code("search", "title weight 0.97 -> 1.0", "TITLE_WEIGHT = 0.97", "TITLE_WEIGHT = 1.0"),
        code("search", "named score 90 -> 101", "NAMED_SCORE = 90.0", "NAMED_SCORE = 101.0"),
        code("search", "single phrase share 0.6 -> 0.9", "SINGLE_PHRASE = 0.6", "SINGLE_PHRASE = 0.9"),
        code(
            "search",
            "ties ignore prevalence",
            "row = (-score, tie, index.prevalence[cause_index],",
            "row = (-score, tie, 0,",
        ),
        code("search", "scores above 100", "score = min(100.0, 100 * score +", "score = (100 * score +"),
    ]
    # The story reader (story.py) and how search weighs it.
    mutants += [
        code("story", "denials ignored", "if _denied(raws, tokens[start][1], words) or", "if False or"),
        code(
            "story",
            "relief cues need no relief",
            "item for item in found if not item[2].contextual or item[2].question in eased",
            "item for item in found",
        ),
        code(
            "story",
            "relief leaves the worse reading",
            "if not cue.contextual and any(start < other_end",
            "if False and any(start < other_end",
        ),
        code("story", "no words inside a cue", "CUE_GAP = 2", "CUE_GAP = 0"),
        code(
            "story",
            "being able does not undo a denial",
            "        if raws[before] in words.able:\n",
            "        if False:\n",
        ),
        code("story", "other senses read as cues", "        if start in other_sense:\n", "        if False:\n"),
        code("story", "fused particles kept", "if raw[:1] in _FUSED and len(raw) > 3", "if False"),
        code("story", "ages not read", "    for pattern in _AGE:\n", "    for pattern in ():\n"),
        code("story", "no prior", "points += assessment.prior(picture.prevalence)", "pass"),
        code("story", "age misses cost nothing", "points += assessment.age_miss", "pass"),
        code("story", "age misses count against emergencies", "elif not picture.emergency:", "else:"),
        code("story", "'don't' is not a denial", 'fold(_NOT.sub(r"\\1 not", text))', "fold(text)"),
        code(
            "story",
            "'fine' after a cue denies nothing",
            " or _denied_after(raws, tokens[end - 1][1], words):",
            ":",
        ),
        code("story", "another person's gate is the writer's", "if cue.question == GATE and any(", "if False and any("),
        code(
            "story",
            "a gate said yes counts nothing",
            "if picture.requires and self.gates.issuperset(picture.requires):",
            "if False:",
        ),
        code("story", "a story without the back still counts", "if placed else round(said, 1)", "", file="search"),
        code("story", "one answer is a story", "STORY_MIN_ANSWERS = 2", "STORY_MIN_ANSWERS = 1", file="search"),
        code("story", "stories overturn names", "STORY_DAMPING = 1.0", "STORY_DAMPING = 0.0", file="search"),
        code(
            "search",
            "the first part's name does not lead",
            "matches = _named_first(index, query, matches, category)",
            "pass",
        ),
        code("story", "stories ignored", "STORY_POINTS = 15.0", "STORY_POINTS = 0.0", file="search"),
        code(
            "search",
            "a region of the spine alone is ranked",
            "all(token in SPINE_REGIONS or index.idf",
            "all(index.idf",
        ),
        code(
            "search",
            "chronic back pain is ranked as a cause",
            "    if not (tokens & BACK_WORDS or tokens & SPINE_REGIONS) or tokens <= COURSE_WORDS:",
            "    if True:",
        ),
        code(
            "search",
            "a side of the body weighs as a rare word",
            "        idf[word] = min(idf[word], DISTINCTIVE_IDF)",
            "        pass",
        ),
        code(
            "search",
            "a vertebral level is an unknown word",
            "    if level:\n        return tuple(_REGIONS",
            "    if False:\n        return tuple(_REGIONS",
            file="words",
        ),
        code(
            "story",
            "a typographic apostrophe hides an age",
            """_age(text.casefold().replace("’", "'"))""",
            "_age(text.casefold())",
        ),
        code(
            "story",
            "a gate said yes is damped like any answer",
            "damping = 1.0 if gated else",
            "damping =",
            file="search",
        ),
        code(
            "search",
            "ties ignore the score before the cap",
            "(-raw, -words.coverage(named), -words.coverage(every))",
            "(0.0, -words.coverage(named), -words.coverage(every))",
        ),
        code(
            "search",
            "ties ignore the cause's own names",
            "(-raw, -words.coverage(named), -words.coverage(every))",
            "(-raw, 0.0, -words.coverage(every))",
        ),
        code(
            "search",
            "a symptom shared with other parts makes a complaint one of the back",
            "elsewhere(index.kb, query[:MAX_QUERY_CHARS], symptoms=False)",
            "elsewhere(index.kb, query[:MAX_QUERY_CHARS])",
        ),
        code(
            "search",
            "'back of my knee' is the back",
            "if any(_side_of(words, item, site) for site in sites):",
            "if False:",
            file="signs",
        ),
        code(
            "search",
            "Arabic 'back' before any part names its side",
            'return _said(words[item.end]) in _BARE_BACK and _said(words[site.start])[:1] not in "وفل"',
            "return not _said(words[site.start]).isascii()",
            file="signs",
        ),
        code(
            "search",
            "a spinal name does not keep a part named beside shared symptoms",
            "if any(match.score >= SPINE_NAMED for match in names) and",
            "if False and",
        ),
        code(
            "search",
            "shooting pain anywhere is the back's",
            'return item.name != "radicular" or words[item.start].clause in limbs',
            "return True",
            file="signs",
        ),
        code(
            "search",
            "shooting pain down a limb is not the back's",
            'return item.name != "radicular" or words[item.start].clause in limbs',
            'return item.name != "radicular"',
            file="signs",
        ),
        code(
            "search",
            "a shared symptom hides a warning sign beside another part",
            "back = _BACK_SITES if symptoms else _BACK_SITES - _SHARED_SYMPTOMS",
            "back = _BACK_SITES - _SHARED_SYMPTOMS",
            file="signs",
        ),
    ]
    # Every answer word of the check, dropped one at a time.
    mutants += [answer_word(answer, word) for answer, word in _answer_words()]
    return mutants


# -- running -----------------------------------------------------------------------------------------


def _copy(into: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "mutants", ".venv")
    for name in COPIED:
        source = SOURCE / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, into / name)


def _pytest(root: Path, tests: list[str], *, stop: bool = True) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    # Each run gets its own cache folder, so no index built from the unchanged code is reused.
    env["XDG_CACHE_HOME"] = str(root / ".cache")
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *(["-x"] if stop else []), *tests]
    result = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, check=False)
    return result.returncode, result.stdout[-2000:]


def run_hand(which: str, only: str | None, workers: int) -> int:
    mutants = [m for m in hand_mutants() if only is None or only in m.name]
    with tempfile.TemporaryDirectory(prefix="backpain-mutants-") as folder:
        base = Path(folder) / "base"
        _copy(base)
        # The unchanged copy must pass, or every mutant would look killed.
        for module in OLD_TESTS:
            code_, out = _pytest(base, tests_for(module, which), stop=False)
            if code_ != 0:
                print(f"the unchanged copy fails its {module} tests:\n{out}")
                return 2

        def one(item: tuple[int, Mutant]) -> tuple[Mutant, bool, str]:
            number, mutant = item
            root = Path(folder) / f"m{number}"
            shutil.copytree(base, root)
            mutant.apply(root)
            code_, out = _pytest(root, tests_for(mutant.module, which))
            shutil.rmtree(root, ignore_errors=True)
            return mutant, code_ != 0, out

        started = time.perf_counter()
        survivors: list[Mutant] = []
        counts: dict[str, list[int]] = {}
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for mutant, killed, _ in pool.map(one, enumerate(mutants)):
                counts.setdefault(mutant.module, [0, 0])[0 if killed else 1] += 1
                if not killed:
                    survivors.append(mutant)
                print(f"{'killed  ' if killed else 'SURVIVED'} {mutant.module:6} {mutant.name}", flush=True)
    print(f"\n{which} tests, {len(mutants)} hand-made mutants, {time.perf_counter() - started:.0f} s")
    for module, (dead, alive) in sorted(counts.items()):
        print(f"  {module:6} killed {dead:3}  survived {alive:3}  ({dead / (dead + alive):.1%})")
    return 1 if survivors else 0


_MUTMUT_TABLE = re.compile(r"^\[tool\.mutmut\]\n(?:(?!\[).*\n?)*", re.MULTILINE)


def mutmut_table(pyproject: str, config: dict[str, Any]) -> str:
    """``pyproject`` with its ``[tool.mutmut]`` table (the checkout's, for all three modules) replaced by ``config``."""
    lines = ["[tool.mutmut]", *(f"{key} = {json.dumps(value)}" for key, value in config.items())]
    return _MUTMUT_TABLE.sub("", pyproject).rstrip("\n") + "\n\n" + "\n".join(lines) + "\n"


# mutmut 3 runs each mutant's tests in a fork of one process that has run them all before, so what that
# process cached in memory (a word's forms, the compiled sign vocabulary, the search index) would hide
# every mutant of the code behind the cache: the copy's tests clear those caches when a run starts.
_FRESH_CACHES = """

@pytest.fixture(autouse=True, scope="session")
def _fresh_caches() -> None:
    import sys

    for name, module in list(sys.modules.items()):
        if name.startswith("backpain_cli") and module is not None:
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
"""


def run_mutmut(module: str, which: str, keep: Path | None, functions: list[str], *, report_only: bool = False) -> int:
    folder = keep or Path(tempfile.mkdtemp(prefix=f"backpain-mutmut-{module}-"))
    if keep is None or not (folder / "pyproject.toml").exists():
        folder.mkdir(parents=True, exist_ok=True)
        _copy(folder)
        config: dict[str, Any] = {
            "source_paths": ["backpain_cli"],
            "only_mutate": [f"backpain_cli/{module}.py"],
            "also_copy": ["data", "benchmarks"],
            "pytest_add_cli_args_test_selection": tests_for(module, which),
            "pytest_add_cli_args": ["-p", "no:cacheprovider", "-q"],
        }
        pyproject = folder / "pyproject.toml"
        pyproject.write_text(mutmut_table(pyproject.read_text(encoding="utf-8"), config), encoding="utf-8")
        with (folder / "tests" / "conftest.py").open("a", encoding="utf-8") as conftest:
            conftest.write(_FRESH_CACHES)
    mutmut = [sys.executable, "-m", "mutmut"]
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / ".cache")}
    with (folder / "mutmut-run.log").open("a", encoding="utf-8") as log:  # its progress bar is one long line
        # Only the mutants of these functions (mutmut's names: x_read_signs, xǁ_Contextǁ_marks), if given.
        names = [f"backpain_cli.{module}.{function}__mutmut_*" for function in functions]
        run = [*mutmut, "run", "--max-children", str(os.cpu_count() or 1), *names]
        if not report_only:
            subprocess.run(run, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
    results = subprocess.run([*mutmut, "results", "--all", "true"], cwd=folder, env=env, capture_output=True, text=True)
    states: dict[str, int] = {}
    for line in results.stdout.splitlines():
        if functions and not any(f".{function}__mutmut_" in line for function in functions):
            continue
        if ": " in line:
            state = line.rsplit(": ", 1)[1].strip()
            states[state] = states.get(state, 0) + 1
    total = sum(states.values())
    print(f"\nmutmut over {module}.py with the {which} tests ({folder}):")
    for state, count in sorted(states.items()):
        print(f"  {state:12} {count}")
    killed = states.get("killed", 0)
    print(f"  killed {killed} of {total} ({killed / max(total, 1):.1%}); survivors: cd {folder} && mutmut results")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["hand", "mutmut"])
    parser.add_argument("module", nargs="?", choices=sorted(OLD_TESTS), help="for mutmut: the module to mutate")
    parser.add_argument("--tests", choices=["before", "after", "new"], default="after")
    parser.add_argument("--only", help="hand: run only the mutants whose name holds this text")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="mutmut: work in this folder and keep it (resumes a run)")
    parser.add_argument("--source", type=Path, default=ROOT, help="the tree to mutate (default: this checkout)")
    parser.add_argument("--report-only", action="store_true", help="mutmut: only count the results kept in --keep")
    parser.add_argument(
        "--functions", nargs="+", default=[], help="mutmut: only these functions, as mutmut names them (x_read_signs)"
    )
    options = parser.parse_args()
    global SOURCE
    SOURCE = options.source.resolve()
    if options.kind == "hand":
        return run_hand(options.tests, options.only, options.workers)
    if options.module is None:
        parser.error("mutmut needs a module: signs, triage or search")
    return run_mutmut(options.module, options.tests, options.keep, options.functions, report_only=options.report_only)


if __name__ == "__main__":
    sys.exit(main())
