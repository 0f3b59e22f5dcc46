"""Warning signs read from free text: concept words, their context (NegEx/ConText), and the red flags they make.

A red flag's ``detect`` patterns name the concepts that make it ("unable" + "urinate"); the knowledge
base's ``sign_vocabulary`` gives each concept's words in English and Arabic, and the context words that
change what a concept word means, after Chapman et al.'s NegEx (2001) and Harkema et al.'s ConText
(2009):

* negation: "no fever", "ما عندي حرارة": a negator denies the next few words of its clause;
  an after-negation word ("bladder is fine") denies the words just before it in its comma part; a
  denial stops at a colon and at a new statement of the writer's or of someone else's; a pseudo-negation
  ("not only", "ما هي") is no negator at all;
* time: "for years", "as a child", "ten years ago" (long ago) and "last week" (past) anywhere in the
  clause; a sign that must be happening now ignores both, one that must be recent ignores long ago,
  and a history (having had cancer) counts whenever it was;
* hypothetical: "what if", "signs of" before the word in its clause;
* someone else: "my mum had", "my dog": before the word in its clause, until the writer speaks of
  themself again. An animal's signs never count. Another person's present signs are read apart from
  the writer's (``Reading.mentioned``): the person asking may be the one who has to act on them, so
  they are shown as that person's, never dropped. Another person's history (family history) is no
  sign of anyone's now. A sign only asked about ("is saddle numbness an emergency?") is read apart
  in the same way.

A clause ends at a full stop, a question mark, a semicolon, a line break or a word such as "but",
"then", "لكن" or "بعدين". Everything here is data-driven: the vocabulary is knowledge-base data, and
this module is the one algorithm that reads it.
"""

import re
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from itertools import accumulate, chain
from typing import NamedTuple

from backpain_cli import cache
from backpain_cli.knowledge_base import CONTEXTS, URGENCIES, KnowledgeBase, RedFlag, SignPattern
from backpain_cli.words import STOPWORDS, fold, stem, variant

# A description is read up to this many characters; past it, the cut is reported (``Reading.cut``).
MAX_TEXT_CHARS = 20_000
# How many words may stand between two words of one term ("can't seem to pee").
TERM_GAP = 2
# Context terms are tighter: "for many years", but not "back [ache coming] in"; "past" ones are not:
# "had [a fever] last week".
CONTEXT_GAP = 1
_TIGHT = frozenset(CONTEXTS) - {"past"}
# How many content words (not "my", "or", "with") a negator denies after it ("no fever, chills or numbness").
NEGATION_REACH = 5
# How many words an after-negation word ("fine", "طبيعي") denies before it.
AFTER_NEGATION_REACH = 3
# An after-negation word with a concept at most this many words after it is a verb of becoming ("gone
# half numb"), not a denial.
LINKED_REACH = 2
# The concepts of a pattern's ``all`` must stand within this many content words (not "my", "the",
# "had") of its first, in one sentence.
PATTERN_SPAN = 7
# An English word this long or longer may be a misspelling of a vocabulary word (one edit, same first
# letter; two edits from FUZZY_TWO_EDITS letters on): "incontinance", "numbess", "feaver".
FUZZY_MIN = 6
FUZZY_TWO_EDITS = 9

# English forms that mean "not able to", kept as one word so that their "not" denies nothing.
_UNABLE = re.compile(
    r"\b(?:can'?t|cannot|can not|couldn'?t|could not|won'?t|wouldn'?t|unable to"
    r"|(?:not|never|no longer|wasn'?t|weren'?t|haven'?t|hasn'?t)\s+(?:been\s+)?able to)\b"
)
# "haven't", and the same typed without an apostrophe ("havent"): "have not".
_NOT = re.compile(r"\b(do|did|does|is|was|have|has|had|are|were|should|need)n'?t\b")
# A decimal number ("36.7", "2,5") is one word: its point ends no sentence.
_TOKEN = re.compile(r"\d+[.,٫]\d+|[^\W_]+|[.!?؟;:\n,،]")
_BOUNDARIES = frozenset(".!?؟;\n")
_COMMAS = frozenset(",،")
# Hamza seats folded to their letter, and the letters that spoken Arabic merges, as dialect writers
# spell them: ذ as د ("فخادي", "دلوقتي") and ظ as ض ("ضهري").
_HAMZA = str.maketrans("أإآؤئذظ", "اااييدض")


def _written(*words: str) -> frozenset[str]:
    """Words as a text's words are written once folded, each with "=": "اختفى" is "=اختفي"."""
    return frozenset("=" + fold(word.casefold()).translate(_HAMZA) for word in words)


# Arabic one-letter particles and pronoun endings that fuse to a word: "وظهري" is "and my back".
_AR_PARTICLES = frozenset("وفبلك")
# Particles and pronouns that a word losing its article cannot be: "الما" (water) is no "ما" (not),
# "الان" (now) no "ان" (that), "والدي" (my father) no "دي" (this).
_AR_PARTICLE_WORDS = frozenset(
    ["ما", "لا", "لم", "لن", "مش", "مو", "ان", "دي", "في", "من", "عن", "مع", "لي", "هو", "هي"]
)
_AR_SUFFIXES = ("هما", "كما", "ها", "هم", "هن", "كم", "نا", "ني", "ه", "ك", "ي")
# Maghrebi verbs: the first person singular of the present is "ن" ("نقدر", "نبول", "كنحس": I can, I
# pee, I feel), "ا" elsewhere ("اقدر", "ابول", "احس"); "ما ... ش" negates ("ما نقدرش": I can't), as in
# Egypt ("ما قدرتش"). The present's "ك" ("كيضرني") goes as a particle does.
_AR_FIRST_PERSON = "ن"
_AR_PLURAL = ("وا", "و")
_AR_NEGATION_END = "ش"
_AGE_WORDS = frozenset(["i", "im", "am", "aged", "age", "عمري", "عمرى", "سني"])
_YEARS = frozenset(["year", "years", "yr", "yrs", "yo", "old", "سنه", "سنين", "سنوات", "عام", "اعوام"])
# "for 3 years", "من 3 سنين": a length of time; "5 foot", "8 weeks": not years of age.
_SPANS = frozenset(["for", "since", "over", "past", "last", "about", "من", "منذ", "قبل", "صار", "لي"])
_UNITS = frozenset(
    (
        *("kg", "kilo", "kilos", "lb", "lbs", "pound", "stone", "foot", "feet", "ft", "cm", "week", "day", "month"),
        *("weeks", "days", "months", "hour", "hours", "hrs", "minute", "minutes", "mins", "min", "time", "times"),
        *("mg", "percent", "kid", "kids", "child", "children", "pill", "pills", "tablet", "tablets", "degree"),
        *("اسبوع", "اسابيع", "يوم", "ايام", "شهر", "شهور", "اشهر", "ساعه", "ساعات", "دقيقه", "دقايق", "كيلو", "مره"),
    )
)
# Words that join a new statement to the last: after one, "I" starts a statement of its own.
_JOINS = frozenset(["and", "but", "so", "then", "now", "like", "و", "بس", "لكن", "وبعدين", "والحين"])
# Words of starting: a time after one dates when a sign began ("started a week ago"), not its end.
_ONSET = frozenset(
    (
        *("start", "started", "starting", "began", "begin", "begun", "noticed", "notice", "appeared", "came"),
        *("بدا", "بدات", "بدأ", "بدأت", "ابتدى", "ابتدت", "لاحظت", "ظهر", "ظهرت", "طلع", "طلعت", "جاني", "جاتني"),
    )
)
# "since", "منذ": a time after one is when something began that is still so.
_SINCE = frozenset(["=since", "=منذ", "=مذ"])
# Words that open a question or a supposition ("if"): a sentence that opens with one and never
# speaks of the writer asks about a sign in general.
_ASKING = frozenset(
    (
        *("is", "are", "does", "do", "did", "can", "could", "would", "will", "should", "why", "which", "what"),
        *("how", "when", "whats", "هل", "ليش", "لماذا", "ليه", "كيف", "متى", "وش", "ايش", "شو", "شنو", "ماذا"),
        *("امتى", "ايمتى", "واش", "اشنو", "if"),
    )
)
# "and": joins the writer and someone else into one subject ("me and my wife").
_AND = frozenset(["and", "=and", "=و"])
_BARE_NO = frozenset(["=no", "=nope", "=nah"])
_LIST_JOINS = frozenset(["=and", "=or", "=nor", "=و", "=او"])
_AR_WANT = "ابي"
_AR_MY = ("ي", "يا")
_AR_THEIR = ("ه", "ها", "هم", "هن")
_AR_ARTICLE = ("ال", "وال", "بال", "فال", "كال", "لل")
# Concepts that name a part of the body: said with "my" ("ظهري"), they are the writer's.
_BODY = frozenset(["back", "back-area", "upper-back", "leg", "saddle-area", "tummy", "arm"])
# Words that only strengthen an answer of no ("no, not at all", "لأ خالص", "لا ابدا").
_ANSWER_FILLERS = _written(
    *("at", "all", "whatsoever", "خالص", "ابدا", "ابد", "اصلا", "نهائيا"),
    # thanks that go with an answer: "لا الحمد لله" (no, thank God), "no thank god", "no thankfully"
    *("الحمد", "الحمدلله", "لله", "thank", "god", "goodness", "thankfully", "luckily", "fortunately"),
    # what it answers: "No to all of them", "انا معنديش كده" (I don't have that)
    *("to", "of", "them", "those", "these", "that", "this", "انا", "كده", "كدا", "هيك", "كله", "كلها", "منهم"),
)
# Arabic verbs: an aspect particle fused to a present verb ("دي", "بي", "كي", "حي"), the present's
# person prefixes, and plural endings; symptom concepts matched by a verb's core.
_AR_ASPECT = "دبكحه"
_AR_PRESENT = "يتنا"
_AR_VERB_ENDS = ("ون", "ين", "وا", "ان", "ن", "و")
_CORED = frozenset(["numbness", "weakness", "pulsing"])
# The concept whose words tie a sign to now ("since this morning", "still", "من امس").
_ANCHOR = "recent-anchor"
# Concepts that name a place of the body, which another body part's word just after makes a modifier.
_PLACES = frozenset(["saddle-area", "bowel"])
# Concepts whose exclusions are limits that a start just now makes new (``_find``).
_LIMITS = frozenset(["walk"])
_THEY = _written("they", "them", "theyre")
_IT = _written("it", "that", "this", "its")
# Words of control, feeling or ability: denying them is the sign ("التحكم في البول ما عنديش").
_CONTROL = _written("التحكم", "تحكم", "السيطرة", "سيطرة", "الاحساس", "احساس", "القدرة", "قدرة", "الشعور")
# What a verb of ending may go on with when it ends nothing ("has gone on", "went into my privates"),
# what says it came back, and what else may "go" in the sentence of an "it went".
_GOES_ON = _written("on", "into", "in", "down", "up", "to", "for", "since", "everywhere", "numb")
# What a denial's object may be pointed at with before a comma ("none of the following, ..."), and
# the verbs whose denial says where something is not ("isn't there").
_POINTERS = _written("following", "these", "those", "them", "either", "any", "below", "listed")
_COPULAS = _written("is", "was", "are", "were", "am", "be")
_AGAIN = _written("again", "back", "worse", "returned", "رجع", "رجعت", "ورجع", "ورجعت")
_MAY_GO = frozenset(["back", "back-area", "lifting", "injury", "fall"])
_PLACED = frozenset(["arm", "leg", "saddle-area", "back", "back-area", "tummy", "elsewhere", "upper-back"])
_ENDED = _written(
    *("went", "gone", "goes", "resolved", "cleared", "wore", "wears", "stopped"),
    *("راح", "راحت", "زال", "زالت", "اختفى", "اختفت", "وراح", "وراحت", "وزال", "وزالت", "واختفى", "واختفت"),
)
# Verbs of a change that a part of the body may be the subject of: "both legs have gone numb".
_BECOMING = _written("gone", "went", "turned", "became", "become", "started", "gave", "giving")
_FROM = _written("من", "ومن")
_RECENT_DAYS = _written("yesterday", "today", "امس", "أمس", "امبارح", "البارحة", "البارح", "اليوم", "الصبح", "النهارده")
# The first words of a time that dates a start ("since yesterday", "this morning", "من امس").
_STARTS = _written("since", "this", "من", "منذ", "هاد")
# Spans of time short enough to be a short course ("for five days", "6 weeks", "خمسة ايام").
_DAYS = frozenset(["day", "days", "يوم", "ايام", "يومين"])
_WEEKS = frozenset(["week", "weeks", "wks", "اسبوع", "اسابيع", "اسبوعين"])
_NUMBER_WORDS = {
    **dict(
        zip(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), range(1, 11), strict=True)
    ),
    **{"couple": 2, "few": 3},  # not "a": "5mg a day" is a dose, not a one-day course
    **dict(zip(("واحد", "اثنين", "ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع", "عشر"), range(1, 11), strict=True)),
    **dict(
        zip(
            ("واحده", "اثنين", "ثلاثه", "اربعه", "خمسه", "سته", "سبعه", "ثمانيه", "تسعه", "عشره"),
            range(1, 11),
            strict=True,
        )
    ),
    **{"تلات": 3, "تلاته": 3, "تلت": 3, "كم": 3},
}
# Times to come: "tomorrow"; "next week", "الاسبوع الجاي" (the week that comes).
_TOMORROW = frozenset(["tomorrow", "tmrw", "بكره", "بكرا", "غدا", "باكر", "بكرة"])
# "God willing" ("إن شاء الله", "انشاء الله", "inshallah"), said of what is still to come: its first
# words, the words after them, and the forms written as one word.
_GOD_WILLING = (
    frozenset(["ان", "انشاء", "insha", "in"]),
    frozenset(["شاء", "الله", "allah", "sha"]),
    frozenset(["انشالله", "انشاالله", "inshallah", "inshaallah", "inshalla"]),
)
_NEXT_BEFORE = frozenset(["next", "coming", "upcoming"])
_NEXT_AFTER = frozenset(["الجاي", "الجايه", "القادم", "القادمه", "المقبل", "المقبله", "الياي"])
_PERIODS = frozenset(
    (
        *("week", "month", "year", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("الاسبوع", "الشهر", "السنه", "السبت", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه"),
    )
)
_AGE_SUFFIX = re.compile(r"(\d{1,3})(?:yo|y|m|f|yrs?)")


class Word(NamedTuple):
    """One word of the text: its forms for matching, and its clause."""

    forms: frozenset[str]
    clause: int
    part: int = 0  # the comma-separated part of the text: a time ("for years") reaches no further
    asked: bool = False  # its clause ends with a question mark
    # How many colons come before it. A denial never reaches past a colon ("the bit I haven't told my
    # GP: I can't get an erection"), while what a colon introduces keeps the context before it ("two
    # years ago: foot drop", "the safety-net list: numbness between the legs").
    framed: int = 0


class Occurrence(NamedTuple):
    """Where one concept or context term stands: words ``start`` to ``end`` inclusive."""

    name: str
    start: int
    end: int
    statement: bool = False  # a thing and its negated verb ("الشي ما يقوم"), as its term is written


class Detected(NamedTuple):
    """A red flag the text describes, the concepts that made it, and whose it is."""

    flag: RedFlag
    concepts: tuple[str, ...]
    # "self": the writer has it now; "someone-else": another person has it now ("my husband can't
    # pee"); "question": asked about, not stated ("is saddle numbness an emergency?").
    about: str = "self"


class Reading(NamedTuple):
    """What a text says: the warning signs it describes as the writer's, most urgent first; the signs
    it gives to someone else or only asks about (``mentioned``); and whether it was cut."""

    signs: tuple[Detected, ...]
    cut: bool
    mentioned: tuple[Detected, ...] = ()


class _Term(NamedTuple):
    words: tuple[str, ...]
    name: str  # a concept id, a context kind, or "!" + concept id for a concept's exclusion
    gap: int  # words allowed between two of its words: none in a term that holds a negator ("not feel")
    statement: bool = False  # a negator stands inside it, not first: "الشي ما يقوم", "legs won't work"


class Lexicon(NamedTuple):
    """The vocabulary compiled for matching: terms by their first word."""

    terms: dict[str, tuple[_Term, ...]]
    vocabulary: tuple[str, ...]  # the ASCII words of concept terms, for misspellings
    # The ASCII words the vocabulary writes as another word ("stomach" is "abdomen"), with the normal
    # forms they stand for: a misspelling ("stomack") is near the written word, not its normal form.
    spellings: dict[str, tuple[str, ...]]
    # Every word of every term: "المقعده" (the seat) is a word of its own, not "المقعد" + "his".
    known: frozenset[str] = frozenset()
    # The words that deny on their own ("no", "ما"): a term's gap never holds one.
    negators: frozenset[str] = frozenset()


def read_signs(kb: KnowledgeBase, text: str) -> Reading:
    """The emergency and urgent warning signs ``text`` describes as the writer's now, most urgent
    first; and, apart, those it gives to someone else or asks about."""
    cut = len(text) > MAX_TEXT_CHARS
    words = _words(text[:MAX_TEXT_CHARS])
    lexicon = compile_lexicon(kb)
    _add_misspellings(words, lexicon)
    found = _find(words, lexicon)
    found += _ages(words)
    found += _long_ago(words)
    found += _weight_lost(words)
    found += _high_readings(words)
    found += _feeling_gone(words)
    found += _short_spans(words)
    found += _planned(words)
    found += _night_hours(words)
    context = _Context(words, found, lexicon.known)
    own = _detect(kb, context, "self")
    taken = {item.flag.id for item in own}
    mentioned: list[Detected] = []
    for about in _MENTIONS:
        for item in _detect(kb, context, about):
            if item.flag.id not in taken:
                taken.add(item.flag.id)
                mentioned.append(item)
    mentioned.sort(key=lambda item: URGENCIES.index(item.flag.urgency))
    # A complaint about another part of the body ("my knee is swollen and hot, my back's fine") is
    # not back pain: only an emergency sign in it stands, as in search.
    if _elsewhere_only(context):
        own = tuple(item for item in own if item.flag.urgency == "emergency")
        mentioned = [item for item in mentioned if item.flag.urgency == "emergency"]
    return Reading(own, cut, tuple(mentioned))


def _elsewhere_only(context: "_Context") -> bool:
    """True if the text names another part of the body and nothing of the back that it does not deny
    ("my back is fine", "ظهري ما فيه شي"); a back word inside the part's name does not count."""
    sites = [item for item, _ in context.concepts.get("elsewhere", ())]
    if not sites:
        return False
    return not any(
        not marks & {"negated"} and not any(_inside(item, site) for site in sites)
        for name in _BACK_SITES
        for item, marks in context.concepts.get(name, ())
    )


# Whose a sign may be besides the writer's, and the context mark that makes it so.
_MENTIONS = {"someone-else": "other-person", "question": "hypothetical"}


def _detect(kb: KnowledgeBase, context: "_Context", about: str) -> tuple[Detected, ...]:
    """The emergency and urgent red flags whose patterns hold for ``about``, most urgent first."""
    detected: list[tuple[int, int, int, Detected]] = []
    for position, flag in enumerate(kb.red_flags):
        if flag.urgency not in ("emergency", "urgent"):
            continue
        # Another person's history (family history) is no sign of anyone's now.
        if about == "someone-else" and flag.timing == "ever":
            continue
        best: tuple[str, ...] = ()
        for pattern in flag.detect:
            concepts = _pattern_holds(pattern, flag, context, _MENTIONS.get(about))
            if len(concepts) > len(best):
                best = concepts
        if best:
            detected.append((URGENCIES.index(flag.urgency), -len(best), position, Detected(flag, best, about)))
    detected.sort(key=lambda item: item[:3])
    return tuple(item[3] for item in detected)


# Concepts that put a complaint on the back, or on what back pain comes with (legs, bladder, tummy...).
_BACK_SITES = frozenset(
    (
        *("back", "back-area", "upper-back", "both-sides", "other-leg-too", "saddle-area", "radicular"),
        *("tummy", "chest-pain", "bladder", "bowel", "urinate", "cannot-urinate", "wet-self", "soiled-self"),
        *("straining", "night-rest-pain", "numbness", "weakness", "walk", "foot-drop", "shape-change", "pregnant"),
    )
)

# Of those, the symptoms that complaints about other parts share ("numb fingers when typing", "my
# elbow burns and my grip is weak", "my heel hurts when I get out of bed", "a headache that lasts
# past midnight", "pregnant and my knees ache"): they keep a warning sign in view, but they do not make
# the complaint one of the back.
_SHARED_SYMPTOMS = frozenset(("straining", "night-rest-pain", "numbness", "weakness", "walk", "pregnant"))

# The words that may stand between "back" and another part when "back" names that part's side: "the
# back of my throat", "back of the knee", "الجهة الخلفية من الراس"; or the two stand side by side in
# Arabic ("ظهر يدي").
_SIDE_OF = frozenset(("of", "my", "the", "his", "her", "your", "their", "a", "an", "right", "left", "من"))


@lru_cache(maxsize=8)  # search asks it twice of one query: to rank, and to say why nothing matched
def elsewhere(kb: KnowledgeBase, text: str, *, symptoms: bool = True) -> str | None:
    """The other body part a complaint is about ("my knee", "وجع الاسنان"), if it names one and
    nothing of the back or of what comes with back pain; None otherwise.

    With ``symptoms`` false, a symptom that complaints about other parts share (numbness, weakness,
    walking, night pain) does not make the complaint one of the back: search asks this, to answer
    "numb fingers when typing" with no cause. Which warning signs to show asks with it true, so that
    a sign said beside another part stays in view."""
    words, found = _parts_named(kb, text[:MAX_TEXT_CHARS])
    sites = [item for item in found if item.name == "elsewhere"]
    back = _BACK_SITES if symptoms else _BACK_SITES - _SHARED_SYMPTOMS
    limbs = {words[item.start].clause for item in found if item.name in ("leg", "arm")}

    def places(item: Occurrence) -> bool:
        """Whether ``item`` puts the complaint on the back, or on what comes with back pain."""
        if item.name not in back or any(_inside(item, site) for site in sites):
            return False  # a back word inside the part's name is that name: "frozen" in "frozen shoulder"
        if symptoms:
            return True
        # Search reads closer: "back" that names a part's side is that part ("the back of my throat"),
        # and shooting pain is the spine's where a limb is named with it, not "behind my eye".
        if any(_side_of(words, item, site) for site in sites):
            return False
        return item.name != "radicular" or words[item.start].clause in limbs

    if any(map(places, found)):
        return None
    site = next((item for item in found if item.name == "elsewhere"), None)
    if site is None:
        return None
    return _as_written(text[:MAX_TEXT_CHARS], [_said(words[i]) for i in range(site.start, site.end + 1)])


@lru_cache(maxsize=4)  # both readings of one query share it
def _parts_named(kb: KnowledgeBase, text: str) -> tuple[list[Word], list[Occurrence]]:
    """The words of ``text`` and the vocabulary's terms found in them."""
    words = _words(text)
    return words, _find(words, compile_lexicon(kb))


def _as_written(text: str, folded: list[str]) -> str:
    """The words ``folded`` as ``text`` writes them ("أذني", not the folded "ادني"); as folded where
    the text's own words do not give them back one for one."""
    pieces = [piece for piece in re.findall(r"[^\W_]+", text) if _tokens(piece)]
    for start in range(len(pieces) - len(folded) + 1):
        run = pieces[start : start + len(folded)]
        if all(_tokens(piece) == [word] for piece, word in zip(run, folded, strict=True)):
            return " ".join(run)
    return " ".join(folded)


def _side_of(words: list[Word], item: Occurrence, site: Occurrence) -> bool:
    """Whether ``item`` is "back" naming the side of the part ``site`` names: "back of my throat"."""
    if item.name not in ("back", "back-area", "saddle-area") or not 0 <= site.start - item.end - 1 <= 3:
        return False
    between = words[item.end + 1 : site.start]
    if any(word.part != words[site.start].part for word in (words[item.end], *between)):
        return False
    if not between:
        # "ظهر يدي", "ظهر القدم": the bare word, before a part without "و"; never "ظهري" (my back) or
        # "الظهر", which begin a list ("وجع ظهري ركبتي"). In English "back knee pain" is a list too.
        return _said(words[item.end]) in _BARE_BACK and _said(words[site.start])[:1] not in "وفل"
    return any(_said(word) in ("of", "من") for word in between) and all(_said(word) in _SIDE_OF for word in between)


# The Arabic word "back" as it names a part's side ("ظهر اليد"), folded: without a pronoun or article.
_BARE_BACK = frozenset(("ظهر", "ضهر"))


def _said(word: Word) -> str:
    """The word as the text has it (folded)."""
    return next(form[1:] for form in word.forms if form.startswith("="))


def red_flags_in(kb: KnowledgeBase, text: str, *, limit: int = 3) -> list[RedFlag]:
    """The first ``limit`` red flags ``read_signs`` finds."""
    return [found.flag for found in read_signs(kb, text).signs[:limit]]


# -- words ---------------------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    """The words and clause-ending marks of ``text``, folded as the vocabulary is."""
    text = text.casefold().replace("’", "'").replace("‘", "'")
    text = _NOT.sub(r"\1 not", _UNABLE.sub(" unable ", text)).replace("n't", " not")
    # "I'll end up" is a supposition, "I end up pacing at 3am" is not; "&" and "+" between words are "and"
    text = text.replace("'ll", " will").replace(" & ", " and ").replace(" + ", " and ")
    return _TOKEN.findall(fold(text).translate(_HAMZA))


def _words(text: str) -> list[Word]:
    clause = part = start = framed = 0
    words: list[Word] = []
    for token in _tokens(text):
        if token == ":":
            framed += 1
            continue
        if token in "?؟":
            words[start:] = [word._replace(asked=True) for word in words[start:]]
        if token in _BOUNDARIES:
            clause += 1
            start = len(words)
        if token in _BOUNDARIES or token in _COMMAS:
            part += 1
            continue
        words.extend(Word(forms, clause, part, framed=framed) for forms in _forms(token))
    return words


def _normal(token: str) -> list[str]:
    """The form a vocabulary word is matched by: its normal form(s) in English, without the article in Arabic."""
    return variant(token) if token.isascii() else [stem(token)]


@lru_cache(maxsize=1 << 14)
def _forms(token: str) -> tuple[frozenset[str], ...]:
    """A text word's forms: "=" + itself, itself and its normal forms (one English word may make two)."""
    normal = _normal(token) or [token]
    if token.isascii():
        return (frozenset({"=" + token, token, normal[0]}), *(frozenset({"=" + word, word}) for word in normal[1:]))
    forms = {"=" + token, token, *(word for word in normal if word == token or word not in _AR_PARTICLE_WORDS)}
    bases = [token]
    # "وظهري": "and my back"; a three-letter word only loses "و" ("ومش": "and not"), since "لما" is "when".
    if token[0] in _AR_PARTICLES and (len(token) > 3 or (token[0] == "و" and len(token) == 3)):
        bases.append(token[1:])
    if token.startswith("عال") and len(token) > 5:  # colloquial "on the": "عالاجرين"
        bases.append(token[3:])
    bases += [base[:-1] for base in bases if len(base) >= 4 and base.endswith(_AR_NEGATION_END)]  # "نقدرش"
    bases += ["ا" + base[1:] for base in bases if len(base) >= 3 and base.startswith(_AR_FIRST_PERSON)]  # "نبول"
    # a feminine plural: "خدرانات" (numb, of hands or legs) is "خدران"
    bases += [base[:-2] for base in bases if len(base) >= 6 and base.endswith("ات")]
    # a verb's plural ending: "ينملوا", "يتنملو" (they tingle): "ينمل", "يتنمل"
    bases += [base[: -len(end)] for base in bases for end in _AR_PLURAL if len(base) >= 5 and base.endswith(end)][:1]
    # Iraqi and Gulf speech says ق as ك: "اكدر", "نكدر" (I can) are "اقدر", "نقدر".
    bases += [base.replace("كدر", "قدر") for base in bases if "كدر" in base]
    # A present verb's core, for the symptom concepts whose words are matched by it (``_CORED``):
    # "ديخدرن" (they are going numb) is "خدر", as the noun is.
    forms.update(_core(base) for base in bases)
    for base in bases:
        stemmed = stem(base)
        forms.add(base)
        # An article never stands before a particle: "الما" is water, not "ما" (not).
        if stemmed == base or stemmed not in _AR_PARTICLE_WORDS:
            forms.add(stemmed)
        for suffix in _AR_SUFFIXES:
            if stemmed.endswith(suffix) and len(stemmed) - len(suffix) >= 3:
                forms.add(stemmed[: -len(suffix)])
                break
    return (frozenset(forms),)


def _core(word: str) -> str:
    """An Arabic word's core, marked with "~": without an aspect particle fused to a present verb
    ("د", "ب", "ك", "ح": "ديخدرن", "بينمل", "كيضرب"), the verb's person prefix and its plural ending
    ("ون", "وا", "ن"): "ديخدرن" and "خدر" both have the core "~خدر"."""
    if len(word) >= 5 and word[0] in _AR_ASPECT and word[1] in _AR_PRESENT:
        word = word[1:]
    if len(word) >= 4 and word[0] in _AR_PRESENT:
        word = word[1:]
        for end in _AR_VERB_ENDS:
            if word.endswith(end) and len(word) - len(end) >= 3:
                word = word[: -len(end)]
                break
    return "~" + word


def _term_words(term: str) -> tuple[str, ...]:
    """A vocabulary term as the forms its words must match: normal forms, or the word itself if written "=word"."""
    return tuple(chain.from_iterable(map(_raw_term_words, term.split())))


@lru_cache(maxsize=1 << 14)
def _raw_term_words(raw: str) -> tuple[str, ...]:
    """The forms of one piece of a term between spaces; pieces repeat across the vocabulary's terms."""
    exact = raw.startswith("=")
    words: list[str] = []
    for token in _tokens(raw.lstrip("=")):
        if token not in _BOUNDARIES and token not in _COMMAS and token != ":":
            words.extend(["=" + token] if exact else _normal(token))
    return tuple(words)


@lru_cache(maxsize=4)
def compile_lexicon(kb: KnowledgeBase) -> Lexicon:
    """The knowledge base's sign vocabulary as terms indexed by their first word: from the cache
    when this exact knowledge base was compiled before (compiling takes longer than a search)."""
    return cache.load_or_make(kb.key, "lexicon", Lexicon, lambda: _compile_lexicon(kb))


def _compile_lexicon(kb: KnowledgeBase) -> Lexicon:
    terms: dict[str, list[_Term]] = {}

    def add(phrases: Iterable[str], name: str, *, barred: frozenset[tuple[str, ...]] = frozenset()) -> None:
        for phrase in phrases:
            words = _term_words(phrase)
            # An exclusion whose normal form is one of its concept's own terms ("temping" and "temp",
            # "المريض" and "مريض") excludes only the word as written, not every way of saying the term.
            if words in barred:
                words = _term_words(" ".join("=" + raw.lstrip("=") for raw in phrase.split()))
            if words:
                gap = _gap(name, words, negators)
                statement = words[0] not in negators and bool(negators & set(words[1:]))
                terms.setdefault(words[0], []).append(_Term(words, name, gap, statement))

    vocabulary = kb.sign_vocabulary
    negation = vocabulary.context.get("negation")
    # words that deny on their own ("no", "ما"); "of" in "free of" is not one
    negators = {words[0] for phrase in (negation.all() if negation else ()) if len(words := _term_words(phrase)) == 1}
    for concept in vocabulary.concepts:
        add(concept.terms.all(), concept.id)
        if concept.id in _CORED:  # "ينمل", "خدر": any form of the verb ("بينملوا", "ديخدرن")
            for phrase in concept.terms.all():
                if not phrase.isascii() and len(words := _term_words(phrase)) == 1 and len(words[0]) >= 3:
                    terms.setdefault(_core(words[0]), []).append(_Term((_core(words[0]),), concept.id, TERM_GAP))
        own = frozenset(_term_words(phrase) for phrase in concept.terms.all())
        add(concept.exclude.all(), "!" + concept.id, barred=own)
    for kind, phrases in vocabulary.context.items():
        add(phrases.all(), kind)
    ascii_words = sorted(
        {word for items in terms.values() for term in items for word in term.words if word.isascii() and word.isalpha()}
    )
    spellings: dict[str, set[str]] = {}
    for concept in vocabulary.concepts:
        for phrase in concept.terms.all():
            for raw in _tokens(phrase.replace("=", "")):
                if raw.isascii() and raw.isalpha() and _normal(raw) != [stem(raw)]:
                    spellings.setdefault(raw, set()).update(_normal(raw))
    return Lexicon(
        {key: tuple(items) for key, items in terms.items()},
        tuple(ascii_words),
        {raw: tuple(sorted(forms)) for raw, forms in spellings.items()},
        frozenset(word.lstrip("=") for items in terms.values() for term in items for word in term.words),
        frozenset(negators),
    )


def _gap(name: str, words: tuple[str, ...], negators: set[str]) -> int:
    """Words allowed between two of a term's words: none where it holds a negator ("not feel"), is an
    exclusion ("fall back" must not match "fell on my back") or a two-word context term ("can a" must
    not match "can feel a"); few in other context terms."""
    if negators & set(words) or name.startswith("!") or (name in _TIGHT and len(words) == 2):
        return 0
    return CONTEXT_GAP if name in _TIGHT else TERM_GAP


def _add_misspellings(words: list[Word], lexicon: Lexicon) -> None:
    """Let a long English word that no term knows stand also for the vocabulary word it misspells."""
    unknown = [
        index
        for index, word in enumerate(words)
        if not any(form in lexicon.terms or form in lexicon.vocabulary for form in word.forms)
        and any(len(form) >= FUZZY_MIN and form.isascii() and form.isalpha() for form in word.forms)
    ]
    if not unknown:
        return
    from rapidfuzz.distance import OSA  # only when a word is unknown

    for index in unknown:
        word = words[index]
        raw = max((form for form in word.forms if not form.startswith("=")), key=len)
        limit = 2 if len(raw) >= FUZZY_TWO_EDITS else 1
        close = [
            candidate
            for candidate in lexicon.vocabulary
            if candidate[0] == raw[0]
            and abs(len(candidate) - len(raw)) <= limit
            and len(candidate) >= FUZZY_MIN - 1
            and OSA.distance(raw, candidate, score_cutoff=limit) <= limit
        ]
        close += [
            form
            for candidate, forms in lexicon.spellings.items()
            if candidate[0] == raw[0]
            and abs(len(candidate) - len(raw)) <= limit
            and len(candidate) >= FUZZY_MIN - 1
            and OSA.distance(raw, candidate, score_cutoff=limit) <= limit
            for form in forms
        ]
        if close:
            words[index] = word._replace(forms=word.forms | frozenset(close))


# -- finding terms -------------------------------------------------------------------------------


def _find(words: Sequence[Word], lexicon: Lexicon) -> list[Occurrence]:
    """Every place a concept or context term stands, its words in order with small gaps, in one clause."""
    found: list[Occurrence] = []
    whole: set[Occurrence] = set()  # the terms found with no words between their own
    for start, word in enumerate(words):
        for form in word.forms:
            for term in lexicon.terms.get(form, ()):
                end = _match_rest(words, start, term, lexicon.negators)
                if end is not None:
                    found.append(Occurrence(term.name, start, end, term.statement))
                    if end - start + 1 == len(term.words):
                        whole.add(found[-1])
    excluded = [item for item in found if item.name.startswith("!")]
    # How far one can walk or stand ("can't walk more than 5 metres", "ما اقدر اقف لمدة دقيقة") is a
    # long-standing limit, unless its comma part says it began just now: "suddenly", "since this
    # morning", "من امس". Then it is new difficulty walking.
    begun = {
        words[item.start].part
        for item in found
        if item.name == "sudden" or (item.name == _ANCHOR and words[item.start].forms & _STARTS)
    }
    excluded = [item for item in excluded if not (item.name[1:] in _LIMITS and words[item.start].part in begun)]
    # A word of the saddle area (or the bottom as a bowel word) just before another body part names
    # that part: "bottom lip", "bottom teeth", "تحت الركبة" (below the knee), as "frozen" in "frozen
    # shoulder" is no numbness.
    parts = {item.start for item in found if item.name == "elsewhere"}
    return [
        item
        for item in found
        if not item.name.startswith("!")
        and not any(
            cut.name[1:] == item.name
            and cut.start <= item.end
            and item.start <= cut.end
            # a term written out whole around an exclusion is the more exact reading: "become hunched"
            # around "hunched", "balance my body" around "balance my"
            and not (item in whole and _around(item, cut))
            for cut in excluded
        )
        and not (item.name in _PLACES and item.end + 1 in parts)
    ]


def _around(item: Occurrence, cut: Occurrence) -> bool:
    """Whether an occurrence holds an exclusion's words and more."""
    return item.start <= cut.start and cut.end <= item.end and (item.start, item.end) != (cut.start, cut.end)


def _match_rest(words: Sequence[Word], start: int, term: _Term, stops: frozenset[str] = frozenset()) -> int | None:
    position = start
    for wanted in term.words[1:]:
        for step in range(1, term.gap + 2):
            at = position + step
            # a term's words stand in one comma part: "3 years, back pain" is no "years back"
            if at >= len(words) or words[at].part != words[start].part:
                return None
            if wanted in words[at].forms:
                # an exclusion's word never stands for one with a fused "و" (and): "تحت وظهري" is
                # "below, and my back", not "تحت الظهر" (the bottom of the back)
                if term.name.startswith("!") and _fused_and(words[at]) and not wanted.startswith("و"):
                    return None
                position = at
                break
            # a term's gap never holds a denial: "wee [fine, no] leaking" is no "wee ... leaking"
            if words[at].forms & stops:
                return None
        else:
            return None
    return position


def _ages(words: Sequence[Word]) -> list[Occurrence]:
    """Stated ages ("I'm 70", "aged 72", "65 years old", "عمري ٦٥ سنة") as age concepts."""
    found: list[Occurrence] = []
    for index, word in enumerate(words):
        raw = _said(word)
        suffixed = _AGE_SUFFIX.fullmatch(raw)
        if suffixed:
            age = int(suffixed.group(1))
        elif raw.isdigit() and len(raw) <= 3:
            before = words[index - 1].forms if index else frozenset()
            after = words[index + 1].forms if index + 1 < len(words) else frozenset()
            # "72 and got the worst pain": a number that opens the text is the writer's age.
            opening = index == 0 and 10 <= int(raw) <= 110 and not after & _YEARS
            if not (before & _AGE_WORDS or after & _YEARS or opening) or before & _SPANS or after & _UNITS:
                continue
            if after & _YEARS and index + 2 < len(words) and "=ago" in words[index + 2].forms:
                continue  # "10 years ago" is a time, not an age
            age = int(raw)
        else:
            continue
        if not 1 <= age <= 120:
            continue
        for concept, holds in (("age-60-plus", age >= 60), ("age-50-plus", age >= 50), ("age-under-20", age < 20)):
            if holds:
                found.append(Occurrence(concept, index, index))
    return found


_LOST = frozenset(
    [
        "lost",
        "dropped",
        "shed",
        "فقدت",
        "نزلت",
        "خسرت",
        "نقصت",
        "نزل",
        "نقص",
        "نازل",
        "نازله",
        "nazel",
        "nezelt",
        "nzelet",
        "nzelt",
        "nazalt",
        "khasert",
        "5sert",
        "5asert",
    ]
)
_ABOUT = _written("about", "around", "nearly", "almost", "over", "like", "شي", "حوالي", "تقريبا", "يعني", "اكثر", "shi")
_WEIGHTS = frozenset(["kg", "kgs", "kilo", "kilos", "lb", "lbs", "pound", "pounds", "stone", "كيلو", "كيلوات", "كيلو"])
_AMOUNT = re.compile(r"(\d{1,3})(kg|kgs|lbs?|kilos?)?")


def _weight_lost(words: Sequence[Word]) -> list[Occurrence]:
    """ "I've lost 6kg", "lost 2 stone", "فقدت 6 كيلو": an amount of weight lost, as the weight-loss concept."""
    found: list[Occurrence] = []
    for index, word in enumerate(words):
        raw = _said(word)
        amount = _AMOUNT.fullmatch(raw)
        if amount is None or index == 0:
            continue
        # "lost 6kg", "خسرت شي 7 كيلو" (lost about 7 kilos): one word of "about" may stand between
        before = index - 1
        if before > 0 and words[before].forms & _ABOUT:
            before -= 1
        if not words[before].forms & _LOST:
            continue
        after = words[index + 1].forms if index + 1 < len(words) else frozenset()
        if amount.group(2) or after & _WEIGHTS:
            found.append(Occurrence("weight-loss", before, index + (0 if amount.group(2) else 1)))
    return found


_HOUR = re.compile(r"(?:12|[1-5])am")
# A word of Arabizi: a digit standing for a letter beside letters ("yuja3ni", "7es", "2ader"); not a
# count ("2nd", "5mg", "3yrs"), a level or a vitamin ("l5", "b12", "t2w"), nor an hour.
_ARABIZI_WORD = re.compile(r"[a-z]*[a-z][235789][a-z]+[a-z0-9]*|[235789][a-z]{2,}[a-z0-9]*")
_NOT_ARABIZI = re.compile(
    r"\d+(?:am|pm|st|nd|rd|th|mg|kg|km|cm|mm|ml|yo|yrs?|hrs?|mins?|x|s|days?|nights?|nites?|wks?|weeks?|months?|mths?)"
    r"|2day|2nite|2moro|2morrow|[a-z]{1,2}\d+[a-z]?\d*"
)


def _night_hours(words: Sequence[Word]) -> list[Occurrence]:
    """An hour of the small hours said bare ("wakes me 3am every night", "awake since 4am"), as the
    night-pain concept. "3am" beside a word of Arabizi is "عم" (a verb's -ing: "dahri 3am yuja3ni")."""
    said = [_said(word) for word in words]

    def arabizi(at: int, hour: int) -> bool:
        return (
            0 <= at < len(said)
            and words[at].part == words[hour].part
            and bool(_ARABIZI_WORD.fullmatch(said[at]))
            and not _NOT_ARABIZI.fullmatch(said[at])
        )

    return [
        Occurrence("night-rest-pain", index, index)
        for index, word in enumerate(said)
        if _HOUR.fullmatch(word) and not (word == "3am" and (arabizi(index - 1, index) or arabizi(index + 1, index)))
    ]


def _short_spans(words: Sequence[Word]) -> list[Occurrence]:
    """A span of days or a few weeks ("for five days", "6 weeks", "خمسة ايام"), as the short-course
    concept: a short course of a medicine is not a long-term one."""
    found: list[Occurrence] = []
    for index in range(len(words) - 1):
        count = _count(words[index])
        unit = _raw(words[index + 1])
        if count is not None and ((unit & _DAYS and count <= 14) or (unit & _WEEKS and count <= 8)):
            found.append(Occurrence("short-course", index, index + 1))
    return found


def _count(word: Word) -> int | None:
    """The number a word says ("5", "five", "خمسة"), if it says one."""
    for raw in _raw(word):
        if raw.isdigit() and len(raw) <= 3:
            return int(raw)
        if raw in _NUMBER_WORDS:
            return _NUMBER_WORDS[raw]
    return None


def _planned(words: Sequence[Word]) -> list[Occurrence]:
    """Times to come ("tomorrow", "next week", "الاسبوع الجاي"): what is planned for them has not
    happened yet (a course of steroids, an injection)."""
    found: list[Occurrence] = []
    for index, word in enumerate(words):
        raw = _raw(word)
        if raw & _TOMORROW:
            found.append(Occurrence("future", index, index))
        elif raw & _GOD_WILLING[0] and index + 1 < len(words) and _raw(words[index + 1]) & _GOD_WILLING[1]:
            found.append(Occurrence("future", index, index + 1))  # "إن شاء الله": what is hoped for is to come
        elif raw & _GOD_WILLING[2]:
            found.append(Occurrence("future", index, index))
        elif index + 1 < len(words) and raw & _NEXT_BEFORE and _raw(words[index + 1]) & _PERIODS:
            found.append(Occurrence("future", index, index + 1))
        elif index > 0 and raw & _NEXT_AFTER and _raw(words[index - 1]) & _PERIODS:
            found.append(Occurrence("future", index - 1, index))
    return found


# A body temperature read as normal: Celsius and Fahrenheit (NHS: a fever is 38C or more; up to 37.4
# is taken as normal here, leaving 37.5 to 37.9 to count as a fever, the safe side).
_NORMAL_TEMPERATURE = ((35.0, 37.4), (95.0, 99.4))
_DEGREES = frozenset(["=c", "=f", "=degrees", "=degree", "=celsius", "=fahrenheit", "=درجه", "=درجات"])
_READING_REACH = 6  # words after a word of fever in which its reading is looked for
# ``fold`` already writes Arabic-Indic digits as 0-9; the Arabic decimal separator and a comma are points.
_DECIMAL_POINTS = str.maketrans("٫,", "..")


def _normal_reading(words: Sequence[Word], item: Occurrence) -> bool:
    """Whether the first temperature read after a word of fever, in its clause, is a normal one
    ("took my temperature three times, 36.7 every time"): a decimal, or a number with its unit."""
    for at in range(item.end + 1, min(len(words), item.end + 1 + _READING_REACH)):
        if words[at].clause != words[item.end].clause:
            return False
        raw = _said(words[at])
        text = raw.translate(_DECIMAL_POINTS)
        if not text.replace(".", "", 1).isdigit():
            continue
        unit = at + 1 < len(words) and bool(words[at + 1].forms & _DEGREES)
        if "." not in text and not unit:
            return False  # "for 36 hours": no reading
        value = float(text)
        return any(low <= value <= high for low, high in _NORMAL_TEMPERATURE)
    return False


def _feeling_gone(words: Sequence[Word]) -> list[Occurrence]:
    """ "the feeling in my bum and privates has gone", "الاحساس في رجليا راح": the feeling in a place
    gone, as the numbness concept (its place read as the place's own concept). Not gone back to
    normal."""
    found: list[Occurrence] = []
    for index, word in enumerate(words):
        if not word.forms & _FEELING or index + 1 >= len(words) or not words[index + 1].forms & _IN:
            continue
        if index and words[index - 1].forms & _SENSATIONS:
            continue  # "the pins and needles feeling in both feet has gone": that feeling went, not all feeling
        for at in range(index + 2, min(len(words), index + 2 + _GONE_REACH)):
            if words[at].part != word.part:
                break
            if words[at].forms & _GONE:
                if not (at + 1 < len(words) and words[at + 1].forms & _RESTORED):
                    found.append(Occurrence("numbness", index, at))
                break
    return found


_FEELING = _written("feeling", "feelings", "sensation", "الإحساس", "احساس", "الشعور")
_IN = _written("in", "from", "around", "on", "of", "في", "ب")
_GONE = _written("gone", "went", "disappeared", "vanished", "راح", "راحت", "اختفى", "اختفت", "زال")
_SENSATIONS = _written(
    "needles", "tingling", "tingly", "burning", "numb", "pain", "aching", "sore", "تنميل", "حرقان", "وجع"
)
_RESTORED = _written("back", "normal", "طبيعي")  # "gone back to normal"
_GONE_REACH = 7  # words after "feeling in" in which its going is looked for


def _high_readings(words: Sequence[Word]) -> list[Occurrence]:
    """A high temperature read ("39 degrees", "it was 39.5" after "temperature", "40c"), as the fever
    concept: 38 C (100.4 F) or more. A number is a reading with a unit of degrees after it, or the
    first number after a word of temperature in its clause with no other measure between ("temp
    normal, heart rate 102" reads no 102); never an age ("I'm 39"), a count of something else ("39
    weeks") or the weather ("40 degrees outside")."""
    found: list[Occurrence] = []
    for index, word in enumerate(words):
        value = _number(word)
        if value is None or not (38.0 <= value <= 43.0 or 100.4 <= value <= 108.0):
            continue
        after = words[index + 1].forms if index + 1 < len(words) else frozenset()
        if any(other.forms & _WEATHER for other in words if other.clause == word.clause):
            continue
        unit = bool(after & _DEGREES)
        said = False
        for at in range(index - 1, max(-1, index - _READING_REACH * 2 - 1), -1):
            earlier = _number(words[at])
            if words[at].clause != word.clause or words[at].forms & _NOT_TEMPERATURE:
                break
            if earlier is not None and not 34.0 <= earlier <= 43.0:
                break  # another number between: another measure; an earlier reading ("from 37 to 39") is passed
            if words[at].forms & _TEMPERATURE_WORDS:
                said = True
                break
        counted = bool(after & (_YEARS | _WEEKS | _DAYS | _WEIGHTS | _NOT_TEMPERATURE))
        aged = index > 0 and bool(words[index - 1].forms & _AGED)  # "I'm 39", "وعمري 39"
        if unit or (said and not counted and not aged):
            found.append(Occurrence("fever", index, index + unit))
    return found


def _number(word: Word) -> float | None:
    """A word's value if it is a number ("39", "38.5", "38,5")."""
    text = _said(word).translate(_DECIMAL_POINTS)
    if not text.replace(".", "", 1).isdigit():
        return None
    return float(text)


_TEMPERATURE_WORDS = _written("temperature", "temp", "thermometer", "fever", "حرارة", "حرارتي", "الحرارة", "درجة")
_AGED = frozenset(prefix + word for word in _AGE_WORDS for prefix in ("=", "~"))
_WEATHER = _written("outside", "weather", "forecast", "sun", "heatwave", "الجو", "الطقس", "برا", "برة")
# What a number after a word of temperature may count instead: "temp normal, heart rate 102"
_NOT_TEMPERATURE = _written(
    *("minutes", "mins", "min", "hours", "percent", "people", "times", "pulse", "rate", "bpm", "bp", "pressure"),
    *("weigh", "weight", "bmi", "out", "of", "over", "دقيقة", "نبض", "النبض", "وزني", "الضغط", "ضغط"),
)


def _opens_statement(words: Sequence[Word], at: int) -> bool:
    """Whether a word (the writer's "I" or "my", someone else's name) opens a new statement: it starts
    the text or its comma part, or only little words stand before it there ("no fever, also I can't
    pee", "no fever, both my legs ..."), or it follows "and", "but", "so", or carries a fused "و"
    ("وظهري": and my back; "ولي": and I have), or follows "and" fused to a word of what comes next
    ("وصار عندي": and then I got)."""
    if at == 0 or words[at - 1].forms & _JOINS or _fused_and(words[at]) or _and_then(words[at - 1]):
        return True
    start = at
    while start > 0 and words[start - 1].part == words[at].part:
        start -= 1
    return start > 0 and all(words[i].forms & _LEAD_INS for i in range(start, at))


# Words of a time long ago that describe a thing: they speak of what they stand by, not over "and".
_DESCRIBING = _written("chronic", "longstanding", "long", "standing", "مزمن", "مزمنة", "قديم", "قديمة")
# "and" fused to a word of what comes next ("وصار": and it became, "وبعدين": and then): the writer's
# "I" just after opens a new statement.
_AND_THEN = frozenset(
    "~و" + word
    for word in ("صار", "صارت", "صرت", "بدا", "بدات", "بدأ", "بدأت", "بعدين", "الحين", "هلق", "حاليا", "اليوم", "كمان")
)
# Words that may stand before the writer's "I" or "my" at the start of a statement: "also I", "both my legs".
_LEAD_INS = frozenset(["=both", "=plus", "=also", "=and", "=now", "=then", "=so", "=but", "=just", "=still", "=و"])


def _this_season(words: Sequence[Word], time: Occurrence) -> bool:
    """Whether a time long ago names this month ("in November" on 29 November): the vocabulary's
    months ("in january" ... "in december") are long ago, save the one we are in."""
    names = _MONTHS[date.today().month - 1]
    return any(words[at].forms & names for at in range(time.start, time.end + 1))


_MONTHS = tuple(
    _written(*names)
    for names in (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sept", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    )
)


def _recent(words: Sequence[Word], time: Occurrence, context: list[Occurrence]) -> bool:
    """Whether a time long ago that opens with "since" (or "من": from) dates a recent start: its comma
    part holds a recent day ("وقعت امس ومن ساعتها": I fell yesterday and since then) or, after
    "since", another past time ("since my operation 2 weeks ago")."""
    part = words[time.start].part
    if any(word.part == part and word.forms & _RECENT_DAYS for word in words[: time.start]):
        return True  # "وقعت امس ومن ساعتها"; not "weak since childhood and my back hurt yesterday"
    return bool(words[time.start].forms & _SINCE) and any(
        other.name == "past" and words[other.start].part == part and not _inside(other, time) for other in context
    )


def _changing_body(words: Sequence[Word], item: Occurrence) -> int | None:
    """Where a part of the body opens a statement as the subject of a change ("and both legs have gone
    numb"): its first word, or the lead-in just before it ("both"); None if it does not."""
    if item.name not in _BODY or not any(
        words[at].forms & _BECOMING for at in range(item.end + 1, min(item.end + 3, len(words)))
    ):
        return None
    start = item.start - 1 if item.start and words[item.start - 1].forms & _LEAD_INS else item.start
    return start if _opens_statement(words, start) else None


def _and_then(word: Word) -> bool:
    """Whether a word is "and" fused to a word of what comes next: "وصار" (and then it became)."""
    return bool(word.forms & _AND_THEN)


def _joined(word: Word) -> bool:
    """Whether a word opens a new item: "and", "but" or a fused Arabic "و"."""
    return bool(word.forms & _JOINS) or _fused_and(word)


def _fused_and(word: Word) -> bool:
    """Whether a word carries a fused Arabic "و" (and): "وظهري", "ولي"; not "و" and one letter."""
    return any(raw.startswith("و") and len(raw) > 2 for raw in _raw(word))


# Concepts of a thing done again and again: a span of years says how long it has gone on, not that
# it is over ("I've been injecting for three years"); "years ago" and "used to" still end it.
_HABITS = frozenset(["drug-injection"])
_UP_TO_NOW = _written("for", "since", "من", "منذ", "صار", "صارلي", "صرلي", "بقالي", "ليا")
_AGO = _written("ago", "back", "قبل", "used", "clean", "stopped", "quit")
# "chronic back pain with numbness in my groin": "chronic" is said of the back pain only (_apart).
_WITH = _written("with", "plus", "alongside", "مع", "ومع")
# Years counted to now: "after 4 years", "4 years later", "بعد ٤ سنين".
_AFTER = _written("after", "بعد", "وبعد")
_LATER = _written("later", "بعدها")
# A separate "and" or "but" after an old time ends it: "I had surgery 4 years ago and can't pee".
_AND_BUT = _written("and", "but", "بس", "لكن", "بعدين")
# Words after which a time before the comma no longer dates what is said: a new statement, or now.
_FRONT_ENDS = _written(
    *("plus", "also", "then", "yet", "now", "today", "still", "left", "which", "since"),
    *("هلق", "هلا", "الحين", "دلوقتي", "اليوم", "هسه", "توا", "دابا", "حاليا", "لسه", "لسا"),
)
# "I was aged" before a number: "لما كان عمري 19" (when I was 19), "يوم كنت بعمر 12".
_WAS_AGED = (["كان", "عمري"], ["كنت", "بعمر"], ["كنت", "عمري"])


def _long_ago(words: Sequence[Word]) -> list[Occurrence]:
    """Times that put what a clause says long ago: a past year ("in 2016"), "when I was 17" or "since I
    was 12" ("لما كان عمري 19"), and a span of years ("for about 5 years", "من 3 سنين")."""
    this_year = date.today().year
    found: list[Occurrence] = []
    for index, word in enumerate(words):
        raw = _said(word)
        if not raw.isdigit():
            continue
        before = [next(f for f in words[at].forms if f.startswith("="))[1:] for at in range(max(0, index - 3), index)]
        after = words[index + 1].forms if index + 1 < len(words) else frozenset()
        if (
            (len(raw) == 4 and 1900 <= int(raw) < this_year)
            or before[-3:] in (["when", "i", "was"], ["since", "i", "was"])
            or before[-2:] in _WAS_AGED
        ):
            found.append(Occurrence("long-ago", index, index))
        elif after & _YEARS - {"old", "yo"} and (
            set(before[-2:]) & _SPANS or (index + 2 < len(words) and "=of" in words[index + 2].forms)
        ):  # "for about 5 years", "10 years of it"
            found.append(Occurrence("long-ago", index, index + 1))
    return found


# -- context -------------------------------------------------------------------------------------


class _Context:
    """The concept occurrences of a text, each with what its context says of it."""

    def __init__(self, words: Sequence[Word], found: list[Occurrence], known: frozenset[str] = frozenset()) -> None:
        self.words = words
        context = [item for item in found if item.name in CONTEXTS or item.name == "future"]
        concepts = [item for item in found if item.name not in CONTEXTS and item.name != "future"]
        pseudo = [item for item in context if item.name == "pseudo-negation"]
        # A context word inside a longer harmless phrase is no context word: "the dog" in "walking the
        # dog", "my" in "my husband".
        context = [
            item
            for item in context
            if (
                # someone else's word that opens a concept's words is that concept: "مريض سرطان" (a
                # cancer patient); one a concept's gap holds ("both his legs") stays someone else's
                not any(_inside(item, other) for other in pseudo)
                and not any(other.start == item.start and other.end > item.end for other in concepts)
                # ... and one inside the writer's own introduction is the writer: "Dad of 3", "Mum here"
                and not any(other.name == "self" and _inside(item, other) and other.end > item.end for other in context)
                if item.name == "other-person"
                else item.name == "pseudo-negation"
                or not any(
                    _inside(item, other)
                    for other in (*pseudo, *context)
                    # the writer's "I" inside a harmless phrase ("when I get up") is still the writer
                    if other.name == "other-person" or (other.name == "pseudo-negation" and item.name != "self")
                )
            )
        ]
        # "since I had my operation 2 weeks ago": a time long ago that opens with "since" dates the start
        # of what is still so, and a recent time in its comma part says the start was recent.
        # So does a recent day: "وقعت امس ومن ساعتها" (I fell yesterday and since then).
        context = [
            item
            for item in context
            if not (
                item.name == "long-ago" and words[item.start].forms & (_SINCE | _FROM) and _recent(words, item, context)
            )
        ]
        # "in November" is long ago only when November is: in the month named, it is recent.
        context = [item for item in context if not (item.name == "long-ago" and _this_season(words, item))]
        # "has gone" that runs into a verb of becoming or a sign's own words ("has gone floppy", "has
        # gone to sleep") becomes; it ends nothing.
        context = [
            item
            for item in context
            if item.name != "past"
            or not any(
                other.start <= item.end and item.start <= other.end and other.end > item.end
                for other in (*pseudo, *concepts)
            )
        ]
        # A time or supposition that ends a longer concept's own words is part of what it says: "has gone"
        # in "control has gone" is no past. One that opens them still dates it: "used to inject".
        context = [
            item
            for item in context
            if item.name not in ("past", "long-ago", "hypothetical")
            or not any(_inside(item, other) and other.start < item.start for other in concepts)
        ]
        # Someone else's body ("ظهره", "رجليها": his back, her legs) speaks of them as "his" does.
        context += [
            Occurrence("other-person", item.start, item.start)
            for item in concepts
            if item.name in _BODY and _theirs(words[item.start], known)
        ]
        # "me and my husband", "انا وزوجي": the writer is one of them, so the words are the writer's.
        # Gulf "ابي اروح" is "I want to go", not "my father".
        selves = [item for item in context if item.name == "self"]
        joined = [
            item
            for item in context
            if item.name == "other-person"
            and (any(_coordinated(words, item, other) for other in selves) or _wants(words, item))
        ]
        context = [
            item
            for item in context
            if item.name != "other-person" or not any(item == other or _inside(item, other) for other in joined)
        ]
        # "my legs are weird and they've gone numb": "they" after the writer's own legs, with nobody
        # else between, is those legs.
        legs = [
            item.start
            for item in concepts
            if item.name == "leg"
            and any(other.name == "self" and item.start - 2 <= other.end < item.start for other in context)
        ]
        context = [
            item
            for item in context
            if not (
                item.name == "other-person"
                and words[item.start].forms & _THEY
                and any(
                    at < item.start
                    and words[at].clause == words[item.start].clause
                    and not any(other.name == "other-person" and at < other.start < item.start for other in context)
                    for at in legs
                )
            )
        ]
        # A past time that is denied ("ما كان عندي قبل": I did not have it before; "wasn't there
        # previously"; "ما راحت": it has not gone) says that what it speaks of is new or still so.
        context = [
            item
            for item in context
            if item.name != "past"
            or not any(
                other.name == "negation" and other.start < item.start <= other.end + 1 and other.end < item.end
                for other in context
            )
        ]
        negations = [item for item in context if item.name == "negation"]
        # A concept whose own words hold a negator ("مش حاسس": can't feel) and that comes just before
        # another of its kind ("مش حاسس بأي تنميل": I don't feel any tingling) is that negator, not the concept.
        concepts = [
            item
            for item in concepts
            if not (
                _holds_negator(item, negations)
                and any(
                    other.name == item.name
                    and 0 < other.start - item.end <= 3
                    and words[other.start].part == words[item.end].part
                    for other in concepts
                )
            )
        ]
        # A concept's words inside a longer negator are that negator: "ما حسيت" (I did not feel) in
        # "ما حسيت بأي نبض" (I did not feel any pulsing).
        phrases = [other for other in context if other.name == "negation" and other.end > other.start]
        concepts = [
            item
            for item in concepts
            if not any(_inside(item, other) and other.end - other.start > item.end - item.start for other in phrases)
        ]
        # A negator inside a concept's own words ("no feeling", "ما اقدر") or a pseudo-negation denies nothing.
        negators = [
            item
            for item in context
            if item.name in ("negation", "after-negation")
            and not any(_inside(item, other) for other in (*concepts, *pseudo))
        ]
        # "no I can't pee since yesterday", "No, I can't...": a bare "no" just before the writer's "I"
        # answers something unsaid; it denies nothing of what follows.
        selves_at = {item.start for item in context if item.name == "self"}
        negators = [
            item
            for item in negators
            if not (
                item.name == "negation"
                and item.start == item.end
                and words[item.start].forms & _BARE_NO
                and item.end + 1 in selves_at
            )
        ]
        # "ما اقدر ابول زين" (I can't pee well): after a denial or an "unable", a word of "fine" is how
        # the thing is not done, not a denial of it.
        denials = [item for item in (*context, *concepts) if item.name in ("negation", "unable")]
        negators = [
            item
            for item in negators
            if item.name != "after-negation"
            or not any(
                0 < item.start - other.end <= AFTER_NEGATION_REACH and words[other.end].part == words[item.start].part
                for other in denials
            )
        ]
        # An after-negation word with a sign's word just after it is a verb of becoming, no denial:
        # "it's gone half numb". Not when a new item follows it: "عادي والإحساس" (normal, and the feeling).
        negators = [
            item
            for item in negators
            if item.name != "after-negation"
            or item.end + 1 >= len(words)
            or _joined(words[item.end + 1])
            or not any(
                0 < other.start - item.end <= LINKED_REACH and words[other.start].part == words[item.start].part
                for other in concepts
            )
        ]
        # "any loss of bladder control - no", "والسخانة ما عنديش": a denial that ends its clause or part,
        # after what it answers, is said of that, as "fine" is.
        negators = [item._replace(name="after-negation") if _answers_before(words, item) else item for item in negators]
        # Scope ends ("but", "then") split a sentence into clauses, the scope of context words; the
        # concepts of one sign may stand anywhere in one sentence (``self.sentence``).
        self.sentence = [word.clause for word in words]
        # Negation reaches over content words: "no problems with my bladder or bowels" denies both.
        self.content = list(accumulate(not (word.forms & STOPWORDS) for word in words))
        # How many separate "and"s and "but"s stand before each word: an old time stops at one (_marks).
        self.and_buts = list(accumulate((bool(word.forms & _AND_BUT) for word in words), initial=0))
        ends = sorted({item.start for item in context if item.name == "scope-end"})
        self.clause = [
            word.clause * 10_000 + sum(1 for end in ends if end <= index) for index, word in enumerate(words)
        ]
        # The writer's own body ("رجليا", "ظهري": my legs, my back) speaks of the writer as "my" does.
        self.selves = sorted(
            {item.start for item in context if item.name == "self"}
            | {item.start for item in concepts if item.name in _BODY and _mine(words[item.start])}
        )
        # The writer speaking of themself again ends a denial only as a new statement, after "and",
        # "but", "so" or a comma: "no fever and I can't pee", not "doesn't hurt when I cough".
        self.restarts = [at for at in self.selves if _opens_statement(words, at)]
        # ... and so does a part of the body as the subject of a change: "sciatica for many years and
        # both legs have gone numb".
        self.restarts += [start for item in concepts if (start := _changing_body(words, item)) is not None]
        # A verb done to the writer ("سحبني": it pulled me) ends someone else's words as "me" does
        # ("the dog pulled me and I fell"), but opens no new statement of its own.
        self.selves = sorted({*self.selves, *(index for index, word in enumerate(words) if _done_to_me(word))})
        # Someone else becoming the subject of a new statement ends a denial of the writer's too: "no
        # fever, my husband can't pee" denies nothing of the husband's.
        self.turns = [
            item.start for item in context if item.name == "other-person" and _opens_statement(words, item.start)
        ]
        # The comma parts that tie what they say to now (``_ANCHOR``): "since this morning", "still";
        # not a time just after a word of ending, which says since when a sign is gone ("resolved
        # since yesterday").
        ended = {item.end for item in context if item.name == "past"}
        self.anchored = {
            words[item.start].part
            for item in concepts
            if item.name == _ANCHOR and not ended & {item.start - 1, item.start - 2}
        }
        self.denying = {
            words[item.start].part for item in (*negators, *concepts) if item.name == "negation" or item.statement
        }
        self.listed: dict[str, set[int]] = {}
        for item in concepts:
            self.listed.setdefault(item.name, set()).update(range(item.start, item.end + 1))
        self.endings = self._endings(context)
        # whether each denial may reach over a comma: it heads a list there, or its object is to come
        self.reaching = {negator: self._heads(negator) or self._open(negator) for negator in negators}
        # an answer may be "no, normal": its word of "fine" counts though no sign stands before it
        denied = _answered_no(words, [*negators, *(item for item in context if item.name == "after-negation")])
        general = _general_questions(words, self.selves)
        self.concepts: dict[str, list[tuple[Occurrence, frozenset[str]]]] = {}
        for item in concepts:
            marks = self._marks(item, negators, context)
            if words[item.start].clause in denied:
                marks |= {"negated"}
            if words[item.start].clause in general and words[item.start].part not in self.anchored:
                marks |= {"hypothetical"}  # "Could barely pee since last night" is no question
            if item.name == "fever" and _normal_reading(words, item):
                marks |= {"negated"}
            self.concepts.setdefault(item.name, []).append((item, marks))

    def _framed(self, negator: Occurrence, item: Occurrence) -> bool:
        """Whether a denial and a concept stand on the same side of every colon, or the denial is the
        heading a colon introduces ("None: fever, chills"): a denial in a frame ("what I haven't told
        my GP:") does not reach what the colon introduces."""
        words = self.words
        if words[negator.end].framed == words[item.start].framed:
            return True
        after = words[negator.end + 1]  # the first word after the colon: the frame's count only rises
        return after.framed == words[item.start].framed and after.clause == words[negator.end].clause

    def _heads(self, negator: Occurrence) -> bool:
        """Whether a denial's own comma part names a concept after it, the first of what it denies."""
        words, part = self.words, self.words[negator.end].part
        return any(
            negator.end < at < len(words) and words[at].part == part for places in self.listed.values() for at in places
        )

    def _open(self, negator: Occurrence) -> bool:
        """Whether a denial's object is still to come after its comma part: nothing but little words
        or a pointer follows it there ("I haven't, touch wood, lost control of my bladder", "none of
        the following, numbness ..."). Not a bare "no", which answers ("no, both legs went numb"),
        nor a denied "is" ("a cushion that isn't there, numb bum")."""
        words, part = self.words, self.words[negator.end].part
        if words[negator.start].forms & _BARE_NO or (negator.start and words[negator.start - 1].forms & _COPULAS):
            return False
        return all(
            words[at].forms & (STOPWORDS | _POINTERS)
            for at in range(negator.end + 1, len(words))
            if words[at].part == part
        )

    def _crossed(self, item: Occurrence, start: int) -> bool:
        """Whether "and" and another concept stand between a concept and a place: "legs numb and
        bladder fine" says nothing fine of the legs."""
        words = self.words
        between = range(item.end + 1, start)
        return any(_joined(words[at]) for at in between) and any(
            at in places for name, places in self.listed.items() if name != item.name for at in between
        )

    def _listed(self, item: Occurrence, start: int) -> bool:
        """Whether a concept is one of a list of the same concept, joined by "and", "or" or nothing, that
        a denial after it speaks of: "coughing and sneezing don't make it worse" denies both, while "legs
        numb and bladder fine" denies only the bladder."""
        words, same = self.words, self.listed[item.name]
        if not (item.end < start and words[start].part == words[item.end].part):
            return False
        if not all(at in same or words[at].forms & STOPWORDS for at in range(item.end + 1, start)):
            return False
        # another of the list: after it before the denial, or just before it, joined by "and" or "or" at most
        before = item.start - 1
        while before >= 0 and before not in same and words[before].forms & _LIST_JOINS:
            before -= 1
        return any(at in same for at in range(item.end + 1, start)) or (
            before >= 0 and before in same and words[before].part == words[item.start].part
        )

    def _marks(self, item: Occurrence, negators: list[Occurrence], context: list[Occurrence]) -> frozenset[str]:
        clause = self.clause[item.start]
        marks: set[str] = set()
        for negator in negators:
            if self.clause[negator.start] != clause:
                continue
            reach = self.content[item.start] - self.content[negator.end]
            denies = (
                negator.name == "negation"
                and item.start > negator.end
                and reach <= NEGATION_REACH
                and self._framed(negator, item)
            )
            # A sign said as a thing and its negated verb ("الشي ما يقوم": it does not rise) is a
            # statement of its own: a denial in an earlier comma-separated part does not reach it
            # ("ما عاد فيني حيل، الشي ما يقوم"). One that opens with its negator ("no pee") is
            # one more item of a list of denials ("no numbness, no pee problems").
            if denies and item.statement and self.words[negator.end].part != self.words[item.start].part:
                denies = False
            # A denial reaches over a comma only as a list it has begun in its own part ("no numbness,
            # tingling or weakness"); one whose part names nothing it denies has said all it denies:
            # "a cushion that isn't there, numb bum", "no, both legs went numb".
            if denies and self.words[negator.end].part != self.words[item.start].part and not self.reaching[negator]:
                denies = False
            # ... nor into a part that holds a denial of its own, a statement of its own: "ما في حرارة،
            # الشي ما يقوم من يوم ظهري تعبني" (no fever, the thing won't rise since my back hurt)
            if (
                denies
                and self.words[negator.end].part != self.words[item.start].part
                and self.words[item.start].part in self.denying
            ):
                denies = False
            if denies and not any(negator.end < at <= item.start for at in (*self.restarts, *self.turns)):
                marks.add("negated")
            if negator.name == "after-negation" and (
                (
                    0 < negator.start - item.end <= AFTER_NEGATION_REACH
                    # "both legs numb, bladder fine": a word of "fine" speaks of its own comma part only
                    and self.words[negator.start].part == self.words[item.end].part
                    and not self._crossed(item, negator.start)
                )
                or self._listed(item, negator.start)
            ):
                marks.add("negated")
        for other in context:
            if other.name in ("negation", "after-negation", "scope-end"):
                continue
            if other.name == "past" and self._ends(item, other):
                marks.add("past")
                continue
            # Someone else stays the subject over "but" and "now" ("she's now incontinent"), to the
            # end of the sentence; every other context word reaches to the end of its clause.
            person = other.name in ("other-person", "animal")
            if self.clause[other.start] != clause and not (
                person and self.sentence[other.start] == self.sentence[item.start]
            ):
                continue
            if (
                other.name in ("long-ago", "past", "future")
                and self.words[other.start].part != self.words[item.start].part
                and not self._fronted(other, item.start)
            ):
                continue
            if other.name == "past" and self._onset(item, other):
                continue  # "numbness started a week ago" dates the start of a sign, not its end
            if other.name == "long-ago" and self._describes(other) and self._apart(item, other):
                continue  # "chronic back pain and can't pee": "chronic" is said of the back pain only
            if other.name == "long-ago" and self._later(other):
                continue  # "بعد ٤ سنين من العملية ما بقدر اتبول" (4 years after the operation I can't pee)
            if other.name == "long-ago" and item.name in _HABITS and self._ongoing(other):
                continue  # "بضرب حقن من سنتين" (I've injected for two years): still doing it
            # A question or supposition covers what follows it ("what if I can't pee"), never a sign
            # already stated before it ("I can't pee, what if it is serious").
            # ... until the writer makes a statement of their own: "I'm a nursing student and I can't pee".
            # A sign tied to now in its own comma part ("since this morning", "still", "من امس") is
            # the writer's and current, whatever question or old time comes before it: "is it an
            # emergency that I can't pee since this morning?", "chronic back pain and can't pee
            # since this morning".
            if other.name in ("hypothetical", "long-ago", "past") and self.words[item.start].part in self.anchored:
                continue
            if (
                (
                    other.name == "hypothetical"
                    and other.start <= item.start
                    and not any(other.end < at < item.start for at in self.restarts)
                )
                # an old time stops where the writer speaks again: "back pain for 10 years and I
                # lost control of my bladder"
                or (
                    other.name in ("long-ago", "past")
                    and not any(
                        min(item.end, other.end) < at <= max(item.start, other.start)
                        and not other.start <= at <= other.end  # "من وانا صغير": the time's own "I"
                        and not self._fronted(other, at)
                        for at in self.restarts
                    )
                    # ... and at "and" after it, with or without a subject: "I had surgery 4 years ago
                    # and can't pee"
                    # (a separate "and" or "but": Arabic tells a past story with a fused "و" on each
                    # event, "وقعت من الدرج وانكسرت فقرة وتعالجت")
                    and not (other.end < item.start and self.and_buts[item.start + 1] > self.and_buts[other.end + 1])
                )
                # a time to come stops where the writer speaks again: "I had cancer and I'm seeing the
                # oncologist tomorrow about my weak legs" keeps the cancer
                or (
                    other.name == "future"
                    and not any(min(item.end, other.end) < at <= max(item.start, other.start) for at in self.restarts)
                )
                or (
                    other.name in ("other-person", "animal")
                    and other.end < item.start
                    # Someone else's words last until the writer speaks of themself again.
                    and not any(other.end < at <= item.start for at in self.selves)
                )
            ):
                marks.add(other.name)
        return frozenset(marks)

    def _fronted(self, time: Occurrence, at: int) -> bool:
        """Whether a time stands alone in the comma part just before the one of ``at``, in its sentence,
        and so dates what is said there: "Years ago, in 2011, I had night sweats"."""
        words = self.words
        part = words[time.end].part
        if not (time.end < at and words[at].part == part + 1 and self.sentence[at] == self.sentence[time.end]):
            return False
        # only the first words of that part: not past an "and I have" in it ("Years ago, I had back
        # surgery and I have numbness in my groin")
        if any(_joined(words[index]) or words[index].forms & _FRONT_ENDS for index in self._part(at) if index <= at):
            return False
        return all(time.start <= index <= time.end or words[index].forms & STOPWORDS for index in self._part(time.end))

    def _part(self, at: int) -> range:
        """The indexes of the comma part that word ``at`` stands in (a part's words are consecutive)."""
        words, part = self.words, self.words[at].part
        start, end = at, at
        while start > 0 and words[start - 1].part == part:
            start -= 1
        while end + 1 < len(words) and words[end + 1].part == part:
            end += 1
        return range(start, end + 1)

    def _ends(self, item: Occurrence, ending: Occurrence) -> bool:
        """Whether a word of ending (``self.endings``), outside the sign's own comma part, still ends
        it: it names the sign's concept later in the sentence, and no other place ("ايدي منملة لاني
        نمت عليها، راح التنميل": my hand was numb, the numbness went; not "numb bum, but the arm
        numbness went away"), or it opens the next sentence with "it" ("... pins and needles where
        you sit. It went as soon as I stood up"). Never a sign tied to now ("since this morning")."""
        if ending not in self.endings or ending.start <= item.end or self.words[item.start].part in self.anchored:
            return False
        words, (sentence, part, first, placed) = self.words, self.endings[ending]
        if sentence == self.sentence[item.start]:
            return (
                not placed
                and words[item.start].part != part
                and any(
                    words[at].part == part and abs(at - ending.start) <= LINKED_REACH
                    for at in self.listed.get(item.name, ())
                    if at > item.end
                )
            )
        return sentence == self.sentence[item.start] + 1 and first

    def _endings(self, context: list[Occurrence]) -> dict[Occurrence, tuple[int, int, bool, bool]]:
        """The past words that end what was said before them (``_ends``), each with its sentence, its
        comma part, whether it opens its sentence with "it" and that sentence speaks of nothing else
        that may "go" (the back, a lift, a fall), and whether its part names a place of the body (then
        it ends what it names there only). A verb of ending that goes on ("has gone on
        since yesterday", "went into my privates", "went away but came back") ends nothing."""
        words, found = self.words, {}
        for item in context:
            if item.name != "past" or not any(words[at].forms & _ENDED for at in range(item.start, item.end + 1)):
                continue  # a time ("it was fine last week") dates; only a verb of ending ends
            sentence = self.sentence[item.start]
            span = [at for at, word in enumerate(words) if self.sentence[at] == sentence]
            after = [at for at in span if at > item.end]
            if (after and words[after[0]].forms & _GOES_ON) or any(words[at].forms & _AGAIN for at in span):
                continue
            first = span[0] == item.start - 1 and bool(words[span[0]].forms & _IT)
            first = first and not any(
                at in places for name in _MAY_GO for places in (self.listed.get(name, ()),) for at in span
            )
            part = words[item.start].part
            placed = any(words[at].part == part for name in _PLACED for at in self.listed.get(name, ()))
            found[item] = (sentence, part, first, placed)
        return found

    def _later(self, time: Occurrence) -> bool:
        """Whether a span of years is counted to now from something: "after 4 years", "4 years later",
        "بعد ٤ سنين". What is said with it is now, not long ago."""
        words = self.words
        at = time.start - 1
        if at >= 0 and _count(words[at]) is not None:
            at -= 1  # "after 4 years", "بعد ٤ سنين": the count stands between
        return (at >= 0 and bool(words[at].forms & _AFTER) and words[at].part == words[time.start].part) or (
            time.end + 1 < len(words)
            and words[time.end + 1].part == words[time.end].part
            and bool(words[time.end + 1].forms & _LATER)
        )

    def _ongoing(self, time: Occurrence) -> bool:
        """Whether a time long ago is a span up to now ("for about three years", "من سنتين"), not a
        point in the past ("three years ago", "in 2016", "قبل سنتين")."""
        words = self.words
        span = range(max(0, time.start - 2), time.end + 1)
        return any(words[at].forms & _UP_TO_NOW for at in span) and not any(words[at].forms & _AGO for at in span)

    def _describes(self, time: Occurrence) -> bool:
        """Whether a time long ago is a word that describes a thing ("chronic", "مزمن"), not a time."""
        return all(self.words[at].forms & _DESCRIBING for at in range(time.start, time.end + 1))

    def _apart(self, item: Occurrence, other: Occurrence) -> bool:
        """Whether "and", "but", "with" or a fused "و" stands between two occurrences, or opens the later
        one: "chronic back pain with numbness in my groin" says "chronic" of the back pain only."""
        low, high = sorted((item, other), key=lambda occurrence: occurrence.start)
        return any(_joined(self.words[at]) or self.words[at].forms & _WITH for at in range(low.end + 1, high.start + 1))

    def _onset(self, item: Occurrence, time: Occurrence) -> bool:
        """True if a word of starting ("started", "noticed", "بدأ") stands between a sign and a time, or
        "since" stands before the time in its part: "since my disc went a week ago I can't ..." dates
        the start of what is still so."""
        low, high = sorted((item.end, time.start))
        if any(self.words[index].forms & _ONSET for index in range(low + 1, high)):
            return True
        if time.start and self.words[time.start - 1].forms & _FROM:
            return True  # "ومن ساعتها" (and from that time on)
        part = self.words[time.start].part
        at = time.start - 1
        while at >= 0 and self.words[at].part == part:
            if self.words[at].forms & _SINCE:
                return True
            at -= 1
        return False

    def valid(
        self, concept: str, timing: str, *, dated: bool = True, allow: str | None = None, need: bool = False
    ) -> list[Occurrence]:
        """The occurrences of ``concept`` that count for a sign of this timing; if not ``dated``, a
        recent past ("a week ago") does not take them away, only a time long ago. Someone else's
        words and a supposition bar an occurrence unless ``allow`` names that mark; with ``need``, an
        occurrence must carry it.
        """
        barred = {"negated", "hypothetical", "animal", "other-person"}
        if timing == "current" and dated:
            barred |= {"long-ago", "past"}
        elif timing != "ever":
            barred.add("long-ago")
        # A time to come ("starting steroids next week") puts off a circumstance, not a symptom: "I
        # see the GP tomorrow because I can't pee" is a sign now.
        if timing != "current":
            barred.add("future")
        barred.discard(allow or "")
        if allow == "other-person":  # "is it serious that my husband can't pee?": his, asked about
            barred.discard("hypothetical")
        return [
            item
            for item, marks in self.concepts.get(concept, ())
            if not marks & barred and (not need or (allow or "") in marks)
        ]


def _answers_before(words: Sequence[Word], item: Occurrence) -> bool:
    """Whether a denial speaks of what stands before it: a bare "no" that ends its comma part with
    words before it there ("bladder control - no;", "Problems peeing - no, normal"), or an Arabic
    denial that ends its part after the thing it denies ("والسخانة ما عنديش": and the fever, I don't
    have it)."""
    at, end = item.start, item.end
    if item.name != "negation" or at == 0:
        return False
    if bool(words[at].forms & _BARE_NO) and at == end:
        return words[at - 1].part == words[at].part and (end + 1 == len(words) or words[end + 1].part != words[at].part)
    arabic = all(not raw.isascii() for index in range(at, end + 1) for raw in _raw(words[index]))
    start = at
    while start > 0 and words[start - 1].part == words[at].part:
        start -= 1
    return (
        arabic
        and start < at
        and (end + 1 == len(words) or words[end + 1].part != words[at].part)
        # a denial of control, feeling or ability is the sign itself: "التحكم في البول ما عنديش"
        and not any(words[index].forms & _CONTROL for index in range(start, at))
    )


def _answered_no(words: Sequence[Word], negators: list[Occurrence]) -> set[int]:
    """Questions answered no, as in a form or an interview ("Fall? No.", "ضعف انتصاب؟ لا الحمد لله ما
    عندي، سؤالي عن ..."): the clauses they deny. The answer is the first comma part of the next clause."""
    by_clause: dict[int, list[int]] = {}
    for index, word in enumerate(words):
        if not by_clause.get(word.clause) or words[by_clause[word.clause][0]].part == word.part:
            by_clause.setdefault(word.clause, []).append(index)
    covered = {
        index
        for item in negators
        if item.name in ("negation", "after-negation")  # "No.", "قلتله لأ" (I told him no)
        for index in range(item.start, item.end + 1)
    }
    covered |= {index for index, word in enumerate(words) if word.forms & _ANSWER_FILLERS}  # "لأ خالص": no, at all
    return {
        clause - 1
        for clause, indexes in by_clause.items()
        if set(indexes) <= covered
        and any(item.start == _first_said(words, indexes) for item in negators)
        and by_clause.get(clause - 1)
        and (
            words[by_clause[clause - 1][0]].asked
            or any(word.forms & _REPORTED for word in words if word.clause == clause - 1)
        )
    }


def _first_said(words: Sequence[Word], indexes: list[int]) -> int:
    """The first word of an answer that is not a filler ("انا معنديش كده": "معنديش")."""
    return next((at for at in indexes if not words[at].forms & _ANSWER_FILLERS), indexes[0])


# Words that tell of questions asked ("the GP asked all the questions: ..."): answered like a "?".
_REPORTED = _written("asked", "asking", "questions", "سألني", "سألتني", "سألوني", "سالني")


def _general_questions(words: Sequence[Word], selves: Sequence[int]) -> set[int]:
    """Sentences that ask about a sign in general: they open with a question word ("does", "is",
    "why", "هل", "شو") and never speak of the writer ("does losing weight plus back pain mean
    something serious", "هل نقص الوزن مع آلام الظهر علامة على السرطان"). What they name is asked
    about, not had."""
    first: dict[int, int] = {}
    for index, word in enumerate(words):
        if word.clause not in first and not word.forms & _JOINS:
            first[word.clause] = index
    mine = {words[at].clause for at in selves}
    # "didn't get the urge" opens with "did" and says "I didn't": a statement, not a question
    return {
        clause
        for clause, at in first.items()
        if clause not in mine
        and _raw(words[at]) & _ASKING
        and not (at + 1 < len(words) and words[at + 1].forms & {"=not", "=unable"})
    }


def _coordinated(words: Sequence[Word], item: Occurrence, self_word: Occurrence) -> bool:
    """True if a self word and someone else's stand joined by "and" ("me and my wife", "انا وزوجي")."""
    low, high = sorted((item, self_word), key=lambda occurrence: occurrence.start)
    between = range(low.end + 1, high.start)
    if len(between) > 1:
        return False
    if not between:  # "وزوجي": the "و" is fused to the second word
        return any(raw.startswith("و") for raw in _raw(words[high.start]))
    return bool(words[between[0]].forms & _AND)


def _wants(words: Sequence[Word], item: Occurrence) -> bool:
    """Gulf "ابي" before a verb of the first person ("ابي اروح": I want to go) is "I want"."""
    if item.start != item.end or _raw(words[item.start]) != {_AR_WANT} or item.end + 1 >= len(words):
        return False
    return any(raw.startswith("ا") and len(raw) >= 3 for raw in _raw(words[item.end + 1]))


def _raw(word: Word) -> set[str]:
    """The word as written (folded)."""
    return {form[1:] for form in word.forms if form.startswith("=")}


def _mine(word: Word) -> bool:
    """An Arabic word with the ending of "my" ("رجليا", "ظهري"); a word with the article cannot
    have it ("الغضروفي": the disc's)."""
    return any(
        not raw.isascii() and len(raw) >= 4 and raw.endswith(_AR_MY) and not raw.startswith(_AR_ARTICLE)
        for raw in _raw(word)
    )


_AR_ME = "ني"
# A word long enough that ends as "me" does but is no verb done to the writer ("بيعني": it means).
_AR_NOT_ME = frozenset(["بيعني"])


def _done_to_me(word: Word) -> bool:
    """An Arabic verb with the ending of "me" ("سحبني": it pulled me; "وجعني": it hurt me): the writer
    is in the statement, as "me" is in "the dog pulled me and I fell"."""
    return any(
        not raw.isascii()
        and len(raw) >= 5
        and raw.endswith(_AR_ME)
        and not raw.endswith("اني")  # "يعاني" (he suffers), "ثاني" (second)
        and raw not in _AR_NOT_ME
        and not raw.startswith(_AR_ARTICLE)
        for raw in _raw(word)
    )


def _theirs(word: Word, known: frozenset[str]) -> bool:
    """An Arabic word with the ending of "his", "her" or "their" ("ظهره", "رجليها"), unless the
    vocabulary has it whole ("مقعدة", folded to "مقعده", is "seat") or it has the article
    ("الضهرية": noon)."""
    return any(
        not raw.isascii()
        and len(raw) >= 4
        and raw.endswith(_AR_THEIR)
        # Iraqi "ايديه", "رجلية" are "my two hands", "my legs": a dual's "يه" may be the writer's
        and not raw.endswith("يه")
        and raw not in known
        and not raw.startswith(_AR_ARTICLE)
        for raw in _raw(word)
    )


def _holds_negator(item: Occurrence, context: list[Occurrence]) -> bool:
    return any(negator.name == "negation" and _inside(negator, item) for negator in context)


def _inside(item: Occurrence, other: Occurrence) -> bool:
    return other.start <= item.start and item.end <= other.end and other != item


def _pattern_holds(pattern: SignPattern, flag: RedFlag, context: _Context, allow: str | None = None) -> tuple[str, ...]:
    """The concepts that make the pattern true in ``context``, or () where it does not hold. With
    ``allow`` ("other-person", "hypothetical"), the sign itself must be said with that mark and its
    circumstances may be."""

    def valid(concept: str) -> list[Occurrence]:
        return context.valid(concept, flag.timing, allow=allow, need=allow is not None)

    # A ``with`` concept is a circumstance (having had cancer, smoking, being pregnant): when it
    # happened does not matter, only that it is the writer's and is not denied or supposed.
    if not all(context.valid(concept, "ever", allow=allow) for concept in pattern.with_):
        return ()
    first, *rest = pattern.all
    # The first concept is the sign itself ("numb", "can't"), and its time is the sign's; the others
    # only place it ("numbness started in my toe a week ago and now it's in my calf"), so a recent
    # time does not take them away. Long ago ("both legs for years"), a denial, a supposition or
    # someone else still does.
    others = [context.valid(concept, flag.timing, dated=False, allow=allow) for concept in rest]
    blockers = [item for concept in pattern.unless for item in context.valid(concept, "ever", allow=allow)]
    for anchor in valid(first):
        # "a 6 week course of steroids in 2016 ... just thought I'd mention the steroids": a later
        # mention of the same thing is what the first one said it was.
        said = {
            context.sentence[item.start] for item, _ in context.concepts.get(first, ()) if item.start <= anchor.start
        }
        if any(context.sentence[item.start] in said for item in blockers):
            continue
        sentence = context.sentence[anchor.start]
        if all(
            any(
                context.sentence[item.start] == sentence
                and abs(context.content[item.start] - context.content[anchor.start]) <= PATTERN_SPAN
                for item in items
            )
            for items in others
        ):
            return (*pattern.all, *pattern.with_)
    return ()
