"""A disk cache of work derived from a knowledge base, keyed by the file's exact content.

Parsing and validating the knowledge base and building its search index cost more than
everything else a command does; their results are pickled under ``$XDG_CACHE_HOME/backpain``
(``~/.cache/backpain``), named by a hash of the file's bytes and of this package's code, so an
edited file or a new version never meets a stale entry. The cache is only ever a shortcut: if
it cannot be read or written, the work is simply done again; if a part that is unpickled late
turns out damaged, the command stops with a one-line error and the entries are removed, so the
next run rebuilds them.
"""

import contextlib
import os
import pickle
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from backpain_cli.errors import CacheError

T = TypeVar("T")

CACHE_ENV_VAR = "BACKPAIN_CACHE"  # "off" disables the cache
# How many knowledge bases' entries are kept (see prune).
KEEP = 8
# Bump when the shape of cached objects changes without a code change the key would notice.
FORMAT = b"3"
_CODE_FILES = ("knowledge_base.py", "search.py", "cache.py")
# The entries this process has loaded: removed if one of them turns out damaged.
_loaded: list[Path] = []


def content_key(raw: bytes) -> str:
    """A name for everything derived from these bytes by this version of the code."""
    # Two independent 32-bit checksums and the length: an edit that keeps all three is vanishingly
    # unlikely, and zlib is already loaded by the libraries we import, where hashlib costs 2-3 ms.
    code = [FORMAT]
    here = Path(__file__).parent
    for name in _CODE_FILES:
        try:
            stat = (here / name).stat()
        except OSError:
            continue
        code.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    salt = b"\x00".join(code)
    return f"{len(raw):x}-{zlib.crc32(raw, zlib.crc32(salt)):08x}{zlib.adler32(raw, zlib.adler32(salt)):08x}"


def cache_dir() -> Path | None:
    if os.environ.get(CACHE_ENV_VAR, "").lower() == "off":
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "backpain"


def load(key: str, kind: str) -> Any | None:
    """The cached object, or None when there is none or it cannot be used."""
    directory = cache_dir()
    if directory is None:
        return None
    path = directory / f"{key}.{kind}.pickle"
    try:
        with open(path, "rb") as file:
            value = pickle.load(file)
    except Exception:
        return None
    _loaded.append(path)
    with contextlib.suppress(OSError):
        os.utime(path)  # marks it used: prune keeps the most recently used knowledge bases
    return value


def discard_loaded() -> None:
    """Remove the entries this process has loaded, so that the next run rebuilds them."""
    while _loaded:
        with contextlib.suppress(OSError):
            os.unlink(_loaded.pop())


def store(key: str, kind: str, value: Any) -> None:
    """Save an object for next time; a read-only or full disk is not an error."""
    directory = cache_dir()
    if directory is None:
        return
    import tempfile  # only on a cache miss: it costs a few milliseconds to import

    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{kind}-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, directory / f"{key}.{kind}.pickle")
    except (OSError, pickle.PicklingError, RecursionError):
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    prune(directory, key)


def prune(directory: Path, current: str) -> None:
    """Keep the entries of the KEEP most recently used knowledge bases, and remove the rest.

    Every edit of a knowledge base (and every new version of the code) gets a new key, and the
    entries for a large one take hundreds of megabytes, so old keys must not pile up. Runs only
    after a cache miss. Temporary files left by a write that was killed go after an hour.
    """
    import time  # only on a cache miss

    newest: dict[str, float] = {}
    entries: list[tuple[str, str]] = []
    try:
        found = list(os.scandir(directory))
    except OSError:
        return
    for entry in found:
        try:  # another process may remove an entry between the listing and this look at it
            modified = entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if entry.name.startswith("."):
            if modified < time.time() - 3600:
                entries.append((entry.name, entry.path))
            continue
        if not entry.name.endswith(".pickle"):
            continue
        key = entry.name.split(".", 1)[0]
        newest[key] = max(modified, newest.get(key, modified))
        entries.append((key, entry.path))
    kept = set(sorted(newest, key=newest.__getitem__, reverse=True)[:KEEP]) | {current}
    for key, path in entries:
        if key not in kept:
            with contextlib.suppress(OSError):
                os.unlink(path)


_UNREAD = object()


class PickledItems(Sequence[T], Generic[T]):
    """A sequence kept as one pickle per item, each unpickled the first time it is used.

    A search over ten thousand causes shows five of them; unpickling them all would cost more
    than the search itself (benchmarks/scale.py). A cached sequence is stored in this form and
    pickles back to it without unpickling anything.
    """

    __slots__ = ("_blobs", "_items")

    def __init__(self, blobs: list[bytes]) -> None:
        self._blobs = blobs
        self._items: list[Any] = [_UNREAD] * len(blobs)

    @classmethod
    def of(cls, items: Iterable[T]) -> "PickledItems[T]":
        if isinstance(items, PickledItems):
            return items
        return cls([pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL) for item in items])

    def __len__(self) -> int:
        return len(self._blobs)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self._blobs))))
        item = self._items[index]
        if item is _UNREAD:
            try:
                item = pickle.loads(self._blobs[index])
            except Exception:
                discard_loaded()
                raise CacheError(
                    f"cached data in {cache_dir()} was damaged and has been removed; run the command again"
                ) from None
            self._items[index] = item
        return item  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[T]:
        for index in range(len(self._blobs)):
            yield self[index]

    def __reduce__(self) -> tuple[Any, ...]:
        return (PickledItems, (self._blobs,))


class ById(Mapping[str, T], Generic[T]):
    """Items of a sequence looked up by id, without touching the items that are not asked for."""

    __slots__ = ("positions", "sequence")

    def __init__(self, sequence: Sequence[T], positions: dict[str, int]) -> None:
        self.sequence = sequence
        self.positions = positions

    def __getitem__(self, key: str) -> T:
        return self.sequence[self.positions[key]]

    def __contains__(self, key: object) -> bool:
        return key in self.positions

    def __iter__(self) -> Iterator[str]:
        return iter(self.positions)

    def __len__(self) -> int:
        return len(self.positions)
