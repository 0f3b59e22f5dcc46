"""Shared fixtures: a CLI runner that never touches the user's environment or files."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Before anything imports backpain_cli (test modules load knowledge bases at collection time): the
# cache goes to a folder of this run's own, never the user's ~/.cache/backpain.
TEST_CACHE_HOME = tempfile.mkdtemp(prefix="backpain-test-cache-")
os.environ["XDG_CACHE_HOME"] = TEST_CACHE_HOME
os.environ.pop("BACKPAIN_CACHE", None)

import pytest  # noqa: E402
from typer.testing import CliRunner, Result  # noqa: E402

from backpain_cli.cli import app  # noqa: E402

DATA = Path(__file__).parent / "data"
MINI_KB = DATA / "mini_kb.json"
ROOT = Path(__file__).parent.parent
BUNDLED_KB = ROOT / "data" / "knowledge_base.json"

Run = Callable[..., Result]


@pytest.fixture(scope="session")
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, cache_home: Path) -> None:
    """Tests see neither the user's knowledge base, nor their cache, nor an Arabic locale, nor forced colour."""
    for name in (
        "BACKPAIN_KB",
        "BACKPAIN_CACHE",
        "BACKPAIN_REGION",
        "LC_ALL",
        "LC_MESSAGES",
        "FORCE_COLOR",
        "NO_COLOR",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "120")


def _runner() -> Run:
    def run(*args: str, kb: Path | None = None, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        full_env = dict(env or {})
        if kb is not None:
            full_env["BACKPAIN_KB"] = str(kb)
        return CliRunner().invoke(app, list(args), input=input, env=full_env, catch_exceptions=False)

    return run


@pytest.fixture
def run() -> Run:
    """Invoke ``backpain`` with the bundled knowledge base."""
    return _runner()


@pytest.fixture
def run_mini() -> Run:
    """Invoke ``backpain`` with the small test knowledge base."""
    inner = _runner()

    def run(*args: str, **kwargs: Any) -> Result:
        kwargs.setdefault("kb", MINI_KB)
        return inner(*args, **kwargs)

    return run


def load_json(text: str) -> Any:
    return json.loads(text)


@pytest.fixture
def mini_data() -> dict[str, Any]:
    """A fresh, editable copy of the small knowledge base's JSON."""
    data: dict[str, Any] = json.loads(MINI_KB.read_text(encoding="utf-8"))
    return data


@pytest.fixture
def write_kb(tmp_path: Path) -> Callable[[Any], Path]:
    """Write JSON (or raw text/bytes) to a temporary knowledge base file and return its path."""

    def write(content: Any, name: str = "kb.json") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        return path

    return write
