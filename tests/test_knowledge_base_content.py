"""A lint of the shipped knowledge base: complete, sourced, bilingual, consistent, and covering the documents."""

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from backpain_cli.knowledge_base import Fact, KnowledgeBase, load_knowledge_base
from backpain_cli.search import normalise
from tests.conftest import BUNDLED_KB, DATA, ROOT

KB: KnowledgeBase = load_knowledge_base(BUNDLED_KB)
CHECKLIST: dict[str, Any] = json.loads((DATA / "coverage_checklist.json").read_text(encoding="utf-8"))
SEEDS = ROOT.parent / "shared" / "seeds"


def test_matches_the_json_schema() -> None:
    schema = json.loads((ROOT / "data" / "knowledge_base.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(BUNDLED_KB.read_text(encoding="utf-8"))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors] == []


def test_every_cause_is_complete_in_both_languages() -> None:
    problems = []
    for cause in KB.causes:
        if not cause.name.ar:
            problems.append(f"{cause.id}: no Arabic name")
        if not cause.summary.text.ar:
            problems.append(f"{cause.id}: no Arabic summary")
        if not cause.aliases.en or not cause.aliases.ar:
            problems.append(f"{cause.id}: needs aliases in both languages")
        if not cause.symptoms:
            problems.append(f"{cause.id}: no symptoms")
        for fact in (*cause.symptoms, *cause.worse_with, *cause.better_with, *cause.at_risk, *cause.diagnosis):
            if not fact.text.ar:
                problems.append(f"{cause.id}: untranslated fact {fact.text.en!r}")
    assert problems == []


def test_every_category_has_causes_and_there_is_an_inflammatory_one() -> None:
    assert "inflammatory" in KB.category_by_id
    assert [c.id for c in KB.categories if not KB.causes_in(c.id)] == []


def test_no_alias_is_shared_by_two_causes() -> None:
    owners: dict[str, set[str]] = {}
    for cause in KB.causes:
        for name in (cause.id, cause.name.en, cause.name.ar or "", *cause.aliases.all()):
            key = normalise(name)
            if key:
                owners.setdefault(key, set()).add(cause.id)
    assert {key: ids for key, ids in owners.items() if len(ids) > 1} == {}


def test_every_fact_cites_a_source_and_every_entry_cites_its_facts_sources() -> None:
    def facts_of(item: Any) -> list[Fact]:
        found = []
        for value in item:
            if isinstance(value, Fact):
                found.append(value)
            elif isinstance(value, tuple):
                found.extend(v for v in value if isinstance(v, Fact))
        return found

    problems = []
    for section in (KB.causes, KB.treatments, KB.tests, *KB.topics.values()):
        for item in section:
            for fact in facts_of(item):
                missing = set(fact.sources) - set(item.sources)
                if missing:
                    problems.append(f"{item.id}: fact cites {sorted(missing)} but the entry does not list them")
    assert problems == []


def test_every_source_is_used_and_seeds_name_real_files() -> None:
    used: Counter[str] = Counter()
    sections = (KB.causes, KB.treatments, KB.tests, KB.red_flags, KB.red_flag_groups, KB.emergency_numbers)
    for section in (*sections, *KB.topics.values()):
        for item in section:
            used.update(item.sources)
    assert [s.id for s in KB.sources if not used[s.id]] == []
    seeds = [s for s in KB.sources if s.kind == "seed"]
    assert len(seeds) == 5
    for source in seeds:
        assert source.file, source.id


def test_seed_sources_name_real_files() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not beside this checkout ({SEEDS}); their file names are not checked")
    for source in KB.sources:
        if source.kind == "seed":
            assert (SEEDS / str(source.file)).is_file(), source.file


def test_red_flag_data_is_safe() -> None:
    for flag in KB.red_flags:
        assert flag.sources and flag.causes, flag.id
        assert flag.sign.ar and flag.question.ar, flag.id
        if flag.group == "cauda-equina":
            assert flag.urgency == "emergency", flag.id
    cauda = [flag for flag in KB.red_flags if flag.group == "cauda-equina"]
    assert len(cauda) >= 5
    assert {"emergency", "urgent", "soon"} == {flag.urgency for flag in KB.red_flags}


def test_cauda_equina_is_called_an_emergency() -> None:
    cause = KB.cause_by_id["cauda-equina-syndrome"]
    assert "emergency" in cause.summary.text.en.lower()
    assert KB.red_flags_for(cause.id)[0].urgency == "emergency"


def test_disagreements_are_recorded() -> None:
    topics = {cause.id for cause in KB.causes if cause.disagreements}
    assert {"spinal-infection", "herniated-disc", "osteoarthritis", "muscle-strain"} <= topics
    for cause in KB.causes:
        for disagreement in cause.disagreements:
            cited = {source for position in disagreement.positions for source in position.sources}
            assert len(cited) >= 2, cause.id


def test_sacroiliac_dysfunction_is_often_confused_with_sciatica() -> None:
    links = {(link.id, link.relation) for link in KB.cause_by_id["sacroiliac-joint-dysfunction"].related}
    assert ("sciatica", "often-confused-with") in links


SECTIONS = {
    "causes": KB.cause_by_id,
    "red_flags": {flag.id: flag for flag in KB.red_flags},
    "treatments": KB.treatment_by_id,
    "tests": KB.test_by_id,
    **{key: {topic.id: topic for topic in topics} for key, topics in KB.topics.items()},
}
ROWS = [
    (section, source, words, entry_id)
    for section, by_source in CHECKLIST.items()
    if section in SECTIONS
    for source, items in by_source.items()
    for words, entry_id in items.items()
]


@pytest.mark.parametrize(("section", "source", "words", "entry_id"), ROWS, ids=[f"{r[0]}:{r[1]}:{r[2]}" for r in ROWS])
def test_coverage_of_the_documents(section: str, source: str, words: str, entry_id: str) -> None:
    entry = SECTIONS[section].get(entry_id)
    assert entry is not None, f"{section} has no '{entry_id}' for “{words}” ({source})"
    assert source in entry.sources, f"{section}/{entry_id} does not cite {source} for “{words}”"
    if source == "ar-back-pain-causes" and section == "causes":
        arabic = {entry.name.ar, *entry.aliases.ar}
        assert words in arabic, f"{entry_id} lacks the Arabic document's wording “{words}”"


def test_roughly_sixty_causes() -> None:
    assert len(KB.causes) >= 50


def test_every_cause_and_category_renders_in_both_languages(run: Any) -> None:
    for cause in KB.causes:
        for lang in ("en", "ar"):
            result = run("show", cause.id, "--lang", lang)
            assert result.exit_code == 0, (cause.id, lang, result.stderr)
            assert cause.name.get(lang) in result.stdout
        data = json.loads(run("show", cause.id, "--json").stdout)
        assert data["id"] == cause.id
    for category in KB.categories:
        assert run("list", "--category", category.id, "--lang", "ar").exit_code == 0
    for topic in ("risk-factors", "tests", "prevention", "activities", "pain-types"):
        for lang in ("en", "ar"):
            assert run("guide", topic, "--lang", lang).exit_code == 0


def test_every_emergency_and_urgent_sign_can_be_read_from_text_in_both_languages() -> None:
    concepts = {concept.id: concept for concept in KB.sign_vocabulary.concepts}
    computed = {"age-60-plus", "age-50-plus", "age-under-20"}  # also read from stated ages
    for flag in KB.red_flags:
        if flag.urgency in ("emergency", "urgent"):
            assert flag.detect, flag.id
            for pattern in flag.detect:
                for concept_id in (*pattern.all, *pattern.with_):
                    concept = concepts[concept_id]
                    assert concept.terms.en and (concept.terms.ar or concept_id in computed), (flag.id, concept_id)


def test_every_icd10cm_code_exists_in_the_official_tables() -> None:
    """Each cause's ICD-10-CM codes, checked against the CMS tables packaged by simple-icd-10-cm."""
    import simple_icd_10_cm as cm  # a test dependency; only this test needs it

    unknown = [(cause.id, code) for cause in KB.causes for code in cause.codes.icd10cm if not cm.is_valid_item(code)]
    assert unknown == []
    assert all(cause.codes.icd10cm for cause in KB.causes)


def test_every_cause_says_how_established_it_is_and_sources_its_prevalence() -> None:
    for cause in KB.causes:
        assert cause.evidence is not None and cause.evidence.note.text.ar, cause.id
        assert cause.prevalence_sources, cause.id
        assert cause.features.sources, cause.id
        assert cause.codes.icd11 or cause.codes.icd11_missing, cause.id
    # The self-help site's ideas are that site's view and never "common" (issue #12).
    for cause_id in ("sensory-motor-amnesia", "muscle-ischemia", "iliopsoas-syndrome", "tight-leg-muscles"):
        cause = KB.cause_by_id[cause_id]
        assert cause.evidence is not None and cause.evidence.level == "one-source"
        assert cause.prevalence != "common"


def test_every_code_title_is_the_official_one() -> None:
    import simple_icd_10_cm as cm  # a test dependency; only this test needs it

    wrong = [
        (cause.id, code, title)
        for cause in KB.causes
        for code, title in zip(cause.codes.icd10cm, cause.codes.titles, strict=True)
        if title != cm.get_description(code)
    ]
    assert wrong == []


def _texts(value: Any) -> Iterator[str]:
    """Every string in the knowledge base's JSON: facts, summaries, names, notes, in both languages."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def test_no_run_of_twelve_words_is_copied_from_a_seed() -> None:
    """Own words: no 12 consecutive words of any text appear in a seed document (hashed in tests/data)."""
    from tests.update_seed_shingles import RUN, SHINGLES, shingle_hashes

    seed_runs = set(SHINGLES.read_text(encoding="utf-8").split())
    assert len(seed_runs) > 1000, f"{SHINGLES} looks empty: run python -m tests.update_seed_shingles"
    data = json.loads(BUNDLED_KB.read_text(encoding="utf-8"))
    copied = sorted({run for text in _texts(data) for digest, run in shingle_hashes(text) if digest in seed_runs})
    assert copied == [], f"runs of {RUN} words copied from a seed document; reword them: {copied}"


def test_the_seed_shingles_are_up_to_date() -> None:
    from tests.update_seed_shingles import SEEDS as SHINGLED_SEEDS
    from tests.update_seed_shingles import main

    if not sorted(SHINGLED_SEEDS.glob("*.txt")):
        pytest.skip(
            f"the seed documents are not beside this checkout ({SHINGLED_SEEDS}); the stored hashes stand as they are"
        )
    assert main(["--check"]) == 0


@pytest.mark.parametrize(
    ("query", "entry_id"),
    [
        ("تكلس الفقرات", "spinal-degeneration"),
        ("ألم العصعص", "coccydynia"),
        ("انحراف العمود الفقري", "scoliosis"),
        ("وجع الظهر", "non-specific-low-back-pain"),
        ("الأورطي", "aortic-aneurysm"),
        ("الأورطي", "aortic-dissection"),
    ],
)
def test_arabic_lay_terms_find_their_entry(run: Any, query: str, entry_id: str) -> None:
    """The words people type, from the clinical review: the entry comes first, or (for the aorta) among the answers."""
    result = run("search", query, "--json")
    assert result.exit_code == 0, result.stderr
    ids = [match["id"] for match in json.loads(result.stdout)["results"]]
    if query == "الأورطي":
        assert entry_id in ids[:3], ids
    else:
        assert ids[:1] == [entry_id], ids


def test_arabic_names_do_not_read_as_spinal_cord_disease_and_use_the_right_words() -> None:
    """Degeneration and stenosis are named for the spine, not the cord (نخاع); fibromyalgia is not muscle fibrosis."""
    for cause_id in ("spinal-degeneration", "spinal-stenosis"):
        assert "نخاع" not in (KB.cause_by_id[cause_id].name.ar or ""), cause_id
    assert "التليف العضلي" not in KB.cause_by_id["fibromyalgia"].aliases.ar


def test_every_reference_source_has_an_address_a_publisher_and_the_date_it_was_checked() -> None:
    """Seeds are saved files; every other source has a URL, a publisher and a checked date, and any year is sane."""
    for source in KB.sources:
        if source.kind == "seed":
            assert source.file, source.id
            continue
        assert source.url and source.url.startswith(("http://", "https://")), source.id
        assert source.publisher.strip(), source.id
        assert source.checked and len(source.checked) == 10 and source.checked[4] == "-", source.id
        if source.year is not None:
            assert 1900 <= source.year <= int(source.checked[:4]), source.id


EDITOR_WORDS = (
    "lost in saving",
    "this draft",
    "should be looked up",
    "not seen",
    "read in copies",
    "helper",
    "search tool",
    "url not found",
    "should be checked against",
    "المسودة",
)


def test_no_note_meant_for_editors_reaches_users() -> None:
    """Source notes (shown by `backpain sources`), ICD-11 notes and every other text are written for a reader."""
    data = json.loads(BUNDLED_KB.read_text(encoding="utf-8"))
    data.pop("sign_vocabulary", None)  # words to recognise in what people type, not text shown to them
    found = [(word, text) for text in _texts(data) for word in EDITOR_WORDS if word in text.casefold()]
    assert found == []


def test_keep_active_leads_for_mechanical_back_pain() -> None:
    # NICE NG59 and the NHS: staying active comes before rest; rest is a short break, never first
    for cause_id in (
        "non-specific-low-back-pain",
        "muscle-strain",
        "ligament-sprain",
        "herniated-disc",
        "bulging-disc",
    ):
        treatments = KB.cause_by_id[cause_id].treatments
        assert "staying-active" in treatments, cause_id
        if "rest" in treatments:
            assert treatments.index("staying-active") < treatments.index("rest"), cause_id


def test_no_alias_is_read_backwards_by_search() -> None:
    """Search drops filler words, "no" and "not" among them: an alias that begins with a denial ("no
    exercise", "not enough exercise") would read as what it denies, and name its cause for any query
    about exercise."""
    denials = {"no", "not", "never", "without"}
    backwards = [
        (cause.id, alias)
        for cause in KB.causes
        for alias in cause.aliases.en
        if alias.casefold().split()[0] in denials and normalise(alias).split()[0] not in denials
    ]
    assert backwards == []
