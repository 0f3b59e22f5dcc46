"""Real processes, pipes and pseudo-terminals: what CliRunner cannot show.

Nothing here sleeps for a fixed time: a test in a pseudo-terminal waits for what the screen shows,
and every wait has a limit (``PATIENCE``) generous enough for a busy two-core machine, so that no test
fails only because the machine is slow. A limit is only ever reached by a command that hangs.
"""

from __future__ import annotations

import copy
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest

from tests.conftest import BUNDLED_KB, MINI_KB

# Seconds a command may take to finish, or a screen to show what a test waits for (each ``expect``).
PATIENCE = 60


def base_env() -> dict[str, str]:
    """The environment at call time (the fixtures have pointed the cache at a temporary folder)."""
    dropped = {"BACKPAIN_KB", "BACKPAIN_REGION", "FORCE_COLOR", "NO_COLOR", "LC_ALL"}
    kept = {k: v for k, v in os.environ.items() if k not in dropped}
    # Arabic in logical order, as stored; test_bidi_terminal.py checks what --bidi on draws.
    return {**kept, "LANG": "C.UTF-8", "PYTHONUTF8": "1", "BACKPAIN_BIDI": "off"}


def backpain(
    *args: str, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backpain_cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env={**base_env(), "BACKPAIN_KB": str(MINI_KB), **(env or {})},
        input=input,
        timeout=PATIENCE,
        check=False,
    )


def hostile_kb(tmp_path: Path, mini: dict[str, Any], name_en: str) -> Path:
    data = copy.deepcopy(mini)
    data["causes"][1]["name"]["en"] = name_en
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args", [["list"], ["list", "--format", "plain"], ["redflags", "--json"], ["show", "sciatica"]]
)
def test_closed_pipe_ends_quietly(args: list[str]) -> None:
    # The reader has gone before anything is written, as after ``backpain list | head -n 1``.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "backpain_cli", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env={**base_env(), "BACKPAIN_KB": str(MINI_KB)},
            timeout=PATIENCE,
            check=False,
        )
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 141  # 128 + SIGPIPE, as the shell reports a reader that went away


def test_head_reads_the_first_line() -> None:
    script = f'"{sys.executable}" -m backpain_cli list --format plain | head -n 1'
    result = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        env={**base_env(), "BACKPAIN_KB": str(MINI_KB)},
        timeout=PATIENCE,
        check=False,
    )
    assert result.stdout == "Causes\n"
    assert result.stderr == ""


def test_piped_output_has_no_colour_codes() -> None:
    result = backpain("redflags")
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout


def test_force_colour_colours_but_data_stays_inert(tmp_path: Path, mini_data: dict[str, Any]) -> None:
    kb = hostile_kb(tmp_path, mini_data, "Sci\x1b[2Jatica\x07")
    result = backpain("list", env={"FORCE_COLOR": "1", "BACKPAIN_KB": str(kb)})
    assert result.returncode == 0
    assert "\x1b[" in result.stdout  # colour was forced ...
    assert (
        "\x1b[2J" not in result.stdout and "\x07" not in result.stdout
    )  # ... but the data's controls were not passed on
    assert "Sci\ufffd[2Jatica\ufffd" in result.stdout


COLOUR_CODE = re.compile(r"\x1b\[(?:[0-9]+;)*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]")


def test_no_color_is_honoured() -> None:
    coloured = backpain("redflags", env={"FORCE_COLOR": "1"})
    assert COLOUR_CODE.search(coloured.stdout)
    result = backpain("redflags", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert result.returncode == 0
    assert not COLOUR_CODE.search(result.stdout)


def test_dumb_terminal() -> None:
    result = backpain("show", "sciatica", env={"TERM": "dumb"})
    assert result.returncode == 0
    assert "Sciatica" in result.stdout
    assert "\x1b[" not in result.stdout


def test_rich_markup_in_data_prints_literally(tmp_path: Path, mini_data: dict[str, Any]) -> None:
    kb = hostile_kb(tmp_path, mini_data, "[bold red]Sciatica[/bold red] [link=http://x]y[/link]")
    result = backpain("show", "sciatica", env={"BACKPAIN_KB": str(kb), "FORCE_COLOR": "1"})
    assert "[bold red]Sciatica[/bold red] [link=http://x]y[/link]" in result.stdout


def test_right_to_left_override_cannot_reorder_output(tmp_path: Path, mini_data: dict[str, Any]) -> None:
    kb = hostile_kb(tmp_path, mini_data, "Sciatica \u202eevil\u202c")
    for fmt in ("table", "plain", "json"):
        result = backpain("list", "--format", fmt, env={"BACKPAIN_KB": str(kb)})
        assert result.returncode == 0
        assert "\u202e" not in result.stdout, fmt
    data = json.loads(backpain("list", "--json", env={"BACKPAIN_KB": str(kb)}).stdout)
    assert data["causes"][1]["name"] == "Sciatica \u202eevil\u202c"  # JSON keeps the data, escaped


def test_control_characters_in_query_never_reach_terminal() -> None:
    result = backpain("search", "\x1b]0;pwned\x07sciatica\x1b[31m")
    assert "\x1b" not in result.stdout + result.stderr
    assert "\x07" not in result.stdout + result.stderr


def test_huge_query_is_answered_and_echo_shortened() -> None:
    result = backpain("search", "x" * 100_000)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: no cause matches “xxx") and result.stderr.count("\n") == 1
    assert len(result.stderr) < 400
    assert "…" in result.stderr


def test_emoji_and_mixed_scripts() -> None:
    result = backpain("search", "😀 sciatica عرق النسا ∑")
    assert result.returncode == 0
    assert "Sciatica" in result.stdout


@pytest.mark.parametrize("env", [{"LC_ALL": "C", "PYTHONUTF8": "0"}, {"PYTHONIOENCODING": "ascii"}])
def test_ascii_only_locale_degrades_gracefully(env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backpain_cli", "show", "herniated-disc", "--lang", "ar"],
        capture_output=True,
        env={**base_env(), "BACKPAIN_KB": str(MINI_KB), **env},
        timeout=PATIENCE,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    assert b"herniated-disc" in result.stdout


def test_narrow_terminal_wraps_within_width() -> None:
    result = backpain("list", env={"COLUMNS": "40"})
    assert result.returncode == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 40
    assert "Ankylosing" in result.stdout


def spawn_check(*args: str, kb: Path | None = MINI_KB, columns: int = 100) -> pexpect.spawn:
    """``backpain redflags --check`` in a pseudo-terminal of the given width."""
    env = {k: v for k, v in base_env().items() if k not in ("COLUMNS", "LINES")}
    if kb is not None:
        env["BACKPAIN_KB"] = str(kb)
    return pexpect.spawn(
        sys.executable,
        ["-m", "backpain_cli", "redflags", "--check", *args],
        env=env,
        encoding="utf-8",
        timeout=PATIENCE,
        dimensions=(40, columns),
    )


def finish(child: pexpect.spawn) -> str:
    """The rest of the screen once the command has ended; its exit status is then in ``child.exitstatus``.

    It waits for the process itself to end before closing the terminal: closing first would hang up on
    a process still on its way out, and a slow machine would then turn its exit status into a signal.
    """
    child.expect(pexpect.EOF)
    child.wait()
    child.close()
    return child.before or ""


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def flat(transcript: str) -> str:
    """The words a reader sees, without colour codes or the terminal's line breaks."""
    return " ".join(ANSI.sub("", transcript).split())


def test_interactive_check_gates_unsure_and_wrapping_at_60_columns() -> None:
    child = spawn_check(columns=60)
    child.expect(r"\(1\) How old are you\?")
    child.sendline("forty")
    child.expect("Please type your age in years")
    child.sendline("40")
    child.expect(r"\(2\) Is the skin around your genitals or bottom numb\?")
    child.sendline("no")
    child.expect("— See a doctor —")
    child.expect(r"\(3\) Do you have a fever, or stiffness in the morning\?")
    child.sendline("not sure")  # an unsure gate opens its questions
    child.expect(r"\(4\) Do you have a fever\?")
    child.sendline("maybe later")
    child.expect("Please answer yes, no or not sure")
    child.sendline("?")
    child.expect(r"\(5\) Is your back stiff")
    child.sendline("n")
    child.expect("URGENT")
    transcript = (child.before or "") + finish(child)
    assert child.exitstatus == 4
    assert "you were not sure" in flat(transcript)
    assert "Traceback" not in transcript
    assert max(len(line) for line in ANSI.sub("", transcript).splitlines()) <= 60


def test_interactive_check_in_arabic() -> None:
    child = spawn_check("--lang", "ar")
    child.expect("كم عمرك؟")
    child.sendline("٣٥")
    child.expect("هل الجلد حول")
    child.sendline("لأ")
    child.expect("هل لديك حمى أو تيبّس في الصباح؟")
    child.sendline("إيه")
    child.expect("هل لديك حمى؟")
    child.sendline("مو متأكد")
    child.expect("هل يتيبس ظهرك")
    child.sendline("لا")
    transcript = finish(child)
    assert child.exitstatus == 4
    assert "عاجل" in flat(transcript) and "غير متأكد" in flat(transcript)
    assert "يرجى الإجابة" not in transcript


def test_interactive_check_emergency_stops_at_once() -> None:
    child = spawn_check(kb=None)
    child.expect(r"\(1\) How old are you")
    child.sendline("52")
    child.expect(r"\(2\) Did your back pain start after an accident")
    child.sendline("no")
    child.expect(r"\(3\) Since your back pain started, has the feeling changed")
    child.sendline("yes")
    child.expect(r"\(4\) ")
    child.sendline("yes")
    child.expect("stopping the questions here")
    transcript = finish(child)
    assert child.exitstatus == 5
    assert "EMERGENCY" in transcript
    assert "(5)" not in transcript


def test_interactive_check_ctrl_c_stops_cleanly() -> None:
    child = spawn_check()
    child.expect(r"\(1\)")
    child.sendline("40")
    child.expect(r"\(2\)")
    child.sendintr()
    child.expect("Check stopped before a verdict")
    transcript = finish(child)
    assert "Traceback" not in transcript
    assert child.exitstatus == 130


def test_check_with_closed_stdin_never_hangs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "backpain_cli", "redflags", "--check"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**base_env(), "BACKPAIN_KB": str(MINI_KB)},
        timeout=PATIENCE,
        check=False,
    )
    assert "Input ended" in result.stderr
    assert result.returncode == 6  # not an all-clear


@pytest.mark.parametrize(("answer", "code"), [("n", 0), ("y", 5)])
def test_yes_pipes_finish(answer: str, code: int) -> None:
    script = f'yes {answer} | "{sys.executable}" -m backpain_cli redflags --check'
    result = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        env={**base_env(), "BACKPAIN_KB": str(MINI_KB)},
        timeout=PATIENCE,
        check=False,
    )
    assert result.returncode == code
    assert ("EMERGENCY" in result.stdout) == (code == 5)
    assert ("No red flag reported" in result.stdout) == (code == 0)


@pytest.mark.parametrize(
    ("words", "cword", "expected"),
    [
        ("backpain show sci", "2", "sciatica"),
        ("backpain list --category in", "3", "inflammatory"),
        ("backpain redflags --check --yes sad", "4", "saddle-numbness"),
    ],
)
def test_shell_completion_offers_ids(words: str, cword: str, expected: str) -> None:
    env = {
        **base_env(),
        "BACKPAIN_KB": str(MINI_KB),
        "_BACKPAIN_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": cword,
    }
    script = Path(sys.executable).with_name("backpain")
    argv = [str(script)] if script.exists() else [sys.executable, "-m", "backpain_cli"]
    result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=PATIENCE, check=False)
    assert result.stdout.split() == [expected]


def test_tests_never_touch_the_users_cache() -> None:
    from backpain_cli import cache
    from tests.conftest import TEST_CACHE_HOME

    folder = cache.cache_dir()
    assert folder is not None
    assert str(folder).startswith(TEST_CACHE_HOME) or "pytest" in str(folder)
    assert not str(folder).startswith(str(Path.home() / ".cache"))


@pytest.mark.parametrize("columns", ["0", "-3", "wide", ""])
def test_a_nonsense_width_still_prints_the_warning(columns: str) -> None:
    result = backpain("search", "I can't control my bladder", env={"COLUMNS": columns, "BACKPAIN_KB": str(BUNDLED_KB)})
    assert result.returncode == 0
    assert "EMERGENCY" in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_check_with_no_stdin_at_all() -> None:
    result = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m backpain_cli redflags --check <&-'],
        capture_output=True,
        text=True,
        env={**base_env(), "BACKPAIN_KB": str(MINI_KB)},
        timeout=PATIENCE,
        check=False,
    )
    assert "Traceback" not in result.stderr
    assert "Input ended" in result.stderr
    assert result.returncode == 6


def test_tabs_and_invisible_separators_in_data_never_shift_columns(tmp_path: Path, mini_data: dict[str, Any]) -> None:
    kb = hostile_kb(tmp_path, mini_data, "Sci\tat\u200bica\u2028line")
    result = backpain("list", "--format", "plain", env={"BACKPAIN_KB": str(kb)})
    assert result.returncode == 0
    line = next(line for line in result.stdout.splitlines() if "Sci" in line)
    assert "Sci at" in line and "\u200b" not in line and "\u2028" not in result.stdout
    assert line.count("\t") == result.stdout.splitlines()[1].count("\t")  # the same columns as the other rows


# Moments of starting up, each known from the screen: ``-X importtime`` prints a line as each import
# ends. At once (before Python runs a line of ours), once Typer is imported (our own modules are
# importing), and once the command line is imported (the command is running).
STARTING_UP = {
    "at-once": None,
    "typer-imported": r"\| +typer\r\n",
    "cli-imported": r"\| +backpain_cli\.cli\r\n",
}


@pytest.mark.parametrize("moment", list(STARTING_UP))
def test_ctrl_c_while_starting_up_never_shows_a_traceback(moment: str) -> None:
    child = pexpect.spawn(
        sys.executable,
        ["-X", "importtime", "-m", "backpain_cli", "list"],
        env={**base_env(), "BACKPAIN_KB": str(MINI_KB)},
        encoding="utf-8",
        timeout=PATIENCE,
    )
    shown = STARTING_UP[moment]
    if shown is not None:
        child.expect(shown)
    child.sendintr()
    transcript = finish(child)
    assert "Traceback" not in transcript
    assert "KeyboardInterrupt" not in transcript
    # Stopped with the documented status, killed by the signal before Python could handle it, or (on a
    # fast machine, the list being short) finished before the signal came.
    assert child.exitstatus in (0, 130) or child.signalstatus == signal.SIGINT, (child.exitstatus, child.signalstatus)
