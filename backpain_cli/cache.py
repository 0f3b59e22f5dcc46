"""A disk cache of work derived from a knowledge base, keyed by the file's exact content.

Parsing and validating the knowledge base and building its search index cost more than
everything else a command does; their results are pickled under ``$XDG_CACHE_HOME/backpain``
(``~/.cache/backpain``), named by a hash of the file's bytes and of this package's code, so an
edited file or a new version never meets a stale entry. The cache is only ever a shortcut: if
it cannot be read or written, the work is simply done again.
"""

import contextlib
import os
import pickle
import zlib
from pathlib import Path
from typing import Any

CACHE_ENV_VAR = "BACKPAIN_CACHE"  # "off" disables the cache
# Bump when the shape of cached objects changes without a code change the key would notice.
FORMAT = b"2"
_CODE_FILES = ("knowledge_base.py", "search.py", "cache.py")


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
    try:
        with open(directory / f"{key}.{kind}.pickle", "rb") as file:
            return pickle.load(file)
    except Exception:
        return None


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
