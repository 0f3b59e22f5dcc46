"""The attacks and faults of issue #17, each replayed: the cache cannot be turned against its user.

Every test here failed on the pickle cache it replaced: a planted file ran code, two files with the
same checksums shared answers, an edit of the code kept its size and time and met old entries, a
symlinked folder lost its files, a flipped bit changed an answer, and the folder was used whoever
owned it and whoever could write to it.
"""

import json
import os
import pickle
import shlex
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from backpain_cli import cache
from backpain_cli.knowledge_base import MAX_FILE_BYTES, load_knowledge_base
from tests.conftest import MINI_KB, ROOT, Run

fuzz = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache folder of a user whose cache lives in a temporary home."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    return tmp_path / "cache-home" / "backpain"


def answer(run: Run, *args: str) -> str:
    """The output of a command on the small knowledge base without any cache: the right answer."""
    result = run(*args, "--format", "plain", kb=MINI_KB, env={"BACKPAIN_CACHE": "off"})
    assert result.exit_code == 0, result.output
    return result.stdout


def files_of(directory: Path) -> dict[str, bytes]:
    return {entry.name: entry.read_bytes() for entry in directory.iterdir()}


class RunsCode:
    """A pickle that, if ever unpickled, creates a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch '{self.marker}'",))


def test_a_planted_pickle_never_runs(folder: Path, tmp_path: Path, run: Run) -> None:
    expected = answer(run, "list")
    assert run("list", "--format", "plain", kb=MINI_KB).exit_code == 0  # fills the cache
    marker = tmp_path / "pwned"
    payload = pickle.dumps(RunsCode(marker))
    names = [entry.name for entry in folder.iterdir()]
    assert names
    for name in names:  # every entry, and the names the pickle cache gave its entries
        (folder / name).write_bytes(payload)
    for kind in ("kb", "index"):
        (folder / f"1a2b-{'0' * 16}.{kind}.pickle").write_bytes(payload)
    for _ in range(2):
        result = run("list", "--format", "plain", kb=MINI_KB)
        assert result.exit_code == 0 and result.stdout == expected and result.stderr == ""
    assert not marker.exists()
    assert not list(folder.glob("*.pickle"))  # the pickles of the old cache are removed, unread


def colliding(original: bytes, position: int, text: range) -> bytes:
    """``original`` with the byte at ``position`` one higher, and letters in ``text`` changed so that the
    two files share their length, CRC-32 and Adler-32: the old cache's key for both.

    Adler-32 sums the bytes, and the bytes weighted by their places: +1 at a and -1 at b move the
    first sum by nothing and the second by b - a, so pairs of such changes can undo any move of it.
    CRC-32 is linear over XOR, so a choice among changes that leave Adler-32 alone (+1, -1, -1, +1 at
    i, i+1, j, j+1) can undo any change of it.
    """
    changed = bytearray(original)
    free = [i for i in text if 0x61 < original[i] < 0x7A]  # letters that can go one up or down
    used: set[int] = set()

    def step(place: int, by: int) -> None:
        assert place not in used
        used.add(place)
        changed[place] += by

    changed[position] += 1
    step(free[0], -1)
    shift = position - free[0]  # how far the weighted sum moved: pairs move it back
    for place in free:
        chunk = min(shift, len(text) // 2)
        if not shift:
            break
        if place not in used and place + chunk in free and place + chunk not in used:
            step(place, +1)
            step(place + chunk, -1)
            shift -= chunk
    assert shift == 0 and zlib.adler32(changed) == zlib.adler32(original)
    quartets = []
    for start in range(len(free) - 3):
        i, j = free[start], free[start + 2]
        if {i, i + 1, j, j + 1} & used or free[start + 1] != i + 1 or free[start + 3] != j + 1:
            continue
        used |= {i, i + 1, j, j + 1}
        trial = bytearray(changed)
        trial[i] += 1
        trial[i + 1] -= 1
        trial[j] -= 1
        trial[j + 1] += 1
        quartets.append(((i, j), zlib.crc32(trial) ^ zlib.crc32(changed)))
    # Gaussian elimination over GF(2): which quartets' CRC changes XOR to the one to undo.
    target = zlib.crc32(changed) ^ zlib.crc32(original)
    basis: dict[int, tuple[int, frozenset[int]]] = {}  # top bit -> (vector, quartets in it)
    for number, (_, vector) in enumerate(quartets):
        members = frozenset({number})
        while vector:
            top = vector.bit_length() - 1
            if top not in basis:
                basis[top] = (vector, members)
                break
            vector, members = vector ^ basis[top][0], members ^ basis[top][1]
    chosen: frozenset[int] = frozenset()
    while target:
        vector, members = basis[target.bit_length() - 1]
        target, chosen = target ^ vector, chosen ^ members
    for number in chosen:
        i, j = quartets[number][0]
        changed[i] += 1
        changed[i + 1] -= 1
        changed[j] -= 1
        changed[j + 1] += 1
    return bytes(changed)


def test_files_whose_checksums_collide_never_share_an_answer(
    folder: Path, tmp_path: Path, mini_data: dict[str, Any], run: Run
) -> None:
    words = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore "
    mini_data["causes"][0]["summary"]["en"] = words * 30
    good = json.dumps(mini_data, ensure_ascii=False).encode()
    position = good.index(b'"category": "nerve"') + len(b'"category": "nerv')  # "nerve" -> "nervf"
    start = good.index(b"lorem")
    bad = colliding(good, position, range(start, start + len(words) * 30))
    assert b'"category": "nervf"' in bad and len(bad) == len(good)
    assert (zlib.crc32(bad), zlib.adler32(bad)) == (zlib.crc32(good), zlib.adler32(good))
    (tmp_path / "a.json").write_bytes(good)
    (tmp_path / "b.json").write_bytes(bad)
    assert run("validate", str(tmp_path / "a.json")).exit_code == 0
    result = run("validate", str(tmp_path / "b.json"))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {tmp_path / 'b.json'}: causes[1].category")
    assert "nervf" in result.stderr


def test_a_new_version_or_any_change_of_the_code_never_meets_old_entries(
    folder: Path, tmp_path: Path, mini_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "code"
    code.mkdir()
    for module in (ROOT / "backpain_cli").glob("*.py"):
        (code / module.name).write_bytes(module.read_bytes())
    monkeypatch.setattr(cache, "_CODE_DIR", code)
    monkeypatch.setattr(cache, "_fingerprints", {})
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(mini_data), encoding="utf-8")
    first = load_knowledge_base(path).key
    assert load_knowledge_base(path).key == first  # the same code: the same entries
    # An edit of one character that keeps the size and modification time of the file.
    module = code / "words.py"
    before = module.stat()
    source = module.read_bytes()
    module.write_bytes(source.replace(b"the", b"teh", 1))
    os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert module.stat().st_size == before.st_size
    monkeypatch.setattr(cache, "_fingerprints", {})  # a new process
    edited = load_knowledge_base(path).key
    assert edited != first
    monkeypatch.setattr("backpain_cli._version.__version__", "99.0.0")  # an upgrade
    monkeypatch.setattr(cache, "_fingerprints", {})
    upgraded = load_knowledge_base(path)
    assert upgraded.key not in (first, edited)
    # parsed afresh and cached under its own key (a cold load reads its causes back from the entry it wrote)
    assert (folder / f"{upgraded.key}.kb").is_file()
    assert len({entry.name.split(".")[0] for entry in folder.glob("*.kb")}) == 3


def test_a_symlinked_cache_folder_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run, mini_data: dict[str, Any]
) -> None:
    home = tmp_path / "home"
    target = home / "important"
    target.mkdir(parents=True)
    for name in (".bashrc", ".profile", "notes.pickle", f"{'a' * 64}.kb", f"{'b' * 64}.index", ".tmp-" + "0" * 32):
        (target / name).write_text(f"the user's {name}\n")
        os.utime(target / name, (0, 0))  # old: the pickle cache removed dot-files older than an hour
    for number in range(20):
        (target / f"{number:02d}.x.pickle").write_text("keep me\n")
    before = files_of(target)
    (home / ".cache").mkdir()
    (home / ".cache" / "backpain").symlink_to(target)
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(home))
    expected = answer(run, "list")
    result = run("list", "--format", "plain", kb=MINI_KB)
    assert result.exit_code == 0 and result.stdout == expected
    assert result.stderr == (
        f"Warning: not using the cache in {home}/.cache/backpain: it is a symbolic link;"
        " make it a real folder, or set XDG_CACHE_HOME to one\n"
    )
    for number in range(3):
        mini_data["causes"][0]["name"]["en"] = f"Edit {number}"  # a new key each time: a miss, and a prune
        path = tmp_path / "kb.json"
        path.write_text(json.dumps(mini_data), encoding="utf-8")
        assert run("list", "--format", "plain", kb=path).exit_code == 0
    assert files_of(target) == before


def test_prune_never_follows_a_link_inside_the_folder(
    folder: Path, tmp_path: Path, mini_data: dict[str, Any], run: Run
) -> None:
    assert run("list", kb=MINI_KB).exit_code == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    for name in (f"{'c' * 64}.kb", f".tmp-{'2' * 32}", "x-0000000000000000.kb.pickle"):
        (folder / name).symlink_to(victim)
        os.utime(folder / name, (0, 0), follow_symlinks=False)
    for number in range(cache.KEEP + 2):
        mini_data["causes"][0]["name"]["en"] = f"Edit {number}"
        path = tmp_path / "kb.json"
        path.write_text(json.dumps(mini_data), encoding="utf-8")
        assert run("list", kb=path).exit_code == 0
    assert victim.read_text() == "precious"


def bits_to_flip(path: Path, count: int) -> list[int]:
    """Bits spread over the file, and some in each part of the head: magic, checksum, length, body."""
    bits = path.stat().st_size * 8
    return sorted({*range(0, bits, max(1, bits // count)), 8 * 8, 8 * 39 + 7, 8 * 40, 8 * 47 + 7, 8 * 48, bits - 1})


@pytest.mark.parametrize("kind", ["kb", "index"])
def test_a_flipped_bit_is_caught_and_the_answer_is_still_right(folder: Path, kind: str, run: Run) -> None:
    command = ("list",) if kind == "kb" else ("search", "sciatica")
    expected = answer(run, *command)
    assert run(*command, "--format", "plain", kb=MINI_KB).exit_code == 0  # fills the cache
    [entry] = folder.glob(f"*.{kind}")
    original = entry.read_bytes()
    for bit in bits_to_flip(entry, 60):
        damaged = bytearray(original)
        damaged[bit // 8] ^= 1 << (bit % 8)
        entry.write_bytes(damaged)
        result = run(*command, "--format", "plain", kb=MINI_KB)
        assert (result.exit_code, result.stdout, result.stderr) == (0, expected, ""), f"bit {bit}"
        assert entry.read_bytes() == original  # rebuilt
    entry.write_bytes(original)


def test_a_cause_damaged_after_the_entry_was_read_is_repaired_in_the_same_run(
    folder: Path, tmp_path: Path, run: Run
) -> None:
    path = tmp_path / "kb.json"
    path.write_bytes(MINI_KB.read_bytes())
    first = load_knowledge_base(path)
    kb = load_knowledge_base(path)
    assert isinstance(kb.causes, cache.CachedItems)
    [entry] = folder.glob("*.kb")
    original = entry.read_bytes()
    # Damage the last cause in the file now that the head has been checked (as a disk might).
    kb.causes._blobs = memoryview(bytes(kb.causes._blobs[:-3]) + b"\x00\x00\x00")
    entry.unlink()
    assert list(kb.causes) == list(first.causes)
    assert entry.read_bytes() == original  # written again


@pytest.mark.parametrize(
    ("problem", "fix"),
    [
        ("other users can write to it", "run: chmod 700 {folder}"),
        ("it belongs to another user", "set XDG_CACHE_HOME to a folder of your own"),
    ],
)
def test_a_folder_others_control_is_not_used(
    problem: str, fix: str, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    expected = answer(run, "list")
    # A well-formed entry for another knowledge base, planted under the key of the one in use.
    other = tmp_path / "other.json"
    data = json.loads(MINI_KB.read_text(encoding="utf-8"))
    data["causes"][1]["name"]["en"] = "Planted"
    other.write_text(json.dumps(data), encoding="utf-8")
    assert run("list", kb=other).exit_code == 0
    [planted] = folder.glob("*.kb")
    assert run("list", kb=MINI_KB).exit_code == 0
    [entry] = [item for item in folder.glob("*.kb") if item != planted]
    entry.write_bytes(planted.read_bytes())
    assert "Planted" in run("list", "--format", "plain", kb=MINI_KB).stdout  # what a planted entry would do
    entry.unlink()
    assert run("list", kb=MINI_KB).exit_code == 0
    entry.write_bytes(planted.read_bytes())
    if "write" in problem:
        folder.chmod(0o777)
    else:
        monkeypatch.setattr(cache.os, "geteuid", lambda: os.getuid() + 4242)
    before = files_of(folder)
    result = run("list", "--format", "plain", kb=MINI_KB)
    assert result.exit_code == 0 and result.stdout == expected
    fix = fix.format(folder=shlex.quote(str(folder)))
    assert result.stderr == f"Warning: not using the cache in {folder}: {problem}; {fix}\n"
    assert files_of(folder) == before  # nothing read into the answer, nothing written


def test_a_pipe_in_the_cache_never_hangs(folder: Path, run: Run) -> None:
    expected = answer(run, "list")
    assert run("list", "--format", "plain", kb=MINI_KB).exit_code == 0
    for entry in list(folder.iterdir()):
        entry.unlink()
        os.mkfifo(entry)
    result = run("list", "--format", "plain", kb=MINI_KB)
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")


def errors_of(run: Run, path: Path | str) -> str:
    result = run("validate", str(path))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"Error: {path}: ")
    return result.stderr.removeprefix(f"Error: {path}: ").strip()


def test_only_a_regular_file_is_read_as_a_knowledge_base(tmp_path: Path, run: Run) -> None:
    fifo = tmp_path / "kb.fifo"
    os.mkfifo(fifo)
    assert errors_of(run, fifo).startswith("not a regular file")
    if Path("/dev/zero").exists():
        assert errors_of(run, "/dev/zero").startswith("not a regular file")


def test_a_knowledge_base_has_a_size_limit(tmp_path: Path, run: Run) -> None:
    huge = tmp_path / "huge.json"
    with huge.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written, and nothing should be read
    assert errors_of(run, huge) == "513 MB, more than the 512 MB a knowledge base may be"


def test_a_number_too_long_to_read_is_one_line(tmp_path: Path, run: Run, mini_data: dict[str, Any]) -> None:
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(mini_data).replace('"schema_version": 1', '"schema_version": 1' + "0" * 5000))
    assert errors_of(run, path) == "a number has too many digits to be read; check the file"


def test_no_home_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run, mini_data: dict[str, Any]
) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "")
    assert cache.cache_dir() is None  # never /.cache/backpain
    result = run("list", "--format", "plain", kb=MINI_KB)
    assert result.exit_code == 0 and result.stderr == ""


def test_a_relative_xdg_cache_home_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert run("list", kb=MINI_KB).exit_code == 0
    assert not (work / "relative").exists()
    assert list((tmp_path / "home" / ".cache" / "backpain").glob("*.kb"))


@fuzz
@given(content=st.binary(max_size=2048))
def test_any_bytes_in_an_entry_are_never_trusted(folder: Path, run: Run, content: bytes) -> None:
    expected = answer(run, "search", "sciatica")
    assert run("search", "sciatica", kb=MINI_KB).exit_code == 0
    for entry in folder.glob("*.*"):
        entry.write_bytes(content)
    result = run("search", "sciatica", "--format", "plain", kb=MINI_KB)
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")


@fuzz
@given(data=st.data())
def test_any_damage_to_a_real_entry_is_caught(folder: Path, run: Run, data: st.DataObject) -> None:
    expected = answer(run, "list")
    assert run("list", "--format", "plain", kb=MINI_KB).exit_code == 0
    for entry in folder.glob("*.*"):
        damaged = bytearray(entry.read_bytes())
        for _ in range(data.draw(st.integers(1, 4))):
            place = data.draw(st.integers(0, len(damaged) - 1))
            damaged[place] = data.draw(st.integers(0, 255))
        if data.draw(st.booleans()):
            del damaged[data.draw(st.integers(0, len(damaged))) :]
        entry.write_bytes(damaged)
    result = run("list", "--format", "plain", kb=MINI_KB)
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")


def assert_an_answer_or_errors(result: Result, path: Path) -> None:
    """``validate`` says OK on stdout (exit 0), or reports the problems on stderr as ``Error:`` lines, the
    first naming the file (exit 1). (Each line names it too, but for a line break inside a field's name:
    see test_knowledge_base_errors.py, test_a_line_break_in_a_field_name_never_splits_its_error_line.)"""
    if result.exit_code == 0:
        assert result.stdout.startswith("OK: ") and result.stderr == ""
        return
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {path}: ")
    assert all(line.startswith("Error: ") for line in result.stderr.split("\n")[:-1]), result.stderr
    assert result.stderr.endswith("\n") and "Traceback" not in result.stderr


@fuzz
@given(content=st.binary(max_size=2048) | st.text(max_size=512).map(str.encode))
def test_any_bytes_as_a_knowledge_base_are_an_answer_or_one_error(tmp_path: Path, run: Run, content: bytes) -> None:
    path = tmp_path / "kb.json"
    path.write_bytes(content)
    assert_an_answer_or_errors(run("validate", str(path)), path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=30,
)


@fuzz
@given(
    section=st.sampled_from(["sources", "categories", "causes", "treatments", "red_flags", "sign_vocabulary"]),
    value=json_values,
)
def test_any_structure_in_a_knowledge_base_is_an_answer_or_one_error(
    tmp_path: Path, run: Run, section: str, value: Any
) -> None:
    data = json.loads(MINI_KB.read_text(encoding="utf-8"))
    if isinstance(data.get(section), list) and data[section]:
        data[section][0] = value
    else:
        data[section] = value
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert_an_answer_or_errors(run("validate", str(path)), path)
