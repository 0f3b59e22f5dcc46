"""A disk cache of work derived from a knowledge base: data only, checked before it is trusted.

Parsing and validating the knowledge base and building its search index cost more than everything
else a command does; their results are kept under ``$XDG_CACHE_HOME/backpain`` (``~/.cache/backpain``)
as MessagePack, which msgspec decodes into the declared types and which cannot run code. Each entry
is named by a BLAKE2 hash of the knowledge base's bytes and of this package (its version, every
module's source, the Python and msgspec versions), so an edit of either never meets a stale entry.

The folder is created ``0700`` and used only while it is a real folder (not a symbolic link) that
belongs to the user and that no one else may write to; otherwise the cache is bypassed, with one line
on stderr that says why. Every file in it is opened relative to that checked folder, without
following links, and read only if it is a regular file of the user's of a sane size. Each entry
carries a BLAKE2 checksum, checked before anything in it is decoded; the items of a long sequence
(the causes) carry their own and are checked when first used, so that a search over 100,000 causes
decodes only the ones it shows. A large entry is mapped into memory rather than read, so that only the
pages of what is used are ever read; its items are written one by one as they are made (EntryWriter),
so that a first run never holds them all. A damaged entry is removed and its work done again, in the
same run.

A knowledge base seen before is not even read: a stamp maps the file's identity (device, inode, size,
modification and change times, from one ``fstat``) to the hash of its bytes, so a warm run need not
read and hash the file (770 ms of a warm run on 100,000 causes). Every write moves the change time,
which no one can set back, and a file put in another's place has another inode, so an edit that keeps
the size and the modification time still misses the stamp. A file that changed less than SETTLED_NS
before it was looked at, or is dated in the future, is not stamped: on a file system with a coarse
clock a second change within the same tick would leave every field as it was.

The cache is only ever a shortcut: a folder that cannot be made or written, a full disk or a missing
entry cost time, never an error.
"""

import contextlib
import mmap
import os
import re
import stat
import sys
import time
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from backpain_cli.errors import CacheError

try:  # hashlib.blake2b is this class; importing hashlib loads OpenSSL too, 3 ms at every start
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the module
    from hashlib import blake2b

if TYPE_CHECKING:
    import msgspec

T = TypeVar("T")
ItemT = TypeVar("ItemT")  # the type of the items kept one by one

CACHE_ENV_VAR = "BACKPAIN_CACHE"  # "off" disables the cache
# How many knowledge bases' entries are kept (see prune), and how many file identities (stamps).
KEEP = 8
KEEP_STAMPS = 64
# An entry larger than this is neither written nor read (a 100,000-cause knowledge base needs ~500 MB).
MAX_ENTRY_BYTES = 1 << 30
# Bump when the layout of an entry changes; any change of the code changes the key anyway.
FORMAT = 6
_MAGIC = b"BPCACHE" + bytes([FORMAT])
_DIGEST = 32  # bytes of the checksum of an entry's head, and of a content key
_ITEM_DIGEST = 16  # bytes of each item's checksum: enough to catch damage, and 1.6 MB for 100,000 causes
_HEAD = len(_MAGIC) + _DIGEST + 16  # magic, checksum, length of the body, length of the items
# A knowledge base changed less than this long ago is hashed again next time rather than stamped:
# two edits within one tick of the file system's clock can leave size, times and inode all equal.
SETTLED_NS = 2_000_000_000
# Temporary files left by a write that was killed are removed after this long.
ABANDONED_SECONDS = 3600
# A knowledge base, its search index, its compiled sign and story vocabularies, and a file's content hash.
_KINDS = ("kb", "index", "lexicon", "story", "stamp")
_TEMPORARY_PREFIX = ".tmp-"
_CODE_DIR = Path(__file__).parent
_UNREAD = object()

# The entries this process has loaded (folder, name): removed if one of them turns out damaged.
_loaded: set[tuple[Path, str]] = set()
# Code fingerprints by package folder, and the notices already given (each is given once).
_fingerprints: dict[Path, bytes | None] = {}
_noticed: set[str] = set()
# When find_key looked each file identity up (by stamp name): its bytes, if hashed, were read after that.
_looked_up: dict[str, int] = {}


def cache_dir() -> Path | None:
    """The cache folder: ``$XDG_CACHE_HOME/backpain``, else ``$HOME/.cache/backpain``; None when off.

    A relative ``XDG_CACHE_HOME`` is ignored, as the XDG spec says; an empty or relative ``HOME``
    (a service, a sandbox) means there is no home to cache in, never ``/.cache``.
    """
    if os.environ.get(CACHE_ENV_VAR, "").lower() == "off":
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.environ["HOME"] if "HOME" in os.environ else os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "backpain"


def find_key(identity: os.stat_result) -> str | None:
    """The content key of a file seen before with exactly this identity, size and times; else None.

    Call it with the ``os.fstat`` of the open file before reading it: content_key then judges
    whether the file had settled from this moment, not from the end of a read that may be slow.
    """
    name = _stamp_name(identity)
    _looked_up[name] = time.time_ns()
    content = load(name, "stamp", bytes)
    if content is None or len(content) != _DIGEST:
        return None
    return _key(content)


def content_key(raw: bytes, identity: os.stat_result | None = None) -> str:
    """The name of everything derived from these bytes by this version of the code.

    With the ``identity`` (``os.fstat``) of the file the bytes came from, it is remembered, so that
    ``find_key`` can answer next time without reading the file, once the file has settled.
    """
    content = blake2b(raw, digest_size=_DIGEST).digest()
    if identity is not None:
        name = _stamp_name(identity)
        if _settled(identity, _looked_up.pop(name, None)):
            store(name, "stamp", content)
    return _key(content)


def _key(content: bytes) -> str:
    code = _code_fingerprint()
    if code is None:  # the package's code cannot be read: no key could tell its versions apart
        return ""
    return blake2b(content, digest_size=_DIGEST, key=code).hexdigest()


def _stamp_name(identity: os.stat_result) -> str:
    # The change time moves on every write, and no one can set it back; the inode tells a file
    # replaced by another apart from one edited in place.
    fields = (identity.st_dev, identity.st_ino, identity.st_size, identity.st_mtime_ns, identity.st_ctime_ns)
    return blake2b(repr(fields).encode(), digest_size=_DIGEST, person=b"bp-stamp").hexdigest()


def _settled(identity: os.stat_result, looked_up: int | None = None) -> bool:
    """Whether the file had last changed (by its own clock) SETTLED_NS before it was looked at and read.

    A change while it was being read could otherwise fall in the tick of the change before it, and
    leave the stamp of the old bytes on the new ones. A time in the future is never settled.
    """
    now = time.time_ns()
    since = now if looked_up is None else min(looked_up, now)
    return max(identity.st_mtime_ns, identity.st_ctime_ns) < since - SETTLED_NS


def _code_fingerprint() -> bytes | None:
    """A hash of everything that shapes cached data: the package's version and every module's source,
    the entry format, the Python version (Unicode tables), msgspec's version and the byte order."""
    directory = _CODE_DIR
    if directory in _fingerprints:
        return _fingerprints[directory]
    import msgspec

    from backpain_cli._version import __version__

    digest = blake2b(digest_size=_DIGEST, person=b"bp-code")
    for part in (str(FORMAT), __version__, sys.version, msgspec.__version__, sys.byteorder):
        digest.update(part.encode() + b"\x00")
    fingerprint: bytes | None = None
    with contextlib.suppress(OSError):
        for name in sorted(entry.name for entry in os.scandir(directory) if entry.name.endswith(".py")):
            digest.update(name.encode() + b"\x00" + (directory / name).read_bytes() + b"\x00")
        fingerprint = digest.digest()
    _fingerprints[directory] = fingerprint
    return fingerprint


@overload
def load(key: str, kind: str, type_: type[T]) -> T | None: ...


@overload
def load(key: str, kind: str, type_: Any) -> Any | None: ...


def load(key: str, kind: str, type_: Any) -> Any | None:
    """The cached value of ``type_``, or None when there is none or it cannot be trusted."""
    found = _read_entry(key, kind, type_, None, None)
    return None if found is None else found[0]


def load_with_items(
    key: str, kind: str, type_: type[T], item_type: type[ItemT], repair: Callable[[], Sequence[ItemT]]
) -> tuple[T, "CachedItems[ItemT]"] | None:
    """A cached value and the items stored beside it, each decoded when first used.

    If an item turns out damaged, the entries this process loaded are removed and ``repair()``
    (the work done again) answers instead.
    """
    return _read_entry(key, kind, type_, item_type, repair)


def load_or_make(key: str | None, kind: str, type_: type[T], make: Callable[[], T]) -> T:
    """The cached value of ``kind`` for the knowledge base with ``key``, or ``make()``'s, then cached:
    for what is compiled from a knowledge base and takes longer than a search (the sign lexicon, the
    story words). Without a key (a knowledge base not read from a file) it is made each time."""
    if key:
        cached = load(key, kind, type_)
        if cached is not None:
            return cached
    value = make()
    if key:
        store(key, kind, value)
    return value


def store(key: str, kind: str, value: Any, items: Sequence[Any] = ()) -> None:
    """Save a value, and optionally items to be decoded one by one; a read-only or full disk is not an error."""
    writer = open_writer(key, kind)
    if writer is not None:
        for item in items:
            writer.add(item)
        writer.finish(value)


def open_writer(key: str, kind: str) -> "EntryWriter | None":
    """A writer that saves items one by one as they are made, then the value; None when there is no cache.

    A large knowledge base's causes go to disk as they are parsed, never all in memory at once.
    """
    if not key:
        return None
    folder = _open_folder(create=True)
    if folder is None:
        return None
    try:
        return EntryWriter(folder, key, kind)
    except OSError:
        os.close(folder)
        return None


def discard_loaded() -> None:
    """Remove the entries this process has loaded, so that they are built again."""
    while _loaded:
        path, name = _loaded.pop()
        folder = _open_folder(create=False, path=path)
        if folder is not None:
            _unlink(folder, name)
            os.close(folder)


def prune(folder: int, current: str) -> None:
    """Keep the entries of the KEEP most recently used knowledge bases and the KEEP_STAMPS newest
    stamps, and remove the rest.

    Every edit of a knowledge base (and every new version of the code) gets a new key, and the
    entries for a large one take hundreds of megabytes, so old keys must not pile up. Runs only
    after a cache miss, inside the checked folder, and removes only regular files named as this
    module names them (and the pickles of earlier versions); it never follows a link.
    """
    own = re.compile(r"([0-9a-f]{64})\.(" + "|".join(_KINDS) + ")")
    legacy = re.compile(r"[0-9a-f]+-[0-9a-f]{16}\.(kb|index)\.pickle|\.(kb|index)-[a-z0-9_]{8}")
    temporary = re.compile(re.escape(_TEMPORARY_PREFIX) + r"[0-9a-f]{32}")
    now = time.time()
    newest: dict[str, float] = {}
    stamps: list[tuple[float, str]] = []
    entries: list[tuple[str, str]] = []
    unwanted: list[str] = []
    try:
        found = list(os.scandir(folder))
    except OSError:
        return
    for entry in found:
        try:  # another process may remove an entry between the listing and this look at it
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
            continue
        name = entry.name
        if temporary.fullmatch(name) or legacy.fullmatch(name):
            if info.st_mtime < now - ABANDONED_SECONDS or name.endswith(".pickle"):
                unwanted.append(name)
        elif match := own.fullmatch(name):
            key, kind = match.groups()
            if kind == "stamp":
                stamps.append((info.st_mtime, name))
            else:
                newest[key] = max(info.st_mtime, newest.get(key, info.st_mtime))
                entries.append((key, name))
    kept = set(sorted(newest, key=newest.__getitem__, reverse=True)[:KEEP]) | {current}
    unwanted += [name for key, name in entries if key not in kept]
    unwanted += [name for _, name in sorted(stamps, reverse=True)[KEEP_STAMPS:]]
    for name in unwanted:
        _unlink(folder, name)


# A pass over a mapped entry gives its pages back this many bytes at a time (a multiple of the page size).
_RELEASE = 1 << 22


class CachedItems(Sequence[T], Generic[T]):
    """A sequence kept in the cache item by item, each checked and decoded the first time it is used.

    A search over ten thousand causes shows five of them; decoding them all would cost more than
    the search itself (benchmarks/scale.py).
    """

    __slots__ = ("_blobs", "_decoder", "_digests", "_items", "_offsets", "_repair", "_repaired")

    def __init__(
        self,
        blobs: memoryview,
        offsets: Sequence[int],
        digests: bytes,
        decoder: "msgspec.msgpack.Decoder[T]",
        repair: Callable[[], Sequence[T]],
    ) -> None:
        self._blobs = blobs
        self._offsets = offsets
        self._digests = digests
        self._decoder = decoder
        self._repair = repair
        self._repaired: Sequence[T] | None = None
        self._items: list[Any] = [_UNREAD] * (len(offsets) - 1)

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self._items))))
        if self._repaired is not None:
            return self._repaired[index]
        item = self._items[index]
        if item is _UNREAD:
            position = range(len(self._items))[index]  # a negative index counts from the end
            item = self._decode(position)
            if item is _UNREAD:
                return self._repair_now()[index]
            self._items[position] = item
        return item  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[T]:
        for index in range(len(self._items)):
            yield self[index]

    def each(self) -> Iterator[T]:
        """Every item in order, decoded without being kept: a pass over 100,000 causes (building the
        search index) then holds one at a time, not all of them, and gives back the pages of a mapped
        entry as it leaves them behind (they are read again from the page cache if needed)."""
        mapped = self._blobs.obj if isinstance(self._blobs.obj, mmap.mmap) else None
        start = _HEAD  # where the items begin in an entry
        released = 0
        for position, item in enumerate(self._items):
            if self._repaired is not None:
                yield self._repaired[position]
                continue
            if item is _UNREAD:
                item = self._decode(position)
                if item is _UNREAD:
                    item = self._repair_now()[position]
            yield item
            if mapped is not None:
                done = (start + self._offsets[position + 1]) // _RELEASE * _RELEASE
                if done > released:
                    with contextlib.suppress(OSError, ValueError):
                        mapped.madvise(mmap.MADV_DONTNEED, released, done - released)
                    released = done

    def _decode(self, position: int) -> Any:
        import msgspec

        blob = self._blobs[self._offsets[position] : self._offsets[position + 1]]
        expected = self._digests[position * _ITEM_DIGEST : (position + 1) * _ITEM_DIGEST]
        if blake2b(blob, digest_size=_ITEM_DIGEST).digest() != expected:
            return _UNREAD
        try:
            return self._decoder.decode(blob)
        except (msgspec.DecodeError, ValueError):
            return _UNREAD

    def _repair_now(self) -> Sequence[T]:
        discard_loaded()
        repaired = self._repair()
        if len(repaired) != len(self._items):
            raise CacheError(f"cached data in {cache_dir()} was damaged and has been removed; run the command again")
        self._repaired = repaired
        return repaired


class Tables(Mapping[str, Sequence[int]]):
    """Arrays of unsigned integers by name, kept end to end in one buffer (a search index's postings).

    From the cache, the buffer is a view of the entry itself: loading 100,000 causes' postings copies
    nothing, and a search reads the pages of its own words' tables only.
    """

    __slots__ = ("_ends", "_flat", "_positions")

    def __init__(self, names: Sequence[str], flat: Any, ends: Any) -> None:
        self._positions = {name: position for position, name in enumerate(names)}
        self._flat = memoryview(flat).cast("B")
        self._ends = memoryview(ends).cast("B").cast("Q")  # where each table ends, in items
        if len(self._ends) != len(self._positions) or (self._ends and self._ends[-1] * 4 != self._flat.nbytes):
            raise ValueError("tables and their ends disagree")

    @classmethod
    def of(cls, tables: Mapping[str, Sequence[int]]) -> "Tables":
        flat, ends = array("I"), array("Q")
        for table in tables.values():
            flat.extend(table)
            ends.append(len(flat))
        return cls(tuple(tables), flat, ends)

    def parts(self) -> tuple[tuple[str, ...], memoryview, memoryview]:
        """What the cache keeps: the names in order, the tables end to end, and where each ends."""
        return tuple(self._positions), self._flat, self._ends.cast("B")

    def __getitem__(self, name: str) -> Sequence[int]:
        position = self._positions[name]
        start = self._ends[position - 1] if position else 0
        return self._flat[4 * start : 4 * self._ends[position]].cast("I")

    def __contains__(self, name: object) -> bool:
        return name in self._positions

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)


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


# An entry is _MAGIC, the BLAKE2 checksum of the two lengths and the body, the length of the body and
# the length of the items (8 bytes each, little-endian), the items, then the body. Items are MessagePack
# each, one after another, written as they come; the body is MessagePack of (value, items' checksums,
# items' end offsets), written last, when they are known.


class EntryWriter:
    """Writes one entry to a temporary file, item by item, and moves it into place once whole."""

    def __init__(self, folder: int, key: str, kind: str) -> None:
        import msgspec

        self._folder = folder
        self._key = key
        self._name = f"{key}.{kind}"
        self._temporary = _TEMPORARY_PREFIX + os.urandom(16).hex()
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        # open across add() calls, closed by finish() or abort(): no with block can hold it
        self._file: Any = open(os.open(self._temporary, flags, 0o600, dir_fd=folder), "wb")  # noqa: SIM115
        self._encoder = msgspec.msgpack.Encoder(enc_hook=_encode_array)
        self._offsets = array("Q", [0])
        self._digests = bytearray()
        self._failed = False
        self._write(bytes(_HEAD))  # the head, filled in by finish()

    def _write(self, data: bytes) -> None:
        if self._failed:
            return
        try:
            self._file.write(data)
        except OSError:  # a full disk: the entry is given up, the command goes on
            self._failed = True

    def add(self, item: Any) -> None:
        blob = self._encoder.encode(item)
        self._digests += blake2b(blob, digest_size=_ITEM_DIGEST).digest()
        self._offsets.append(self._offsets[-1] + len(blob))
        self._write(blob)

    def finish(self, value: Any) -> bool:
        """Write the value and put the entry in place; whether it was saved."""
        try:
            body = self._encoder.encode((value, bytes(self._digests), self._offsets.tobytes()))
            lengths = len(body).to_bytes(8, "little") + self._offsets[-1].to_bytes(8, "little")
            checksum = blake2b(lengths, digest_size=_DIGEST)
            checksum.update(body)
            self._write(body)
            if not self._failed and _HEAD + len(body) + self._offsets[-1] <= MAX_ENTRY_BYTES:
                try:
                    self._file.seek(0)
                    self._file.write(_MAGIC + checksum.digest() + lengths)
                    self._file.close()
                    os.replace(self._temporary, self._name, src_dir_fd=self._folder, dst_dir_fd=self._folder)
                    prune(self._folder, self._key)
                    return True
                except OSError:
                    pass
            return False
        finally:
            self.abort()

    def abort(self) -> None:
        """Give the entry up (if it is not in place yet) and free the folder."""
        if self._folder < 0:
            return
        with contextlib.suppress(OSError):
            self._file.close()
        _unlink(self._folder, self._temporary)
        os.close(self._folder)
        self._folder = -1


def _read_entry(
    key: str, kind: str, type_: Any, item_type: Any, repair: Callable[[], Sequence[Any]] | None
) -> Any | None:
    if not key:
        return None
    folder = _open_folder(create=False)
    if folder is None:
        return None
    name = f"{key}.{kind}"
    try:
        data = _read_file(folder, name)
        if data is None:
            return None
        found = _decode_entry(data, type_, item_type, repair)
        if found is None:  # damaged, or written by another format: it would fail every time
            _unlink(folder, name)
            return None
        path = cache_dir()
        if path is not None:
            _loaded.add((path, name))
        return found
    finally:
        os.close(folder)


def _decode_entry(
    data: Any, type_: Any, item_type: Any, repair: Callable[[], Sequence[Any]] | None
) -> tuple[Any, Any] | None:
    import msgspec

    view = memoryview(data)
    if len(view) < _HEAD or view[: len(_MAGIC)] != _MAGIC:
        return None
    length = int.from_bytes(view[_HEAD - 16 : _HEAD - 8], "little")
    items_length = int.from_bytes(view[_HEAD - 8 : _HEAD], "little")
    if length + items_length != len(view) - _HEAD:
        return None
    body = view[_HEAD + items_length :]
    checksum = blake2b(view[_HEAD - 16 : _HEAD], digest_size=_DIGEST)
    checksum.update(body)
    if checksum.digest() != view[len(_MAGIC) : len(_MAGIC) + _DIGEST]:
        return None
    try:
        value, digests, offset_bytes = _decoder(tuple[type_, bytes, bytes]).decode(body)
    except (msgspec.DecodeError, ValueError):
        return None
    blobs = view[_HEAD : _HEAD + items_length]
    offsets = memoryview(offset_bytes).cast("Q") if len(offset_bytes) % 8 == 0 else None
    count = len(digests) // _ITEM_DIGEST
    if offsets is None or len(offsets) != count + 1 or offsets[-1] != len(blobs) or len(digests) % _ITEM_DIGEST:
        return None
    if item_type is None or repair is None:
        return value, None
    return value, CachedItems(blobs, offsets, digests, _decoder(item_type), repair)


_decoders: dict[Any, Any] = {}


def _decoder(type_: Any) -> Any:
    """One decoder a type, made once: making it inspects the type, about a millisecond for a knowledge base."""
    found = _decoders.get(type_)
    if found is None:
        import msgspec

        found = _decoders[type_] = msgspec.msgpack.Decoder(type_, ext_hook=_decode_array)
    return found


# Arrays travel as MessagePack extensions: their type code, then their bytes.
_ARRAY_TYPES = {ord(typecode): typecode for typecode in "bBhHiIlLqQfd"}


def _encode_array(value: Any) -> Any:
    import msgspec

    if isinstance(value, array) and ord(value.typecode) in _ARRAY_TYPES:
        return msgspec.msgpack.Ext(ord(value.typecode), value.tobytes())
    raise NotImplementedError(f"the cache cannot keep {type(value).__name__}")


def _decode_array(code: int, data: memoryview) -> Any:
    typecode = _ARRAY_TYPES.get(code)
    if typecode is None:
        raise ValueError("not an array")
    table = array(typecode)
    table.frombytes(data)  # a length that is not a whole number of items is a ValueError too
    return table


# The folder and its files


def _open_folder(*, create: bool, path: Path | None = None) -> int | None:
    """A descriptor of the checked cache folder, or None (with one notice if it is unsafe)."""
    if path is None:
        path = cache_dir()
    if path is None or not _PLATFORM_OK:
        return None
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        folder = os.open(path, flags)
    except FileNotFoundError:
        if not create:
            return None
        try:
            os.makedirs(path.parent, mode=0o700, exist_ok=True)
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return None
        return _open_folder(create=False, path=path)
    except OSError:
        if os.path.islink(path):
            _notify(path, "it is a symbolic link; make it a real folder, or set XDG_CACHE_HOME to one")
        return None  # not a folder, or not ours to read: simply no cache
    info = os.fstat(folder)
    problem = None
    if info.st_uid != os.geteuid():
        problem = "it belongs to another user; set XDG_CACHE_HOME to a folder of your own"
    elif info.st_mode & 0o022:
        import shlex

        problem = f"other users can write to it; run: chmod 700 {shlex.quote(str(path))}"
    if problem is not None:
        os.close(folder)
        _notify(path, problem)
        return None
    return folder


_PLATFORM_OK = (
    hasattr(os, "O_NOFOLLOW")
    and hasattr(os, "O_DIRECTORY")
    and {os.open, os.stat, os.unlink} <= os.supports_dir_fd
    and os.scandir in os.supports_fd
)


def _read_file(folder: int, name: str) -> Any | None:
    """The bytes of a regular file of the user's in the folder, mapped rather than read (a search
    touches only the causes it shows); None for anything else (never waits on a pipe).

    An entry is never changed in place (each is written whole and renamed over the old one), so the
    mapping keeps the bytes that were checked even if another process replaces the entry meanwhile.
    """
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_size > MAX_ENTRY_BYTES:
            return None
        if info.st_size < _MAPPED_BYTES:
            with open(fd, "rb", closefd=False) as file:
                data: Any = file.read(info.st_size + 1)
            if len(data) != info.st_size:
                return None  # changed while being read
        else:
            data = mmap.mmap(fd, info.st_size, access=mmap.ACCESS_READ)
        if os.utime in os.supports_fd:
            os.utime(fd)  # marks it used: prune keeps the most recently used knowledge bases
        return data
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)


# Entries at least this large are mapped into memory instead of read: a search over 100,000 causes
# reads only the pages of the causes it shows. Smaller ones cost less to read than to map.
_MAPPED_BYTES = 1 << 20


def _unlink(folder: int, name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name, dir_fd=folder)


def _notify(path: Path, problem: str) -> None:
    """One line on stderr, once a process: the cache is bypassed, and why."""
    shown = "".join(char if char.isprintable() else "?" for char in str(path))
    message = f"Warning: not using the cache in {shown}: {problem.replace(str(path), shown)}"
    if message not in _noticed:
        _noticed.add(message)
        sys.stderr.write(message + "\n")
        sys.stderr.flush()
