"""A knowledge base seen before is not read again, and no edit of it is ever missed (issue #16).

A warm run trusts the hash stamped on the file's identity (device, inode, size, modification and
change times) instead of reading the file. These tests run the CLI as a user does, on a copy of the
small knowledge base, and see what it shows; where the point is what is read, they watch the file
with inotify, which reports every read of it by anyone, whatever function does it.
"""

import ctypes
import json
import os
import shutil
import struct
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from backpain_cli import cache, knowledge_base
from tests.conftest import MINI_KB, Run

HOUR_NS = 3600 * 10**9


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "backpain"


@pytest.fixture
def kb(tmp_path: Path, private_cache: Path) -> Path:
    """A copy of the small knowledge base, last modified an hour ago, with a cache of its own."""
    path = tmp_path / "kb.json"
    shutil.copyfile(MINI_KB, path)
    an_hour_ago = time.time_ns() - HOUR_NS
    os.utime(path, ns=(an_hour_ago, an_hour_ago))
    return path


def shown_name(run: Run, path: Path) -> str:
    """The name ``backpain search sciatica`` shows for the cause ``sciatica`` of this knowledge base."""
    result = run("search", "sciatica", "--json", kb=path)
    assert result.exit_code == 0, result.output
    [name] = [found["name"] for found in json.loads(result.stdout)["results"] if found["id"] == "sciatica"]
    return str(name)


def edit_in_place(path: Path, old: bytes, new: bytes) -> None:
    """Change bytes of the file in place (the same inode) and put its modification time back."""
    assert len(old) == len(new)
    before = path.stat()
    content = path.read_bytes()
    assert content.count(old) == 1
    with path.open("r+b") as file:
        file.write(content.replace(old, new))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size, before.st_mtime_ns)


def stamps(folder: Path) -> list[Path]:
    return list(folder.glob("*.stamp"))


class Clock:
    """The cache's clock, ``seconds`` ahead of the real one: as if the run came that much later."""

    def __init__(self, seconds: float) -> None:
        self.ahead_ns = int(seconds * 1e9)

    def time_ns(self) -> int:
        return time.time_ns() + self.ahead_ns

    def time(self) -> float:
        return self.time_ns() / 1e9


@pytest.fixture
def settle(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Move the cache's clock on past SETTLED_NS, as if the user came back a few seconds later.

    Every write (and os.utime) sets the change time to now, so a file a test has just made is
    always in the window; this lets it leave the window without sleeping.
    """

    def later() -> None:
        monkeypatch.setattr(cache, "time", Clock(cache.SETTLED_NS / 1e9 + 5))

    return later


class ContentReads:
    """Counts the reads of a file's content, by anyone, with inotify (IN_ACCESS); Linux only."""

    IN_ACCESS, IN_OPEN = 0x1, 0x20

    def __init__(self) -> None:
        if not sys.platform.startswith("linux"):
            pytest.skip("inotify is Linux's")
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self._fd < 0:
            pytest.skip("inotify is not available here")

    def watch(self, path: Path) -> None:
        """Watch the file now at ``path`` (a watch follows the inode, not the name)."""
        if self._libc.inotify_add_watch(self._fd, os.fsencode(path), self.IN_ACCESS | self.IN_OPEN) < 0:
            pytest.skip("inotify cannot watch this file")
        self.take()

    def take(self) -> tuple[int, int]:
        """The opens and the reads since the last call."""
        opens = reads = 0
        while True:
            try:
                events = os.read(self._fd, 65536)
            except BlockingIOError:
                return opens, reads
            offset = 0
            while offset < len(events):
                _, mask, _, length = struct.unpack_from("iIII", events, offset)
                opens += bool(mask & self.IN_OPEN)
                reads += bool(mask & self.IN_ACCESS)
                offset += 16 + length

    def close(self) -> None:
        os.close(self._fd)


@pytest.fixture
def reads() -> Iterator[ContentReads]:
    watcher = ContentReads()
    yield watcher
    watcher.close()


class FrozenChangeTime:
    """os.fstat as a file system whose change time has a coarse tick reports it: one value for these files.

    On such a file system (or one that keeps no change time) an edit within one tick, with the
    modification time put back, leaves every field of the file's identity as it was.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch, ctime_ns: int) -> None:
        self.ctime_ns = ctime_ns
        self.files: set[tuple[int, int]] = set()
        self._fstat = os.fstat
        monkeypatch.setattr(os, "fstat", self.fstat)

    def add(self, path: Path) -> None:
        info = path.stat()
        self.files.add((info.st_dev, info.st_ino))

    def fstat(self, fd: int) -> Any:
        info = self._fstat(fd)
        if (info.st_dev, info.st_ino) not in self.files:
            return info
        return Frozen(info, self.ctime_ns)


class Frozen:
    """An os.stat_result with another change time."""

    def __init__(self, info: os.stat_result, ctime_ns: int) -> None:
        self._info = info
        self.st_ctime_ns = ctime_ns
        self.st_ctime = ctime_ns / 1e9

    def __getattr__(self, name: str) -> Any:
        return getattr(self._info, name)


# (a) the warm path


def test_a_warm_run_does_not_read_the_knowledge_base(
    kb: Path, run: Run, reads: ContentReads, settle: Callable[[], None]
) -> None:
    reads.watch(kb)
    cold = run("search", "sciatica", "--json", kb=kb)
    assert cold.exit_code == 0
    assert reads.take()[1] > 0  # the watch sees a read: the cold run parses the file
    settle()
    assert run("search", "sciatica", "--json", kb=kb).stdout == cold.stdout  # hashes the file and stamps it
    assert reads.take()[1] > 0
    for _ in range(2):
        warm = run("search", "sciatica", "--json", kb=kb)
        assert warm.stdout == cold.stdout
        opens, content_reads = reads.take()
        assert opens >= 1  # it does look at the file (one fstat of it)...
        assert content_reads == 0  # ...but reads none of it


# (b) an edit that keeps size and modification time


def test_an_edit_of_the_same_size_with_its_time_put_back_is_shown(
    kb: Path, run: Run, private_cache: Path, settle: Callable[[], None]
) -> None:
    settle()
    assert shown_name(run, kb) == "Sciatica"
    assert stamps(private_cache)  # the warm path is in use: the next run would not read the file
    before = kb.stat()
    edit_in_place(kb, b'"Sciatica"', b'"Sciaticb"')
    while kb.stat().st_ctime_ns == before.st_ctime_ns:  # a coarse clock: let the change time move on
        os.utime(kb, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert shown_name(run, kb) == "Sciaticb"
    assert shown_name(run, kb) == "Sciaticb"  # and again, from the new stamp


# (c) the racy window: a file that changed moments ago is hashed again until it has settled


def test_a_file_changed_moments_ago_is_read_again_until_it_settles(
    kb: Path, run: Run, reads: ContentReads, settle: Callable[[], None]
) -> None:
    reads.watch(kb)  # its change time is now: the fixture has just set its modification time
    for _ in range(2):
        assert shown_name(run, kb) == "Sciatica"
        assert reads.take()[1] > 0  # not stamped: read and hashed every time
    settle()
    assert shown_name(run, kb) == "Sciatica"
    assert reads.take()[1] > 0  # settled: hashed once more, and stamped
    assert shown_name(run, kb) == "Sciatica"
    assert reads.take()[1] == 0


def test_a_file_dated_in_the_future_is_never_trusted(
    kb: Path, run: Run, reads: ContentReads, private_cache: Path, settle: Callable[[], None]
) -> None:
    tomorrow = time.time_ns() + 24 * HOUR_NS
    os.utime(kb, ns=(tomorrow, tomorrow))
    reads.watch(kb)
    settle()
    for _ in range(2):
        assert shown_name(run, kb) == "Sciatica"
        assert reads.take()[1] > 0
    assert not stamps(private_cache)


def test_an_edit_within_the_tick_of_a_coarse_clock_is_shown(
    kb: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FrozenChangeTime(monkeypatch, time.time_ns())  # changed just now, and every change keeps that time
    clock.add(kb)
    assert shown_name(run, kb) == "Sciatica"
    edit_in_place(kb, b'"Sciatica"', b'"Sciaticb"')  # the identity fstat reports is now exactly as it was
    assert shown_name(run, kb) == "Sciaticb"


def test_without_the_window_that_edit_would_be_missed(kb: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control of the test above: it shows a case only the window catches."""
    monkeypatch.setattr(cache, "SETTLED_NS", -HOUR_NS)  # no window: the file is stamped at once
    clock = FrozenChangeTime(monkeypatch, time.time_ns())
    clock.add(kb)
    assert shown_name(run, kb) == "Sciatica"
    edit_in_place(kb, b'"Sciatica"', b'"Sciaticb"')
    assert shown_name(run, kb) == "Sciatica"  # stale


def test_an_edit_while_the_file_is_being_read_is_shown_next_time(
    kb: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read that takes seconds ends after the window, but the bytes may be older than the change time says."""
    clock = FrozenChangeTime(monkeypatch, time.time_ns())
    clock.add(kb)
    read = knowledge_base._read_file

    def slow_read(*args: Any) -> bytes:
        raw = read(*args)
        if b'"Sciatica"' in raw:
            edit_in_place(kb, b'"Sciatica"', b'"Sciaticb"')  # just after the bytes were read, in the same tick
        monkeypatch.setattr(cache, "time", Clock(cache.SETTLED_NS / 1e9 + 5))  # and the read took seconds
        return raw

    monkeypatch.setattr(knowledge_base, "_read_file", slow_read)
    assert shown_name(run, kb) == "Sciatica"  # what was read
    assert shown_name(run, kb) == "Sciaticb"  # what the file holds


# (d) a file replaced by another


def test_a_file_replaced_by_another_with_the_same_size_and_times_is_shown(
    kb: Path, tmp_path: Path, run: Run, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FrozenChangeTime(monkeypatch, time.time_ns() - HOUR_NS)  # both settled, with one change time
    clock.add(kb)
    assert shown_name(run, kb) == "Sciatica"
    assert stamps(private_cache)
    before = kb.stat()
    new = tmp_path / "kb.json.new"  # saved as many editors save: a new file, renamed over the old
    new.write_bytes(kb.read_bytes().replace(b'"Sciatica"', b'"Sciaticb"'))
    os.utime(new, ns=(before.st_atime_ns, before.st_mtime_ns))
    clock.add(new)
    os.replace(new, kb)
    after = kb.stat()
    assert after.st_ino != before.st_ino
    assert (after.st_dev, after.st_size, after.st_mtime_ns) == (before.st_dev, before.st_size, before.st_mtime_ns)
    assert shown_name(run, kb) == "Sciaticb"
