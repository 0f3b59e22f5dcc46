"""Warning signs read from free text: the phrasings people use, and the contexts that change their meaning."""

import json
from datetime import date

import pytest

from backpain_cli.knowledge_base import load_knowledge_base
from backpain_cli.signs import MAX_TEXT_CHARS, NEGATION_REACH, read_signs
from tests.conftest import Run


def signs_of(text: str) -> list[str]:
    return [found.flag.id for found in read_signs(load_knowledge_base(), text).signs]


# Each phrasing quoted in the no-false-reassurance issue, with the sign guidance gives it.
@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("I wet myself and my back hurts", "urinary-incontinence"),
        ("numbness in my groin", "saddle-numbness"),
        ("pain in both legs", "both-legs-symptoms"),
        ("weak legs and can't walk", "rapid-leg-weakness"),
        ("new difficulty walking", "rapid-leg-weakness"),
        ("sudden severe back pain", "sudden-severe-back-pain"),
        ("I have a temperature and my back hurts", "fever-with-back-pain"),
        ("I had breast cancer and now my back hurts", "history-of-cancer"),
        ("back pain and I use heroin", "injects-drugs"),
        ("I'm 70 and suddenly have terrible back pain", "sudden-severe-back-or-tummy-pain"),
        ("I thought it was just back spasms, then I couldn't pee", "urinary-retention"),
        ("chest pain", "chest-pain-with-back-pain"),
        ("I was hit by a car", "major-trauma"),
        ("fell off my bike", "injury-or-fall"),
        ("back pain at night", "night-or-rest-pain"),
        ("pain between my shoulder blades", "thoracic-pain"),
        ("on steroids for years", "long-term-steroids"),
        ("night sweats", "night-sweats"),
        ("تبولت على نفسي", "urinary-incontinence"),
        ("عندي حرارة وألم في الظهر", "fever-with-back-pain"),
        ("ما أقدر أتحكم في البول", "urinary-incontinence"),
        ("ما أقدر أمشي", "rapid-leg-weakness"),
        ("ألم بين الكتفين", "thoracic-pain"),
        ("نزل وزني", "unexplained-weight-loss"),
        ("عندي سرطان الثدي", "history-of-cancer"),
        ("تعرضت لحادث", "major-trauma"),
        ("تنميل في المؤخرة", "saddle-numbness"),
        # Denials end at "but" and at the writer speaking of themself again, whatever the apostrophe.
        ("no fever but I can't pee", "urinary-retention"),
        ("no fever and I can’t pee", "urinary-retention"),
        ("ما عندي حرارة بس ما أقدر أتبول", "urinary-retention"),
        # A weak or hesitant stream is trouble starting (GIRFT: hesitancy, poor stream).
        ("sciatica for 3 weeks and the last few days my stream is pathetic, I have to bear down", "urinary-retention"),
        ("عرق النسا من شهر وصار البول يطلع ضعيف واعصر حتى يطلع", "urinary-retention"),
        # rigors told by the teeth; clinicians' shorthand
        ("shaking so hard my teeth chattered last night and my lower back aches", "fever-with-back-pain"),
        ("New since this morning: perineal paraesthesia", "saddle-numbness"),
        ("bilat leg weakness since yesterday", "both-legs-symptoms"),
        # no urge to pee for hours; Yemeni "the bus rolled over with us"; Tunisian "in both"
        ("day 4 of a disc flare and I haven't had the urge to wee since breakfast", "urinary-retention"),
        ("امس انقلب بنا الباص وانا بالكرسي الاخير، اليوم ظهري يوجعني", "major-trauma"),
        ("عرق النسا كان في ساقي اليمين برك، توا ولا في الزوز، حريقة تهبط حتى للركبة", "both-legs-symptoms"),
        # Egyptian "متخدرة" (numb), Levantine weakness by the hour, Moroccan pressure in the chest
        ("من امبارح المنطقة اللي بين رجليا كأنها متخدرة", "saddle-numbness"),
        ("صرت اسحب رجليي التنتين وكل ساعتين عم حس إنن عم يضعفو أكتر", "rapid-leg-weakness"),
        ("الضهر كيضرني وهاد الليلة كيجيني الزيار فوسط الصدر", "chest-pain-with-back-pain"),
    ],
)
def test_a_warning_sign_said_in_everyday_words_is_found(text: str, sign: str) -> None:
    assert sign in signs_of(text)


# Old, denied, supposed, someone else's, or another meaning: guidance gives these no sign.
@pytest.mark.parametrize(
    "text",
    [
        "erectile dysfunction for years",
        "impotence",
        "ضعف جنسي",
        "I wet the bed as a child",
        "incontinent since my prostate surgery",
        "incontinence after childbirth",
        "car accident 10 years ago",
        "sciatica in both legs for years",
        "hay fever",
        "had a fever last week",
        "dying to pee",
        "I can't stand my job",
        "fell asleep on the sofa",
        "slipped disc",
        "my mother had breast cancer",
        "my dog can't walk",
        "what if I lose control of my bladder",
        "I haven't had any accident or fall",
        "I havent had a fever",
        "no problems with my bladder or bowels",
        "مش حاسس بأي تنميل في رجليا",
        "ما عندي حمى",
        # the near miss of a weak stream: a drink to get going; numbness denied in Egyptian; the world
        # gone dark as grief, not a faint
        "الدنيا اسودت في وجهي من الهم، وظهري يوجعني من القعدة",
        "رجلي مش متخدرة خالص، بس ضهري واجعني من الشغل",
        "I need two coffees to get it going in the morning",
    ],
)
def test_a_text_with_no_present_sign_raises_none(text: str) -> None:
    assert signs_of(text) == []


def test_the_most_urgent_sign_comes_first() -> None:
    found = read_signs(load_knowledge_base(), "I fell off a ladder and now I can't pee").signs
    urgencies = [item.flag.urgency for item in found]
    assert urgencies == sorted(urgencies, key=["emergency", "urgent"].index)
    assert urgencies[0] == "emergency"


def test_negation_reaches_only_so_far() -> None:
    assert signs_of("no fever") == []
    # A denial does not swallow a sign stated well after it.
    filler = " ".join(["aching"] * (NEGATION_REACH + 1))
    assert "fever-with-back-pain" in signs_of(f"no injury, {filler} and a high fever")
    assert "fever-with-back-pain" in signs_of(f"no injury {filler} fever")


def mentioned_of(text: str) -> list[tuple[str, str]]:
    return [(found.flag.id, found.about) for found in read_signs(load_knowledge_base(), text).mentioned]


def test_another_persons_signs_are_theirs_and_their_history_is_nobodys() -> None:
    # Someone else's present signs are read apart from the writer's, never dropped.
    assert signs_of("my husband can't pee and has bad back pain") == []
    assert ("urinary-retention", "someone-else") in mentioned_of("my husband can't pee and has bad back pain")
    # "she" stays the subject over "now", to the end of the sentence
    assert ("urinary-incontinence", "someone-else") in mentioned_of("Caring for my wife; she's now incontinent.")
    assert signs_of("my sister had cancer, my back aches from lifting") == []
    assert mentioned_of("my sister had cancer, my back aches from lifting") == []


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # the writer and someone else joined by "and": the writer is one of them
        ("My wife and I both have back pain and I can't pee", "urinary-retention"),
        ("من لما تعب ظهري وأنا وزوجي نكون مع بعض الإحساس راح هناك، قبل كان طبيعي", "new-sexual-dysfunction"),
        # "like someone stabbed me" is a likeness, not a person
        (
            "I'm 71 and a terrible pain hit my lower back like someone had stabbed me",
            "sudden-severe-back-or-tummy-pain",
        ),
        # the writer's own body ("رجليا": my legs) after someone else's word
        ("ما نقدرش نوض حتى يجبدني ولدي، رجليا ولاو بحال الجيلي والضهر كيضرني", "both-legs-symptoms"),
        # Gulf "ابي اروح" is "I want to go", not "my father"
        ("صار لي يومين ما احس اني ابي اروح الحمام، وظهري يعورني", "urinary-retention"),
        # "a prostate cancer patient" is the writer, not a patient of theirs
        ("مريض سرطان بروستاتا الم ظهر وتنميل الرجلين", "cancer-with-nerve-symptoms"),
        # a statement with its "I" left out is no question
        ("Didn't get the urge to pee all day, then it went on and on. Never had that before.", "urinary-retention"),
    ],
)
def test_the_writers_own_sign_stays_theirs(text: str, sign: str) -> None:
    assert sign in signs_of(text)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("ولدي عمره 15 يقول ظهره يعوره بالليل ويصحى منه", "night-or-rest-pain"),  # "ظهره": his back
        ("أمي تقول رجليها الثنتين صارت ضعيفة فجأة من امس", "both-legs-symptoms"),  # "رجليها": her legs
        ("جوزي بيقول إنه مش قادر يتحكم في البول من امبارح", "urinary-retention"),  # "إنه": that he
        ("My brother had prostate cancer and now his legs feel weak", "cancer-with-nerve-symptoms"),
    ],
)
def test_someone_elses_sign_is_shown_as_theirs(text: str, sign: str) -> None:
    assert sign not in signs_of(text)
    assert (sign, "someone-else") in mentioned_of(text)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("is saddle numbness always an emergency or can you wait", "saddle-numbness"),
        ("does losing weight without trying plus back pain mean something serious", "unexplained-weight-loss"),
        ("هل يمكن أن يسبب الانزلاق الغضروفي فقدان التحكم في البول؟", "urinary-incontinence"),
    ],
)
def test_a_sign_asked_about_in_general_is_shown_as_asked(text: str, sign: str) -> None:
    assert sign not in signs_of(text)
    assert (sign, "question") in mentioned_of(text)


def test_a_question_that_speaks_of_the_writer_is_theirs() -> None:
    assert "urinary-retention" in signs_of("is it serious that I can't pee with my back pain?")
    assert "urinary-retention" in signs_of("هل خطير اني ما اقدر ابول وظهري يوجعني؟")


@pytest.mark.parametrize(
    "text",
    [
        "Had prostate cancer treated three years ago. Now my left toes keep catching the carpet.",
        "Had bowel cancer surgery two years ago. This week I keep dropping my keys.",
    ],
)
def test_cord_signs_after_cancer_are_an_emergency(text: str) -> None:
    # NICE NG234: neurological symptoms in someone who has had cancer need immediate assessment
    assert "cancer-with-nerve-symptoms" in signs_of(text)


def test_a_long_description_is_read_to_its_end() -> None:
    story = "My back has ached for a while after gardening. " * 40 + "Now I can't control my bladder."
    assert len(story) > 1000
    assert "urinary-incontinence" in signs_of(story)
    assert read_signs(load_knowledge_base(), "x" * (MAX_TEXT_CHARS + 1)).cut


def test_search_shows_someone_elses_emergency_as_theirs(run: Run) -> None:
    result = run("search", "my husband can't pee and has bad back pain", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert data["red_flags"] == []
    mentioned = data["red_flags_mentioned"][0]
    assert (mentioned["id"], mentioned["about"], mentioned["urgency"]) == (
        "urinary-retention",
        "someone-else",
        "emergency",
    )
    assert data["results"][0]["id"] == "cauda-equina-syndrome"
    text = run("search", "my husband can't pee and has bad back pain").stdout
    assert "Warning signs of the person you describe" in text
    assert "If they have it: Call the emergency number" in " ".join(text.split())


def test_search_shows_a_sign_asked_about_with_what_to_do(run: Run) -> None:
    data = json.loads(run("search", "is saddle numbness always an emergency", "--json").stdout)
    assert data["red_flags"] == []
    assert [(item["id"], item["about"]) for item in data["red_flags_mentioned"]] == [("saddle-numbness", "question")]
    text = run("search", "هل خدر منطقة السرج حالة طارئة؟", "--lang", "ar").stdout
    assert "علامات خطر سألت عنها" in text


def test_a_sign_in_the_query_moves_its_cause_first(run: Run) -> None:
    data = json.loads(run("search", "I thought it was just back spasms, then I couldn't pee", "--json").stdout)
    assert data["red_flags"][0]["id"] == "urinary-retention"
    assert data["results"][0]["id"] == "cauda-equina-syndrome"


def test_show_colours_each_urgency_apart(run: Run) -> None:
    result = run("show", "cauda-equina-syndrome", "--format", "plain")
    assert "Red flags: EMERGENCY:" in result.stdout
    assert "Red flags: URGENT:" in result.stdout
    emergency, urgent = result.stdout.split("Red flags: URGENT:")
    assert "Foot drop" not in emergency.split("Red flags: EMERGENCY:")[1]
    assert "URGENT: See a doctor" in urgent


# The context rules, each shown by a pair: the same words with and without the context that changes them.
@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        # A form's question answered no denies it; answered yes it stands.
        ("Fall? No. Numbness? No. Just stiff.", [], ["injury-or-fall"]),
        ("Fall? Yes, off a chair yesterday.", ["injury-or-fall"], []),
        # A past year, "when I was 17" and "for about 5 years" put a sign long ago; a recent one stands.
        ("fractured my spine falling off a roof in 2003, stiff now", [], ["major-trauma"]),
        ("fell off a ladder from the roof yesterday", ["major-trauma"], []),
        ("fell off a horse when I was 17", [], ["major-trauma"]),
        ("erection problems for about 5 years, long before my back", [], ["new-sexual-dysfunction"]),
        # "since" puts a sign long ago only with a time or event that is: "since lunch" is today
        ("since lunch I've had chest pain along with the mid-back ache", ["chest-pain-with-back-pain"], []),
        ("leaking since I had my kids, the youngest is 9", [], ["urinary-incontinence"]),
        ("new erection problems since my back went last week", ["new-sexual-dysfunction"], []),
        # A time after "started" dates the start of a sign, which is still there.
        ("numbness in my foot started a week ago and is spreading up my leg", ["spreading-numbness"], []),
        # A time reaches only its own comma-separated part.
        ("back pain for years, now I can't pee at all", ["urinary-retention"], []),
        ("عندي ضغط من زمان، وحاسس بشي ينبض في بطني مع وجع ظهر", ["pulsing-in-tummy"], []),
        # Having had cancer counts whenever it was; a new nerve sign with it is an emergency.
        ("had breast cancer 5 years ago and now my leg is weak", ["cancer-with-nerve-symptoms"], []),
        # Walking the dog is no animal's symptom; the dog's own is.
        ("walking the dog yesterday and now both legs are numb", ["both-legs-symptoms"], []),
        ("my dog's back legs are weak and wobbly", [], ["both-legs-symptoms", "leg-weakness"]),
        # Sciatica that has moved into the other leg too is both legs.
        ("sciatica down my right leg and now the other leg as well", ["both-legs-symptoms"], []),
        ("sciatica in my right leg, the other leg is fine", [], ["both-legs-symptoms"]),
        # A short course of steroids is not long-term steroids.
        ("I took prednisolone for a few days once", [], ["long-term-steroids"]),
        ("on prednisolone tablets for two years", ["long-term-steroids"], []),
        # A lipoma is a known, harmless lump.
        ("the lump on my back is a lipoma and my back aches from the desk", [], ["warm-tender-swelling"]),
        # "Problems" with the bladder or bowel, in the NHS's own plain words, are the emergency.
        ("back pain and bladder problems", ["urinary-retention"], []),
        ("back pain with bowel issues since yesterday", ["bowel-control-loss"], []),
        ("back pain, no bladder problems", [], ["urinary-retention"]),
        # Iraqi and Gulf spellings with Persian letters read as the Arabic letters they stand for.
        ("الوجع بظهري بين الچتافين", ["thoracic-pain"], []),
        # A question after a stated sign never hides it; a question before one supposes it.
        ("I can't pee, what if it is serious", ["urinary-retention"], []),
        ("I wet myself, is it an emergency", ["urinary-incontinence"], []),
        ("I can't feel my groin, is that an emergency", ["saddle-numbness"], []),
        ("what if I can't pee one day", [], ["urinary-retention"]),
        # Exclusions match whole phrases: "fell on my back" is a fall, "fall back asleep" is not.
        ("on warfarin and fell on my back", ["blood-thinners-fall-or-sudden-pain"], []),
        # Two-word context terms are contiguous: "can feel a pulse" is no question "can a ...".
        ("I can feel a pulse in my tummy like a heartbeat and my back aches", ["pulsing-in-tummy"], []),
        ("can a pulsing tummy be serious", [], ["pulsing-in-tummy"]),
    ],
)
def test_context_rules(text: str, expected: list[str], absent: list[str]) -> None:
    found = signs_of(text)
    assert set(expected) <= set(found), found
    assert not set(absent) & set(found), found


def test_a_long_story_is_read_to_its_last_words(run: Run) -> None:
    """A search query is ranked on its first 500 characters, but warning signs are read to the end."""
    story = "My back has been sore since I moved house and carried boxes up the stairs all weekend. " * 6
    text = story + "Today I can't control my bladder."
    assert len(text) > 502
    data = json.loads(run("search", text, "--json").stdout)
    assert data["red_flags"][0]["id"] == "urinary-incontinence"


# Patterns fixed from the development set's misses and false alarms, each in other words than the set's,
# with a near miss that must raise nothing (or not that sign).
@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # A misspelling is read by the word the vocabulary writes ("stomach"), not only by its normal
        # form ("abdomen"); an inflected word is not taken for another inflected word.
        ("my back aches and there's a throbbing in my bellly", "pulsing-in-tummy", True),
        ("been slimming down and my back aches", "injects-drugs", False),
        # A hand on the tummy is the tummy; lying on it is not a sign.
        ("حاطة ايدي على بطني وحاسة نبض زي القلب ووجع في ظهري", "pulsing-in-tummy", True),
        ("I put my hand on my belly and felt a pulse like a heartbeat, back aches", "pulsing-in-tummy", True),
        ("نمت على بطني وصحيت وظهري يوجعني", "pulsing-in-tummy", False),
        # "my whole foot" is a place, not "my whole life".
        ("the numbness has spread and now my whole foot is numb", "spreading-numbness", True),
        ("my whole life I've had a fever every winter", "fever-with-back-pain", False),
        # The lower leg's parts (shin, calf, heel) and words of spreading, in both languages.
        ("numbness on my shin is creeping down towards my ankle", "spreading-numbness", True),
        ("الخدر في سمانة رجلي بيزحف لتحت", "spreading-numbness", True),
        ("numb patch on my shin, it hasn't spread at all", "spreading-numbness", False),
        ("خدر خفيف في سمانة رجلي وما انتشر", "spreading-numbness", False),
        # "لتحت" is "downwards", not "down there".
        ("الخدر في سمانة رجلي بيزحف لتحت", "saddle-numbness", False),
        # A recent time by the place a sign started does not end the sign that is still there.
        ("tingling began in my heel a week ago and today it has crept up to my knee", "spreading-numbness", True),
        ("I've had sciatica in both legs for years, today just an ordinary back ache", "both-legs-symptoms", False),
        # "since" dates the start of what is still so; a time with no "since" before it is over.
        ("Since I hurt my back two weeks ago I haven't been able to get an erection", "new-sexual-dysfunction", True),
        ("I had a fever two weeks ago, since then my back aches", "fever-with-back-pain", False),
        # Being a student is no supposition; "what if" still is.
        ("I'm a physio student and I can't feel my bum when I wipe", "saddle-numbness", True),
        ("انا طالبة طب وعندي خدر بين فخذي", "saddle-numbness", True),
        ("what if I can't feel my bum when I wipe one day", "saddle-numbness", False),
        # A supposition or a study ends where the writer states something of their own.
        ("I'm revising for my exam and I can't pee since this morning", "urinary-retention", True),
        ("مجرد سؤال، وانا ما اقدر ابول من الصبح", "urinary-retention", True),
        ("مجرد سؤال، لو ما اقدر ابول", "urinary-retention", False),
        ("revising for my exam: what happens if you can't pee", "urinary-retention", False),
        ("لو صار عندي خدر بين فخذي", "saddle-numbness", False),
        # Pain that runs or spreads down the legs is a leg symptom; "run down" (tired) stays unwell.
        ("the pain now runs down both legs", "both-legs-symptoms", True),
        ("الوجع يسري في الرجلين الاثنتين", "both-legs-symptoms", True),
        ("the pain runs down my left leg only", "both-legs-symptoms", False),
        ("the pain now runs down both legs", "feeling-generally-unwell", False),
        ("الوجع يسري في رجلي اليمين بس", "both-legs-symptoms", False),
        # The back of the thighs is no saddle area.
        ("تنميل في مؤخرة فخذي اليسار", "saddle-numbness", False),
        # A thing and its negated verb is a statement of its own, after a denial in an earlier part...
        ("ما عاد فيني طاقة لشي، والشي ما يقوم من اسبوع وظهري يوجعني", "new-sexual-dysfunction", True),
        ("No energy at all, my legs aren't working", "both-legs-symptoms", True),
        # ... but a list of denials stays denied.
        ("no numbness, no pee problems", "urinary-retention", False),
        # Bedding soaked with sweat is night sweats, not wetting oneself; sweat after a run is neither.
        ("I have to strip the bed most nights because I'm drenched", "night-sweats", True),
        ("الشرشف كله مبلول عرق كل صباح وظهري يوجعني", "night-sweats", True),
        ("اصحى مبلولة عرق كل ليلة", "urinary-incontinence", False),
        ("came home from the run wet with sweat and my back aches", "urinary-incontinence", False),
        ("رجعت من الجري مبلول عرق وظهري يوجعني", "urinary-incontinence", False),
        ("رجعت من الجري مبلول عرق وظهري يوجعني", "night-sweats", False),
        # Not having read or heard of something denies no sign; not having a sign does.
        (
            "I've not read about this anywhere, my erections stopped when my back went on Monday",
            "new-sexual-dysfunction",
            True,
        ),
        ("I've not had any erection problems, just back pain", "new-sexual-dysfunction", False),
        # Verb forms of a sign word ("انتصب": to get an erection).
        ("صار عندي صعوبة اني انتصب من يوم ما تعور ظهري", "new-sexual-dysfunction", True),
        ("ما عندي اي مشكلة بالانتصاب، بس ظهري يوجعني", "new-sexual-dysfunction", False),
    ],
)
def test_a_pattern_from_the_development_set(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


# Patterns fixed from the misses of the blind batch b6, each in other words than the batch's, with a near miss.
@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # Dialect spelling: ذ said and written as د ("فخادي"), ظ as ض ("ضهري"); thighs in the plural.
        ("من امبارح مخدر بين فخادي وضهري واجعني", "saddle-numbness", True),
        ("حاسس بتنميل بين افخاذي من الصبح", "saddle-numbness", True),
        ("تنميل في فخادي من ورا بعد الجيم", "saddle-numbness", False),
        ("ضهري يوجعني من الشغل", "thoracic-pain", False),
        # Maghrebi verbs: "ما ... ش" negates and "ن" is "I": "ما نقدرش نبول" is "I can't pee".
        ("من البارح ما نقدرش نبول والضهر كيضرني", "urinary-retention", True),
        ("ما قدرتش ابول من الصبح وضهري واجعني", "urinary-retention", True),
        ("نبول عادي وما عنديش مشكل، غير الضهر", "urinary-retention", False),
        # A verb's plural ending: "ينملوا" (they tingle) is "ينمل".
        ("رجليا الزوج بداو ينملوا من الصبح", "both-legs-symptoms", True),
        ("رجلي اليمين بس هي اللي عم تنمل", "both-legs-symptoms", False),
        # A denied past ("I never had it before") says a sign is new, not over.
        ("صار عندي مشكلة في الانتصاب من يوم ضهري تعبني، ما كانت عندي قبل", "new-sexual-dysfunction", True),
        ("ما كان عندي حرارة، بس ظهري يوجعني", "fever-with-back-pain", False),
        ("I had a fever last week, my back aches", "fever-with-back-pain", False),
        # An exclusion that is also one of its concept's own terms excludes only the word as written:
        # "temping" (temp work) no longer hides "temp" (a temperature), "المريض" no longer hides "مريض".
        ("my temp is 39 and my lower back is killing me", "fever-with-back-pain", True),
        ("حاسة نفسي مريضة وتعبانة ومن يومين ظهري يوجعني", "feeling-generally-unwell", True),
        ("I'm temping at an office and my back aches from the chair", "fever-with-back-pain", False),
        ("عندي مريض في العيادة ظهره يوجعه", "feeling-generally-unwell", False),
        # Weakness measured by the hour or the day.
        ("my left leg is weaker hour by hour", "rapid-leg-weakness", True),
        ("رجلي الشمال بتضعف يوم بعد يوم", "rapid-leg-weakness", True),
        ("my left leg has been a bit weak since my knee op, no change", "rapid-leg-weakness", False),
        # Wetting oneself, Levantine and Egyptian: "بليت حالي", "بليت هدومي".
        ("بليت هدومي وانا نايم وضهري بيوجعني", "urinary-incontinence", True),
        ("بليت حالي من المطر وانا راجع عالبيت", "urinary-retention", False),
        # Pushing so that the urine comes: "ازق", "ادفع" ... "عشان البول".
        ("لازم ادفع عشان البول يطلع من امبارح", "urinary-retention", True),
        ("ادفع عربية الاطفال وظهري يوجعني", "urinary-retention", False),
        # Not feeling stool pass, in MSA.
        ("لا أشعر بخروج البراز منذ يومين وظهري يؤلمني", "bowel-control-loss", True),
        ("أشعر بخروج البراز بشكل طبيعي", "bowel-control-loss", False),
        # Toes that stumble: "تتعثر".
        ("قدمي تتعثر بالارض كل ما امشي", "foot-drop", True),
        ("تعثرت مرة بالسجادة امبارح", "foot-drop", False),
        # "I can no longer" ("ما بقيت اقدر") with the Maghrebi heel walk.
        ("ما بقيتش نقدر نوقف على كعبي", "foot-drop", True),
        ("نقدر نوقف على كعبي عادي", "foot-drop", False),
        # A belly that tightens in pregnancy.
        ("حامل بالشهر التامن وبطني بتتحجر وضهري يوجعني", "pregnancy-warning-signs", True),
        ("my tummy goes hard every so often, 34 weeks pregnant, back aching", "pregnancy-warning-signs", True),
        ("بطني بتشد من الاكل وضهري يوجعني", "pregnancy-warning-signs", False),
        # A shiver with a fever is no orgasm ("رعشة").
        ("سخونة ورعشة ووجع ضهر", "new-sexual-dysfunction", False),
        ("سخونة ورعشة ووجع ضهر", "fever-with-back-pain", True),
        # "Fine" idioms of spoken Arabic deny what stands just before them.
        ("الانتصاب زي الفل، بس ضهري يوجعني", "new-sexual-dysfunction", False),
        # A range ("from nothing to unbearable") is no denial.
        ("I'm 66 and it went from nothing to agony in seconds, right across my back", "sudden-pain-older-adult", True),
        ("عمري ٧٠ وفجأة الوجع صار من ولا شي لوجع ما ينطاق", "sudden-pain-older-adult", True),
        ("nothing severe, just a dull back ache", "sudden-severe-back-pain", False),
        # Remission keeps a cancer in the history.
        ("Lymphoma in 2015, all clear since, and now my shin has gone numb", "cancer-with-nerve-symptoms", True),
        ("Scans all clear, no cancer, my shin is a bit numb from kneeling", "cancer-with-nerve-symptoms", False),
        # Legs that will not obey.
        ("my legs won't do what I tell them any more", "leg-weakness", True),
        ("my kids won't do what I tell them and my back aches", "leg-weakness", False),
        # Fever homonyms.
        ("got a fever blister and my back is stiff", "fever-with-back-pain", False),
    ],
)
def test_a_pattern_from_batch_b6(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


# Arabic as it is spoken: verb forms, dialect sounds and words, and how "fine" and "my" are said.
@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # a present verb with its aspect particle and plural ending ("ديخدرن": they are going numb)
        ("رجولي الثنتين ديخدرن من امس", "both-legs-symptoms"),
        # Iraqi ك for ق: "ما اكدر ابول" is "ما اقدر ابول" (I can't pee)
        ("ظهري يوجعني وما اكدر ابول من الصبح", "urinary-retention"),
        # a feminine plural ("خدرانات": numb, of both hands) after cancer
        ("سويت عملية سرطان قبل سنة، وهسه ايديه الثنتين صايرات خدرانات", "cancer-with-nerve-symptoms"),
        # "ما اقدر ابول زين": "well" after "can't" is how, not a denial
        ("صرت ما اقدر ابول زين ولازم اضغط، وظهري يوجعني", "urinary-retention"),
        # "no longer feel", in everyday forms, is numbness
        ("من وقت ما انزلق الديسك ما عدت حس بشي وقت العلاقة", "new-sexual-dysfunction"),
        # numbness in both legs (NHS cauda equina)
        ("كرعيني الاتنين فيهن نمل والضهر واجعني", "both-legs-symptoms"),
        # Levantine "ما فيني" (I can't)
        ("فجأة صرت ما فيني امشي وظهري عم يوجعني", "rapid-leg-weakness"),
    ],
)
def test_arabic_as_it_is_spoken(text: str, sign: str) -> None:
    assert sign in signs_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "أعاني من ألم عضلي في أسفل الظهر بعد التمارين، يتحسن مع الراحة والتمدد",  # better with rest
        "وجع في الارداف بيتنقل مره يمين ومره شمال",  # now right, now left: not both at once
        "جان عندي ضعف برجلي بعد العملية من سنتين وهسه رجعت طبيعية",  # Iraqi "جان": it was, and it went
        "Had a fever with flu last month, that's long gone. My back aches from carrying my toddler.",
    ],
)
def test_spoken_arabic_and_resolved_things_raise_nothing(text: str) -> None:
    assert signs_of(text) == []


@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # a term's gap never holds a denial
        ("Can hold my wee fine, no leaking, no numbness in my bum.", "urinary-incontinence", False),
        # injecting is a sign while it is now or recent, not years after stopping (the flag's own question)
        ("Back in my twenties I used to inject, clean 15 years now. My back's sore from work.", "injects-drugs", False),
        ("I inject heroin and my back has been killing me for a week", "injects-drugs", True),
        # numbness that comes with a position and goes within minutes
        ("pins and needles in my hand after sleeping on my arm, gone after a minute", "cord-compression-signs", False),
        # Arabizi: Arabic in Latin letters and digits
        ("dahri byewja3ni mn 3 ayam w msh 2ader abawel", "urinary-retention", True),
        ("3ndi tanmeel bel mante2a el 7asase w dahri 3am ywaja3ni", "saddle-numbness", True),
        ("khali 3ando 7arara w waja3 dahr mn embare7", "fever-with-back-pain", False),
    ],
)
def test_gaps_habits_passing_numbness_and_arabizi(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


@pytest.mark.parametrize(
    "text",
    [
        # a reported check-list answered no, in a dialect ("قلتله لأ": I told him no; "لأ خالص": not at all)
        "الدكتور سألني: في مشكلة في البول؟ قلتله لأ. في تنميل تحت؟ لأ. رجلك ضعيفة؟ لأ خالص.",
        # another part of the body, and the back denied: no urgent sign of the back
        "ركبتي منتفخة وحارة بعد المباراة، أما ظهري فما فيه شي.",
        "Sprained my ankle on the stairs, it's swollen and hot, but my back is totally fine.",
        # "صدر" is also "was issued": a decision, not a chest
        "صدر قرار نقلي إلى مكتب جديد، والكرسي هناك سيئ فبدأ ظهري يؤلمني قليلاً.",
        # a procedure booked, not yet done
        "I'm booked in for a facet joint injection on the 14th. Should I stop my ibuprofen beforehand?",
    ],
)
def test_b9_patterns_raise_nothing(text: str) -> None:
    assert signs_of(text) == []


def test_a_swelling_elsewhere_with_back_pain_still_counts() -> None:
    # the back is not denied: the complaint is the back's too
    assert "warm-tender-swelling" in signs_of("my knee is swollen and my lower back has a hot swollen lump")


def test_an_emergency_in_a_complaint_about_another_part_still_counts() -> None:
    assert "chest-pain-with-back-pain" in signs_of("sprained my ankle and now I have chest pain, my back is fine")


def test_fine_after_a_denial_in_another_part_still_denies() -> None:
    # "بول زين" (urine fine): the "ما" of an earlier comma part does not make "زين" an adverb
    assert "urinary-retention" not in signs_of("انا ما اتكلم عربي زين، ظهري ألم بعد شغل بناء، بول زين.")
    # ... while in its own part it does: "ما اقدر ابول زين" (I can't pee well)
    assert "urinary-retention" in signs_of("صرت ما اقدر ابول زين ولازم اضغط، وظهري يوجعني")


@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # a denial never reaches past a colon; what a colon introduces keeps the context before it
        (
            "Disc went last month. What I haven't told my GP: for a week I can't get an erection",
            "new-sexual-dysfunction",
            True,
        ),
        ("Back is agony. What I haven't said to anyone: for two days can't pee properly", "urinary-retention", True),
        ("The nurse's safety-net list: numbness between the legs, trouble peeing.", "saddle-numbness", False),
        # "gone" with a sign's word after it is "become", not "gone away"
        ("I could barely feel anything down there, like it's gone half numb", "saddle-numbness", True),
        ("أقدر أتحكم بالبول عادي والإحساس تحت طبيعي، بس الألم نازل لرجلي", "urinary-incontinence", False),
        # a denial after a list of one concept denies the whole list
        ("Coughing and sneezing don't make it any worse, it's stiff when I bend", "pain-on-straining", False),
        # ... but one after "and" and another concept says nothing of what came before
        ("legs numb and bladder fine, back agony", "both-legs-symptoms", True),
        ("both legs tingling and waterworks normal, back in bits", "both-legs-symptoms", True),
        # a past season, and "كان عمري" (I was aged) before a number, put a sign long ago
        ("وقعت من الدراجة الصيف الماضي وتعافيت. الحين ظهري يوجعني من الكنبة", "injury-or-fall", False),
        (
            "Last winter I had a kidney infection with a fever and back pain; antibiotics sorted it",
            "fever-with-back-pain",
            False,
        ),
        ("لما كان عمري 17 وقعت من فوق الحصان وانكسرت فقرة. اليوم ظهري يتعب بعد الشغل", "major-trauma", False),
        ("طحت من فوق السلم امس وظهري يوجعني", "injury-or-fall", True),
        # a stem that is another word ("والدي", my father, is not Egyptian "دي", this) and pronouns that
        # are as often "it" as "he" ("وهو أنه": namely that) make nobody else the subject
        ("بس المرة دي بكتب عن نفسي: حاسة بتنميل حوالين فتحة الشرج وظهري بيوجعني", "saddle-numbness", True),
        ("وهناك أمر أخجل من ذكره، وهو أنه منذ أسبوع خرج مني براز مرتين دون أن أشعر به", "bowel-control-loss", True),
        ("تبين أنها مشكلة في الديسك، ومن امبارح ما اقدر ابول وظهري يوجعني", "urinary-retention", True),
        # a word of the saddle area just before another body part names that part
        ("can't feel my bottom lip since the dentist, usual back ache", "saddle-numbness", False),
        ("can't feel my bottom lip since the dentist, usual back ache", "bowel-control-loss", False),
        ("عرق النسا نازل لحد تحت الركبة، وفيه تنميل في صباعي الصغير", "saddle-numbness", False),
        ("my bottom is numb and my back hurts", "saddle-numbness", True),
        # "a mate of mine": "mine" is no writer speaking of themself
        ("A mate of mine injects and his back has been bad for a week", "injects-drugs", False),
        # night work is no night pain
        ("بشتغل شفتات ليل وضهري بيتعب من الوطي", "night-or-rest-pain", False),
        # no homonym's exclusion hides a real sign: "fever for", "jelly when"
        ("had a fever for 2 days and my back hurts", "fever-with-back-pain", True),
        ("my legs turn to jelly when I stand up and my back is agony", "both-legs-symptoms", True),
        # a temperature read as normal, a decimal or with its unit, is no fever; a high one is
        ("I took my temperature three times, 36.7 every time. Back's just sore", "fever-with-back-pain", False),
        ("temperature 98.6 f this morning, back sore from the garden", "fever-with-back-pain", False),
        ("حرارتي ٣٦٫٨ وظهري يوجعني من الشغل", "fever-with-back-pain", False),
        ("took my temperature, 38.6, and my back is agony", "fever-with-back-pain", True),
        ("fever for 36 hours and back pain", "fever-with-back-pain", True),
        # a word with its article is no particle: "الما" (the water, "بيت الما" the toilet) is no "ما" (not)
        ("ملي كنمشي لبيت الما كنلقى راسي توسخت بلا ما نعيق، والضهر كيقتلني", "bowel-control-loss", True),
        # "God willing" says what is hoped for is still to come; "they think" is no writer speaking
        ("ولادتي بعد أسبوعين إن شاء الله وناوية آخذ إبرة الظهر", "recent-infection-or-spinal-procedure", False),
        ("عملية الظهر بعد شهر انشالله وخايفة", "recent-infection-or-spinal-procedure", False),
        ("ما اقدر ابول من امس ان شاء الله خير وظهري يوجعني", "urinary-retention", True),
        (
            "A colleague collapsed holding his back and they think it was an aneurysm. My own back just aches",
            "persistent-pain-aneurysm-risk",
            False,
        ),
    ],
)
def test_b10_patterns(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


def test_my_father_is_still_someone_else() -> None:
    reading = read_signs(load_knowledge_base(), "والدي ما يقدر يبول من امس وظهره يوجعه")
    assert [found.flag.id for found in reading.signs] == []
    assert [(found.flag.id, found.about) for found in reading.mentioned] == [("urinary-retention", "someone-else")]


@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # homonyms named in full: the words of a sign in a phrase that means something else
        ("it's in the middle of my lower back after running, no fever", "thoracic-pain", False),
        ("pain in the middle of my back, between the shoulder blades", "thoracic-pain", True),
        (
            "That horror film gave me shivers down my spine. My back is stiff from the seats",
            "fever-with-back-pain",
            False,
        ),
        ("Feverish excitement here, tickets for the final! Back sore from the ladder", "fever-with-back-pain", False),
        (
            "I can't sleep on my side as my back aches, so I sleep on my back and sleep right through",
            "night-or-rest-pain",
            False,
        ),
        ("the pain in my back wakes me every night", "night-or-rest-pain", True),
        ("بتحمم بمي سخنة بعد الشغل وضهري بيوجعني", "fever-with-back-pain", False),
        ("عندي حرارة وبتحمم بمي سخنة وظهري يوجعني", "fever-with-back-pain", True),
        # "normally" after a thing says it is fine; after "can't" it is how the thing is not done
        ("Been through the list: peeing normally, pooing normally. Back just sore", "pain-on-straining", False),
        ("I can't pee normally since last night and my back is agony", "urinary-retention", True),
        # weight going down in the verbs people use; Egyptian "بضرب حقن" (I shoot up)
        (
            "Doctor sahab my weight is reducing without any diet, 6 kg in 2 months, back pain",
            "unexplained-weight-loss",
            True,
        ),
        ("بصراحة أنا بضرب حقن كل يوم ومحدش يعرف، وضهري بيوجعني من أسبوع", "injects-drugs", True),
        # a term's words stand in one comma part, so "the front of my foot" is read in its own words
        ("ما عم بقدر ارفع مقدمة رجلي وانا ماشي، وضهري بيوجعني", "foot-drop", True),
        ("my foot went numb when I bent down, there was a sharp pain in my back", "saddle-numbness", False),
    ],
)
def test_b11_homonyms(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


# From an adversarial audit of every exclusion and context word: real emergencies said in ways that
# were hidden, each beside the homonym or old thing its fix must still leave alone.
@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        ("both legs numb, bladder fine", "both-legs-symptoms", True),
        ("رجليا الثنتين خدرانين، المثانة تمام", "both-legs-symptoms", True),
        ("I've had back pain for 10 years and I lost control of my bladder", "urinary-incontinence", True),
        ("I've had chronic back pain and can't pee since this morning", "urinary-retention", True),
        ("is it an emergency that I can't pee since this morning?", "urinary-retention", True),
        ("Could barely pee since last night", "urinary-retention", True),
        ("حدبة ظهري من وانا صغير، ما تغيرت من سنين", "back-shape-change", False),
        ("I need to pee really badly but I can't, nothing since this morning", "urinary-retention", True),
        ("had a bladder accident at work this morning, back is agony", "urinary-incontinence", True),
        ("my privates feel numb on the toilet when I wipe, lower back pain", "saddle-numbness", True),
        ("both my legs keep falling asleep all day, back pain", "both-legs-symptoms", True),
        ("I have numbness on my feet and toes since yesterday, back pain", "both-legs-symptoms", True),
        ("my legs go to jelly after a few steps, back pain", "both-legs-symptoms", True),
        ("I collapsed the moment I stood up, back pain", "collapse-with-back-pain", True),
        ("im a cancer survivor and now my leg is numb", "cancer-with-nerve-symptoms", True),
        ("when I lie on my tummy I feel it throbbing like a heartbeat, back pain", "pulsing-in-tummy", True),
        ("صار عندي تنميل من تحت من امس وظهري يوجعني", "saddle-numbness", True),
        ("bum went numb sitting on a hard bleacher for 3 hours, fine as soon as i stood up", "saddle-numbness", False),
        ("Nurse here, back aches after a 12 hour shift on my feet", "both-legs-symptoms", False),
        ("ضهري بيوجعني من تحت وعندي تنميل في رجلي اليمين", "saddle-numbness", False),
    ],
)
def test_no_exclusion_or_context_hides_a_real_sign(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


# Everyday phrasings no term held, found by the audit, beside a near miss that must stay quiet.
@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        ("ما اقدر احس بالمنطقة الحساسة من امس", "saddle-numbness", True),
        ("I can no longer feel my bum and my back is agony", "saddle-numbness", True),
        ("the GP found reduced feeling in both legs", "both-legs-symptoms", True),
        ("I can hardly walk since this morning", "rapid-leg-weakness", True),
        ("sat on the toilet, try to pee and nothing, back is agony", "urinary-retention", True),
        ("ابي اروح الحمام وما يطلع شي وظهري يوجعني", "urinary-retention", True),
        ("my bladder control has gone, back pain", "urinary-incontinence", True),
        ("I peed without realising at work, back pain", "urinary-incontinence", True),
        ("I can hardly wait for my holiday, back a bit stiff", "rapid-leg-weakness", False),
        ("my bladder control is fine, back stiff", "urinary-incontinence", False),
        ("used to inject heroin, been clean 12 years now, back sore from work", "injects-drugs", False),
        # the writer introducing themself by who they are to others is the writer
        ("Dad of 3, lost control of my bladder this morning", "urinary-incontinence", True),
        ("Grandad here - can't pee since yesterday", "urinary-retention", True),
        ("Mum of two here, my daughter can't pee since yesterday", "urinary-retention", False),
        ("back pain and I can't go on the loo since last night", "urinary-retention", True),
        # "since" an event with a recent time is a recent start; with an old one, long ago
        ("since i had my back operation 2 weeks ago i can't feel my bum", "saddle-numbness", True),
        ("since I had my baby 3 weeks ago I keep wetting myself", "urinary-incontinence", True),
        ("incontinent since I had my first baby 20 years ago", "urinary-incontinence", False),
    ],
)
def test_everyday_phrasings_the_audit_found(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


# Patterns from the adversarial audit's remaining sentences (each said here in other words), beside
# the near miss each rule must still leave alone.
@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # a denial over a comma only as a list it began: "isn't there" has said all it denies
        ("it feels like a bag of sand that isn't there, numb bottom, back agony", "saddle-numbness", True),
        ("no numbness, tingling or weakness in either leg", "both-legs-symptoms", False),
        # a question answered no with thanks is answered no
        ("Numbness down there? No thank god, I only asked about my sore back", "saddle-numbness", False),
        ("خدر في المنطقة الحساسة؟ لا الحمد لله ما عندي، بس ظهري يوجعني", "saddle-numbness", False),
        # a walking limit is long-standing unless its part says it began just now
        ("all of a sudden I can't walk more than a few steps, back pain", "rapid-leg-weakness", True),
        ("من امس ما اقدر امشي مسافة وظهري يوجعني", "rapid-leg-weakness", True),
        ("I can't walk more than half a mile before my legs ache, for years now", "rapid-leg-weakness", False),
        # a clinician's finding told with "he", "she" or "they" is the writer's
        ("went to the walk-in centre, she found less feeling in both legs", "both-legs-symptoms", True),
        ("my husband went to the GP, he can't feel his legs", "both-legs-symptoms", False),
        # having the signs of something is said, not asked
        ("I think I've got the symptoms of cauda equina, numb bum and can't wee", "saddle-numbness", True),
        ("what are the symptoms of cauda equina, numb bum?", "saddle-numbness", False),
        ("صار عندي اعراض خدر بين الفخذين", "saddle-numbness", True),
        # "they" after the writer's own legs are those legs
        ("my feet feel odd and they went numb an hour ago, both of them", "both-legs-symptoms", True),
        ("my legs are fine, my parents say they both went numb", "both-legs-symptoms", False),
        # a part of the body as the subject of a change after "and" is said now, not in the old time
        ("back trouble for about 15 years and both legs have gone weak", "both-legs-symptoms", True),
        ("back trouble and numbness in both legs for about 15 years", "both-legs-symptoms", False),
        # a high temperature read in numbers is a fever; an age, a count or the weather is not
        ("the nurse had my temperature checked, 38.6, and my back is killing me", "fever-with-back-pain", True),
        ("my temperature was normal on Monday, now it's up at 39.1 and my back hurts", "fever-with-back-pain", True),
        ("back pain and I've been 39 degrees all evening", "fever-with-back-pain", True),
        ("I'm 39, back pain, temperature normal", "fever-with-back-pain", False),
        ("it's 40 degrees outside and my back aches from the garden", "fever-with-back-pain", False),
        ("temperature 37.1 and back pain", "fever-with-back-pain", False),
        ("I'm 38 weeks pregnant and my temperature is fine", "fever-with-back-pain", False),
        ("my temperature is fine and I'm 38 with back ache", "fever-with-back-pain", False),
        ("my temperature is fine, 38 weeks pregnant, back ache", "fever-with-back-pain", False),
        ("ظهري يوجعني وجسمي حر وبرد من الليل", "fever-with-back-pain", True),
        ("الحر شديد اليوم وظهري يوجعني من الشغل", "fever-with-back-pain", False),
        # a kick in the back is an injury; a medicine that kicked in is not
        ("I was kicked in the back during the match yesterday", "injury-or-fall", True),
        ("the naproxen finally kicked in, back easier", "injury-or-fall", False),
        # a fall down a flight of stairs is a fall from a height
        ("tripped and went down a flight of stairs last night, back agony", "major-trauma", True),
        ("slipped on the bottom step, bruised my back", "major-trauma", False),
        ("رجليا الاثنين صاروا ضعاف من امس", "both-legs-symptoms", True),
        # "a bit of" is no "bits"
        ("just a bit of tingling in my right calf, back sore", "saddle-numbness", False),
    ],
)
def test_patterns_from_the_audit_second_pass(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


# Patterns from the b12 development batch, each said here in other words, beside its near miss.
@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # Arabizi denials, words of "fine", and "if someone"
        ("mafeesh khadar fel regly, el bol tamam, bas dahri wage3ni", "urinary-retention", False),
        ("mafeesh khadar fel regly, el bol tamam, bas dahri wage3ni", "both-legs-symptoms", False),
        ("dahri w regly el etnein mnamleen men embare7", "both-legs-symptoms", True),
        ("law wa7ed 3ando cancer w dahro bywga3o, eh el ma3na?", "history-of-cancer", False),
        # formal "I don't feel", pidgin "can't"
        ("من يومين صرت لا اشعر بالمثانة لما تمتلي", "urinary-retention", True),
        ("انا من امس ما في يقدر بول، ظهر الم", "urinary-retention", True),
        ("ache between my shoulders and a heavy pressure in the front of my chest", "chest-pain-with-back-pain", True),
        # Moroccan "long ago"
        ("طحت من السلم شحال هادي، دابا غير ضهري كيضرني", "injury-or-fall", False),
        # a verb of ending that names the sign, or opens the next sentence with "it", ends it
        (
            "pins and needles in my left hand from lying on it. It went after a few minutes.",
            "cord-compression-signs",
            False,
        ),
        ("صحيت وايدي الشمال منملة من النومة عليها، وراح التنميل بعد شوي", "cord-compression-signs", False),
        ("My legs have gone weak today. It was all fine last week.", "both-legs-symptoms", True),
        ("My legs have both gone weak. It was all fine last week.", "both-legs-symptoms", True),
        ("the tingling in my hand went away but now both legs are numb", "both-legs-symptoms", True),
        # a bare "no" that ends its clause answers what stands before it
        (
            "nurse's checklist: bladder problems - no; numb when wiping - no; back sore since Monday",
            "saddle-numbness",
            False,
        ),
        (
            "nurse's checklist: bladder problems - no; numb when wiping - no; back sore since Monday",
            "urinary-retention",
            False,
        ),
        ("I can't pee, no idea why, back agony", "urinary-retention", True),
    ],
)
def test_patterns_from_batch_b12(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


# The audit's third pass: each rule said in other words, beside what it must leave alone.
@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # a term written out whole around an exclusion is the exact reading
        ("my spine is getting hunched and I am only 50", "back-shape-change", True),
        ("I sit hunched at my laptop all day and my back aches", "back-shape-change", False),
        ("being a cancer survivor, this new back pain scares me", "history-of-cancer", True),
        ("being a Cancer, am I more prone to back pain? my horoscope says so", "history-of-cancer", False),
        # an exclusion's word never takes one with a fused "و"
        ("حاسس بخدر من تحت وضهري يوجعني من امس", "saddle-numbness", True),
        ("ضهري يوجعني من تحت من الشغل", "saddle-numbness", False),
        # "has gone" that runs into a verb of becoming ends nothing
        ("my right foot has gone floppy and slaps when I walk", "foot-drop", True),
        ("the foot drop I had after my op has gone, back stiff", "foot-drop", False),
        # "and then" fused to a verb opens a statement; "ولا" (nor) does not
        ("انا في الخمسين من عمري وصار عندي خدر بين الفخذين", "saddle-numbness", True),
        ("ما بدخن ولا عندي ضغط ولا سكري، ضهري يوجعني من الجيم", "persistent-pain-aneurysm-risk", False),
        # "chronic" describes what it stands by, not what follows "and"
        ("chronic lower back pain and since lunchtime can't wee at all", "urinary-retention", True),
        ("عندي ديسك مزمن وما عاد اقدر ابول", "urinary-retention", True),
        ("I've had chronic retention of urine for years, back fine", "urinary-retention", False),
        # the feeling in a place gone is numbness; gone back to normal is not
        ("all the feeling in my bottom and bits has gone", "saddle-numbness", True),
        ("the feeling in my feet has gone back to normal now", "both-legs-symptoms", False),
        ("the feeling in my feet went back to how it was", "both-legs-symptoms", False),
        ("my walking has gone wobbly and I keep bumping into doors, back pain", "cord-compression-signs", True),
        # "since then" from an event yesterday is recent
        ("تزحلقت البارحة في الحمام ومن ساعتها ما احس برجليا الثنتين", "both-legs-symptoms", True),
        # clinicians who ruled something out are no one else with the sign
        ("they ruled out a fracture this morning, still numb down there", "saddle-numbness", True),
        ("my legs just wouldn't carry me to the car this morning", "both-legs-symptoms", True),
    ],
)
def test_patterns_from_the_audit_third_pass(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


# Patterns from the b13 development batch, each said here in other words, beside its near miss.
@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # "since then" is recent after a recent day, long ago after an old time
        ("الحرارة كانت من شهرين ومن ساعتها تمام، وضهري بدأ يوجعني اليوم", "fever-with-back-pain", False),
        # "has gone" running into a sign's own words ends nothing
        ("since Sunday it feels numb when I wipe, like my bottom has gone to sleep", "saddle-numbness", True),
        # an Arabic denial that ends its part speaks of what stands before it
        ("الحرارة ما عنديش، بس ضهري يوجعني من الشغل", "fever-with-back-pain", False),
        ("عندي حرارة من امبارح، ما عنديش غيرها، وضهري يوجعني", "fever-with-back-pain", True),
        # Arabizi, straining, Moroccan
        ("ba2ali yomein msh 2adra a3mel pipi w dahri bywga3ni", "urinary-retention", True),
        ("البول ما ينزل زين ولازم اضغط، وضهري يوجعني من امس", "urinary-retention", True),
        ("رجلي بجوج ما بقاوش كيحملوني من البارح", "both-legs-symptoms", True),
        ("البراز كيخرج مني بلا ما نعرف من البارح", "bowel-control-loss", True),
    ],
)
def test_patterns_from_batch_b13(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


def test_a_month_is_long_ago_only_when_it_is() -> None:
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
    months += ["November", "December"]
    this_month = months[date.today().month - 1]
    half_a_year_ago = months[(date.today().month - 7) % 12]
    assert "urinary-retention" in signs_of(f"I couldn't pee properly after my back operation in {this_month}")
    assert "urinary-retention" not in signs_of(f"I couldn't pee properly after my back operation in {half_a_year_ago}")
    # "... and can't pee properly" is said of now, whenever the operation was
    assert "urinary-retention" in signs_of(f"I had my back operation in {half_a_year_ago} and can't pee properly")


@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # "if" before a movement of the writer's is what happens each time
        ("if I get out of bed my legs both buckle under me", "both-legs-symptoms", True),
        ("if I get numbness in both legs should I go to A&E?", "both-legs-symptoms", False),
    ],
)
def test_if_before_a_movement_is_a_habit(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


# Patterns from the b14 development batch, each said here in other words, beside its near miss.
@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # a checklist answered "- no," in its own comma part, and "no, normal" after a question
        ("GP's questions: bladder trouble - no, fine. Numb bum - no. Just an aching back.", "urinary-retention", False),
        ("مشاكل بالبول؟ لا طبيعي. خدر بالمقعدة؟ لا. بس ظهري يعورني", "urinary-retention", False),
        ("I can't pee since this morning, no, I'm not joking", "urinary-retention", True),
        # "stopped" as written ends a sign; "have to stop" does not
        ("the tingling in both legs stopped after a few days, back still stiff", "both-legs-symptoms", False),
        ("since last night I can't walk more than a few steps before I have to stop", "rapid-leg-weakness", True),
        ("الخدر في رجليا الثنتين اختفى بعد كم يوم، بس ظهري متيبس", "both-legs-symptoms", False),
        # a visit to the dentist is no numbness; "cancel" is no cancer
        ("Bad toothache and I feel feverish, should I see a dentist today?", "fever-with-back-pain", False),
        ("had to cancel the gym all week, back sore", "history-of-cancer", False),
        # dialects: Iraqi, Moroccan, Arabizi
        ("من بدا وجع ظهري ما يصير عندي انتصاب ابد", "new-sexual-dysfunction", True),
        ("رجلي ولات تقيلة بزاف وما بقيتش نقدر نرفعها من امس", "leg-weakness", True),
        ("men embare7 msh 3arfa a3mel pipi w dahri bywga3ni", "urinary-retention", True),
        ("اتعاطى المخدرات بالحقن وضهري يوجعني من اسبوع", "injects-drugs", True),
        ("حبوبتي عندها نبض في بطنها مع وجع الضهر", "pulsing-in-tummy", False),
    ],
)
def test_patterns_from_batch_b14(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


# From a review of this session's rules: sentences that the first versions of them got wrong.
@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # a verb of ending that goes on, comes back, or is the back's own ends nothing
        ("I can't pee and my bum is numb. This has gone on since yesterday.", "urinary-retention", True),
        ("My bum has been numb since yesterday. It has gone into my privates too.", "saddle-numbness", True),
        ("Numb between my legs. It went away for an hour but came back worse.", "saddle-numbness", True),
        ("Numb between my legs. It went away after an hour, then returned.", "saddle-numbness", True),
        ("Can't feel my bum when I wipe and can't pee. It went after I lifted my son", "urinary-retention", True),
        ("numb bum, but the arm numbness went away", "saddle-numbness", True),
        ("numb bum since this morning. It went after a while", "saddle-numbness", True),
        # denying control, feeling or ability is the sign
        ("التحكم في البول ما عنديش من امس", "urinary-incontinence", True),
        ("التحكم في البول ما عنديش، وظهري يوجعني", "urinary-incontinence", True),
        # the writer's "I" inside "when I get up" is still the writer
        ("My wife has had flu all week and when I get up both legs give way", "both-legs-symptoms", True),
        # a denial whose object comes after the comma reaches it
        ("I haven't, touch wood, lost control of my bladder or bowels", "urinary-incontinence", False),
        (
            "Thankfully none of the following, numbness between my legs, loss of bladder control",
            "saddle-numbness",
            False,
        ),
        # only the first number after a word of temperature, with no other measure between, is a reading
        ("temp normal 36.8 and heart rate 102, back pain", "fever-with-back-pain", False),
        ("temperature fine, I weigh 105 and my back aches", "fever-with-back-pain", False),
        ("درجة الحرارة طبيعية وعمري 39 وظهري يوجعني", "fever-with-back-pain", False),
        ("my temperature keeps going from 37 to 38.9, back pain", "fever-with-back-pain", True),
        ("had my temperature checked twice, 37 then 38.7, back pain", "fever-with-back-pain", True),
        # a recent day after an old "since" makes it no more recent
        ("my legs have both been weak since childhood and my back hurt yesterday", "both-legs-symptoms", False),
        # a feeling of a symptom gone is that symptom gone
        ("the pins and needles feeling in both feet has gone", "both-legs-symptoms", False),
        ("الاحساس في رجليا الاثنين اختفى من الصبح", "both-legs-symptoms", True),
        # a part with a denial of its own is a statement of its own
        ("ما في حرارة، الشي ما يقوم من يوم ظهري تعبني", "new-sexual-dysfunction", True),
        ("no saddle numbness, no pee problems, no weakness, just a sore back", "urinary-retention", False),
    ],
)
def test_what_the_review_found(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


# Patterns from the b15 development batch, each said here in other words, beside its near miss.
@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # questions told of, then "no to all of them"
        (
            "The nurse asked the usual questions: trouble peeing, numb bum, weak legs. No to all of them.",
            "saddle-numbness",
            False,
        ),
        (
            "The nurse asked the usual questions: trouble peeing, numb bum. Yes to the numb bum.",
            "saddle-numbness",
            True,
        ),
        ("النبض في البطن مع وجع الضهر خطير؟ انا معنديش كده", "pulsing-in-tummy", False),
        ("worried I'll end up with both legs numb one day, for now just back ache", "both-legs-symptoms", False),
        ("اذا فقدت السيطرة على البول هل اروح الطوارئ؟ بسأل بس", "urinary-incontinence", False),
        ("لم اعد اشعر متى تكون مثانتي ممتلئة منذ يومين", "urinary-retention", True),
        ("ركبي الاثنين رجل يمين ورجل يسار فيها خدر من امس", "both-legs-symptoms", True),
        ("ما بقاش كينوض ليا من شهر والضهر كيضرني", "new-sexual-dysfunction", True),
        ("stood at the toilet for ages and barely a drip, back agony", "urinary-retention", True),
        ("got t-boned at the lights yesterday, back stiff", "major-trauma", True),
    ],
)
def test_patterns_from_batch_b15(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # no longer getting the urge to pee is the bladder's feeling lost
        ("I don't get the urge to pee any more, back pain for a week", "urinary-retention", True),
        ("I get the urge to pee a lot, back ache", "urinary-retention", False),
        # difficulty walking that gets worse fast is a progressive deficit
        ("walking is getting more difficult by the hour, back pain", "rapid-leg-weakness", True),
    ],
)
def test_a_lost_urge_and_walking_worse_by_the_hour(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # weight lost with "about" between, and Arabic and Arabizi "going down"
        ("خسرت تقريبا 8 كيلو في شهرين بدون رجيم وضهري يوجعني", "unexplained-weight-loss", True),
        ("وزني نازل 6 كيلو من غير ما اعمل رجيم، وضهري تعبان", "unexplained-weight-loss", True),
        ("I want to lose about 6 kg for my back", "unexplained-weight-loss", False),
        # numbness that has climbed since, and pain between the shoulders in Levantine
        ("التنميل كان بصباع رجلي بس، هلق طلع لحد الركبة", "spreading-numbness", True),
        ("عرق النسا نازل لحد الكاحل من اسبوع", "spreading-numbness", False),
        ("وجع بنص ضهري بين الكتاف من عشر ايام", "thoracic-pain", True),
    ],
)
def test_arabic_weight_spreading_and_the_upper_back(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # "since I was" is long ago only with an age or a childhood, not with a recent day
        ("since I was at the gym on Monday I can't feel my bum", "saddle-numbness", True),
        ("I've wet the bed since I was 12, back ache from work", "urinary-incontinence", False),
        ("I've wet the bed since I was a kid, back ache from work", "urinary-incontinence", False),
        # "it was a" dates nothing
        ("it was a shock when I wet myself at work, back agony", "urinary-incontinence", True),
        # a verb done to the writer ends an animal's or someone else's part, as "me" does
        ("الكلب سحبني ووقعت على ظهري", "injury-or-fall", True),
        ("الكلب وقع على ظهره", "injury-or-fall", False),
        # something falling on the writer is a blow
        ("وقع علي الدولاب امس وظهري يوجعني", "injury-or-fall", True),
        ("وقعت في حب الرياضة وظهري يوجعني شوي", "injury-or-fall", False),
        # "I'll end up" supposes; "I end up pacing at 3am" tells
        ("when I lie down my back ramps up and I end up pacing the landing at 3am", "night-or-rest-pain", True),
        ("worried I'll end up with numb legs one day, just a stiff back for now", "both-legs-symptoms", False),
        # a time alone in the comma part before the writer's words dates them
        (
            "Years ago, in 2011, I had night sweats with TB. All clear since. Back sore from digging.",
            "night-sweats",
            False,
        ),
        ("Back pain for 10 years, I can't pee since yesterday", "urinary-retention", True),
        # ... its first words only, not past an "and I have" in that part
        ("Years ago, I had back surgery and I have numbness in my groin and buttocks", "saddle-numbness", True),
        ("Last year, I had prostate cancer and I can't pee", "urinary-retention", True),
        ("السنة الماضية، وقعت على ظهري واليوم ما قدرت اتبول", "urinary-retention", True),
        ("من سنتين، عملت عملية بالظهر وعندي خدر بالمقعدة", "saddle-numbness", True),
        ("Years ago, I had cancer, now I can't pee", "urinary-retention", True),
        # forms found beside their kin in a fresh batch
        ("ومن مبارح ما عم إقدر فضّي مثانتي", "urinary-retention", True),
        ("الديسك خلاني أبلل نفسي", "urinary-incontinence", True),
        ("got knocked flying this afternoon and hit the pavement back first", "injury-or-fall", True),
        ("I hit the ground running at work today, back a bit stiff", "injury-or-fall", False),
        # idioms and homonyms, each a class
        ("Cabin fever is real, kids bouncing off the walls, my back is stiff", "cord-compression-signs", False),
        ("I keep bouncing off walls when I walk, back pain", "cord-compression-signs", True),
        (
            "Is saddle anaesthesia like a dead bum on a bike? For the record I've got nothing like that",
            "urinary-retention",
            False,
        ),
        ("صلّينا الظهر جماعة في المسجد وكان صوت الإمام يخدّر القلب", "new-sexual-dysfunction", False),
        ("من شهر ما احس وقت الجماع وظهري يوجعني", "new-sexual-dysfunction", True),
    ],
)
def test_a_recent_day_a_verb_done_to_me_and_a_blow_from_above(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # pain beyond words, with the risks of a burst aneurysm: an emergency
        (
            "High blood pressure, 59. Out of nowhere I got an unbelievable pain in my back going into my stomach",
            "sudden-severe-back-or-tummy-pain",
            True,
        ),
        (
            "عندي تمدد بالشريان الأبهر، والليلة إجاني وجع بضهري متل ضربة خنجر فجأة",
            "sudden-severe-back-or-tummy-pain",
            True,
        ),
        ("unbelievable how stiff my back is after the gym", "sudden-severe-back-or-tummy-pain", False),
        # an hour of the night is said with its preposition; Arabizi "3am" is a verb's -ing
        ("dahri 3am yuja3ni shway men el laptop", "night-or-rest-pain", False),
        ("my back wakes me at 3am every night and lying down doesn't help", "night-or-rest-pain", True),
        ("awake since 4am because of my back", "night-or-rest-pain", True),
        ("back pain every night 3am-5am", "night-or-rest-pain", True),
        ("ana 3am 7es b khadar b mak3ade w dahri 3am yuja3ni", "saddle-numbness", True),
        # Arabizi kin of Arabic words the lexicon has
        ("ana bdrob ebar mukhaddirat, w sarli jem3a dahri 3am yewja3ni", "injects-drugs", True),
        ("wja3 b sadri w dahri men nos se3a", "chest-pain-with-back-pain", True),
        ("dahri wage3ni, b7ot kamadat sokhna", "fever-with-back-pain", False),
        ("ma 3am 2e2dar 2erfa3 msht 2ejre la fo2, disc bel dahr", "foot-drop", True),
        # a fever that went and came back, or another sign that went, keeps the sign
        ("I had a fever and back pain. The fever went but came back today.", "fever-with-back-pain", True),
        ("Sunday: can't pee, back pain. Monday: the numbness has gone, still can't pee", "urinary-retention", True),
        # ... nor one a medicine holds down, nor one that comes back or comes and goes
        ("I have a fever and back pain. Fever gone after ibuprofen.", "fever-with-back-pain", True),
        ("عندي حرارة ووجع ظهر. السخونة راحت بالمسكن", "fever-with-back-pain", True),
        ("عندي حرارة ووجع ظهر. راحت الحرارة بس بترجع بالليل", "fever-with-back-pain", True),
        ("Monday: numb bum. Tuesday: numbness gone. Wednesday: it is back.", "saddle-numbness", True),
        ("I have a fever and back pain. The fever has gone for now.", "fever-with-back-pain", True),
        ("fever comes and goes with my back pain. fever gone now.", "fever-with-back-pain", True),
        # a count of hours is no reading
        ("fever for 48 hours and back pain", "fever-with-back-pain", True),
        # ... never an age beside a fever
        ("I have a fever, I am 45 and my back hurts", "fever-with-back-pain", True),
        ("fever and chills, 52 yo male, back pain", "fever-with-back-pain", True),
        ("عندي حرارة، عمري ٤٥ سنة ووجع بظهري", "fever-with-back-pain", True),
        ("temperature 44 and back pain", "fever-with-back-pain", True),
        # a clinician's question or instruction does not make the writer's own sign a question
        ("the doctor asked about my numb bum and sent me to A&E", "saddle-numbness", True),
        ("She asked about my fever and it's 39.5, back agony", "fever-with-back-pain", True),
        ("الدكتور سألني عن التبول وقلتله ما بقدر اتبول", "urinary-retention", True),
        ("قالي لو حسيت بخدر بالمقعدة روح عالطوارئ، وانا حاسس بخدر بالمقعدة من امبارح", "saddle-numbness", True),
        ("I asked the GP about my numb bum and she said go to A&E", "saddle-numbness", True),
        # years counted from a past event
        (
            "2 weeks post-op from my discectomy and the wound is red and hot",
            "recent-infection-or-spinal-procedure",
            True,
        ),
        # ... and date that event only, not what is said beside it
        ("4 years after the surgery I can't pee", "urinary-retention", True),
        ("5 years after my laminectomy I have lost control of my bladder", "urinary-incontinence", True),
        ("2 years after my fusion my bum went numb", "saddle-numbness", True),
    ],
)
def test_pain_beyond_words_night_hours_and_arabizi_kin(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # batch b19 (fresh, blind): kin of words the lexicon has
        ("since Friday I keep finding my knickers soaked, I don't even feel it happen", "urinary-incontinence", True),
        ("ولّيت نبوّل على روحي بلا ما نحس، الديسك تعبني", "urinary-incontinence", True),
        ("أصبحت لا أستطيع التحكم في الإخراج منذ يومين مع انزلاق غضروفي", "bowel-control-loss", True),
        ("a hot wire down the back of each thigh and the soles of both feet prickle", "both-legs-symptoms", True),
        ("من أمس المنطقة التحت كلها بقت نملانة، ولما أتشطف ما بحس بالموية", "saddle-numbness", True),
        ("Came off the quad bike on Saturday, rolled it and it landed on top of me", "major-trauma", True),
        ("fell over and pulled my quad, back sore", "major-trauma", False),
        # a span of years up to now says a habit goes on; "years ago" and "clean now" end it
        ("I've been using (IV) for about three years. Got a new pain in my lower back", "injects-drugs", True),
        ("بصراحة أنا بضرب حقن من سنتين، وضهري بيوجعني من أسبوع", "injects-drugs", True),
        ("used to inject 10 years ago, clean for 8 years, back sore from work", "injects-drugs", False),
        ("back pain for 10 years after a car accident", "major-trauma", False),
        # fluid kept in the body is no urine held
        (
            "The water retention on this flight is unreal, ankles like an elephant's, back stiff",
            "urinary-retention",
            False,
        ),
        ("احتباس السوائل بالطيارة شي فظيع وضهري يوجعني", "urinary-retention", False),
        # an episode is no assault; falling off a pedal is no dropped foot
        ("pins and needles round my lips during a panic attack last night, back a bit stiff", "injury-or-fall", False),
        ("I was attacked outside the pub last night and my back hurts", "injury-or-fall", True),
        ("my foot keeps dropping off the pedal on the spin bike, back aches", "foot-drop", False),
        ("my foot drops and slaps the floor when I walk, sciatica for a month", "foot-drop", True),
    ],
)
def test_patterns_from_batch_b19(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)


@pytest.mark.parametrize(
    ("text", "sign", "present"),
    [
        # a count is no reading, an age is no weather
        ("fever for 48 hours since I worked outside and my back hurts", "fever-with-back-pain", True),
        ("حرارة صارلها ٤٨ ساعة مع انو الجو بارد، وظهري بيوجعني", "fever-with-back-pain", True),
        ("I have a fever, I'm 45, weather is awful, back hurts", "fever-with-back-pain", True),
        # a count of years after an event dates the event, never a symptom, and not past "and"
        ("3 years post op numb bum", "saddle-numbness", True),
        ("4 years after surgery can't pee", "urinary-retention", True),
        ("2 years out and can't feel my bum", "saddle-numbness", True),
        # a time before a comma stops at "&", "plus", "which" and now
        ("Years ago, I had back surgery & can't pee", "urinary-retention", True),
        ("Years ago, I had back surgery plus I can't pee", "urinary-retention", True),
        ("In 2019, I had a fall which has left me with numbness in my groin", "saddle-numbness", True),
        # "chronic" is said of the back pain only, also across "with" and "مع"
        ("chronic back pain with numbness in my groin", "saddle-numbness", True),
        ("ألم مزمن في الظهر مع خدر في المقعدة", "saddle-numbness", True),
        # what took a fever away, or that it comes back, keeps it
        ("I have a fever and back pain. Fever gone after Panadol.", "fever-with-back-pain", True),
        ("I have a fever and back pain. Fever gone after taking something.", "fever-with-back-pain", True),
        ("عندي حرارة ووجع ظهر. راحت الحرارة بعد الأدول", "fever-with-back-pain", True),
        ("I have a fever and back pain. Fever gone but on and off.", "fever-with-back-pain", True),
        # only "3am" beside a word of Arabizi in its own part is the Arabizi "عم"
        ("back pain worst 3am, ya3ni", "night-or-rest-pain", True),
        ("back wakes me 3am, drinking h2o", "night-or-rest-pain", True),
        ("up since 4am with my back, l3l4l5 bulge", "night-or-rest-pain", True),
        ("dahri 3am ywja3ni mn el sho8l", "night-or-rest-pain", False),
        # ... and the Arabizi fever that the accident of "3am" had stood in for
        ("3andi s5ouneh w dahri 3am yuja3ni", "fever-with-back-pain", True),
        # years counted to now ("after 4 years", "4 years later") say what is now, not what is over
        ("بعد ٤ سنين من العملية ما بقدر اتبول", "urinary-retention", True),
        ("بعد ٣ سنوات من العملية أعاني من سلس البول", "urinary-incontinence", True),
        ("4 years later I can't pee", "urinary-retention", True),
        ("My knee gives way since I tore my ACL in February. On the waiting list.", "leg-weakness", False),
        # an old time stops at a separate "and" or "but" after it, with or without a subject
        ("I had surgery 4 years ago and can't pee", "urinary-retention", True),
        ("In 2018 I fell off a roof and can't feel my bum", "saddle-numbness", True),
        ("عملت عملية قبل ٤ سنين بس هلق ما بقدر اتبول", "urinary-retention", True),
        ("قبل عشر سنين وقعت من الدرج وانكسرت فقرة وتعالجت، الحين بس تيبس بسيط", "major-trauma", False),
    ],
)
def test_what_the_second_review_found(text: str, sign: str, present: bool) -> None:
    assert (sign in signs_of(text)) is present, signs_of(text)
