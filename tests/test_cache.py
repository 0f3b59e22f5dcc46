"""The cache only ever saves time: it never serves stale data, and failing to use it is never an error."""

import inspect
import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from backpain_cli import cache, search
from backpain_cli.cache import KEEP, KEEP_STAMPS, CachedItems
from backpain_cli.knowledge_base import CachedKnowledgeBase, KnowledgeBase, load_knowledge_base
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


def kinds(folder: Path) -> list[str]:
    return sorted(entry.name.split(".")[1] for entry in folder.iterdir())


def test_second_load_comes_from_the_cache(private_cache: Path, tmp_path: Path, mini_data: dict[str, Any]) -> None:
    path = write(tmp_path / "kb.json", mini_data)
    first = load_knowledge_base(path)
    load_search_index(first)
    assert kinds(private_cache) == ["index", "kb"]  # no stamp: the file was written a moment ago
    second = load_knowledge_base(path)
    assert second is not first and isinstance(second.causes, CachedItems)
    assert [c.id for c in second.causes] == [c.id for c in first.causes]
    assert rank_causes(load_search_index(second), "sciatica")[0].cause.id == "sciatica"


def test_the_cache_is_private_to_its_user(private_cache: Path, tmp_path: Path, mini_data: dict[str, Any]) -> None:
    old = os.umask(0)  # the umask under which the review found a world-writable folder
    try:
        load_search_index(load_knowledge_base(write(tmp_path / "kb.json", mini_data)))
    finally:
        os.umask(old)
    assert private_cache.stat().st_mode & 0o777 == 0o700
    assert {entry.stat().st_mode & 0o777 for entry in private_cache.iterdir()} == {0o600}


def test_an_edited_file_is_never_served_stale(private_cache: Path, tmp_path: Path, mini_data: dict[str, Any]) -> None:
    path = write(tmp_path / "kb.json", mini_data)
    assert load_knowledge_base(path).cause_by_id["sciatica"].name.en == "Sciatica"
    mini_data["causes"][1]["name"]["en"] = "Sciatica (edited)"
    write(path, mini_data)
    assert load_knowledge_base(path).cause_by_id["sciatica"].name.en == "Sciatica (edited)"


def test_a_file_seen_before_is_not_read_again(
    private_cache: Path, tmp_path: Path, mini_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "SETTLED_NS", -(10**12))  # as if the file had been written long ago
    path = write(tmp_path / "kb.json", mini_data)
    key = load_knowledge_base(path).key
    assert "stamp" in kinds(private_cache)

    def not_again(*args: Any) -> bytes:
        raise AssertionError("the file was read again")

    monkeypatch.setattr("backpain_cli.knowledge_base._read_file", not_again)
    assert load_knowledge_base(path).key == key


@pytest.mark.parametrize("settled", [True, False])
def test_an_edit_that_keeps_size_and_times_is_never_served_stale(
    settled: bool, private_cache: Path, tmp_path: Path, mini_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    if settled:
        monkeypatch.setattr(cache, "SETTLED_NS", -(10**12))  # the first version is stamped
    path = write(tmp_path / "kb.json", mini_data)
    long_ago = time.time_ns() - 3600 * 10**9
    os.utime(path, ns=(long_ago, long_ago))
    before = path.stat()
    assert load_knowledge_base(path).cause_by_id["sciatica"].name.en == "Sciatica"
    mini_data["causes"][1]["name"]["en"] = "Sciaticb"  # same size
    with path.open("r+b") as file:  # in place: the same inode
        file.write(json.dumps(mini_data, ensure_ascii=False).encode())
    os.utime(path, ns=(long_ago, long_ago))
    while path.stat().st_ctime_ns == before.st_ctime_ns:  # a coarse clock: let the change time move on
        os.utime(path, ns=(long_ago, long_ago))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)
    assert load_knowledge_base(path).cause_by_id["sciatica"].name.en == "Sciaticb"


def test_a_cached_copy_reports_the_path_it_was_loaded_from(
    private_cache: Path, tmp_path: Path, mini_data: dict[str, Any]
) -> None:
    load_knowledge_base(write(tmp_path / "one.json", mini_data))
    assert load_knowledge_base(write(tmp_path / "two.json", mini_data)).path == str(tmp_path / "two.json")


def test_corrupt_cache_entries_are_rebuilt(private_cache: Path, tmp_path: Path, mini_data: dict[str, Any]) -> None:
    path = write(tmp_path / "kb.json", mini_data)
    load_search_index(load_knowledge_base(path))
    for entry in private_cache.iterdir():
        entry.write_bytes(b"not a cache entry")
    kb = load_knowledge_base(path)
    assert rank_causes(load_search_index(kb), "slipped disc")[0].cause.id == "herniated-disc"
    assert all(entry.read_bytes() != b"not a cache entry" for entry in private_cache.iterdir())


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
        result = run("validate", str(path))
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == f"Error: {path}: causes[0]: missing field 'summary'\n"
    assert not [entry for entry in private_cache.glob("*") if not entry.name.endswith(".stamp")]


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
    assert cached[1:] == fresh[1:]
    for query in queries:
        expected = [(m.cause.id, m.score, m.field, m.matched) for m in rank_causes(fresh, query)]
        assert [(m.cause.id, m.score, m.field, m.matched) for m in rank_causes(cached, query)] == expected, query


def test_a_cached_knowledge_base_is_the_fresh_one_in_every_section(
    private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_knowledge_base(BUNDLED_KB)
    cached = load_knowledge_base(BUNDLED_KB)
    monkeypatch.setenv("BACKPAIN_CACHE", "off")
    fresh = load_knowledge_base(BUNDLED_KB)
    assert isinstance(cached.causes, CachedItems)
    assert list(cached.causes) == list(fresh.causes)
    assert cached.causes[-1] == fresh.causes[-1] and cached.causes[2:4] == fresh.causes[2:4]
    assert "sciatica" in cached.cause_by_id and "no-such-cause" not in cached.cause_by_id
    assert dict(cached.cause_by_id) == dict(fresh.cause_by_id)
    for name, value in vars(fresh).items():
        if name not in ("causes", "cause_by_id", "key"):
            assert vars(cached)[name] == value, name


def test_the_cache_keeps_every_parameter_of_a_knowledge_base() -> None:
    """A section added to KnowledgeBase must be added to what the cache keeps, or cached copies would lack it."""
    parameters = set(inspect.signature(KnowledgeBase).parameters) - {"path", "causes"}
    assert parameters == set(CachedKnowledgeBase._fields)


def test_only_the_most_recent_knowledge_bases_stay_in_the_cache(
    private_cache: Path, tmp_path: Path, mini_data: dict[str, Any]
) -> None:
    stamp = time.time() - 1000
    for number in range(KEEP + 3):
        mini_data["causes"][0]["name"]["en"] = f"Edit {number}"
        kb = load_knowledge_base(write(tmp_path / "kb.json", mini_data))
        for entry in private_cache.glob(f"{kb.key}.*"):
            os.utime(entry, (stamp + number, stamp + number))  # each edit visibly later than the last
    killed = private_cache / f".tmp-{'0' * 32}"
    killed.write_bytes(b"partial")
    os.utime(killed, (stamp - 7200, stamp - 7200))
    in_progress = private_cache / f".tmp-{'1' * 32}"
    in_progress.write_bytes(b"partial")
    mini_data["causes"][0]["name"]["en"] = "Latest"
    latest = load_knowledge_base(write(tmp_path / "kb.json", mini_data))
    keys = {entry.name.split(".")[0] for entry in private_cache.glob("*.kb")}
    assert len(keys) == KEEP
    assert latest.key in keys
    assert load_knowledge_base(tmp_path / "kb.json").causes[0].name.en == "Latest"
    assert not killed.exists()
    assert in_progress.exists()  # another process may be writing it
    # the compiled vocabularies of a knowledge base go with it
    for kind in ("lexicon", "story"):
        old = private_cache / f"{'a' * 64}.{kind}"
        old.write_bytes(b"stale")
        os.utime(old, (stamp - 7200, stamp - 7200))
    mini_data["causes"][0]["name"]["en"] = "Later still"
    load_knowledge_base(write(tmp_path / "kb.json", mini_data))
    assert not list(private_cache.glob(f"{'a' * 64}.*"))


def test_old_stamps_go_too(private_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "SETTLED_NS", -(10**12))
    path = tmp_path / "kb.json"
    path.write_bytes(BUNDLED_KB.read_bytes())
    load_knowledge_base(path)
    [stamp] = private_cache.glob("*.stamp")
    os.utime(stamp, (0, 0))
    for number in range(KEEP_STAMPS + 5):  # the same file, touched again and again: a stamp each time
        os.utime(path, (number, number))
        load_knowledge_base(path)
    assert len(list(private_cache.glob("*.stamp"))) == KEEP_STAMPS
    assert not stamp.exists()


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
        assert isinstance(again.causes, CachedItems)  # from the cache, never rebuilt


def test_cached_items_index_like_a_tuple(private_cache: Path, tmp_path: Path, mini_data: dict[str, Any]) -> None:
    path = write(tmp_path / "kb.json", mini_data)
    fresh = load_knowledge_base(path).causes
    cached = load_knowledge_base(path).causes
    assert isinstance(cached, CachedItems)
    assert len(cached) == len(fresh) and cached[-1] == fresh[-1] and cached[::2] == tuple(fresh[::2])
    with pytest.raises(IndexError):
        cached[len(fresh)]
