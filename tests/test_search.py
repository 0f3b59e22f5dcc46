"""Search: the normaliser, ranking on the evaluation set, and properties that hold for any text."""

import functools
import json
import re

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from backpain_cli.errors import NotFoundError, QueryError
from backpain_cli.knowledge_base import load_knowledge_base
from backpain_cli.search import (
    COMPANION_THRESHOLD,
    MATCH_THRESHOLD,
    Match,
    _code_titles,
    build_search_index,
    find_category,
    find_cause,
    normalise,
    rank_causes,
    score_causes,
)
from backpain_cli.words import tokenise
from benchmarks.search_quality import evaluate, summarise
from tests.conftest import BUNDLED_KB, DATA, Run

KB = load_knowledge_base(BUNDLED_KB)
INDEX = build_search_index(KB)


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Herniated DISK!", "herniat disc"),
        ("tumor", "tumour"),
        ("Spinal Tumours", "spinal tumour"),
        ("ischemia", "ischaemia"),
        ("Café crème", "cafe creme"),
        ("what are the symptoms of sciatica?", "sciatica"),
        ("do I have a slipped disc", "slip disc"),
        ("القُرْصِ المُنْفَتِق", "قرص منفتق"),
        ("الانزلاق الغضروفـــي", "انزلاق غضروفي"),
        ("إنتانات الحوض", "انتانات حوض"),
        ("أم الدم", "ام دم"),
        ("هشاشة العظام", "هشاشه عظام"),
        ("الم في الظهر", "الم ظهر"),
        ("ما هي أعراض عرق النسا", "عرق نسا"),
        ("   ", ""),
        ("my back won't stop hurting", "back stop hurt"),
        ("I can’t stand up, I’m stuck", "unable stand up stuck"),
        ("cant pee", "unable urinate"),
        ("pooed myself", "bowel"),
        ("backache", "back pain"),
        ("vertebral metastases", "vertebral metastasis"),
        ("backaches", "back pain"),
    ],
)
def test_normalise(text: str, normal: str) -> None:
    assert normalise(text) == normal


def test_arabic_variants_meet() -> None:
    assert normalise("هشاشة العظام") == normalise("هشاشه العظام")
    assert normalise("الانزلاق الغضروفى") == normalise("الانزلاق الغضروفي")
    assert normalise("متلازمة ذَنَبُ الفَرَس") == normalise("متلازمة ذنب الفرس")


# -- the evaluation set --------------------------------------------------------------------


def test_evaluation_set_is_large_and_valid() -> None:
    cases = json.loads((DATA / "search_eval.json").read_text(encoding="utf-8"))
    assert len(cases) >= 150
    kinds = {case["kind"] for case in cases}
    assert {"name", "typo", "lay", "symptom", "question", "arabic", "unrelated"} <= kinds
    assert sum(case["kind"] == "unrelated" for case in cases) >= 20
    for case in cases:
        for cause_id in [case["expected"], *case.get("also_ok", [])]:
            assert cause_id is None or cause_id in KB.cause_by_id, case


def test_search_quality_targets() -> None:
    total = summarise(evaluate())
    assert total["top1"] >= 0.85
    assert total["top3"] >= 0.95
    assert total["rejected"] >= 0.92


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sciatika", "sciatica"),
        ("slipt disc", "herniated-disc"),
        ("tweaked my back", "muscle-strain"),
        ("pain shooting down my leg", "sciatica"),
        ("what causes piriformis syndrome", "piriformis-syndrome"),
        ("انزلاق غضروفي", "herniated-disc"),
        ("numb between my legs and trouble passing urine", "cauda-equina-syndrome"),
    ],
)
def test_issue_examples_rank_first(query: str, expected: str) -> None:
    assert rank_causes(INDEX, query)[0].cause.id == expected


@pytest.mark.parametrize(
    "query",
    [
        "carrot",
        "guitar",
        "what causes a headache",
        "how do I bake bread",  # "bread" is two edits from "break", an everyday word of the symptoms
        "weather tomorrow",  # "weather" is two edits from "water", as in "water infection"
        "hiccups that won’t stop",  # no stray "won" or "t" left to match
    ],
)
def test_unrelated_queries_are_rejected(query: str) -> None:
    assert rank_causes(INDEX, query) == []


def test_emergency_sign_surfaces_its_cause() -> None:
    first = rank_causes(INDEX, "saddle numbness")[0]
    assert first.cause.id == "cauda-equina-syndrome"
    assert KB.red_flags_for(first.cause.id)[0].urgency == "emergency"


def test_match_says_why() -> None:
    first = rank_causes(INDEX, "slipped disc")[0]
    assert first.field == "name"
    assert first.matched.lower() == "slipped disc"


def test_empty_query_is_an_error() -> None:
    with pytest.raises(QueryError):
        rank_causes(INDEX, "   ")


def test_category_filter() -> None:
    results = rank_causes(INDEX, "pain", limit=50, category="inflammatory")
    assert results
    assert all(match.cause.category == "inflammatory" for match in results)


# -- lookups -------------------------------------------------------------------------------


def test_find_cause_by_every_name_and_alias() -> None:
    for cause in KB.causes:
        for name in (cause.id, cause.name.en, cause.name.ar or cause.name.en, *cause.aliases.all()):
            assert find_cause(KB, name).id == cause.id, name


def test_find_category_close_spelling_and_failure() -> None:
    assert find_category(KB, "inflamatory").id == "inflammatory"
    with pytest.raises(NotFoundError) as caught:
        find_category(KB, "zzzz")
    assert caught.value.suggestions == ()
    assert str(caught.value).endswith("the categories are: " + ", ".join(c.id for c in KB.categories))


# -- properties ----------------------------------------------------------------------------

NAMES = [
    (cause.id, name)
    for cause in KB.causes
    for name in (cause.id, cause.name.en, cause.name.ar or cause.name.en, *cause.aliases.all())
]


@pytest.mark.parametrize(("cause_id", "name"), NAMES, ids=[f"{c}:{n}" for c, n in NAMES])
def test_every_id_name_and_alias_finds_its_own_cause_first(cause_id: str, name: str) -> None:
    results = rank_causes(INDEX, name, limit=1)
    assert results, name
    assert results[0].cause.id == cause_id, (name, results[0].cause.id, results[0].matched)


def assert_ranked(results: list[Match], limit: int) -> None:
    """What any list of results shows: best first, at most ``limit``, each cause once, scores in bounds."""
    assert results
    assert len(results) <= limit
    scores = [match.score for match in results]
    assert scores == sorted(scores, reverse=True)
    assert len({match.cause.id for match in results}) == len(results)
    assert all(0 < score <= 100 for score in scores)
    if results[0].field != "code":  # a code lists its causes whatever their scores
        assert scores[0] >= MATCH_THRESHOLD
        assert all(score >= COMPANION_THRESHOLD for score in scores)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200), st.integers(min_value=1, max_value=20))
def test_any_text_ranks_sorted_and_bounded_or_is_refused(query: str, limit: int) -> None:
    """Any text at all is refused (when blank) or answered; most find nothing, which the next test makes up for."""
    try:
        results = rank_causes(INDEX, query, limit=limit)
    except QueryError:
        assert not query.strip()
        return
    event("reached a result" if results else "found nothing")
    if results:
        assert_ranked(results, limit)


# What people type: the names, aliases and symptom words of the shipped knowledge base, in either
# language, mistyped. Symptom words are those of five letters or more that find a cause on their own
# ("numbness", "تنميل"; not "being"), chosen on first use since choosing takes a second.
_LETTERS = re.compile(r"[^\W\d_]{5,}")


@functools.cache
def _symptom_words() -> list[str]:
    words = {
        word
        for cause in KB.causes
        for fact in cause.symptoms
        for text in (fact.text.en, fact.text.ar or "")
        for word in _LETTERS.findall(text)
    }
    return sorted(word for word in words if rank_causes(INDEX, word, limit=1))


def _symptom_word() -> st.SearchStrategy[str]:
    return st.sampled_from(_symptom_words())


def _mistype(kind: str, text: str, at: int) -> str:
    """``text`` with one letter dropped, doubled or swapped with the next, inside a word of five letters or
    more and never its first (``at`` picks which), or its case changed, or spaces added."""
    if kind == "case":
        return (str.upper, str.lower, str.title, str.swapcase)[at % 4](text)
    if kind == "spaces":
        return " " * (at % 3) + text.replace(" ", " " * (1 + at % 3)) + " " * (at % 2)
    inner = [found.start() + i for found in _LETTERS.finditer(text) for i in range(1, len(found.group()) - 1)]
    if not inner:
        return text
    at = inner[at % len(inner)]
    if kind == "drop":
        return text[:at] + text[at + 1 :]
    if kind == "double":
        return text[: at + 1] + text[at:]
    return text[:at] + text[at + 1] + text[at] + text[at + 2 :]  # "swap"


@st.composite
def typed_queries(draw: st.DrawFn) -> str:
    """A name or alias with up to two typing slips, or a symptom word with up to one; either with its case
    changed or spaces added."""
    is_name = draw(st.booleans())
    seeds = st.sampled_from([name for _, name in NAMES]) if is_name else st.deferred(_symptom_word)
    text = draw(seeds)
    for kind in draw(st.lists(st.sampled_from(["drop", "double", "swap"]), max_size=2 if is_name else 1)):
        text = _mistype(kind, text, draw(st.integers(min_value=0, max_value=999)))
    for kind in draw(st.lists(st.sampled_from(["case", "spaces"]), max_size=2)):
        text = _mistype(kind, text, draw(st.integers(min_value=0, max_value=999)))
    return text


def test_typed_queries_rank_sorted_bounded_and_scored() -> None:
    tried: list[bool] = []

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(typed_queries(), st.integers(min_value=1, max_value=20))
    def check(query: str, limit: int) -> None:
        results = rank_causes(INDEX, query, limit=limit)
        tried.append(bool(results))
        event("reached a result" if results else "found nothing")
        if results:
            assert_ranked(results, limit)

    check()
    # The point of the strategy: most queries reach results, so the checks above apply (about 80% do,
    # measured; arbitrary text, in the test above, reaches about one in ten).
    assert len(tried) >= 100
    assert sum(tried) >= 0.6 * len(tried), f"{sum(tried)} of {len(tried)} generated queries reached a result"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_normalise_gives_plain_lower_case_words(text: str) -> None:
    normal = normalise(text)
    assert normal == normal.casefold()
    assert not normal or normal.replace(" ", "").isalnum()  # words of letters and digits, if any
    assert normal == " ".join(normal.split())


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from(["", " ", "?", "!!", "  please"]), st.booleans())
def test_names_survive_case_and_punctuation(pair: tuple[str, str], suffix: str, upper: bool) -> None:
    cause_id, name = pair
    query = (name.upper() if upper else name) + suffix
    assert score_causes(INDEX, query)[0].cause.id == cause_id


def test_held_out_set_stays_near_its_measured_quality() -> None:
    """The held-out set was never tuned on; this guards against tuning that only fits the development set."""
    cases = json.loads((DATA / "search_eval_holdout.json").read_text(encoding="utf-8"))
    assert len(cases) >= 100
    for case in cases:
        for cause_id in [case["expected"], *case.get("also_ok", [])]:
            assert cause_id is None or cause_id in KB.cause_by_id, case
    total = summarise(evaluate(path=DATA / "search_eval_holdout.json"))
    # Measured at 84.3% / 92.2% / 100% when first added; a few points of slack for later changes.
    assert total["top1"] >= 0.80
    assert total["top3"] >= 0.88
    assert total["rejected"] >= 0.90


@pytest.mark.parametrize(
    ("query", "first"),
    [
        # a title four causes share: the one whose own alias ("spondylosis") it names leads
        ("Spondylosis without myelopathy or radiculopathy, lumbar region", "spinal-degeneration"),
        # two titles that both reach the score's cap: the exact one leads
        ("Segmental and somatic dysfunction of lumbar region", "dysfunctional-biomechanics"),
    ],
)
def test_equal_scores_go_to_the_better_name(query: str, first: str) -> None:
    results = rank_causes(INDEX, query, limit=3)
    assert results[0].score == results[1].score
    assert results[0].cause.id == first


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("disc bulge at L4/L5", ["disc", "bulge", "lumbar", "lumbar"]),
        ("L5-S1", ["lumbar", "sacral"]),
        ("l5s1", ["lumbar", "sacral"]),
        ("fracture of T12", ["fracture", "thoracic"]),
        ("C6-C7", ["cervical", "cervical"]),
        ("s13 l0", ["s13", "l0"]),  # no such level
        ("T2 diabetic", ["t2", "diabetic"]),  # type 2 diabetes, not the second thoracic vertebra
        ("vitamin d3", ["vitamin", "d3"]),
    ],
)
def test_a_vertebral_level_stands_for_its_region(text: str, words: list[str]) -> None:
    assert tokenise(text) == words


@pytest.mark.parametrize("query", ["lumbar", "L4-L5 pain", "pain at L5-S1"])
def test_a_region_of_the_spine_alone_is_too_general_for_one_cause(run: Run, query: str) -> None:
    """A level is the lumbar spine, not a cause: the common causes, never a rare one drawn up by the
    word "lumbar" (spinal epidural abscess came first)."""
    data = json.loads(run("search", query, "--json").stdout)
    assert data["general"] is True
    assert data["results"] and all(item["prevalence"] == "common" for item in data["results"])


@pytest.mark.parametrize(
    "query", ["chronic back pain", "acute low back pain", "what causes chronic lower back pain", "ألم الظهر المزمن"]
)
def test_how_long_back_pain_has_lasted_names_no_cause(run: Run, query: str) -> None:
    """Chronic or acute back pain is back pain: the common causes, non-specific back pain first (a
    code title, "Other chronic pain", had come first, and pancreatitis second)."""
    data = json.loads(run("search", query, "--json").stdout)
    assert data["general"] is True
    assert data["results"][0]["id"] == "non-specific-low-back-pain"


def test_pain_that_does_not_ease_is_no_course_word(run: Run) -> None:
    """ "Constant back pain" describes a warning sign's pain (it does not ease), not how long it has
    lasted: it is ranked, and its sign shown."""
    data = json.loads(run("search", "constant back pain", "--json").stdout)
    assert data["general"] is False
    assert data["red_flags"]


@pytest.mark.parametrize(
    ("query", "cause"),
    [("Other chronic pain", "musculoskeletal-pain-syndrome"), ("chronic pancreatitis", "pancreatitis")],
)
def test_a_course_word_off_the_back_still_names_a_cause(run: Run, query: str, cause: str) -> None:
    data = json.loads(run("search", query, "--json").stdout)
    assert data["general"] is False
    assert data["results"][0]["id"] == cause


@pytest.mark.parametrize("query", ["pain in my left buttock", "ألم في الأرداف اليسرى"])
def test_the_side_of_the_body_names_no_cause(query: str) -> None:
    """ "Left" placed pancreatitis first (its tummy pain may be "on the left"): a side weighs as little
    as a word most causes share, and the buttock leads."""
    found = [match.cause.id for match in rank_causes(INDEX, query, limit=3)]
    assert "pancreatitis" not in found
    assert {"piriformis-syndrome", "sciatica", "sacroiliitis"} & set(found)


def test_a_code_title_with_its_side_still_finds_its_cause() -> None:
    assert rank_causes(INDEX, "Sciatica, left side")[0].cause.id == "sciatica"


def test_a_code_title_with_a_vertebral_level_finds_its_cause() -> None:
    """ "Subluxation of L2/L3 lumbar vertebra": the levels are the lumbar spine, not unknown words that
    drown the rest."""
    assert "spinal-fracture" in [match.cause.id for match in rank_causes(INDEX, "Wedge fracture of T9-T10 vertebra")]


def test_scoliosis_is_found_by_how_it_looks() -> None:
    """Uneven shoulders and hips (Mayo Clinic's signs of scoliosis), not a word of the spine."""
    first = rank_causes(INDEX, "one of my hips is higher than the other and my shoulders look uneven")[0]
    assert first.cause.id == "scoliosis"


def test_a_fused_arabic_particle_is_split_off() -> None:
    # "وصعوبة" is "and" + "صعوبة" (difficulty), as a person types it without the article.
    first = rank_causes(INDEX, "خدر بين الفخذين وصعوبة في التبول")[0]
    assert first.cause.id == "cauda-equina-syndrome"


def test_red_flags_shared_by_causes_do_not_outrank_the_cause_they_describe() -> None:
    # Both signs point to cauda equina syndrome and to a herniated disc (its usual cause): the
    # syndrome they describe comes first, the disc stays among the first three.
    results = rank_causes(INDEX, "numb between my legs and trouble passing urine", limit=3)
    assert results[0].cause.id == "cauda-equina-syndrome"
    assert "herniated-disc" in [match.cause.id for match in results]


def test_runners_up_are_listed_only_beside_a_confident_first_match() -> None:
    results = rank_causes(INDEX, "stiff back in the morning that gets better with exercise", limit=5)
    assert results[0].score >= MATCH_THRESHOLD
    assert len(results) > 1 and all(match.score >= COMPANION_THRESHOLD for match in results)


@pytest.mark.parametrize(
    ("query", "site"),
    [
        ("what causes a headache", "headache"),
        ("sprained my ankle playing football", "ankle"),
        ("Sprain of anterior cruciate ligament of right knee", "knee"),
        ("وجع الأسنان", "وجع الأسنان"),  # as written, not as folded
        ("التهاب الحلق", "الحلق"),
        ("frozen shoulder physio exercises", "frozen shoulder"),
        ("ingrown toenail on my big toe", "ingrown"),
        ("ألم في الكتف اليمين من الرياضة", "الكتف"),
        # symptoms that back pain shares with other complaints do not make them back pain
        ("my elbow burns and my grip is weak", "elbow"),
        ("my heel hurts when I get out of bed in the morning", "heel"),
        # "back" that names another part's side
        ("a sharp pain at the back of my knee", "knee"),
        ("ألم في ظهر يدي", "يدي"),
        ("صداع في الجهة الخلفية من الرأس", "صداع"),
        # and no saddle numbness either (the sign reader read "الخلفية" as the buttocks)
        ("ألم في الجهة الخلفية من الركبة وتنميل", "الركبة"),
        # a joint that cracks is no buttock crack (the sign reader's saddle area)
        ("my shoulder pops and cracks when I twist my wrist", "shoulder"),
        # shooting pain that runs down no limb; "back" the adverb
        ("sharp shooting pains behind my left eye", "eye"),
        ("my knee started hurting again after going back on the treadmill", "knee"),
    ],
)
def test_a_complaint_about_another_body_part_is_not_back_pain(run: Run, query: str, site: str) -> None:
    result = run("search", query)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "another part of the body" in result.stderr or "بجزء آخر من الجسم" in result.stderr
    assert f"“{site}”" in result.stderr or f"«{site}»" in result.stderr
    data = json.loads(run("search", query, "--json").stdout)
    assert data["error"]["code"] == "not-back-pain" and site in data["error"]["message"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("knee and lower back pain", None),
        ("numbness down my leg to my knee", None),
        ("forward head posture", "poor-posture"),
        ("malignant neoplasm of head of pancreas", "pancreatic-cancer"),
        ("pain between my shoulder blades", None),  # the shoulder blades are the upper back
        ("numb hands and feet and my back hurts", None),
        ("pain in the back of my leg", None),
        ("shooting pain down my leg to my knee", None),
        ("burning pain running down my arm from my neck and my fingers tingle", None),
        # found by review: a list in Arabic, "get back pain", shooting pain with the limb named apart,
        # a spinal name beside another part and the symptoms they share
        ("وجع في ظهري وركبتي", None),
        ("I get back pain and my knees ache", None),
        ("shooting pain down to my knee", "sciatica"),
        ("C6 radiculopathy thumb numbness", "radiculopathy"),
        ("pinched nerve in my neck, pain shooting into my thumb", "radiculopathy"),
        ("pelvic pain in pregnancy, it hurts to walk, my knees ache", "pregnancy-pelvic-girdle-pain"),
    ],
)
def test_the_back_with_another_body_part_is_still_back_pain(run: Run, query: str, expected: str | None) -> None:
    data = json.loads(run("search", query, "--json").stdout)
    assert data["results"], query
    assert "not_back_pain" not in data
    if expected:
        assert expected in [result["id"] for result in data["results"]]


@pytest.mark.parametrize(
    ("query", "sign"),
    [
        ("my knee hurts and both my legs have gone weak", "both-legs-symptoms"),
        ("my elbow hurts and I wet myself without knowing", "urinary-incontinence"),
        # no cause: the elbow is not the back; the urgent sign is still shown
        ("my elbow hurts and my hands have gone numb and clumsy", "cord-compression-signs"),
        # found by review: back and another part side by side in Arabic, and "get back pain"
        ("عندي سرطان ووجع في الظهر والكتف", "history-of-cancer"),
        ("وقعت من السلم ووجع ظهري راسي", "injury-or-fall"),
        ("I had cancer, now I get back pain and my shoulder hurts", "history-of-cancer"),
        # months two to four of a pregnancy, said without "في"
        ("انا بالشهر الرابع وعندي نزيف ووجع ظهر", "pregnancy-warning-signs"),
    ],
)
def test_a_warning_sign_beside_another_body_part_is_still_shown(run: Run, query: str, sign: str) -> None:
    """A complaint about another part is no back pain, but a warning sign said with it is still one."""
    result = run("search", query, "--json")
    assert result.exit_code == 0, result.stderr
    assert sign in [flag["id"] for flag in json.loads(result.stdout)["red_flags"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("M54.5", "non-specific-low-back-pain"),
        ("m54.50", "non-specific-low-back-pain"),
        ("M51.16", "herniated-disc"),
        ("m5116", "herniated-disc"),
        ("G83.4", "cauda-equina-syndrome"),
        ("M53.3", "coccydynia"),
        ("A18.01", "spinal-tuberculosis"),
    ],
)
def test_a_code_finds_its_cause(run: Run, query: str, expected: str) -> None:
    data = json.loads(run("search", query, "--json").stdout)
    assert data["results"][0]["id"] == expected
    assert data["results"][0]["matched"]["field"] == "code"


def test_every_code_and_its_official_title_find_their_cause() -> None:
    """Each ICD-10-CM code a cause gives finds that cause among the first matches, and its title
    ("Dislocation of unspecified lumbar vertebra") finds a cause that gives the code (a title several
    causes share is the name of one of them: "Dorsalgia, unspecified")."""
    missed = []
    for cause in KB.causes:
        for code, title in zip(cause.codes.icd10cm, cause.codes.titles, strict=True):
            sharing = {other.id for other in KB.causes if code in other.codes.icd10cm}
            # an exact code lists the causes that give it first
            if cause.id not in [match.cause.id for match in rank_causes(INDEX, code, limit=len(sharing))]:
                missed.append((cause.id, code))
            if not sharing & {match.cause.id for match in rank_causes(INDEX, title, limit=10)}:
                missed.append((cause.id, title))
    assert missed == []


def test_a_code_more_detailed_than_any_in_the_knowledge_base_finds_its_parents_causes(run: Run) -> None:
    """M54.51 (vertebrogenic low back pain) is under M54.5, which the knowledge base gives as M54.50."""
    data = json.loads(run("search", "M54.51", "--json").stdout)
    first = data["results"][0]
    assert first["id"] == "non-specific-low-back-pain"
    assert first["matched"] == {"field": "code", "text": "M54.50 Low back pain, unspecified"}
    exact = json.loads(run("search", "M54.50", "--json").stdout)["results"][0]
    assert first["score"] < exact["score"]


@pytest.mark.parametrize("query", ["M54.2", "S32.2XXA", "m546"])
def test_a_code_never_falls_back_to_its_bare_category(run: Run, query: str) -> None:
    """M54.2 is neck pain and S32.2 a broken tailbone: the M54 and S32 the knowledge base gives are
    other conditions, so these find no cause rather than the wrong one."""
    result = run("search", query)
    assert result.exit_code == 1
    assert result.stdout == ""


def test_causes_sharing_a_code_list_the_more_common_first(run: Run) -> None:
    """M54.9 (dorsalgia, unspecified) is both non-specific back pain and referred organ pain."""
    results = json.loads(run("search", "M54.9", "--json").stdout)["results"]
    assert [result["id"] for result in results[:2]] == ["non-specific-low-back-pain", "referred-organ-pain"]
    assert {result["matched"]["field"] for result in results[:2]} == {"code"}


def test_an_unknown_code_finds_nothing(run: Run) -> None:
    result = run("search", "Z99.9")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: no cause matches “Z99.9”; ")


def test_every_official_code_title_finds_its_cause_in_the_top_three() -> None:
    """Top three, or as many places as there are causes sharing the code (M47.816 has four)."""
    index = build_search_index(KB)
    titles = _code_titles(KB)  # less those that are another cause's own name ("Dorsalgia, unspecified")
    sharing: dict[str, int] = {}
    for own in titles.values():
        for title in own:
            sharing[title] = sharing.get(title, 0) + 1
    misses = [
        (cause_id, title)
        for cause_id, own in titles.items()
        for title in own
        if cause_id not in [m.cause.id for m in rank_causes(index, title, limit=max(3, sharing[title]))]
    ]
    assert misses == []
    assert sum(map(len, titles.values())) > 150


def test_show_gives_codes_and_evidence(run: Run) -> None:
    result = run("show", "cauda-equina-syndrome", "--full", "--format", "plain")
    assert "ICD-10-CM G83.4 (Cauda equina syndrome)" in result.stdout
    assert "Evidence: established" in result.stdout
    data = json.loads(run("show", "sensory-motor-amnesia", "--json").stdout)
    assert data["evidence_level"] == "one-source" and data["evidence"][0]["sources"]
    assert data["codes"]["icd10cm"][0]["code"]
