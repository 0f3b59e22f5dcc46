"""Arabic screens as a terminal without bidi support shows them: the real command in a pseudo-terminal,
its output drawn by pyte (an emulator that does no bidi), then read back right to left."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pexpect
import pyte
import pytest

from tests.conftest import ROOT
from tests.test_bidi import cells, read_right_to_left, words

ROWS = 1500
# Seconds a command may take in its terminal on a busy machine: a limit, never a wait. Each command
# is read to its end (EOF), so no test depends on how fast the machine is.
PATIENCE = 90
# Variables by which a terminal names itself; a test's terminal sets only those the test gives.
TERMINAL_VARIABLES = ("VTE_VERSION", "KONSOLE_VERSION", "MLTERM", "TERM_PROGRAM", "WT_SESSION", "TMUX", "STY")
SCREENS = [
    pytest.param(["search", "عرق", "النسا"], id="search"),
    pytest.param(["search", "ألم", "ينتشر", "إلى", "الساق"], id="search-symptom"),
    pytest.param(["show", "sciatica", "--lang", "ar"], id="show"),
    pytest.param(["show", "degenerative-disc-disease", "--lang", "ar"], id="show-codes"),
    pytest.param(["list", "--lang", "ar"], id="list"),
    pytest.param(["redflags", "--lang", "ar"], id="redflags"),
]
WIDTHS = [100, 60]
# The check's answers: one unclear (asked again), the age, then "no" to every question.
ANSWERS = ["x", "45", *["n"] * 40]
_BAR = re.compile("[│┃║]")
_CELL = re.compile("[│┃║]| {2,}")  # a border, or the gap between two columns of a list of fields
_UNJOINED = re.compile("[\u0621-\u063f\u0641-\u064a]")
_ANSI = re.compile("\x1b\\[[0-9;]*m")


def environment(**extra: str) -> dict[str, str]:
    """The test's environment (its cache folder included) with no terminal named, unless asked for."""
    dropped = {"COLUMNS", "LINES", "BACKPAIN_KB", "BACKPAIN_BIDI", "NO_COLOR", "FORCE_COLOR", *TERMINAL_VARIABLES}
    kept = {name: value for name, value in os.environ.items() if name not in dropped}
    return {**kept, "LANG": "C.UTF-8", "TERM": "xterm-256color", "PYTHONUTF8": "1", **extra}


def run_in_terminal(
    args: list[str], *, columns: int = 100, variables: dict[str, str] | None = None, answers: list[str] | None = None
) -> str:
    """What the command writes to a terminal of this width, stdout and stderr as they arrive."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "backpain_cli", *args],
        env=environment(**(variables or {})),
        dimensions=(ROWS, columns),
        encoding="utf-8",
        echo=False,
        cwd=str(ROOT),
        timeout=PATIENCE,
    )
    for answer in answers or []:  # typed ahead: the terminal keeps them until the check reads them
        child.sendline(answer)
    output = child.read()
    child.wait()  # the process ends before its terminal is closed: nothing is hung up on
    child.close()
    return str(output)


def draw(output: str, columns: int) -> list[str]:
    """The screen's rows, as a terminal without bidi support shows the output."""
    screen = pyte.Screen(columns, ROWS)
    pyte.Stream(screen).feed(output)
    rows = [row.rstrip() for row in screen.display]
    while rows and not rows[-1]:
        rows.pop()
    return rows


_SCREENS: dict[tuple[object, ...], list[str]] = {}


def screen(
    args: list[str], *, columns: int = 100, variables: dict[str, str] | None = None, answers: list[str] | None = None
) -> list[str]:
    """The rows a terminal without bidi support shows; each screen is run once per test session."""
    key = (tuple(args), columns, tuple(sorted((variables or {}).items())), tuple(answers or ()))
    if key not in _SCREENS:
        _SCREENS[key] = draw(run_in_terminal(args, columns=columns, variables=variables, answers=answers), columns)
    return _SCREENS[key]


def read_row(row: str) -> list[str]:
    """A displayed row read right to left, cell by cell from the rightmost."""
    return [word for cell in reversed(_CELL.split(row)) for word in read_right_to_left(cell)]


def logical_row(row: str) -> list[str]:
    return [word for cell in _CELL.split(row) for word in words(cell)]


def assert_reads_right_to_left(visual: list[str], logical: list[str]) -> None:
    """Row by row, the visual screen read right to left says what the logical one says, and shows no
    Arabic letter unjoined."""
    assert len(visual) == len(logical), "reordering happens after wrapping: the same rows"
    for number, (shown, stored) in enumerate(zip(visual, logical, strict=True)):
        assert read_row(shown) == logical_row(stored), f"row {number}:\n{shown}\n{stored}"
        assert not _UNJOINED.search(shown), f"row {number} has Arabic letters left unjoined:\n{shown}"
    assert visual != logical


def assert_cells_right_aligned(rows: list[str]) -> None:
    """Every cell between borders ends one space before its right border."""
    filled = [cell for row in rows if row.startswith("│") for cell in _BAR.split(row)[1:-1] if cell.strip()]
    assert filled
    for cell in filled:
        assert cell.endswith(" ") and not cell.endswith("  "), f"not right-aligned: {cell!r}"


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("args", SCREENS)
def test_an_arabic_screen_reads_right_to_left_without_terminal_bidi(args: list[str], columns: int) -> None:
    visual = screen(["--bidi", "on", *args], columns=columns)
    logical = screen(["--bidi", "off", *args], columns=columns)
    assert_reads_right_to_left(visual, logical)


@pytest.mark.parametrize(
    ("args", "first_column"),
    [(["list", "--lang", "ar"], "المعرف"), (["redflags", "--lang", "ar"], "درجة"), (["search", "عرق", "النسا"], "#")],
)
def test_an_arabic_table_runs_right_to_left(args: list[str], first_column: str) -> None:
    visual = screen(["--bidi", "on", *args], columns=100)
    header = next(row for row in visual if row.startswith("┃"))
    rightmost = _BAR.split(header)[-2]
    if first_column == "#":
        assert rightmost == " # "
    else:
        assert read_right_to_left(rightmost)[0] == words(first_column)[0]
    assert_cells_right_aligned(visual)


@pytest.mark.parametrize("columns", WIDTHS)
def test_the_checks_questions_read_right_to_left(columns: int) -> None:
    args = ["redflags", "--check", "--lang", "ar"]
    visual = screen(["--bidi", "on", *args], columns=columns, answers=ANSWERS)
    # Messages are wrapped before they are reordered, so rows can break elsewhere than where the terminal
    # breaks the logical text: compare the words of the whole screen with those of the text written.
    written = _ANSI.sub("", run_in_terminal(["--bidi", "off", *args], columns=columns, answers=ANSWERS))
    assert [word for row in visual for word in read_row(row)] == [
        word for line in written.splitlines() for word in logical_row(line)
    ]
    assert not any(_UNJOINED.search(row) for row in visual)
    assert all(cells(row) <= columns for row in visual), "no row is left for the terminal to wrap"
    # The questions are right-aligned like the tables: each ends at the right edge.
    questions = [row for row in visual if row.endswith(("(1)", "(2)"))]
    assert questions
    assert all(cells(row) == columns - 1 for row in questions)


def test_the_checks_english_questions_are_left_as_they_are() -> None:
    args = ["redflags", "--check"]
    visual = run_in_terminal(["--bidi", "on", *args], answers=ANSWERS)
    assert visual == run_in_terminal(["--bidi", "off", *args], answers=ANSWERS)


def test_an_arabic_error_is_wrapped_before_it_is_reordered() -> None:
    # Left to the terminal, a long line would wrap after reordering and start with its own end.
    shown = screen(["--bidi", "on", "search", "زززززززز"], columns=60)
    assert len(shown) > 1
    assert all(cells(row) <= 59 for row in shown)
    assert shown[0].startswith("Error: ")
    assert any("backpain redflags --check" in row for row in shown)
    assert not any(_UNJOINED.search(row) for row in shown)


@pytest.mark.parametrize("args", [SCREENS[2], SCREENS[4]])
def test_bidi_off_leaves_the_logical_order_untouched(args: list[str]) -> None:
    piped = subprocess.run(
        [sys.executable, "-m", "backpain_cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment(COLUMNS="100"),
        cwd=ROOT,
        timeout=PATIENCE,
        check=True,
    ).stdout
    assert screen(["--bidi", "off", *args], columns=100) == [line.rstrip() for line in piped.splitlines()]


@pytest.mark.parametrize("mode", ["on", "off", "auto"])
def test_piped_output_and_json_never_change(mode: str) -> None:
    def piped(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "backpain_cli", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=environment(COLUMNS="100", BACKPAIN_BIDI=mode),
            cwd=ROOT,
            timeout=PATIENCE,
            check=True,
        ).stdout

    show = ["show", "sciatica", "--lang", "ar"]
    assert piped("--bidi", mode, *show) == piped("--bidi", "off", *show)
    assert piped(*show, "--format", "plain") == piped("--bidi", "off", *show, "--format", "plain")
    assert "عرق النسا" in piped(*show)
    in_terminal = run_in_terminal(["--bidi", mode, *show, "--json"], variables={"BACKPAIN_BIDI": mode})
    assert json.loads(in_terminal) == json.loads(piped(*show, "--json"))
    assert json.loads(in_terminal)["name"] == "عرق النسا"


@pytest.mark.parametrize(
    ("variables", "flag", "visual_order"),
    [
        ({"BACKPAIN_BIDI": "on"}, [], True),
        ({"BACKPAIN_BIDI": "off"}, [], False),
        ({"BACKPAIN_BIDI": "off"}, ["--bidi", "on"], True),  # the option beats the variable
        ({}, [], True),  # auto, in a terminal that names itself to no one
        ({"VTE_VERSION": "7600"}, [], False),  # auto in GNOME Terminal: it does bidi itself
        ({"KONSOLE_VERSION": "230805"}, [], False),
        ({"TERM_PROGRAM": "vscode"}, [], True),
        ({"VTE_VERSION": "7600", "BACKPAIN_BIDI": "on"}, [], True),
    ],
)
def test_the_variable_and_auto_choose_the_order(variables: dict[str, str], flag: list[str], visual_order: bool) -> None:
    show = ["show", "sciatica", "--lang", "ar"]
    shown = screen([*flag, *show], variables=variables)
    assert shown == screen(["--bidi", "on" if visual_order else "off", *show])


def test_an_unknown_bidi_mode_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backpain_cli", "list"],
        capture_output=True,
        text=True,
        env=environment(BACKPAIN_BIDI="sideways"),
        cwd=ROOT,
        timeout=PATIENCE,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--bidi' (env var: 'BACKPAIN_BIDI'): 'sideways' is not one of 'auto', 'on', 'off'."
    )


def loaded_libraries(args: list[str]) -> str:
    """Which of the bidi libraries the command imported, run in a terminal."""
    code = (
        "import atexit, runpy, sys\n"
        "atexit.register(lambda: print('LOADED', *(m for m in ('bidi', 'arabic_reshaper') if m in sys.modules)))\n"
        f"sys.argv = ['backpain', *{args!r}]\n"
        "runpy.run_module('backpain_cli', run_name='__main__')\n"
    )
    child = pexpect.spawn(
        sys.executable,
        ["-c", code],
        env=environment(),
        dimensions=(ROWS, 100),
        encoding="utf-8",
        timeout=PATIENCE,
    )
    output = str(child.read())
    child.wait()
    child.close()
    return output.rsplit("LOADED", 1)[1].strip()


@pytest.mark.parametrize(
    ("args", "libraries"),
    [
        (["--bidi", "on", "list"], ""),
        (["--bidi", "on", "search", "sciatica"], ""),
        (["--bidi", "on", "show", "sciatica"], "bidi arabic_reshaper"),  # English, with the Arabic name
        (["--bidi", "on", "show", "sciatica", "--lang", "ar", "--json"], ""),
        (["--bidi", "off", "show", "sciatica", "--lang", "ar"], ""),
        (["--bidi", "on", "show", "sciatica", "--lang", "ar"], "bidi arabic_reshaper"),
    ],
)
def test_the_libraries_are_imported_only_when_arabic_is_printed(args: list[str], libraries: str) -> None:
    assert loaded_libraries(args) == libraries


def test_english_screens_are_the_same_in_every_mode() -> None:
    for args in (["list"], ["search", "sciatica"], ["redflags"]):
        assert run_in_terminal(["--bidi", "on", *args]) == run_in_terminal(["--bidi", "off", *args])
