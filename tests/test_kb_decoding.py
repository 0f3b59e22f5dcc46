"""The one-pass decoder (kb_decoding.py) agrees with the careful reader: the same knowledge base from a
file that is right, and a refusal (so that the reader names the problems) from every file it refuses."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backpain_cli import cache, kb_decoding
from backpain_cli.errors import KnowledgeBaseError
from backpain_cli.knowledge_base import KnowledgeBase, _decode_json, load_knowledge_base, parse_knowledge_base
from tests.conftest import BUNDLED_KB, MINI_KB, Run

SECTIONS = kb_decoding._SECTIONS


def decode(raw: bytes) -> tuple[KnowledgeBase, tuple[str, ...], list[Any]] | None:
    causes: list[Any] = []
    found = kb_decoding.read_knowledge_base(raw, "kb.json", causes.append)
    return None if found is None else (*found, causes)


def careful(raw: bytes) -> KnowledgeBase | None:
    try:
        return parse_knowledge_base(_decode_json(raw, "kb.json"), "kb.json")
    except KnowledgeBaseError:
        return None


def assert_agree(raw: bytes) -> None:
    """Either both refuse, or the decoder gives what the reader gives; the decoder never accepts more."""
    slow = careful(raw)
    fast = decode(raw)
    if slow is None:
        assert fast is None
        return
    if fast is None:  # allowed (the reader then reads the file), but not for the files of these tests
        pytest.fail("the decoder refused a knowledge base the reader accepts")
    kb, ids, causes = fast
    assert tuple(causes) == tuple(slow.causes)
    assert ids == tuple(cause.id for cause in slow.causes)
    for name in SECTIONS:
        assert getattr(kb, name) == getattr(slow, name), name


@pytest.mark.parametrize("path", [BUNDLED_KB, MINI_KB], ids=["bundled", "mini"])
def test_a_knowledge_base_that_is_right_decodes_to_what_the_reader_reads(path: Path) -> None:
    assert decode(path.read_bytes()) is not None
    assert_agree(path.read_bytes())


def edit(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    *parents, last = path
    target = changed
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return changed


DELETE = object()
MINI: dict[str, Any] = json.loads(MINI_KB.read_text(encoding="utf-8"))


def cause_paths(value: Any, path: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """Every place inside a value: each key of an object and each item of a list."""
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += cause_paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += cause_paths(inner, (*path, index))
    return found


PLACES = [place for place in cause_paths(MINI["causes"], ("causes",)) if len(place) > 2]
VALUES = [
    DELETE,
    None,
    True,
    0,
    1.5,
    "",
    "   ",
    "\u00a0",
    "x" * 20_001,
    "Not Kebab",
    "sciatica",
    "doc-a",
    "lower-back",
    "common",
    "M54.5",
    [],
    ["doc-a", "doc-a"],
    ["doc-a"],
    ["sciatica"],
    ["nope"],
    {},
    {"en": "A text"},
    {"en": "A text", "ar": None},
    {"en": "A text", "sources": ["doc-a"]},
    {"en": "A text", "sources": []},
]


@pytest.mark.parametrize("place", PLACES, ids=lambda place: ".".join(map(str, place[1:])))
def test_every_edit_of_a_cause_is_refused_or_read_alike(place: tuple[Any, ...]) -> None:
    for value in VALUES:
        assert_agree(json.dumps(edit(MINI, place, value), ensure_ascii=False).encode())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    place=st.sampled_from(PLACES),
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.sampled_from(VALUES[5:15]) | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["en", "ar", "id"]), inner),
        max_leaves=6,
    ),
)
def test_any_value_anywhere_in_a_cause_is_refused_or_read_alike(place: tuple[Any, ...], value: Any) -> None:
    assert_agree(json.dumps(edit(MINI, place, value), ensure_ascii=False).encode())


def test_a_key_given_twice_is_refused_even_where_its_value_would_pass() -> None:
    text = json.dumps(MINI, ensure_ascii=False)
    twice = text.replace('"prevalence": "common"', '"prevalence": "rare", "prevalence": "common"', 1)
    assert twice != text and decode(twice.encode()) is None and careful(twice.encode()) is None


def dumps_with_a_key_twice(value: Any, place: tuple[Any, ...]) -> str:
    """JSON of ``value`` with the first key of the object at ``place`` given twice (with its value)."""
    if isinstance(value, dict):
        items = [
            f"{json.dumps(key)}: {dumps_with_a_key_twice(inner, place[1:] if place and place[0] == key else (None,))}"
            for key, inner in value.items()
        ]
        if place == ():
            items.insert(0, items[0])
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list):
        return (
            "["
            + ", ".join(
                dumps_with_a_key_twice(inner, place[1:] if place and place[0] == index else (None,))
                for index, inner in enumerate(value)
            )
            + "]"
        )
    return json.dumps(value, ensure_ascii=False)


def object_kinds(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The first place of each kind of object in the causes (``causes.*.symptoms.*``, ``causes.*.codes.titles``)."""
    found: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for place in cause_paths(data["causes"], ("causes",)):
        target: Any = data
        for key in place:
            target = target[key]
        if isinstance(target, dict) and target:
            found.setdefault(tuple("*" if isinstance(key, int) else key for key in place), place)
    return list(found.values())


BUNDLED: dict[str, Any] = json.loads(BUNDLED_KB.read_text(encoding="utf-8"))


@pytest.mark.parametrize("place", object_kinds(BUNDLED), ids=lambda place: ".".join(map(str, place[1:])))
def test_a_key_given_twice_in_any_object_of_a_cause_is_refused(place: tuple[Any, ...]) -> None:
    """The decoder counts the keys of what it decoded, object by object, and the colons in its texts."""
    raw = dumps_with_a_key_twice(BUNDLED, place).encode()
    assert json.loads(raw) == BUNDLED  # the same knowledge base, but for the key given twice
    assert decode(raw) is None


def test_colons_in_texts_and_the_keys_of_features_without_an_assessment_are_counted_right() -> None:
    data = edit(MINI, ("causes", 0, "name", "en"), "Low back pain: the common kind")
    data = edit(data, ("causes", 0, "aliases", "en"), ["disc: slipped", "a::b"])
    data = edit(data, ("causes", 0, "symptoms", 0, "ar"), "ألم: حاد")
    assert decode(json.dumps(data, ensure_ascii=False).encode()) is not None
    assert_agree(json.dumps(data, ensure_ascii=False).encode())
    assert "assessment" not in MINI  # whose causes' features the reader reads, and the decoder counts apart
    assert decode(dumps_with_a_key_twice(MINI, ("causes", 0, "features")).encode()) is None


@pytest.mark.parametrize("escape", ["\\u003a", "\\u003A"])
def test_an_escaped_colon_is_read_by_the_reader(escape: str) -> None:
    """A colon written as an escape (its hex digit in either case) would hide a key given twice from
    the decoder's count."""
    data = edit(MINI, ("causes", 0, "name", "en"), "Low back pain: the common kind")
    raw = json.dumps(data, ensure_ascii=False).replace(": the", escape + " the").encode()
    assert decode(raw) is None
    kb = careful(raw)
    assert kb is not None and kb.causes[0].name.en == "Low back pain: the common kind"


def test_a_byte_order_mark_is_allowed_as_before() -> None:
    raw = b"\xef\xbb\xbf" + MINI_KB.read_bytes()
    assert decode(raw) is not None
    assert_agree(raw)


def test_a_cold_run_answers_as_a_warm_one_and_as_one_without_the_cache(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The causes of a first run are read back from the entry it wrote, one at a time."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    commands = [["search", "sciatica", "--format", "json"], ["list", "--format", "plain"], ["show", "sciatica"]]
    cold = [run(*command, kb=BUNDLED_KB) for command in commands]
    warm = [run(*command, kb=BUNDLED_KB) for command in commands]
    monkeypatch.setenv("BACKPAIN_CACHE", "off")
    fresh = [run(*command, kb=BUNDLED_KB) for command in commands]
    for first, second, third in zip(cold, warm, fresh, strict=True):
        assert first.exit_code == second.exit_code == third.exit_code == 0
        assert first.stdout == second.stdout == third.stdout and first.stderr == second.stderr == ""
    assert json.loads(cold[0].stdout)


def test_a_broken_cause_in_a_large_file_still_names_its_place(run: Run, tmp_path: Path) -> None:
    data = copy.deepcopy(MINI)
    for copy_number in range(1, 40):  # enough causes that the one-pass decoder reads them as it goes
        for cause in MINI["causes"]:
            data["causes"].append({**copy.deepcopy(cause), "id": f"{cause['id']}-{copy_number}", "related": []})
    data["causes"][-1]["symptoms"][0]["sources"] = ["doc-a", "doc-a"]
    data["causes"][-2]["name"]["en"] = "\u3000"
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("validate", str(path))
    last = len(data["causes"]) - 1
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [
        f"Error: {path}: causes[{last - 1}].name.en: empty text",
        f"Error: {path}: causes[{last}].symptoms[0].sources[1]: 'doc-a' is listed twice",
    ]
    data["causes"][-1]["symptoms"][0]["sources"] = ["doc-a"]
    data["causes"][-2]["name"]["en"] = "Fine"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run("validate", str(path)).exit_code == 0
    assert len(load_knowledge_base(path).causes) == len(data["causes"])


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while the causes go to the cache: the knowledge base is read again, kept in memory."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    expected = run("search", "sciatica", "--format", "json", kb=MINI_KB)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-cache"))
    monkeypatch.setattr(cache.os, "replace", full)
    kb = load_knowledge_base(MINI_KB)
    assert isinstance(kb.causes, tuple) and [cause.id for cause in kb.causes] == list(kb.cause_by_id)
    result = run("search", "sciatica", "--format", "json", kb=MINI_KB)
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected.stdout, "")
    assert not [entry for entry in (tmp_path / "other-cache" / "backpain").iterdir() if entry.suffix == ".kb"]


PROBE = """
import json, sys
from backpain_cli.entry import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write(json.dumps("backpain_cli.kb_decoding" in sys.modules) + "\\n")
"""


def test_only_a_cold_run_imports_the_decoder(tmp_path: Path) -> None:
    """A warm run (the cache answers) never builds msgspec's structs of a cause."""

    def decoder_imported() -> bool:
        result = subprocess.run(
            [sys.executable, "-c", PROBE, "search", "sciatica", "--format", "plain"],
            capture_output=True,
            text=True,
            env={**os.environ, "BACKPAIN_KB": str(MINI_KB), "XDG_CACHE_HOME": str(tmp_path)},
            timeout=60,
            check=False,
        )
        return bool(json.loads(result.stderr.strip().splitlines()[-1]))

    assert decoder_imported() is True
    assert decoder_imported() is False
