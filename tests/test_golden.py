"""Rendered output compared with golden files at fixed widths; ``UPDATE_GOLDEN=1 pytest`` rewrites them."""

import os
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.conftest import Run

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "search-table-80": (["search", "slipped", "disc"], "80"),
    "search-table-40": (["search", "slipped", "disc"], "40"),
    "search-plain": (["search", "slipped", "disc", "--format", "plain"], "80"),
    "search-json": (["search", "slipped", "disc", "--format", "json"], "80"),
    "list-table-100": (["list"], "100"),
    "list-table-ar-100": (["list", "--lang", "ar"], "100"),
    "show-table-80": (["show", "herniated-disc"], "80"),
    "show-plain": (["show", "herniated-disc", "--format", "plain"], "80"),
    "show-json": (["show", "herniated-disc", "--json"], "80"),
    "redflags-table-120": (["redflags"], "120"),
    "redflags-plain": (["redflags", "--format", "plain"], "80"),
    "categories-table-60": (["categories"], "60"),
    "treatments-json": (["treatments", "--json"], "80"),
    "verdict-table-80": (["redflags", "--check", "--yes", "fever"], "80"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(run_mini: Run, name: str) -> None:
    args, width = CASES[name]
    result = run_mini(*args, env={"COLUMNS": width, "TERM": "dumb"})
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}; run UPDATE_GOLDEN=1 pytest tests/test_golden.py"
    assert result.stdout == path.read_text(encoding="utf-8")
    if width != "80" or "table" in name:
        assert all(cell_len(line) <= int(width) for line in result.stdout.splitlines())


# Every table command on the bundled knowledge base (long English and Arabic text, wide ids).
EVERY_TABLE = [
    ["search", "pain", "shooting", "down", "my", "leg"],
    ["list"],
    ["list", "--lang", "ar"],
    ["categories"],
    ["show", "cauda-equina-syndrome"],
    ["show", "herniated-disc", "--lang", "ar"],
    ["treatments"],
    ["redflags"],
    ["redflags", "--lang", "ar"],
    ["redflags", "--check", "--yes", "saddle-numbness"],
    ["sources"],
    ["guide", "tests", "--lang", "ar"],
]


@pytest.mark.parametrize("width", [20, 39, 59, 61, 87, 133])
def test_no_line_is_wider_than_the_terminal(run: Run, width: int) -> None:
    for args in EVERY_TABLE:
        result = run(*args, env={"COLUMNS": str(width), "TERM": "dumb"})
        assert result.exit_code in (0, 5), args
        too_wide = [line for line in result.stdout.splitlines() if cell_len(line) > width]
        assert not too_wide, (args, too_wide[:2])
