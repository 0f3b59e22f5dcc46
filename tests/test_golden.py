"""Rendered output compared with golden files at fixed widths.

The test only compares; ``python -m tests.update_golden`` writes the files (see that script), with
the same rendering code, so that no run of the tests can pass by comparing a file with itself.
"""

import pytest
from rich.cells import cell_len

from tests.conftest import Run
from tests.update_golden import CASES, GOLDEN, path_of, render


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(name: str) -> None:
    path = path_of(name)
    assert path.exists(), f"no golden file {path.name}; write it with: python -m tests.update_golden {name}"
    result = render(name)
    assert result.stdout == path.read_text(encoding="utf-8"), (
        f"changed on purpose? python -m tests.update_golden {name}"
    )
    width = CASES[name][1]
    if width != "80" or "table" in name:
        assert all(cell_len(line) <= int(width) for line in result.stdout.splitlines())


def test_the_golden_cases_and_files_are_the_same_set() -> None:
    files = {path.stem for path in GOLDEN.glob("*.txt")}
    assert files == set(CASES)


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
        assert result.exit_code == (5 if "--check" in args else 0), args  # the saddle-numbness check: emergency
        too_wide = [line for line in result.stdout.splitlines() if cell_len(line) > width]
        assert not too_wide, (args, too_wide[:2])
