"""Arabic for terminals without bidi support: joined letters, visual order and right-to-left lines."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import IO, Any, NamedTuple, TypeVar

ENV_VAR = "BACKPAIN_BIDI"
MODES = ("auto", "on", "off")

# VTE has laid out right-to-left text itself since 0.58 (GNOME Terminal 3.34, 2019), whose VTE_VERSION is 5800.
VTE_BIDI = 5800


class Terminal(NamedTuple):
    """A terminal as its environment names it, and whether it lays out right-to-left text itself."""

    name: str
    named_by: str  # the variables that name it, as the README's table says
    matches: Callable[[Mapping[str, str]], bool]
    does_bidi: bool


def _set(variable: str) -> Callable[[Mapping[str, str]], bool]:
    return lambda environ: bool(environ.get(variable))


def _is(variable: str, value: str) -> Callable[[Mapping[str, str]], bool]:
    return lambda environ: environ.get(variable) == value


def _vte(environ: Mapping[str, str]) -> bool:
    value = environ.get("VTE_VERSION", "")
    return value.isdigit() and int(value) >= VTE_BIDI


# The first match decides. VTE and Konsole come first: tmux and screen panes inherit their variables, and
# what a pane shows is still drawn by that outer terminal.
TERMINALS: tuple[Terminal, ...] = (
    Terminal(
        "GNOME Terminal, Ptyxis, Console, Tilix, Terminator, xfce4-terminal (VTE 0.58 or later)",
        "`VTE_VERSION` 5800 or more",
        _vte,
        True,
    ),
    Terminal("Older VTE terminals", "`VTE_VERSION` below 5800", _set("VTE_VERSION"), False),
    Terminal("Konsole", "`KONSOLE_VERSION`", _set("KONSOLE_VERSION"), True),
    Terminal("mlterm", "`MLTERM`", _set("MLTERM"), True),
    Terminal("macOS Terminal", "`TERM_PROGRAM=Apple_Terminal`", _is("TERM_PROGRAM", "Apple_Terminal"), True),
    Terminal("mintty (Git Bash, Cygwin, MSYS2)", "`TERM_PROGRAM=mintty`", _is("TERM_PROGRAM", "mintty"), True),
    Terminal("iTerm2", "`TERM_PROGRAM=iTerm.app`", _is("TERM_PROGRAM", "iTerm.app"), False),
    Terminal(
        "WezTerm (its bidi_enabled is off by default)", "`TERM_PROGRAM=WezTerm`", _is("TERM_PROGRAM", "WezTerm"), False
    ),
    Terminal("Visual Studio Code", "`TERM_PROGRAM=vscode`", _is("TERM_PROGRAM", "vscode"), False),
    Terminal("Windows Terminal", "`WT_SESSION`", _set("WT_SESSION"), False),
    Terminal("kitty", "`KITTY_WINDOW_ID`", _set("KITTY_WINDOW_ID"), False),
    Terminal("Alacritty", "`ALACRITTY_WINDOW_ID`", _set("ALACRITTY_WINDOW_ID"), False),
    Terminal("xterm", "`XTERM_VERSION`", _set("XTERM_VERSION"), False),
    Terminal("tmux, in a terminal not named above", "`TMUX`", _set("TMUX"), False),
    Terminal("GNU screen, in a terminal not named above", "`STY`", _set("STY"), False),
)


def find_terminal(environ: Mapping[str, str]) -> Terminal | None:
    """The terminal the environment names, or None when it names none that is known."""
    return next((terminal for terminal in TERMINALS if terminal.matches(environ)), None)


def is_visual(mode: str, stream: IO[str], environ: Mapping[str, str] | None = None) -> bool:
    """Whether Arabic written to ``stream`` must be shaped and put in visual order here: never for a pipe
    or a file, which stay logical; for a terminal, with ``on``, or with ``auto`` unless the terminal is
    known to do bidi itself (an unknown terminal gets ``on``)."""
    if mode not in MODES:
        raise ValueError(f"bidi mode must be one of {', '.join(MODES)}, not {mode!r}")
    if mode == "off" or not _is_terminal(stream):
        return False
    if mode == "on":
        return True
    terminal = find_terminal(os.environ if environ is None else environ)
    return terminal is None or not terminal.does_bidi


def _is_terminal(stream: IO[str]) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


# -- text --------------------------------------------------------------------------------------

# Patterns stay strings until first used (the re module compiles and keeps them): start-up pays nothing.
# Hebrew, Syriac, Thaana, NKo ... and Arabic with its presentation forms: text with none of these
# characters never needs reordering, so English output never imports the libraries.
_RTL = "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
_ARABIC = "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]"
_BOX = "([\u2500-\u257f])"
# Invisible characters (bidi class BN), which python-bidi keeps and gives the level of the character
# before them: a mirrored character travels between two of its own, so where they land tells its level.
_MARKERS = tuple(chr(code) for code in range(0xE0020, 0xE0080))
# Neutral characters, one of which ends the text while it is reordered, so that no marker is ever
# trailing whitespace (rule L1 would move it); with a single embedding level this changes no other level.
_ENDS = ("\ufffc", "\u2bd1", "\u2b58")

Style = TypeVar("Style")


def has_rtl(text: str) -> bool:
    """Whether the text holds any right-to-left letter (Arabic, Hebrew ...)."""
    return not text.isascii() and re.search(_RTL, text) is not None


def is_rtl(text: str) -> bool:
    """Whether the text reads right to left: its first strong character is, as rule P2 of the Unicode
    bidi algorithm decides a paragraph's direction."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def render_visual_text(text: str, *, rtl: bool | None = None) -> str:
    """One line of plain text as a terminal without bidi support must be sent it to show it right:
    Arabic letters joined and the line in visual order, in a paragraph that reads right to left when
    ``rtl`` says so (by default, when the line's own first letter does)."""
    if not has_rtl(text):
        return text
    return _visual(text, "R" if (is_rtl(text) if rtl is None else rtl) else "L")


def render_visual_line(runs: Sequence[tuple[str, Style]], *, rtl: bool) -> list[tuple[str, Style]]:
    """One displayed line, as runs of styled text in logical order, in the order a terminal without bidi
    support must draw it.

    Each run of one style is laid out on its own (a bidi isolate), and so is each box-drawing character,
    so a table's cells never swap text. In a right-to-left line the runs come in reverse, the borders
    mirrored (┏ for ┓) and the spaces that followed a cell's text come before it: the first column ends
    at the right and cells are right-aligned. Within a run, Arabic letters are joined into their
    presentation forms, one character each so the width never changes, and put in visual order by the
    Unicode bidi algorithm, with numbers, ids and Latin words kept as left-to-right runs. A run with no
    right-to-left letter at all (an id, a code, a number) keeps its own order whole, even where it was
    wrapped at a hyphen.
    """
    units = _units(runs)
    if rtl:
        units.reverse()
    return [(_visual_unit(text, rtl), style) for text, style in units]


def _units(runs: Sequence[tuple[str, Style]]) -> list[tuple[str, Style]]:
    """Runs of one style, merged, then split so that each box-drawing character stands alone."""
    merged: list[tuple[str, Style]] = []
    for text, style in runs:
        if merged and merged[-1][1] == style:
            merged[-1] = (merged[-1][0] + text, style)
        elif text:
            merged.append((text, style))
    return [(part, style) for text, style in merged for part in re.split(_BOX, text) if part]


def _visual_unit(text: str, rtl: bool) -> str:
    if len(text) == 1 and "\u2500" <= text <= "\u257f":
        return _mirror_box(text) if rtl else text
    if has_rtl(text):
        return _visual(text, "R" if rtl else "L")
    if not rtl:
        return text
    # Left-to-right text alone (a wrapped id such as "degenerative-disc-"): only its spaces swap sides.
    core = text.strip(" ")
    if not core:
        return text
    start = text.index(core)
    return text[start + len(core) :] + core + text[:start]


def _visual(text: str, base: str) -> str:
    """Text shaped and reordered for display in a paragraph of direction ``base`` ("L" or "R")."""
    # python-bidi's package is named bidi too; this module is backpain_cli.bidi.
    from bidi import get_display  # type: ignore[import-untyped]  # python-bidi ships no type hints

    if re.search(_ARABIC, text):
        text = _shape(text)
    mirrored = [index for index, char in enumerate(text) if unicodedata.mirrored(char)]
    if not mirrored:
        return _attach_marks(str(get_display(text, base_dir=base)))
    # python-bidi's Rust algorithm stops at rule L2: it neither mirrors brackets (L4) nor keeps marks
    # after their letters (L3). A character at an odd (right-to-left) level comes out just after the
    # marker that follows it; the marker before it keeps two such characters in a row apart.
    markers = [char for char in _MARKERS if char not in text]
    end = next(char for char in _ENDS if char not in text)
    pairs: dict[int, tuple[str, str]] = {}
    for number, index in enumerate(mirrored[: len(markers) // 2]):
        pairs[index] = (markers[2 * number], markers[2 * number + 1])
    marked = "".join(f"{pairs[i][0]}{char}{pairs[i][1]}" if i in pairs else char for i, char in enumerate(text))
    chars = list(str(get_display(marked + end, base_dir=base)))
    position = {char: place for place, char in enumerate(chars) if char in markers or char == end}
    for index, (_, after) in pairs.items():
        place = position.get(after, len(chars)) + 1
        if place < len(chars) and chars[place] == text[index]:
            chars[place] = _mirror(text[index])
    hidden = set(markers) | {end}
    return _attach_marks("".join(char for char in chars if char not in hidden))


@cache
def _reshaper() -> Any:
    import arabic_reshaper  # type: ignore[import-untyped]  # ships no type hints

    # Harakat are kept (they carry meaning); no ligatures, so each letter stays one cell and a table's
    # columns keep their width: lam-alef is drawn as lam and alef joined, in two cells.
    return arabic_reshaper.ArabicReshaper(
        configuration={"delete_harakat": False, "support_ligatures": False, "delete_tatweel": False}
    )


def _shape(text: str) -> str:
    shaped: str = _reshaper().reshape(text)
    return shaped


_HARAKAT = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u08ca-\u08e1\u08e3-\u08ff"
)
_MARKS_BEFORE = f"([{_HARAKAT}]+)(.)"


def _attach_marks(shown: str) -> str:
    """Rule L3: a right-to-left run comes out with each letter's harakat before it; put them back after
    it, where a terminal draws a combining mark over the cell before."""
    return re.sub(
        _MARKS_BEFORE,
        lambda match: (
            match.group(2) + match.group(1)[::-1]
            if unicodedata.bidirectional(match.group(2)) in ("R", "AL")
            else match.group(0)
        ),
        shown,
    )


@cache
def _mirror_table() -> dict[str, str]:
    from bidi.mirror import MIRRORED  # type: ignore[import-untyped]  # Bidi_Mirroring_Glyph from python-bidi

    return dict(MIRRORED)


def _mirror(char: str) -> str:
    return _mirror_table().get(char, char)


@cache
def _mirror_box(char: str) -> str:
    """A box-drawing character for a right-to-left table: ┏ for ┓, ├ for ┤; ─ and │ stay."""
    name = unicodedata.name(char, "")
    swapped = name.replace("LEFT", "\0").replace("RIGHT", "LEFT").replace("\0", "RIGHT")
    try:
        return unicodedata.lookup(swapped)
    except KeyError:
        return char
