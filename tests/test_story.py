"""Search reads the story a query tells: the assessment's answers in a person's own words (story.py)."""

import json
import re
from typing import Any

import pytest

from backpain_cli.knowledge_base import load_knowledge_base
from backpain_cli.search import build_search_index, rank_causes
from backpain_cli.story import TEEN_AGE, read_story, story_fit, story_words
from tests.conftest import BUNDLED_KB, Run
from tests.test_knowledge_base_errors import WriteKb, errors_of

KB = load_knowledge_base(BUNDLED_KB)
INDEX = build_search_index(KB)


def answers(text: str) -> frozenset[tuple[str, str]]:
    return read_story(KB, text).answers


def ids(text: str, limit: int = 3) -> list[str]:
    return [match.cause.id for match in rank_causes(INDEX, text, limit=limit)]


@pytest.mark.parametrize(
    ("text", "said", "not_said"),
    [
        # relief turns an activity into "better"; the other statement keeps its "worse"
        (
            "pain when I stand and walk, but sitting eases it",
            {("worse", "walking"), ("worse", "standing"), ("better", "sitting-or-leaning-forward")},
            {("worse", "sitting")},
        ),
        # without a word of relief, sitting is what makes it worse
        (
            "it hurts after sitting at my desk all day",
            {("worse", "sitting")},
            {("better", "sitting-or-leaning-forward")},
        ),
        # a denial just before a cue takes it back; the rest of the story stands
        ("no numbness, worse when I bend over", {("worse", "bending")}, {("with", "numbness-or-tingling")}),
        ("ما في خدر بس يزيد الوجع مع الكحة", {("worse", "coughing-or-sneezing")}, {("with", "numbness-or-tingling")}),
        # "can't" and "ما اقدر" are walking made hard, not walking denied; a fused "و" is read off
        (
            "ما اقدر امشي كثير وارتاح لما اجلس",
            {("worse", "walking"), ("better", "sitting-or-leaning-forward")},
            {("worse", "sitting")},
        ),
        ("I can't walk more than a block without my legs going numb", {("worse", "walking")}, set()),
        # a word of relief after the cue: what eases it
        (
            "standing is hard; while sitting or lying down the pain vanished",
            {("better", "sitting-or-leaning-forward"), ("better", "lying-down"), ("worse", "standing")},
            {("worse", "sitting"), ("worse", "lying-down")},
        ),
        # a word or two may stand inside a cue
        ("I moved all the boxes at the weekend", {("began", "lifting-or-twisting")}, set()),
        # words that only look like cues
        ("could she be right?", set(), {("where", "one-side")}),
        ("I fall asleep on the sofa", set(), {("began", "fall-or-injury")}),
        ("I have a bump near my big toe joint", set(), {("gate", "pregnancy")}),
        # "don't" and "didn't" deny; "couldn't walk" is walking made hard
        (
            "I don't have any numbness but it hurts when I sit",
            {("worse", "sitting")},
            {("with", "numbness-or-tingling")},
        ),
        ("I didn't fall, it just came on", set(), {("began", "fall-or-injury")}),
        ("I couldn't walk more than a block", {("worse", "walking")}, set()),
        ("my back pain gets better with rest", {("better", "rest")}, set()),
        # a denial four words before, or a word of "fine" just after
        ("no problems with my bladder, worse when I sit", {("worse", "sitting")}, {("with", "bladder-or-bowel")}),
        ("bladder is fine, bowels are fine, worse when I sit", {("worse", "sitting")}, {("with", "bladder-or-bowel")}),
        # another person's pregnancy is no gate of the writer's
        ("my wife is pregnant and my lower back hurts when I walk", {("worse", "walking")}, {("gate", "pregnancy")}),
        ("حصل لي التواء في القدم وتورم", set(), {("began", "lifting-or-twisting")}),
    ],
)
def test_a_story_gives_the_answers_it_says_and_no_others(
    text: str, said: set[tuple[str, str]], not_said: set[tuple[str, str]]
) -> None:
    found = answers(text)
    assert said <= found, found
    assert not (not_said & found), found


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("I'm 63 and my legs ache when I walk", 63),
        ("I’m 58 and my back is stiff", 58),  # a typographic apostrophe, as phones type it
        ("[39M] persistent lower back stiffness", 39),
        ("my son, 14yo, hurts his back throwing", 14),
        ("عمري ٤٥ وعندي وجع في ظهري", 45),
        ("teenage gymnast with back pain", TEEN_AGE),
        ("back pain for 10 years", None),
        ("I'm 6 weeks pregnant and my back aches", None),
        ("I'm 5 foot 4 and my back hurts", None),
        ("I'm 24/7 in pain", None),
        ("I had my baby (2m) and my back aches", None),
        ("a 45-year-old with back pain", 45),
    ],
)
def test_a_story_gives_the_writers_age_when_it_says_it(text: str, age: int | None) -> None:
    assert read_story(KB, text).age == age


def test_the_cause_whose_typical_picture_fits_the_story_ranks_for_it() -> None:
    """No word names spinal stenosis; its typical picture (worse walking, better leaning forward) does."""
    story = read_story(KB, "legs go heavy and numb walking to the shops, better leaning on a trolley")
    fits = sorted(KB.causes, key=lambda cause: -story_fit(KB, story, cause).points)
    assert fits[0].id == "spinal-stenosis"
    assert "spinal-stenosis" in ids("legs go heavy and numb walking to the shops, better leaning on a trolley", 5)


def test_search_says_which_answers_of_the_story_fit(run: Run) -> None:
    result = run(
        "search", "legs go heavy and numb walking to the shops, better leaning on a trolley", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    # the legs' warning signs come first and stand, whatever the story says
    assert data["red_flags"], data
    stenosis = next(item for item in data["results"] if item["id"] == "spinal-stenosis")
    assert stenosis["matched"]["field"] == "story"
    assert "Worse with: Walking" in stenosis["matched"]["text"]
    assert "Sitting down or leaning forward" in stenosis["matched"]["text"]


def test_search_words_the_story_in_arabic_for_an_arabic_query(run: Run) -> None:
    result = run("search", "وجع في الظهر وينزل للرجل، يزيد لما اقعد ويخف لما امشي", "--format", "json")
    assert result.exit_code == 0, result.stderr
    matched = [item["matched"] for item in json.loads(result.stdout)["results"]]
    stories = [item["text"] for item in matched if item["field"] == "story"]
    # the answers as the Arabic assessment words them: no English left in
    assert stories, matched
    assert not any(re.search("[A-Za-z;]", text) for text in stories), stories
    # an English query asked for in Arabic is answered in Arabic too
    english = run("search", "legs go numb walking to the shops, better leaning on a trolley", "--lang", "ar", "--json")
    told = [
        item["matched"]["text"] for item in json.loads(english.stdout)["results"] if item["matched"]["field"] == "story"
    ]
    assert told and not any(re.search("[A-Za-z]", text) for text in told), told


def test_a_story_that_names_no_part_of_the_back_makes_no_query_about_back_pain() -> None:
    """Numb fingers at night answer two questions, but of the hands: no back-pain cause is offered."""
    assert ids("I wake every night with numbness and tingling in my fingers") == []


def test_a_story_orders_but_does_not_overturn_a_cause_the_query_names() -> None:
    """ "A broken vertebra after a fall" names the fracture; the fall also fits a back injury, which is
    commoner, but the story counts for little beside a name."""
    assert ids("كسر في فقرات الظهر بعد سقوط")[0] == "spinal-fracture"
    assert ids("spinal stenosis, lumbar region")[0] == "spinal-stenosis"


def test_among_causes_the_story_fits_equally_the_common_one_leads() -> None:
    """After lifting, a strain or non-specific pain leads, not an osteoporotic fracture (NICE NG59)."""
    found = ids("pain in my lower back after lifting heavy boxes, sharp when I bend")
    assert found[0] in ("muscle-strain", "non-specific-low-back-pain", "ligament-sprain"), found


def test_story_words_in_the_knowledge_base_must_be_lists_of_text(
    run: Run, write_kb: WriteKb, mini_data: dict[str, Any]
) -> None:
    data = json.loads(BUNDLED_KB.read_text(encoding="utf-8"))
    question = data["assessment"]["questions"][1]
    question["choices"][0]["cues"] = {"en": ["lifting", 7], "fr": ["soulever"]}
    question["cue_context"] = ["better"]
    data["assessment"]["clause_breaks"] = {"en": "but"}
    data["assessment"]["not_cues"] = {"en": [None]}
    groups = data["red_flag_groups"]
    gateless = next(at for at, group in enumerate(groups) if "gate" not in group)
    groups[gateless]["gate_cues"] = {"en": ["pregnant"]}  # words for a gate the group does not have
    errors = errors_of(run, write_kb(data))
    assert any(e.startswith("assessment.questions[1].choices[0].cues.en[1]") for e in errors), errors
    assert any(e.startswith("assessment.questions[1].choices[0].cues") and "fr" in e for e in errors), errors
    assert any(e.startswith("assessment.questions[1].cue_context") for e in errors), errors
    assert any(e.startswith("assessment.clause_breaks.en") for e in errors), errors
    assert any(e.startswith("assessment.not_cues.en[0]") for e in errors), errors
    assert any(e.startswith(f"red_flag_groups[{gateless}].gate_cues") and "gate" in e for e in errors), errors


def test_an_age_outside_a_causes_ages_counts_against_it() -> None:
    """Spinal stenosis is a disease of later life (its features: 50 and over): at 30 the same story fits
    it less than at 70, and less than when no age is given."""
    stenosis = KB.cause_by_id["spinal-stenosis"]
    text = "my legs go numb when I walk and it eases when I sit"
    points = {
        age: story_fit(KB, read_story(KB, f"I'm {age}, {text}" if age else text), stenosis).points
        for age in (None, 30, 70)
    }
    assert points[30] < points[None] < points[70], points


def test_equal_fits_go_to_the_commoner_cause() -> None:
    """A fall and the lower back fit a back injury (common) and a spinal fracture (less common) alike:
    the prevalence prior puts the injury ahead (NICE NG59: most back pain is not serious)."""
    story = read_story(KB, "I slipped and fell, now pain in my lower back")
    injury, fracture = (KB.cause_by_id[name] for name in ("back-injury-trauma", "spinal-fracture"))
    assert set(story_fit(KB, story, fracture).answers) == set(story_fit(KB, story, injury).answers)
    assert story_fit(KB, story, injury).points > story_fit(KB, story, fracture).points


@pytest.mark.parametrize(
    ("text", "gated"),
    [
        ("I'm 23 weeks pregnant and my lower back hurts when I walk", True),
        ("انا حامل في الشهر السابع وظهري يوجعني لما امشي", True),
        ("I'm not pregnant, my lower back hurts when I walk", False),
        ("ظهري يوجعني من حمل ثقيل في الشغل", False),
    ],
)
def test_a_story_that_says_pregnant_answers_the_pregnancy_gate(text: str, gated: bool) -> None:
    """As assess counts the pregnancy gate answered yes for the causes that require it."""
    story = read_story(KB, text)
    assert (("gate", "pregnancy") in story.answers) is gated
    fits = {cause.id: story_fit(KB, story, cause) for cause in KB.causes}
    assert (("gate", "pregnancy") in fits["pregnancy"].answers) is gated
    if gated:
        assert ids(text)[:3].count("pregnancy") + ids(text)[:3].count("pregnancy-pelvic-girdle-pain") >= 1


def test_saying_pregnant_puts_pregnancy_before_back_pain_in_general() -> None:
    """The gate said yes counts in full, not damped by how well "lower back pain" names non-specific
    back pain: only someone pregnant has back pain in pregnancy or pregnancy-related pelvic girdle pain."""
    text = "pregnant with my second, lower back pain all day, worse bending over to pick up my toddler and walking"
    found = ids(text, limit=5)
    assert found.index("pregnancy") < found.index("non-specific-low-back-pain"), found
    assert found.index("pregnancy-pelvic-girdle-pain") < found.index("non-specific-low-back-pain"), found


def test_an_unusual_age_never_makes_an_emergency_less_likely() -> None:
    """As assess: an aortic dissection at 26 is rare, but the story of one must not be pushed down for it."""
    text = "sudden tearing pain between my shoulder blades going through to my chest"
    dissection = KB.cause_by_id["aortic-dissection"]
    young = story_fit(KB, read_story(KB, f"I'm 26, {text}"), dissection).points
    assert young >= story_fit(KB, read_story(KB, text), dissection).points > 0


def test_no_word_that_is_not_a_cue_hides_a_cue() -> None:
    """A phrase of another sense ("fell asleep") must not normalise to a cue's own words, or every use
    of the cue would be read as the other sense ("rest of" would hide "rest")."""
    words = story_words(KB)
    cues = {cue.words for cues in words.cues.values() for cue in cues}
    hidden = [phrase for phrases in words.not_cues.values() for phrase in phrases if phrase in cues]
    assert hidden == [], hidden


def test_a_warning_sign_stays_first_whatever_the_story(run: Run) -> None:
    """Lifting, bending and the lower back fit a strain; the sign (can't pee) points to cauda equina,
    which leads."""
    query = "hurt my lower back lifting boxes, worse when I bend, and since this morning I can't pee"
    data = json.loads(run("search", query, "--format", "json").stdout)
    assert data["red_flags"] and data["results"][0]["id"] == "cauda-equina-syndrome", data["results"][:2]
