"""The cache only ever saves time: it never serves stale data, and failing to use it is never an error."""

import json
import os
import pickle
import time
from pathlib import Path
from typing import Any

import pytest

from backpain_cli import search
from backpain_cli.cache import KEEP, PickledItems
from backpain_cli.errors import CacheError
from backpain_cli.knowledge_base import load_knowledge_base
from backpain_cli.search import build_search_index, load_search_index, rank_causes
from tests.conftest import BUNDLED_KB, DATA, Run


def eval_cases(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return cases


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "backpain"


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_second_load_comes_from_the_cache(private_cache: Path, tmp_path: Path, mini_data: dict[str, Any]) -> None:
    path = write(tmp_path / "kb.json", mini_data)
    first = load_knowledge_base(path)
    load_search_index(first)
    assert sorted(p.name.split(".")[1] for p in private_cache.glob("*.pickle")) == ["index", "kb"]
    second = load_knowledge_base(path)
    assert second is not first
    assert [c.id for c in second.causes] == [c.id for c in first.causes]
    assert rank_causes(load_search_index(second), "sciatica")[0].cause.id == "sciatica"


def test_an_edited_file_is_never_served_stale(private_cache: Path, tmp_path: Path, mini_data: dict[str, Any]) -> None:
    path = write(tmp_path / "kb.json", mini_data)
    assert load_knowledge_base(path).cause_by_id["sciatica"].name.en == "Sciatica"
    mini_data["causes"][1]["name"]["en"] = "Sciatica (edited)"
    write(path, mini_data)
    assert load_knowledge_base(path).cause_by_id["sciatica"].name.en == "Sciatica (edited)"


def test_a_cached_copy_reports_the_path_it_was_loaded_from(
    private_cache: Path, tmp_path: Path, mini_data: dict[str, Any]
) -> None:
    load_knowledge_base(write(tmp_path / "one.json", mini_data))
    assert load_knowledge_base(write(tmp_path / "two.json", mini_data)).path == str(tmp_path / "two.json")


def test_corrupt_cache_entries_are_rebuilt(private_cache: Path, tmp_path: Path, mini_data: dict[str, Any]) -> None:
    path = write(tmp_path / "kb.json", mini_data)
    load_search_index(load_knowledge_base(path))
    for entry in private_cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    kb = load_knowledge_base(path)
    assert rank_causes(load_search_index(kb), "slipped disc")[0].cause.id == "herniated-disc"


def test_unwritable_cache_is_not_an_error(run_mini: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # the cache folder cannot be made inside a file
    result = run_mini("search", "sciatica", "--json")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_cache_can_be_turned_off(private_cache: Path, run_mini: Run) -> None:
    result = run_mini("search", "sciatica", env={"BACKPAIN_CACHE": "off"})
    assert result.exit_code == 0
    assert not private_cache.exists()


def test_invalid_files_are_never_cached(
    private_cache: Path, tmp_path: Path, mini_data: dict[str, Any], run: Run
) -> None:
    del mini_data["causes"][0]["summary"]
    path = write(tmp_path / "kb.json", mini_data)
    for _ in range(2):
        assert run("validate", str(path)).exit_code == 1
    assert not list(private_cache.glob("*.pickle"))


def test_a_cached_index_ranks_exactly_as_a_fresh_one(private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    queries = [case["query"] for name in ("search_eval.json", "search_eval_holdout.json") for case in eval_cases(name)]
    load_search_index(load_knowledge_base(BUNDLED_KB))  # fills the cache

    def not_again(kb: Any) -> Any:
        raise AssertionError("the index was rebuilt instead of read from the cache")

    with monkeypatch.context() as patch:
        patch.setattr(search, "build_search_index", not_again)
        cached = load_search_index(load_knowledge_base(BUNDLED_KB))
    monkeypatch.setenv("BACKPAIN_CACHE", "off")
    fresh = build_search_index(load_knowledge_base(BUNDLED_KB))
    for query in queries:
        expected = [(m.cause.id, m.score, m.field, m.matched) for m in rank_causes(fresh, query)]
        assert [(m.cause.id, m.score, m.field, m.matched) for m in rank_causes(cached, query)] == expected, query


def test_a_cached_knowledge_base_looks_causes_up_like_a_fresh_one(private_cache: Path) -> None:
    fresh = load_knowledge_base(BUNDLED_KB)
    cached = load_knowledge_base(BUNDLED_KB)
    assert list(cached.causes) == list(fresh.causes)
    assert cached.causes[-1] == fresh.causes[-1] and cached.causes[2:4] == fresh.causes[2:4]
    assert "sciatica" in cached.cause_by_id and "no-such-cause" not in cached.cause_by_id
    assert cached.cause_by_id["sciatica"] is cached.causes[cached.cause_by_id.positions["sciatica"]]
    assert dict(cached.cause_by_id) == dict(fresh.cause_by_id)


def test_pickled_items_survive_a_second_round_trip_unchanged() -> None:
    items = PickledItems.of([("a", 1), ("b", 2), ("c", 3)])
    assert items[1] == ("b", 2)
    again = pickle.loads(pickle.dumps(items))
    assert list(again) == [("a", 1), ("b", 2), ("c", 3)]
    assert len(again) == 3 and again[-1] == ("c", 3) and again[::2] == (("a", 1), ("c", 3))
    with pytest.raises(IndexError):
        again[3]


def test_pickled_items_unpickle_only_what_is_used() -> None:
    items = PickledItems([pickle.dumps("fine"), b"damaged", pickle.dumps(None)])
    assert items[0] == "fine" and items[2] is None and items[2] is None
    again = pickle.loads(pickle.dumps(items))  # re-pickled without touching the damaged item
    assert again[0] == "fine"
    with pytest.raises(CacheError, match="damaged"):
        again[1]


def test_a_damaged_cached_cause_is_one_line_and_the_next_run_repairs_it(
    private_cache: Path, tmp_path: Path, mini_data: dict[str, Any], run: Run
) -> None:
    path = write(tmp_path / "kb.json", mini_data)
    assert run("search", "sciatica", kb=path).exit_code == 0  # fills the cache
    [entry] = private_cache.glob("*.kb.pickle")
    kb = pickle.loads(entry.read_bytes())
    kb.causes._blobs[kb.cause_by_id.positions["sciatica"]] = b"\x80\x05damaged"
    entry.write_bytes(pickle.dumps(kb))
    damaged = run("search", "sciatica", kb=path)
    assert damaged.exit_code == 1
    assert damaged.stdout == ""
    assert damaged.stderr.count("\n") == 1 and "damaged and has been removed; run the command again" in damaged.stderr
    repaired = run("search", "sciatica", kb=path, env={})
    assert repaired.exit_code == 0 and "Sciatica" in repaired.stdout


def test_only_the_most_recent_knowledge_bases_stay_in_the_cache(
    private_cache: Path, tmp_path: Path, mini_data: dict[str, Any]
) -> None:
    stamp = time.time() - 1000
    for number in range(KEEP + 3):
        mini_data["causes"][0]["name"]["en"] = f"Edit {number}"
        kb = load_knowledge_base(write(tmp_path / "kb.json", mini_data))
        for entry in private_cache.glob(f"{kb.key}.*"):
            os.utime(entry, (stamp + number, stamp + number))  # each edit visibly later than the last
    (private_cache / ".kb-left-by-a-killed-write").write_bytes(b"partial")
    os.utime(private_cache / ".kb-left-by-a-killed-write", (stamp - 7200, stamp - 7200))
    (private_cache / ".kb-being-written-now").write_bytes(b"partial")
    mini_data["causes"][0]["name"]["en"] = "Latest"
    latest = load_knowledge_base(write(tmp_path / "kb.json", mini_data))
    keys = {entry.name.split(".")[0] for entry in private_cache.iterdir() if not entry.name.startswith(".")}
    assert len(keys) == KEEP
    assert latest.key in keys
    assert load_knowledge_base(tmp_path / "kb.json").causes[0].name.en == "Latest"
    assert not (private_cache / ".kb-left-by-a-killed-write").exists()
    assert (private_cache / ".kb-being-written-now").exists()  # another process may be writing it


def test_a_knowledge_base_in_use_stays_cached_while_others_come_and_go(
    private_cache: Path, tmp_path: Path, mini_data: dict[str, Any]
) -> None:
    favourite = write(tmp_path / "favourite.json", mini_data)
    key = load_knowledge_base(favourite).key
    long_ago = time.time() - 1000
    for entry in private_cache.iterdir():
        os.utime(entry, (long_ago, long_ago))  # cached before all the others
    for number in range(KEEP + 2):
        mini_data["causes"][0]["name"]["en"] = f"Edit {number}"
        load_knowledge_base(write(tmp_path / "kb.json", mini_data))
        again = load_knowledge_base(favourite)  # used again between edits
        assert again.key == key
        assert isinstance(again.causes, PickledItems)  # from the cache, never rebuilt
