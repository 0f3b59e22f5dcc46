"""Arabic as a terminal without bidi support shows it: each line drawn by pyte, an emulator that does no
bidi, then read back right to left as an Arabic reader does."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import pyte
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backpain_cli import bidi
from tests.conftest import ROOT

# -- a reader ------------------------------------------------------------------------------------


def draw(*lines: str, columns: int = 400) -> list[str]:
    """What a terminal without bidi support shows for these lines: each character in the next cell."""
    screen = pyte.Screen(columns, len(lines) + 1)
    pyte.Stream(screen).feed("\r\n".join(lines))
    return [row.rstrip() for row in screen.display[: len(lines)]]


def cells(row: str) -> int:
    """How many cells a line takes on a terminal without bidi support."""
    screen = pyte.Screen(400, 2)
    pyte.Stream(screen).feed(row)
    return int(screen.cursor.x)


_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_WORD = re.compile(r"[^\W\d_]+|\d+")  # letters, or digits: "و96" is two words
_ARABIC = re.compile("[\u0600-\u06ff]")


def words(logical: str) -> list[str]:
    """The words and numbers of logical text, in reading order, without harakat."""
    return _WORD.findall(_MARKS.sub("", unicodedata.normalize("NFKC", logical)))


def read_right_to_left(row: str) -> list[str]:
    """The words of a displayed line as an Arabic reader takes them: from the right, each Arabic word
    read right to left, each run of Latin words (with the numbers after them) left to right, and each
    number alone left to right. Presentation forms are read as the letters they show; a line with no
    Arabic at all is read left to right."""
    if not _ARABIC.search(unicodedata.normalize("NFKC", row)):
        return words(row)
    runs: list[list[str]] = []
    latin_run = False
    for chunk in _MARKS.sub("", unicodedata.normalize("NFKC", row)).split():
        tokens = _WORD.findall(chunk)
        if not tokens:  # a dash or a bullet between two runs ends the first
            latin_run = False
            continue
        if any(map(_ARABIC.search, tokens)):
            runs.append([token[::-1] if _ARABIC.search(token) else token for token in reversed(tokens)])
            latin_run = False
        elif latin_run:
            runs[-1] += tokens
        else:
            runs.append(tokens)
            latin_run = re.search("[A-Za-z]", chunk) is not None
    return [token for run in reversed(runs) for token in run]


def visual(text: str, *, rtl: bool = True) -> str:
    return "".join(part for part, _ in bidi.render_visual_line([(text, None)], rtl=rtl))


# -- shaping and order ---------------------------------------------------------------------------

LINES = [
    "ألم يسير على مسار العصب الوركي من أسفل الظهر عبر الأرداف إلى الساق",
    "يذكر موقع Medical News Today أن الشد قد يعيد القرص المنزلق إلى مكانه",
    "لم يُتحقَّق من 10 من أصل 12 مجموعة من علامات الخطر",
    "الانزلاق الغضروفي (herniated-disc) يضغط على جذر عصبي",
    "قد يخفف الإيبوبروفين (ibuprofen) أو النابروكسين الألم لبضعة أيام",
    "«لست متأكدًا» تُعامَل كـ«نعم» إلى أن يفحصك طبيب",
    "أعد تشغيل backpain redflags --check وأجب عن كل سؤال",
]


@pytest.mark.parametrize("line", LINES)
def test_an_arabic_line_reads_right_to_left_on_a_terminal_without_bidi(line: str) -> None:
    (row,) = draw(visual(line))
    assert read_right_to_left(row) == words(line)
    assert not re.search("[\u0621-\u063f\u0641-\u064a]", row), "every Arabic letter is shown joined"


def test_the_logical_line_reads_backwards_there() -> None:
    # The bug being fixed: printed as it is stored, the words come out in the wrong order.
    (row,) = draw(LINES[0])
    assert read_right_to_left(row) != words(LINES[0])


def test_letters_are_joined_and_words_run_right_to_left() -> None:
    assert visual("عرق النسا") == "ﺎﺴﻨﻟﺍ ﻕﺮﻋ"
    assert bidi.render_visual_text("عرق النسا") == "ﺎﺴﻨﻟﺍ ﻕﺮﻋ"


def test_lam_alef_stays_two_cells_so_columns_keep_their_width() -> None:
    assert visual("الألم") == "ﻢﻟﺄﻟﺍ"
    assert cells(visual("لا الألم")) == cells("لا الألم")


def test_harakat_stay_on_their_letter() -> None:
    screen = pyte.Screen(20, 1)
    pyte.Stream(screen).feed(visual("تشخيصًا"))
    tanween = [cell.data for cell in screen.buffer[0].values() if "\u064b" in cell.data]
    assert len(tanween) == 1
    assert unicodedata.normalize("NFKC", tanween[0][0]) == "ص"


def test_brackets_and_quotes_turn_to_face_the_right_to_left_text() -> None:
    assert visual("عرق النسا (M54.3)") == "(M54.3) ﺎﺴﻨﻟﺍ ﻕﺮﻋ"
    assert visual("قال «لست متأكدًا» الآن") == "ﻥﺂﻟﺍ «ﺍﺪًﻛﺄﺘﻣ ﺖﺴﻟ» ﻝﺎﻗ"
    # A bracket left alone at the end of a wrapped line still opens towards its text.
    assert visual("(واحدة منها") == "ﺎﻬﻨﻣ ﺓﺪﺣﺍﻭ)"
    assert visual("مضبوطة) ولا") == "ﺎﻟﻭ (ﺔﻃﻮﺒﻀﻣ"


def test_brackets_inside_a_latin_run_are_left_as_they_are() -> None:
    assert visual("ICD-10-CM M54.30 (Sciatica, unspecified side)") == "ICD-10-CM M54.30 (Sciatica, unspecified side)"
    assert visual("دالة f(x) هنا") == "ﺎﻨﻫ f(x) ﺔﻟﺍﺩ"


def test_ids_numbers_and_drug_names_keep_their_own_direction() -> None:
    shown = visual("يُصرف ibuprofen بجرعة 400 ملغ لحالة herniated-disc في ICD-10-CM M51.16")
    for run in ("ibuprofen", "400", "herniated-disc", "ICD-10-CM M51.16"):
        assert run in shown
    assert shown.index("ICD-10-CM M51.16") < shown.index("herniated-disc") < shown.index("400")


def test_a_percentage_in_arabic_follows_the_unicode_algorithm() -> None:
    # In Arabic text a number after an Arabic letter is an Arabic number, and its sign goes to its left.
    assert visual("نحو 50% من الناس") == "ﺱﺎﻨﻟﺍ ﻦﻣ %50 ﻮﺤﻧ"


def test_arabic_inside_an_english_line_is_turned_in_place() -> None:
    assert visual("Arabic name: عرق النسا (sciatica)", rtl=False) == "Arabic name: ﺎﺴﻨﻟﺍ ﻕﺮﻋ (sciatica)"
    assert bidi.render_visual_text("Arabic name: عرق النسا") == "Arabic name: ﺎﺴﻨﻟﺍ ﻕﺮﻋ"


def test_a_line_of_plain_text_takes_the_direction_it_is_given() -> None:
    # A wrapped line of an Arabic paragraph can start with a Latin word; the paragraph decides.
    assert bidi.render_visual_text("NICE توصي به") == "NICE ﻪﺑ ﻲﺻﻮﺗ"
    assert bidi.render_visual_text("NICE توصي به", rtl=True) == "ﻪﺑ ﻲﺻﻮﺗ NICE"


# -- right-to-left tables --------------------------------------------------------------------------

BORDER, CELL, HEAD = "border", "cell", "head"


def _row(bar: str, style: str, *texts: str) -> list[tuple[str, str]]:
    """A table row as Rich draws it: styled runs of cell text between border characters."""
    runs = [(bar, BORDER)]
    for text in texts:
        runs += [(text, style), (bar, BORDER)]
    return runs


TABLE = [
    [("┏━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━┓", BORDER)],
    _row("┃", HEAD, " #   ", " السبب     ", " المعرّف            "),
    [("┡━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━┩", BORDER)],
    _row("│", CELL, " 12  ", " عرق النسا ", " degenerative-disc- "),
    _row("│", CELL, "     ", " الوركي    ", " disease            "),
    [("└─────┴───────────┴────────────────────┘", BORDER)],
]


def rows(table: list[list[tuple[str, str]]], *, rtl: bool) -> list[str]:
    return draw(*("".join(text for text, _ in bidi.render_visual_line(line, rtl=rtl)) for line in table))


def test_an_arabic_table_puts_its_first_column_at_the_right() -> None:
    shown = rows(TABLE, rtl=True)
    assert shown == [
        "┏━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━┳━━━━━┓",
        "┃            ﻑﺮّﻌﻤﻟﺍ ┃     ﺐﺒﺴﻟﺍ ┃   # ┃",
        "┡━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━╇━━━━━┩",
        "│ degenerative-disc- │ ﺎﺴﻨﻟﺍ ﻕﺮﻋ │  12 │",
        "│            disease │    ﻲﻛﺭﻮﻟﺍ │     │",
        "└────────────────────┴───────────┴─────┘",
    ]


def test_every_cell_of_an_arabic_table_reads_right_to_left_in_column_order() -> None:
    for line, row in zip(TABLE, rows(TABLE, rtl=True), strict=True):
        logical = " ".join(text for text, _ in line)
        assert read_right_to_left(row) == words(logical)


def test_a_table_keeps_its_width_and_its_styles() -> None:
    def cells_by_style(line: list[tuple[str, str]]) -> Counter[str]:
        counted: Counter[str] = Counter()
        for text, style in line:
            counted[style] += cells(text)
        return counted

    for line in TABLE:
        shown = bidi.render_visual_line(line, rtl=True)
        assert cells_by_style(shown) == cells_by_style(line)
        assert cells("".join(text for text, _ in shown)) == cells("".join(text for text, _ in line))


def test_an_english_table_is_left_as_it_is() -> None:
    table = [[("│", BORDER), (" 1 ", CELL), ("│", BORDER), (" sciatica ", CELL), ("│", BORDER)]]
    assert rows(table, rtl=False) == ["│ 1 │ sciatica │"]


# -- any text --------------------------------------------------------------------------------------

ARABIC_WORDS = st.sampled_from(["عرق", "النسا", "ألم", "الظهر", "تشخيصًا", "يُستخدم", "لا", "طبيب", "مُسكّن"])
LATIN_WORDS = st.sampled_from(["ibuprofen", "NICE", "sciatica", "herniated-disc", "MRI"])
NUMBERS = st.sampled_from(["12", "400", "2023", "5"])


@st.composite
def mixed_lines(draw_: st.DrawFn) -> str:
    """Arabic with Latin runs and numbers, each always between Arabic words."""
    parts = [draw_(ARABIC_WORDS)]
    for _ in range(draw_(st.integers(0, 6))):
        other = draw_(st.one_of(st.lists(LATIN_WORDS, min_size=1, max_size=3).map(" ".join), NUMBERS))
        parts += [other, draw_(ARABIC_WORDS)]
    return " ".join(parts)


@settings(max_examples=150, deadline=None)
@given(mixed_lines())
def test_any_mixed_arabic_line_reads_right_to_left(line: str) -> None:
    (row,) = draw(visual(line))
    assert read_right_to_left(row) == words(line)
    assert cells(row) == cells(line)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"عرق النسا ً ّ (M5.4) «»[]%-:،؟ab12", "\u0640"])))
def test_no_text_raises_or_changes_its_width(text: str) -> None:
    for rtl in (True, False):
        shown = visual(text, rtl=rtl)
        assert cells(shown) == cells(text)


# -- when to do it ----------------------------------------------------------------------------------


@contextmanager
def terminal() -> Iterator[IO[str]]:
    main, secondary = os.openpty()
    stream = os.fdopen(secondary, "w", encoding="utf-8")
    try:
        yield stream
    finally:
        stream.close()
        os.close(main)


@contextmanager
def pipe() -> Iterator[IO[str]]:
    read_end, write_end = os.pipe()
    stream = os.fdopen(write_end, "w", encoding="utf-8")
    try:
        yield stream
    finally:
        stream.close()
        os.close(read_end)


AUTO: list[tuple[dict[str, str], bool]] = [
    ({"VTE_VERSION": "7600", "TERM": "xterm-256color"}, False),  # GNOME Terminal, Ptyxis, Tilix ...
    ({"VTE_VERSION": "5800"}, False),
    ({"VTE_VERSION": "5202"}, True),  # VTE before 0.58 shows Arabic backwards
    ({"KONSOLE_VERSION": "230805"}, False),
    ({"MLTERM": "3.9.3"}, False),
    ({"TERM_PROGRAM": "Apple_Terminal"}, False),
    ({"TERM_PROGRAM": "mintty"}, False),
    ({"TERM_PROGRAM": "iTerm.app"}, True),
    ({"TERM_PROGRAM": "vscode"}, True),
    ({"TERM_PROGRAM": "WezTerm"}, True),
    ({"WT_SESSION": "a1b2"}, True),  # Windows Terminal
    ({"XTERM_VERSION": "XTerm(390)"}, True),
    ({"KITTY_WINDOW_ID": "1"}, True),
    ({"ALACRITTY_WINDOW_ID": "94371"}, True),
    ({"STY": "4242.pts-0.host"}, True),  # GNU screen
    ({"TMUX": "/tmp/tmux-0/default,1,0", "TERM_PROGRAM": "tmux"}, True),
    ({"TMUX": "/tmp/tmux-0/default,1,0", "TERM_PROGRAM": "tmux", "VTE_VERSION": "7600"}, False),
    ({"TERM": "xterm-256color"}, True),  # a terminal that names itself to no one: on
    ({}, True),
]


@pytest.mark.parametrize(("environ", "visual_order"), AUTO)
def test_auto_asks_the_terminal_and_is_on_where_unknown(environ: dict[str, str], visual_order: bool) -> None:
    with terminal() as stream:
        assert bidi.is_visual("auto", stream, environ) is visual_order


def test_on_and_off_override_what_the_terminal_says() -> None:
    with terminal() as stream:
        assert bidi.is_visual("on", stream, {"VTE_VERSION": "7600"}) is True
        assert bidi.is_visual("off", stream, {}) is False


@pytest.mark.parametrize("mode", bidi.MODES)
def test_a_pipe_always_gets_logical_order(mode: str) -> None:
    with pipe() as stream:
        assert bidi.is_visual(mode, stream, {}) is False


def test_an_unknown_mode_is_refused() -> None:
    with terminal() as stream, pytest.raises(ValueError, match="auto, on, off"):
        bidi.is_visual("yes", stream, {})


def test_every_terminal_in_the_table_is_told_apart() -> None:
    names = [bidi.find_terminal(environ) for environ, _ in AUTO if environ]
    assert {terminal.name for terminal in names if terminal} == {terminal.name for terminal in bidi.TERMINALS}


def _modules_after(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\nprint(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return set(result.stdout.split())


def test_english_never_imports_the_bidi_libraries() -> None:
    loaded = _modules_after(
        "from backpain_cli import bidi\n"
        "bidi.render_visual_line([('│ sciatica — “back pain” • ', None)], rtl=False)\n"
        "bidi.render_visual_text('Error: no cause matches')"
    )
    assert "backpain_cli.bidi" in loaded
    assert not {"bidi", "arabic_reshaper"} & loaded


def test_arabic_imports_them_when_it_is_printed() -> None:
    loaded = _modules_after("from backpain_cli import bidi\nbidi.render_visual_text('عرق النسا')")
    assert {"bidi", "arabic_reshaper"} <= loaded
