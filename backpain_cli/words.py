"""Normal forms of English and Arabic words, shared by search and warning-sign detection.

Case, diacritics, Arabic letter forms, Eastern digits, contractions, spelling variants and a light
stemmer: one place, so that the index, a query and the warning-sign vocabulary meet on the same forms.
"""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_MARKS = re.compile("[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_NON_WORD = re.compile(r"[\W_]+")
# English contractions, so that "won't" and "I'm" leave no stray "won", "t" or "m" behind.
_CONTRACTION = re.compile(r"(?:n't|'(?:s|m|re|ll|ve|d))\b")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_EASTERN_DIGIT = re.compile("[٠-٩۰-۹]")
# Arabic letter forms folded to one: taa marbuta, alef maqsura, alef wasla, Persian kaf and yeh.
# Gulf and Iraqi writers spell the spoken g and ch with Persian letters: "گاعد" is "قاعد", "چان" is "كان".
_LETTERS = (("ة", "ه"), ("ى", "ي"), ("ٱ", "ا"), ("ک", "ك"), ("ی", "ي"), ("گ", "ق"), ("چ", "ك"))

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
    "backache": "back pain",
    "backpain": "back pain",
    "metastase": "metastasis",  # "metastases" once the stemmer has taken its "s"
    # Not being able to is what matters in "can't pee" or "cannot walk": kept as one word.
    "cant": "unable",
    "cannot": "unable",
    "fell": "fall",
    "pee": "urinate",
    "urine": "urinate",
    "urination": "urinate",
    "urinat": "urinate",  # "urinating" once the stemmer has taken its "ing"
    "peeing": "urinate",
    "wee": "urinate",
    "poo": "bowel",
    "pooing": "bowel",
    "pooed": "bowel",
    "poop": "bowel",
    "pooped": "bowel",
    "pooping": "bowel",
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
    also am anyone again because each even every here know make makes much more most neither
    never no nor not now often only other others own same seem should still too us want wants
    whether rather yes yet ever unspecified elsewhere classified today tomorrow yesterday
    feel feels feeling felt few rid lately anybody someone everyone lot lots bit quite
    اليوم غدا امس
    ما ماذا هي هو هل في من على عن الى إلى مع او أو و ثم لدي عندي انا أنا اسباب أسباب سبب اعراض أعراض
    علامات مرض امراض أمراض حاله حالة متلازمه متلازمة كيف لماذا متى هذا هذه ذلك التي الذي
    """
# Arabic clitics: the article and the particles that fuse with it.
_AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
# One-letter particles (and, so, with, for, like) that fuse to a word without the article.
AR_PARTICLES = frozenset("وفبلك")


def normalise(text: str) -> str:
    """One form for query and index: case, marks, Arabic letter forms, spelling variants, filler words."""
    return " ".join(tokenise(text))


def tokenise(text: str) -> list[str]:
    """The meaningful words of ``text``, each in its normal form."""
    return [word for raw in raw_words(text) for word in normal_word(raw)]


def raw_words(text: str) -> list[str]:
    return _NON_WORD.sub(" ", fold(text)).split()


# ASCII bytes that are not letters or digits (what _NON_WORD matches in ASCII), as spaces; line breaks kept.
_ASCII_WORDS = bytes(byte if chr(byte).isalnum() or byte == 10 else 32 for byte in range(128)) + bytes(128)


def raw_words_many(texts: list[str]) -> list[list[str]]:
    """``raw_words`` of each text, folded all at once: one call for a cause's fifty texts, not fifty.

    Python's re costs about 70 ns a character on non-ASCII text, more than all the rest of the work:
    ASCII lines are split by a byte table, and other lines' words are split on spaces and only those
    that hold more than letters and digits go through the regular expression.
    """
    folded = fold("\n".join(texts))
    if not texts or folded.count("\n") != len(texts) - 1:  # a text with a line break of its own
        return [raw_words(text) for text in texts]
    if folded.isascii():
        return [line.split() for line in folded.encode().translate(_ASCII_WORDS).decode().split("\n")]
    return [_split_line(line) for line in folded.split("\n")]


def _split_line(line: str) -> list[str]:
    if line.isascii():
        return line.encode().translate(_ASCII_WORDS).decode().split()
    return [word for each in line.split() for word in ((each,) if each.isalnum() else raw_words_in(each))]


def raw_words_in(folded: str) -> list[str]:
    return _NON_WORD.sub(" ", folded).split()


def tokenise_many(texts: list[str]) -> list[list[str]]:
    """``tokenise`` of each text, folded all at once."""
    return [[word for raw in raws for word in normal_word(raw)] for raws in raw_words_many(texts)]


def fold(text: str) -> str:
    """``text`` with case, marks, Arabic letter forms, Eastern digits and contractions folded."""
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
        for old, new in _LETTERS:
            text = text.replace(old, new)
        if _EASTERN_DIGIT.search(text):
            text = text.translate(_DIGITS)
    text = text.casefold()
    if "'" in text or "’" in text:
        text = text.replace("’", "'").replace("won't", "will").replace("can't", "unable")
        text = _CONTRACTION.sub(" ", text)
    return text


@lru_cache(maxsize=1 << 16)
def normal_word(raw: str) -> tuple[str, ...]:
    """One raw word's normal forms, filler words dropped; memoised, as words repeat endlessly.

    A vertebral level ("L4", "t12", "l5s1") stands for the region of the spine it names ("a bulging
    disc at L4-L5" is one in the lumbar spine). The warning-sign reader, which reads ``variant``, keeps
    it as written: a level says nothing of a sign."""
    level = _LEVEL.fullmatch(raw)
    if level:
        return tuple(_REGIONS[part[0]] for part in level.group(1, 2) if part)
    return tuple(word for word in variant(raw) if word not in STOPWORDS)


# A vertebral level, or two run together ("L4", "T12", "C6", "L5S1"), and the region of the spine
# each letter names. T1 to T4 are left out: more often type 2 diabetes, thyroid hormones or an MRI's
# weighting than the top of the thoracic spine; and D (dorsal) is vitamin D3.
_LEVEL = re.compile(r"(c[1-7]|t(?:[5-9]|1[0-2])|l[1-5]|s[1-5])(c[1-7]|t(?:[5-9]|1[0-2])|l[1-5]|s[1-5])?")
_REGIONS = {"c": "cervical", "t": "thoracic", "l": "lumbar", "s": "sacral"}
# The regions of the spine: a query of these words alone ("lumbar", "L4-L5") names no cause.
SPINE_REGIONS = frozenset(_REGIONS.values())
# Words of the back, in normal form: a query with one is about the back.
BACK_WORDS = frozenset(("back", "ظهر", "ضهر", "lumbago", "spine"))
# The side of the body, in normal form ("left", "اليسرى", "الأيمن"): it places pain but names no cause,
# so it weighs no more than a word most causes share ("pain in my left buttock" is no pancreatitis,
# whose tummy pain may be "on the left").
SIDE_WORDS = frozenset(("left", "right", "يسري", "يمني", "يسار", "يمين", "ايسر", "ايمن", "شمال"))
# How long or how often pain has been there, in normal form ("chronic", "acute", "المزمن"): said of
# the back, it names no cause, so "chronic back pain" is as general a query as "back pain" is. Not
# "constant" or "persistent", which describe pain that does not ease (a warning sign's words), nor the
# Arabic "حاد", which is also "sharp" or "severe".
COURSE_WORDS = frozenset(("chronic", "acute", "recurrent", "recur", "longterm", "مزمن", "مزمنه", "متكرر", "متكرره"))


def variant(raw: str) -> list[str]:
    stemmed = stem(raw)
    return _VARIANTS.get(stemmed, stemmed).split()


def token_set(texts: Iterable[str]) -> frozenset[str]:
    """The normal words of many texts at once: each distinct raw word is normalised once."""
    raw = {word for words in raw_words_many(list(texts)) for word in words}
    return frozenset(word for each in raw for word in normal_word(each))


def stem(word: str) -> str:
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


STOPWORDS = frozenset(word for raw in raw_words(_STOPWORD_TEXT) for word in variant(raw))
