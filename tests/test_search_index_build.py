"""The search index is built exactly as before the cold-load work of issue #16: every table, in the
same order, every weight to the last bit, and so every ranking.

The reference is the builder as it was (tests/index_reference.py), run in the same process: the order
in which a phrase's words are numbered and its weight summed follows Python's set order, which a run
of its own could change, so a golden file could not hold it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from backpain_cli import search
from backpain_cli.knowledge_base import KnowledgeBase, load_knowledge_base
from backpain_cli.search import SearchIndex, build_search_index, rank_causes
from benchmarks.scale import generate
from tests.conftest import BUNDLED_KB, MINI_KB
from tests.index_reference import build_reference_index

EVAL = Path(__file__).parent / "data"


def tables(index: SearchIndex) -> dict[str, Any]:
    """Every field but the knowledge base, as plain values that compare exactly (orders included)."""
    return {
        "cause_ids": index.cause_ids,
        "categories": index.categories,
        "prevalence": bytes(index.prevalence),
        "phrase_cause": list(index.phrase_cause),
        "phrase_kind": bytes(index.phrase_kind),
        "phrase_place": list(index.phrase_place),
        "phrase_weight": list(index.phrase_weight),  # floats: equal only if summed in the same order
        "postings": [(word, list(phrases)) for word, phrases in index.postings.items()],
        "idf": list(index.idf.items()),
        "vocabulary": index.vocabulary,
        "typical_text": index.typical_text,
        "name_counts": list(index.name_counts),
    }


def assert_built_as_before(kb: KnowledgeBase) -> None:
    built, reference = tables(build_search_index(kb)), tables(build_reference_index(kb))
    assert built.keys() == set(SearchIndex._fields) - {"kb"}
    for field, value in reference.items():
        assert built[field] == value, field
    assert built == reference


def edited_bundled(tmp_path: Path) -> Path:
    """The bundled knowledge base in reverse, with names that test the rare paths: an alias of filler
    words only, an alias shared by two causes, and a code title that is another cause's alias."""
    data = json.loads(BUNDLED_KB.read_text(encoding="utf-8"))
    causes = data["causes"][::-1]
    causes[0]["aliases"]["en"] = [*causes[0]["aliases"].get("en", []), "the and of", "shared alias words"]
    causes[5]["aliases"]["en"] = [*causes[5]["aliases"].get("en", []), "shared alias words"]
    titled = next(cause for cause in causes if cause["codes"].get("titles"))
    code = next(iter(titled["codes"]["titles"]))
    titled["codes"]["titles"][code] = causes[5]["aliases"]["en"][0]
    path = tmp_path / "edited.json"
    path.write_text(json.dumps({**data, "causes": causes}, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_bundled_knowledge_base_is_indexed_as_before() -> None:
    assert_built_as_before(load_knowledge_base(BUNDLED_KB))


def test_a_small_knowledge_base_is_indexed_as_before() -> None:
    assert_built_as_before(load_knowledge_base(MINI_KB))


def test_a_knowledge_base_with_shared_names_and_titles_is_indexed_as_before(tmp_path: Path) -> None:
    assert_built_as_before(load_knowledge_base(edited_bundled(tmp_path)))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """1,000 causes as benchmarks/scale.py makes them: most texts shared by many causes, names not."""
    return load_knowledge_base(generate(1000, tmp_path_factory.mktemp("scale")))


def test_a_generated_knowledge_base_of_1000_causes_is_indexed_as_before(generated: KnowledgeBase) -> None:
    assert_built_as_before(generated)


def test_small_batches_and_memos_build_the_same_index(
    generated: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Postings written a few causes at a time, and texts forgotten often, change nothing."""
    monkeypatch.setattr(search._IndexBuilder, "BATCH", 7)
    monkeypatch.setattr(search._Memo, "SIZE", 50)
    assert_built_as_before(generated)
    assert_built_as_before(load_knowledge_base(edited_bundled(tmp_path)))


def queries() -> list[str]:
    return [
        case["query"]
        for name in ("search_eval.json", "search_eval_holdout.json", "search_eval_real.json")
        for case in json.loads((EVAL / name).read_text(encoding="utf-8"))
    ]


def assert_ranked_as_before(kb: KnowledgeBase, queries: list[str]) -> None:
    built, reference = build_search_index(kb), build_reference_index(kb)
    for query in queries:
        expected = [(m.cause.id, m.score, m.field, m.matched) for m in rank_causes(reference, query, limit=10)]
        assert [(m.cause.id, m.score, m.field, m.matched) for m in rank_causes(built, query, limit=10)] == expected


def test_the_evaluation_queries_rank_as_before(tmp_path: Path) -> None:
    assert len(queries()) > 900
    assert_ranked_as_before(load_knowledge_base(edited_bundled(tmp_path)), queries()[::3])


def test_a_generated_knowledge_base_ranks_as_before(generated: KnowledgeBase) -> None:
    assert_ranked_as_before(generated, queries()[::20])  # each ranking reads many of 1,000 causes: a sample


def test_a_first_run_indexes_each_cause_as_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A knowledge base read afresh is indexed in the pass that reads it: no second pass over its causes
    (which would decode each again from the cache), and the index is the one a pass of its own builds."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # a first run: nothing cached
    path = edited_bundled(tmp_path)
    passes: list[KnowledgeBase] = []
    each_cause = KnowledgeBase.each_cause
    monkeypatch.setattr(KnowledgeBase, "each_cause", lambda kb: passes.append(kb) or each_cause(kb))
    kb, index = search.load_indexed_knowledge_base(path)
    assert passes == []
    assert tables(index) == tables(build_reference_index(kb))
    passes.clear()
    warm = search.load_indexed_knowledge_base(path)[1]  # both from the cache
    assert passes == [] and tables(warm) == tables(index)
