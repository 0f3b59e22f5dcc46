"""All terminal output: the one module that imports Rich; tables, plain text and JSON from one view."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import IO, TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # Rich is imported only to print a table: plain text and JSON never load it
    import gettext

    from rich.console import Console, ConsoleOptions, Group, RenderResult
    from rich.text import Text as RichText

    # the symptom checker and the red-flag check: only their own commands load them
    from backpain_cli.assessment import Advice, PossibleCause
    from backpain_cli.assessment import Points as PossibleCausePoints
    from backpain_cli.triage import Verdict

from backpain_cli import bidi
from backpain_cli.knowledge_base import (
    EVIDENCE_LEVELS,
    LOCATIONS,
    NOT_SURE,
    PREVALENCES,
    RELATIONS,
    TREATMENT_KINDS,
    URGENCIES,
    Aliases,
    Category,
    Cause,
    EmergencyNumber,
    Fact,
    KnowledgeBase,
    Lang,
    RedFlag,
    Source,
    Text,
    Treatment,
)
from backpain_cli.search import Match

FORMATS = ("table", "plain", "json")
URGENCY_STYLE = {"emergency": "bold white on red", "urgent": "bold yellow", "soon": "cyan"}
QUERY_ECHO_CHARS = 60
# Below this many columns a table's rows are stacked as "label value" lines, so that words
# wrap whole instead of being cut to fit a sliver of a column.
NARROW = 60

# Controls and bidirectional overrides in data would reach the terminal as commands or
# reorder what is shown; they are replaced by U+FFFD before anything is printed.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# The interface's words in English, by key; their translations are in the gettext catalogs under
# backpain_cli/locale/ (docs/messages.py keeps them in step with this table).
LABELS: dict[str, str] = {
    "reminder": "This is information, not a diagnosis: see a clinician about your back pain.",
    "emergency-line": "Emergency? Call {number} or go to an emergency department.",
    "emergency-line-local": "Emergency? Call your local emergency number or go to an emergency department.",
    "or-number": " (or {})",
    "id": "id",
    "cause": "Cause",
    "category": "Category",
    "categories": "Categories",
    "causes": "Causes",
    "count": "Causes",
    "description": "Description",
    "score": "Score",
    "why": "Why it matched",
    "how-common": "How common",
    "where": "Where",
    "name": "Name",
    "arabic-name": "Arabic name",
    "english-name": "English name",
    "also-called": "Also called",
    "summary": "Summary",
    "symptoms": "Symptoms",
    "worse_with": "Worse with",
    "better_with": "Better with",
    "at_risk": "Who is at risk",
    "diagnosis": "Diagnosis",
    "tests": "Tests",
    "treatments": "Treatments",
    "red-flags": "Red flags",
    "related": "Related causes",
    "disagreements": "Where sources disagree",
    "sources": "Sources",
    "kind": "Kind",
    "cautions": "Cautions",
    "evidence": "Evidence",
    "codes": "Codes",
    "for": "Used for",
    "treatment": "Treatment",
    "urgency": "Urgency",
    "sign": "Sign",
    "points-to": "May point to",
    "group": "Group",
    "publisher": "Publisher",
    "title": "Title",
    "file": "File",
    "details": "Details",
    "can-show": "Can show",
    "cannot-show": "Cannot show",
    "emergency": "EMERGENCY",
    "urgent": "URGENT",
    "soon": "SOON",
    "emergency-action": "Call the emergency number or go to an emergency department now.",
    "urgent-action": "See a doctor or call a non-emergency medical helpline today.",
    "soon-action": "Book an appointment with a doctor within days to two weeks.",
    "incomplete-action": (
        "{missing} of {total} groups of warning signs were not checked, so this is not an all-clear. Run "
        "`backpain redflags --check` again and answer every question, or see a clinician."
    ),
    "you-were-unsure": "you were not sure",
    "not-sure": "Not sure",
    "unsure-action": "“not sure” counts as yes until a clinician has checked: {action}",
    "criteria": "Criteria",
    "rule-count": "{name}: {met} of {of} NICE features.",
    "rule-unsure": "{unsure} more not sure.",
    "rule-if-unsure": "If the ones you were not sure about are present: {advice}",
    "filtered-out": "causes match “{query}”, but none in the category {category}; drop --category to see them",
    "more": "More",
    "more-hint": (
        "backpain show {id} --full: every symptom, what makes it worse or better, who is at risk, diagnosis "
        "and tests, codes, evidence, related causes, where sources disagree"
    ),
    "choice-taken-as-unsure": "No clear answer, so this is taken as “not sure”.",
    "taken-as-unsure": "No clear answer, so this is taken as “not sure”, which counts as yes.",
    "not-checked": "Not checked",
    "incomplete": "NOT FINISHED",
    "none-action": "No red flag reported. If the pain is severe, lasts, or worries you, see a clinician.",
    "evidence-note": (
        "Most single red flags are weak signs alone and combinations matter more; any sign of cauda equina "
        "syndrome is always an emergency."
    ),
    "emergency-signs": "has emergency signs",
    "input-ended": "Input ended before the check was finished; the verdict covers only the answers given.",
    "answer-again": "Please answer yes, no or not sure (y, n or ?).",
    "assess-top": "Information, not a diagnosis: these are causes that fit your answers, not what you have.",
    "assess-intro": (
        "A few questions about your back pain, one at a time. Type the number of your answer (several where "
        "asked, such as 1,3). Ctrl-C stops at any time."
    ),
    "age": "Age {age}",
    "age-band": "Your age band",
    "age-unknown": "Age not known (averaged over adult ages)",
    "warning-sign": "Warning sign",
    "answered-yes": "You said yes to",
    "progress": "Question {number} of about {total}",
    "choice-hint": "a number",
    "choices-hint": "one or more numbers, such as 1,3",
    "choice-again": "Please type the number of an answer from the list, or {not_sure} for not sure.",
    "assess-stopped": "Assessment stopped before the end. If you are worried, contact a clinician.",
    "assess-input-ended": (
        "Input ended before the assessment was finished; the answer covers only the questions answered."
    ),
    "what-to-do": "What to do",
    "warning-signs": "Warning signs",
    "possible-causes": "Possible causes, most likely first",
    "fits": "Fits your answers",
    "does-not-fit": "Does not fit",
    "care": "Usual care",
    "outlook": "How it usually goes",
    "how-scored": "How {name} scored",
    "prevalence": "how common",
    "total": "total",
    "self-care-action": (
        "Self-care is a reasonable start: keep active and use simple pain relief. See a GP or physiotherapist"
        " if it is not better in a few weeks, gets worse, or worries you."
    ),
    "gp-action": "See a GP or physiotherapist: book an appointment within days to two weeks.",
    "care-self-care": "self-care",
    "care-gp": "see a GP",
    "care-urgent": "urgent",
    "care-emergency": "EMERGENCY",
    "because-cause": "The most likely cause, {name}, needs this.",
    "because-incomplete": "The warning-sign questions were not all answered, so this is not an all-clear.",
    "answer-hint": "yes\xa0/\xa0no\xa0/\xa0not\xa0sure",
    "age-hint": "age\xa0/\xa0not\xa0sure",
    "age-again": "Please type your age in years, such as 45, or not sure.",
    "emergency-stop": "An emergency sign was reported: stopping the questions here.",
    "check-stopped": "Check stopped before a verdict. If you are worried, contact a clinician.",
    "common-causes": "Common causes of back pain",
    "too-general": (
        "“{query}” is too general to point to one cause, so these are the common ones. Say where and how it "
        "hurts to narrow them down (for example: pain shooting down my leg), and check the warning signs with"
        " `backpain redflags --check`."
    ),
    "no-treatments": "The knowledge base lists no treatments for {name}; a clinician decides how it is treated.",
    "emergency-signs-action": (
        "{name} has emergency signs (see `backpain show {id}`): if you have any of them, call the emergency "
        "number or go to an emergency department now."
    ),
    "no-match": (
        "no cause matches “{}”; try other words or a symptom, see `backpain list`, or check the warning signs"
        " with `backpain redflags --check`"
    ),
    "did-you-mean": "Did you mean: {}?",
    "not-back": (
        "“{}” is about another part of the body (“{}”), not the back: backpain covers the causes of back "
        "pain; ask a clinician or pharmacist about it"
    ),
    "signs-point-to": "No cause matched the rest of the query; the sign above points to: {causes}.",
    "rule-out": "Warning sign to rule out",
    "if-you-have": "If you have it",
    "if-they-have": "If they have it",
    "signs-someone-else": "Warning signs of the person you describe",
    "signs-asked": "Warning signs you asked about",
}


# The fields a search match can name ("symptom: ..."); "code" for a match on a diagnosis code, "story"
# for one on the answers a story gives (story.py).
MATCH_FIELDS = ("name", "symptom", "red flag", "text", "code", "story")
# Display names for the knowledge base's fixed values (JSON keeps the values themselves).
TERMS: tuple[str, ...] = (
    *PREVALENCES,
    *LOCATIONS,
    *TREATMENT_KINDS,
    *RELATIONS,
    *EVIDENCE_LEVELS,
    *MATCH_FIELDS,
)


def label(key: str, lang: Lang) -> str:
    """An interface text in ``lang``: English from LABELS, other languages from their catalog."""
    english = LABELS[key]
    return english if lang == "en" else _catalog(lang).pgettext(key, english)


def term(value: str, lang: Lang) -> str:
    """A fixed value (``less-common``, ``lower-back``) as a reader sees it: "less common", "أقل شيوعًا"."""
    if lang == "en" or value not in TERMS:
        return value.replace("-", " ") if lang == "en" else value
    return _catalog(lang).pgettext("term", value)


@lru_cache(maxsize=2)
def _catalog(lang: Lang) -> gettext.NullTranslations:
    """The compiled catalog of ``lang`` shipped in the package; none found: the English texts."""
    import gettext as gettext_module  # only for a language other than English

    folder = os.path.join(os.path.dirname(__file__), "locale")
    return gettext_module.translation("backpain", folder, languages=[lang], fallback=True)


def join(items: Iterable[str], lang: Lang) -> str:
    """A run-in list with the language's comma."""
    return ("، " if lang == "ar" else ", ").join(items)


def clean(text: str) -> str:
    """Text from data or a query, made safe to print: no controls, no reordering marks, no tabs or
    line separators that would shift a column, no invisible zero-width spaces."""
    if text.isascii() and text.isprintable():  # most texts: nothing to replace, and no translation to run
        return text
    return _UNSAFE.sub("\ufffd", text.translate(_SPACING))


_SPACING = str.maketrans({"\t": " ", "\u2028": " ", "\u2029": " ", "\u200b": None, "\ufeff": None})


def shorten(text: str, limit: int = QUERY_ECHO_CHARS) -> str:
    text = " ".join(clean(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


Cell = str | tuple[str, str]


class Section(NamedTuple):
    """Rows under an optional title: a table in table format, lines in plain format."""

    title: str | None
    columns: Sequence[str]
    rows: list[Sequence[Cell]]
    fields: bool = False  # a two-column "label: value" list rather than a table
    # Columns left out, in this order, when the table's words do not fit the terminal side by
    # side; if they still do not fit, the rows are stacked as label/value blocks.
    drop: Sequence[int] = ()


class View(NamedTuple):
    """One command's answer: data for JSON, sections for people, and closing notes."""

    data: dict[str, Any]
    sections: Sequence[Section] = ()
    notes: Sequence[Cell] = ()


# The narrowest width laid out: below it ``COLUMNS`` is taken as a mistake, not a wish for no output.
MIN_WIDTH = 20
FALLBACK_WIDTH = 80


def make_console(file: IO[str] | None = None, *, width: int | None = None) -> Console:
    """A console for this call; Rich decides colour from the terminal, NO_COLOR and FORCE_COLOR."""
    return _console_class()(
        file=file or sys.stdout,
        width=width or _columns(),
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


@lru_cache(maxsize=1)
def _console_class() -> type[Console]:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """Rich's own handling exits 1; a reader that went away is 141 here, as for plain and JSON."""
            self.quiet = True
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(141)

    return _Console


def _columns() -> int | None:
    """``COLUMNS`` when it is a sane width; 0 or nonsense falls back to 80 rather than printing nothing."""
    raw = os.environ.get("COLUMNS")
    if raw is None:
        return None  # Rich asks the terminal
    try:
        value = int(raw)
    except ValueError:
        return FALLBACK_WIDTH
    return FALLBACK_WIDTH if value <= 0 else max(value, MIN_WIDTH)


def write_view(view: View, fmt: str, *, file: IO[str] | None = None, width: int | None = None) -> None:
    """Print a view once, whole, in the chosen format; a reader that has gone ends the run with 141."""
    try:
        _write_view(view, fmt, file=file, width=width)
    except BrokenPipeError:
        # ``backpain list | head -n 1``: stop quietly with the shell's status for SIGPIPE (128 + 13).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(141) from None


def _write_view(view: View, fmt: str, *, file: IO[str] | None = None, width: int | None = None) -> None:
    out = file or sys.stdout
    if fmt == "json":
        out.write(dump_json({"schema_version": JSON_SCHEMA_VERSION, **view.data}) + "\n")
        out.flush()
    elif fmt == "plain":
        out.write(plain_text(view))
        out.flush()
    elif not view.sections and all(isinstance(note, str) for note in view.notes):
        # Only lines of text ("OK: ... is valid"): wrapped without loading Rich.
        import shutil
        import textwrap

        columns = width or _columns() or shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns
        for note in view.notes:
            out.write("\n".join(textwrap.wrap(clean(str(note)), columns) or [""]) + "\n")
        out.flush()
    else:
        console = make_console(out, width=width)
        renderable: Any = table_renderable(view, narrow=console.width < NARROW, width=console.width)
        if bidi.is_visual(_Bidi.mode, out) and bidi.has_rtl(_view_text(view)):
            renderable = Visual(renderable)
        # Every part is laid out to the console width already; crop=False skips a second pass that
        # would split the whole output into lines again only to cut nothing (about 8% of a table).
        console.print(renderable, crop=False)


class _Bidi:
    """How Arabic reaches a terminal (auto, on or off), set once per run by the command line."""

    mode = "auto"


def set_bidi(mode: str) -> None:
    _Bidi.mode = mode


class Visual:
    """A renderable drawn line by line in visual order, for terminals without bidi support: laid out at
    the console's width, then each line shaped and reordered, right to left when the text starts so."""

    def __init__(self, renderable: Any) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        lines = console.render_lines(self.renderable, options, pad=True)
        rtl = bidi.is_rtl("".join(segment.text for line in lines for segment in line))
        for line in lines:
            for text, style in bidi.render_visual_line([(s.text, s.style) for s in line], rtl=rtl):
                yield Segment(text, style)
            yield Segment.line()


def _view_text(view: View) -> str:
    cells = [cell for section in view.sections for row in section.rows for cell in row]
    parts = [section.title or "" for section in view.sections] + [_cell_text(cell) for cell in cells]
    parts += [column for section in view.sections for column in section.columns]
    return "\n".join(parts + [_cell_text(note) for note in view.notes])


def _for_terminal(text: str, out: IO[str]) -> str:
    """A message as written to ``out``: where the terminal needs it, wrapped to the terminal's width and
    each row in visual order, right-aligned when the message reads right to left; elsewhere unchanged."""
    if not bidi.has_rtl(text) or not bidi.is_visual(_Bidi.mode, out):
        return text
    import shutil  # only when Arabic reaches a terminal in visual order
    import textwrap

    from rich.cells import cell_len

    width = shutil.get_terminal_size((FALLBACK_WIDTH, 24)).columns - 1  # as the check wraps its questions
    rtl = bidi.is_rtl(text)
    rows = [row for line in text.split("\n") for row in textwrap.wrap(line, width, break_on_hyphens=False) or [""]]
    shown = [bidi.render_visual_text(row, rtl=rtl) for row in rows]
    return "\n".join(" " * (width - cell_len(row)) + row if rtl and row else row for row in shown)


def dump_json(data: Any) -> str:
    """Stable, indented JSON; characters that could steer a terminal are written as escapes."""
    import json  # only for --format json; table and plain runs skip the import

    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def plain_text(view: View) -> str:
    lines: list[str] = []
    for section in view.sections:
        if section.title:
            lines.append(clean(section.title))
        for row in section.rows:
            cells = [clean(_cell_text(cell)) for cell in row]
            if section.fields:
                key, value = cells[0], cells[1]
                parts = value.split("\n")
                if len(parts) == 1:
                    lines.append(f"{key}: {value}")
                else:
                    lines.append(f"{key}:")
                    lines.extend(f"  {part}" for part in parts)
            else:
                lines.append("\t".join(cell.replace("\n", "; ") for cell in cells))
        lines.append("")
    lines.extend(clean(_cell_text(note)) for note in view.notes)
    return "\n".join(lines).rstrip("\n") + "\n"


def table_renderable(view: View, *, narrow: bool = False, width: int | None = None) -> Group:
    """The view as Rich tables. A table whose longest words (ids included) cannot all stand side by
    side in ``width`` columns first loses its ``drop`` columns, then is stacked: a word or an id is
    never split across lines."""
    from rich.console import Group
    from rich.table import Table

    parts: list[Any] = []
    for original in view.sections:
        if narrow and not original.fields:
            parts.extend(_stacked(original))
            continue
        section: Section | None = original
        sizes: Sequence[int | None] = [None] * len(original.columns)
        if not original.fields and width is not None:
            # every cell measured once, for both the choice of columns and their widths
            measures = _measure_columns(original)
            kept = _fitted(original, measures, width)
            if kept is None:
                section = None
            else:
                section = _keep(original, kept)
                sizes = _column_widths([measures[index] for index in kept], width)
        if section is None:
            parts.extend(_stacked(original))
            continue
        if section.fields:
            table = Table(
                title=_rich(section.title, "bold") if section.title else None,
                title_justify="left",
                show_header=False,
                box=None,
                padding=(0, 1),
            )
            table.add_column(style="bold", no_wrap=False, ratio=1)
            table.add_column(ratio=4)
        else:
            table = Table(
                title=_rich(section.title, "bold") if section.title else None, title_justify="left", expand=False
            )
            for column, size in zip(section.columns, sizes, strict=True):
                table.add_column(_rich(column), overflow="fold", width=size)
        for row in section.rows:
            table.add_row(*(_rich_cell(cell) for cell in row))
        parts.append(table)
    for note in view.notes:
        parts.append(_rich_cell(note))
    return Group(*parts)


# The narrowest a column of sentences may be and still read as text.
READABLE = 18


class _Measure(NamedTuple):
    """A column's widths in terminal cells, measured once."""

    word: int  # its longest word or id, the header's included: the narrowest the column may be
    line: int  # its cells' longest line (0 without rows)
    widest: int  # its longest line, the header's included
    header: int  # the header on one line


def _measure_columns(section: Section) -> list[_Measure]:
    from rich.cells import cell_len

    measures = []
    for index, column in enumerate(section.columns):
        texts = [clean(column), *(clean(_cell_text(row[index])) for row in section.rows)]
        lines = [[cell_len(line) for line in text.split("\n")] for text in texts]
        measures.append(
            _Measure(
                word=max((cell_len(word) for text in texts for word in text.split()), default=1),
                line=max((width for cell in lines[1:] for width in cell), default=0),
                widest=max(width for cell in lines for width in cell),
                header=cell_len(texts[0]),
            )
        )
    return measures


def _fitted(section: Section, measures: Sequence[_Measure], width: int) -> list[int] | None:
    """The columns to keep, with as few of the section's ``drop`` columns left out as lets every
    column be as wide as its longest word, and a column of sentences at least ``READABLE`` wide (a
    column of two-word lines is no table); None if even that does not fit."""
    kept = list(range(len(section.columns)))
    needed = [max(measure.word, min(measure.line, READABLE)) for measure in measures]
    for dropped in (None, *section.drop):
        if dropped is not None and dropped in kept and len(kept) > 1:
            kept.remove(dropped)
        # each column: its text, a space either side and a rule; and the closing rule
        if sum(needed[index] + 3 for index in kept) + 1 <= width:
            return kept
    return None


def _keep(section: Section, kept: Sequence[int]) -> Section:
    if len(kept) == len(section.columns):
        return section
    return section._replace(
        columns=[section.columns[index] for index in kept],
        rows=[[row[index] for index in kept] for row in section.rows],
        drop=(),
    )


def _column_widths(measures: Sequence[_Measure], width: int) -> list[int]:
    """Each column's width, worked out once here so that Rich need not measure every cell again:
    the width of its longest line if all fit, else its longest word plus a share of the room left
    in proportion to how much more it could use. Never below the longest word, so no word or id
    is split (``_fitted`` has checked that the longest words fit)."""
    least = [measure.word for measure in measures]
    most = [max(measure.widest, measure.word) for measure in measures]
    room = width - (3 * len(most) + 1)  # a space either side of each column, and its rules
    if sum(most) <= room:
        return most
    # a header on one line where the room allows it
    headed = [max(measure.word, measure.header) for measure in measures]
    if sum(headed) <= room:
        least = headed
    spare = max(room - sum(least), 0)
    gaps = [high - low for high, low in zip(most, least, strict=True)]
    total = sum(gaps) or 1
    shares = [spare * gap // total for gap in gaps]
    for index in sorted(range(len(gaps)), key=lambda i: -gaps[i])[: spare - sum(shares)]:
        shares[index] += 1
    return [low + share for low, share in zip(least, shares, strict=True)]


def _stacked(section: Section) -> list[Any]:
    """A table's rows as small label/value blocks, for terminals too narrow for columns."""
    from rich.table import Table
    from rich.text import Text as RichText

    parts: list[Any] = [_rich(section.title, "bold")] if section.title else []
    for row in section.rows:
        block = Table(show_header=False, box=None, padding=(0, 1), expand=True)
        # the label may wrap (a long one must not squeeze the value); a value too long for the
        # line (a web address) folds rather than being cut off
        block.add_column(style="bold", ratio=1, overflow="fold")
        block.add_column(ratio=3, overflow="fold")
        for column, cell in zip(section.columns, row, strict=True):
            if _cell_text(cell):
                block.add_row(_rich(column), _rich_cell(cell))
        parts.extend((block, RichText("")))
    return parts


def _cell_text(cell: Cell) -> str:
    return cell if isinstance(cell, str) else cell[0]


def _rich_cell(cell: Cell) -> RichText:
    return _rich(cell) if isinstance(cell, str) else _rich(cell[0], cell[1])


def _rich(text: str | None, style: str = "") -> RichText:
    from rich.text import Text as RichText

    return RichText(clean(text or ""), style=style)


def _bullets(items: Sequence[str]) -> str:
    return "\n".join(f"• {item}" for item in items)


def _closing(lang: Lang) -> tuple[Cell, Cell]:
    """The two lines every advice screen ends with: see a clinician; where to go in an emergency."""
    return (label("reminder", lang), "dim"), (emergency_line(lang), "bold")


class _Emergency:
    """The user's region and its emergency number, set once per run by the command line."""

    region: str | None = None
    number: EmergencyNumber | None = None


def set_emergency(region: str | None, number: EmergencyNumber | None) -> None:
    _Emergency.region = region
    _Emergency.number = number


def emergency_line(lang: Lang) -> str:
    """Where to go in an emergency, with the region's number when the sourced table has it."""
    number = _Emergency.number
    if number is None:
        return label("emergency-line-local", lang)
    numbers = number.number + (label("or-number", lang).format(number.also[0]) if number.also else "")
    return label("emergency-line", lang).format(number=numbers)


def notice(lang: Lang) -> str:
    """The one line every advice screen ends with: information, not diagnosis; where to go in an emergency."""
    return f"{label('reminder', lang)} {emergency_line(lang)}"


def advice_fields(lang: Lang) -> dict[str, Any]:
    """The JSON twin of the closing line: the notice, and the emergency number with its region."""
    number = _Emergency.number
    return {
        "notice": notice(lang),
        "emergency": {
            "region": _Emergency.region,
            "number": number.number if number else None,
            "also": list(number.also) if number else [],
            "text": emergency_line(lang),
        },
    }


# -- views -------------------------------------------------------------------------------


# -- the JSON contract (docs/json.md; a schema per command in backpain_cli/schemas/) ----------
#
# One model per entity, built only here. The rule for languages: every text from the knowledge base
# is a string in the language of --lang (English where it has no translation), and beside it a twin
# named ``<field>_i18n`` holds both languages, {"en": ..., "ar": ... or null}. A fact (a sourced
# statement) is {"text", "text_i18n", "sources"}. Another entity mentioned inside one is a reference,
# {"id", "name", "name_i18n"}. Messages the app writes (action, notice, hint) follow --lang only.

JSON_SCHEMA_VERSION = 1  # raised when a field is removed, renamed or changes meaning


def _i18n(text: Text) -> dict[str, str | None]:
    return {"en": text.en, "ar": text.ar or None}


def _text_json(field: str, text: Text, lang: Lang) -> dict[str, Any]:
    """A text field and its ``_i18n`` twin."""
    return {field: text.get(lang), f"{field}_i18n": _i18n(text)}


def _optional_text_json(field: str, text: Text | None, lang: Lang) -> dict[str, Any]:
    return _text_json(field, text, lang) if text is not None else {field: None, f"{field}_i18n": None}


def fact_json(fact: Fact, lang: Lang) -> dict[str, Any]:
    return {**_text_json("text", fact.text, lang), "sources": list(fact.sources)}


def _facts_json(facts: Sequence[Fact], lang: Lang) -> list[dict[str, Any]]:
    return [fact_json(fact, lang) for fact in facts]


def ref_json(entity_id: str, name: Text, lang: Lang) -> dict[str, Any]:
    """Another entity named inside one: its id and name."""
    return {"id": entity_id, **_text_json("name", name, lang)}


def _cause_refs(kb: KnowledgeBase, cause_ids: Iterable[str], lang: Lang) -> list[dict[str, Any]]:
    return [ref_json(cause_id, kb.cause_by_id[cause_id].name, lang) for cause_id in cause_ids]


def _aliases_json(aliases: Aliases, lang: Lang) -> dict[str, Any]:
    shown = aliases.ar or aliases.en if lang == "ar" else aliases.en
    return {"aliases": list(shown), "aliases_i18n": {"en": list(aliases.en), "ar": list(aliases.ar)}}


def cause_summary_json(cause: Cause, kb: KnowledgeBase, lang: Lang) -> dict[str, Any]:
    """A cause in a list (``list``, ``search``, ``assess``); ``cause_json`` is a superset."""
    category = kb.category_by_id[cause.category]
    return {
        "id": cause.id,
        **_text_json("name", cause.name, lang),
        **_aliases_json(cause.aliases, lang),
        "category": ref_json(category.id, category.name, lang),
        "prevalence": cause.prevalence,
        "locations": list(cause.locations),
        "urgency": _top_urgency(kb.red_flags_for(cause.id)),
        "sources": list(cause.sources),
    }


def match_json(match: Match, kb: KnowledgeBase, lang: Lang) -> dict[str, Any]:
    """A search result: the cause's summary, its score (0 to 100) and what matched."""
    return {
        **cause_summary_json(match.cause, kb, lang),
        "score": match.score,
        "matched": {"field": match.field, "text": match.matched},
    }


def red_flag_summary_json(flag: RedFlag, kb: KnowledgeBase, lang: Lang) -> dict[str, Any]:
    """A warning sign wherever one is named; ``red_flag_json`` is a superset."""
    group = kb.group_by_id[flag.group]
    return {
        "id": flag.id,
        **_text_json("sign", flag.sign, lang),
        "urgency": flag.urgency,
        "group": ref_json(group.id, group.name, lang),
        "action": label(f"{flag.urgency}-action", lang),
    }


def red_flag_json(flag: RedFlag, kb: KnowledgeBase, lang: Lang) -> dict[str, Any]:
    """A warning sign in full: its question, the causes it points to, its sources."""
    return {
        **red_flag_summary_json(flag, kb, lang),
        **_text_json("question", flag.question, lang),
        "causes": _cause_refs(kb, flag.causes, lang),
        "sources": list(flag.sources),
    }


def category_json(category: Category, kb: KnowledgeBase, lang: Lang) -> dict[str, Any]:
    return {
        **ref_json(category.id, category.name, lang),
        **_text_json("description", category.description, lang),
        "causes": [ref_json(cause.id, cause.name, lang) for cause in kb.causes_in(category.id)],
    }


def treatment_json(treatment: Treatment, kb: KnowledgeBase, lang: Lang) -> dict[str, Any]:
    """A treatment; lists and ``treatments NAME`` show the same fields."""
    return {
        "id": treatment.id,
        **_text_json("name", treatment.name, lang),
        **_aliases_json(treatment.aliases, lang),
        "kind": treatment.kind,
        "summary": fact_json(treatment.summary, lang),
        "evidence": _facts_json(treatment.evidence, lang),
        "cautions": _facts_json(treatment.cautions, lang),
        "causes": [ref_json(cause.id, cause.name, lang) for cause in kb.causes_treated_by(treatment.id)],
        "sources": list(treatment.sources),
    }


def source_json(source: Source) -> dict[str, Any]:
    """A source as published: its publisher and title are never translated."""
    return {
        "id": source.id,
        "publisher": source.publisher,
        "title": source.title,
        "kind": source.kind,
        "file": source.file,
        "language": source.language,
        "year": source.year,
        "url": source.url,
        "checked": source.checked,
        "note": source.note,
    }


def error_view(code: str, message: str, suggestions: Sequence[str] = ()) -> View:
    """What ``--format json`` prints when a command fails (the message also goes to stderr)."""
    return View(data={"error": {"code": code, "message": message, "suggestions": list(suggestions)}})


def _top_urgency(flags: Sequence[RedFlag]) -> str | None:
    return flags[0].urgency if flags else None


def _urgency_cell(urgency: str | None, lang: Lang) -> Cell:
    return (label(urgency, lang), URGENCY_STYLE[urgency]) if urgency else ""


def key_words(text: str, query: str, size: int = 8) -> str:
    """The part of a matched sentence around the query's words, at most ``size`` words, with "…"
    where it was cut: "…shooting pain through the buttock and down…". JSON keeps the sentence."""
    words = text.split()
    if len(words) <= size:
        return text
    asked = {_stem_key(word) for word in query.split()}
    hits = [_stem_key(word) in asked for word in words]
    start = max(range(len(words) - size + 1), key=lambda at: (sum(hits[at : at + size]), -at))
    shown = " ".join(words[start : start + size])
    return ("…" if start else "") + shown + ("…" if start + size < len(words) else "")


def _stem_key(word: str) -> str:
    """A word reduced enough to meet its other forms: "shooting" and "shoots", "legs" and "leg"."""
    return "".join(char for char in word.casefold() if char.isalnum())[:5]


def search_view(
    query: str,
    matches: Sequence[Match],
    kb: KnowledgeBase,
    lang: Lang,
    alerts: Sequence[RedFlag] = (),
    suggestions: Sequence[Match] = (),
    mentioned: Sequence[tuple[RedFlag, str]] = (),
) -> View:
    """The causes found, led by the red flags the query itself describes, each with what to do; then
    those it gives to someone else or only asks about, framed for them."""
    results = []
    rows: list[Sequence[Cell]] = []
    for rank, match in enumerate(matches, 1):
        results.append(match_json(match, kb, lang))
        urgency = _top_urgency(kb.red_flags_for(match.cause.id))
        name_cell: Cell = match.cause.name.get(lang)
        if urgency == "emergency":
            name_cell = (f"{name_cell}\n⚠ {label('emergency-signs', lang)}", "bold red")
        rows.append(
            (
                str(rank),
                name_cell,
                kb.category_by_id[match.cause.category].name.get(lang),
                f"{match.score:.0f}",
                f"{term(match.field, lang)}: {key_words(match.matched, query)}",
                match.cause.id,
            )
        )
    columns = [
        "#",
        label("cause", lang),
        label("category", lang),
        label("score", lang),
        label("why", lang),
        label("id", lang),
    ]
    title = f"{label('causes', lang)}: “{shorten(query)}”"
    sections = _sign_sections(alerts, mentioned, lang)
    if rows:
        # narrow: the category first, then the sentence that matched; the name, score and id stay
        sections.append(Section(title, columns, rows, drop=(2, 4)))
    data: dict[str, Any] = {
        "query": query,
        "general": False,
        "results": results,
        **_signs_json(alerts, mentioned, kb, lang),
        "suggestions": [match.cause.id for match in suggestions] if not matches else [],
        "hint": None,
        **advice_fields(lang),
    }
    notes: list[Cell] = []
    if (alerts or mentioned) and not matches:
        flags = [*alerts, *(flag for flag, _ in mentioned)]
        causes = dict.fromkeys(cause_id for flag in flags for cause_id in flag.causes)
        names = join((kb.cause_by_id[cause_id].name.get(lang) for cause_id in causes), lang)
        notes.append(label("signs-point-to", lang).format(causes=names))
    return View(data=data, sections=sections, notes=[*notes, *_closing(lang)])


def _alerts(flags: Sequence[RedFlag], lang: Lang, title: str | None = None, whose: str = "if-you-have") -> Section:
    """Red flags a query describes, each stated plainly with its urgency and what to do."""
    rows: list[Sequence[Cell]] = []
    for flag in flags:
        style = URGENCY_STYLE[flag.urgency]
        text = (
            f"{label('rule-out', lang)}: {flag.sign.get(lang)}\n"
            f"{label(whose, lang)}: {label(f'{flag.urgency}-action', lang)}"
        )
        rows.append(((f"⚠ {label(flag.urgency, lang)}", style), (text, "bold" if flag.urgency == "emergency" else "")))
    return Section(title, ("", ""), rows, fields=True)


# A sign said of someone else, or only asked about: its section's title, and whom its action is for.
_MENTION_FRAMES = {"someone-else": ("signs-someone-else", "if-they-have"), "question": ("signs-asked", "if-you-have")}


def _sign_sections(alerts: Sequence[RedFlag], mentioned: Sequence[tuple[RedFlag, str]], lang: Lang) -> list[Section]:
    """The writer's own warning signs, then those of someone else, then those asked about."""
    sections = [_alerts(alerts, lang)] if alerts else []
    for about, (title, whose) in _MENTION_FRAMES.items():
        flags = [flag for flag, kind in mentioned if kind == about]
        if flags:
            sections.append(_alerts(flags, lang, label(title, lang), whose))
    return sections


def _signs_json(
    alerts: Sequence[RedFlag], mentioned: Sequence[tuple[RedFlag, str]], kb: KnowledgeBase, lang: Lang
) -> dict[str, Any]:
    """``red_flags``: the writer's signs; ``red_flags_mentioned``: someone else's or asked about."""
    return {
        "red_flags": [red_flag_summary_json(flag, kb, lang) for flag in alerts],
        "red_flags_mentioned": [{**red_flag_summary_json(flag, kb, lang), "about": about} for flag, about in mentioned],
    }


def _tier_action(tier: str, lang: Lang) -> str:
    """An urgency and what to do about it: "EMERGENCY: Call the emergency number ..."."""
    return f"{label(tier, lang)}: {label(f'{tier}-action', lang)}"


def causes_view(causes: Sequence[Cause], kb: KnowledgeBase, lang: Lang, title: str) -> View:
    rows: list[Sequence[Cell]] = []
    for cause in causes:
        rows.append(
            (
                cause.id,
                cause.name.get(lang),
                kb.category_by_id[cause.category].name.get(lang),
                term(cause.prevalence, lang),
                join((term(place, lang) for place in cause.locations), lang),
            )
        )
    columns = [
        label("id", lang),
        label("cause", lang),
        label("category", lang),
        label("how-common", lang),
        label("where", lang),
    ]
    return View(
        data={"causes": [cause_summary_json(cause, kb, lang) for cause in causes], **advice_fields(lang)},
        sections=[Section(title, columns, rows, drop=(4, 2))],
        notes=[*_closing(lang)],
    )


def general_view(
    query: str,
    causes: Sequence[Cause],
    kb: KnowledgeBase,
    lang: Lang,
    alerts: Sequence[RedFlag] = (),
    mentioned: Sequence[tuple[RedFlag, str]] = (),
) -> View:
    """A query too general to point to a cause ("back pain"): the common causes, and how to narrow
    them, after any warning sign it names."""
    listing = causes_view(causes, kb, lang, label("common-causes", lang))
    hint = label("too-general", lang).format(query=shorten(query))
    return View(
        data={
            "query": query,
            "general": True,
            "results": listing.data["causes"],
            **_signs_json(alerts, mentioned, kb, lang),
            "suggestions": [],
            "hint": hint,
            **advice_fields(lang),
        },
        sections=[*_sign_sections(alerts, mentioned, lang), *listing.sections],
        notes=[hint, *_closing(lang)],
    )


def categories_view(kb: KnowledgeBase, lang: Lang) -> View:
    data = []
    rows: list[Sequence[Cell]] = []
    for category in kb.categories:
        count = len(kb.causes_in(category.id))
        data.append(category_json(category, kb, lang))
        rows.append((category.id, category.name.get(lang), category.description.get(lang), str(count)))
    columns = [label("id", lang), label("category", lang), label("description", lang), label("count", lang)]
    return View(data={"categories": data}, sections=[Section(label("categories", lang), columns, rows)])


def _facts(facts: Sequence[Fact], lang: Lang) -> str:
    return _bullets([fact.text.get(lang) for fact in facts])


def cause_view(cause: Cause, kb: KnowledgeBase, lang: Lang, *, full: bool = True) -> View:
    flags = kb.red_flags_for(cause.id)
    treatments = kb.treatments_for(cause.id)
    data = {**cause_json(cause, kb, lang), **advice_fields(lang)}
    other_lang: Lang = "ar" if lang == "en" else "en"
    rows: list[Sequence[Cell]] = [
        (label("english-name" if other_lang == "en" else "arabic-name", lang), cause.name.get(other_lang)),
        (label("category", lang), kb.category_by_id[cause.category].name.get(lang)),
        (label("how-common", lang), term(cause.prevalence, lang)),
        (label("where", lang), join((term(place, lang) for place in cause.locations), lang)),
        (
            label("also-called", lang),
            join(cause.aliases.en if lang == "en" else cause.aliases.ar or cause.aliases.en, lang),
        ),
        (label("summary", lang), cause.summary.text.get(lang)),
    ]
    if cause.evidence is not None:
        rows.append(
            (label("evidence", lang), f"{term(cause.evidence.level, lang)}: {cause.evidence.note.text.get(lang)}")
        )
    codes = [
        f"ICD-10-CM {code}" + (f" ({title})" if title else "")
        for code, title in zip(cause.codes.icd10cm, cause.codes.titles or ("",) * len(cause.codes.icd10cm), strict=True)
    ]
    codes += [f"ICD-11 {code}" for code in cause.codes.icd11]
    if codes:
        rows.append((label("codes", lang), "\n".join(codes)))
    for key in ("symptoms", "worse_with", "better_with", "at_risk", "diagnosis"):
        facts = getattr(cause, key)
        if facts:
            rows.append((label(key, lang), _facts(facts, lang)))
    # One row per urgency, in its own colour (a "soon" sign must not look like an emergency), each
    # ending with what that urgency means: a sign is never left without its action.
    for tier in dict.fromkeys(flag.urgency for flag in flags):
        lines = [f"• {flag.sign.get(lang)}" for flag in flags if flag.urgency == tier]
        text = "\n".join([*lines, _tier_action(tier, lang)])
        rows.append((f"{label('red-flags', lang)}: {label(tier, lang)}", (text, URGENCY_STYLE[tier])))
    if cause.tests:
        rows.append((label("tests", lang), join((kb.test_by_id[tid].name.get(lang) for tid in cause.tests), lang)))
    if treatments:
        rows.append((label("treatments", lang), join((t.name.get(lang) for t in treatments), lang)))
    if cause.related:
        rows.append(
            (
                label("related", lang),
                _bullets(
                    [
                        f"{kb.cause_by_id[link.id].name.get(lang)} ({term(link.relation, lang)})"
                        for link in cause.related
                    ]
                ),
            )
        )
    if cause.disagreements:
        # one heading for every topic: each topic, then what each source says of it
        topics = []
        for item in cause.disagreements:
            positions = [f"  • {fact.text.get(lang)} [{', '.join(fact.sources)}]" for fact in item.positions]
            topics.append("\n".join([item.topic.get(lang), *positions]))
        rows.append((label("disagreements", lang), "\n".join(topics)))
    rows.append((label("sources", lang), _bullets([_source_line(kb, sid) for sid in cause.sources])))
    title = f"{cause.name.get(lang)} ({cause.id})"
    if not full:
        rows = _summary_rows(rows, cause, lang)
    return View(data=data, sections=[Section(title, ("", ""), rows, fields=True)], notes=[*_closing(lang)])


# What ``show`` keeps on its first screen, like a tldr page; ``--full`` shows every row.
_SUMMARY_ROWS = ("english-name", "arabic-name", "category", "how-common", "where", "summary", "symptoms", "treatments")


def _summary_rows(rows: list[Sequence[Cell]], cause: Cause, lang: Lang) -> list[Sequence[Cell]]:
    """The rows of the short form: what it is, its main symptoms (three), every warning sign (never
    cut), the treatments' names, the sources' ids, and how to see the rest."""
    keep = {label(key, lang) for key in _SUMMARY_ROWS}
    warning = f"{label('red-flags', lang)}: "
    short: list[Sequence[Cell]] = []
    for key, value in rows:
        if key == label("symptoms", lang):
            lines = _cell_text(value).split("\n")
            short.append((key, "\n".join(lines[:3])))
        elif key in keep or _cell_text(key).startswith(warning):
            short.append((key, value))
    short.append((label("sources", lang), ", ".join(cause.sources)))
    short.append((label("more", lang), label("more-hint", lang).format(id=cause.id)))
    return short


def cause_json(cause: Cause, kb: KnowledgeBase, lang: Lang) -> dict[str, Any]:
    """A cause in full (``show``): its summary form and everything else the knowledge base holds."""
    codes = cause.codes
    return {
        **cause_summary_json(cause, kb, lang),
        "summary": fact_json(cause.summary, lang),
        "symptoms": _facts_json(cause.symptoms, lang),
        "worse_with": _facts_json(cause.worse_with, lang),
        "better_with": _facts_json(cause.better_with, lang),
        "at_risk": _facts_json(cause.at_risk, lang),
        "diagnosis": _facts_json(cause.diagnosis, lang),
        "tests": [ref_json(tid, kb.test_by_id[tid].name, lang) for tid in cause.tests],
        "treatments": [ref_json(t.id, t.name, lang) for t in kb.treatments_for(cause.id)],
        "red_flags": [red_flag_summary_json(flag, kb, lang) for flag in kb.red_flags_for(cause.id)],
        "related": [
            {**_cause_refs(kb, [link.id], lang)[0], "relation": link.relation, "sources": list(link.sources)}
            for link in cause.related
        ],
        "disagreements": [
            {**_text_json("topic", item.topic, lang), "positions": _facts_json(item.positions, lang)}
            for item in cause.disagreements
        ],
        "codes": {
            "icd10cm": [
                {"code": code, "title": title}
                for code, title in zip(codes.icd10cm, codes.titles or ("",) * len(codes.icd10cm), strict=True)
            ],
            "icd11": list(codes.icd11),
            **_optional_text_json("icd11_missing", codes.icd11_missing, lang),
            "sources": list(codes.sources),
        },
        "evidence_level": cause.evidence.level if cause.evidence else None,
        "evidence": [fact_json(cause.evidence.note, lang)] if cause.evidence else [],
        "prevalence_sources": list(cause.prevalence_sources),
        "features": {
            "typical": {question: list(answers) for question, answers in cause.features.typical},
            "against": {question: list(answers) for question, answers in cause.features.against},
            "ages": cause.features.ages._asdict() if cause.features.ages else None,
            "sex": cause.features.sex,
            "sources": list(cause.features.sources),
        },
        "care": _care_json(cause),
    }


def _care_json(cause: Cause) -> dict[str, Any] | None:
    return {"level": cause.care.level, "sources": list(cause.care.sources)} if cause.care else None


def _source_line(kb: KnowledgeBase, source_id: str) -> str:
    source = kb.source_by_id[source_id]
    where = f" — {source.file}" if source.file else ""
    return f"{source.publisher}, {source.title}{where}"


def treatment_view(treatment: Treatment, kb: KnowledgeBase, lang: Lang) -> View:
    """One treatment in full: what it is, what the evidence says, cautions, and what it is used for."""
    rows: list[Sequence[Cell]] = [
        (label("kind", lang), term(treatment.kind, lang)),
        (label("summary", lang), treatment.summary.text.get(lang)),
    ]
    if treatment.evidence:
        rows.append((label("evidence", lang), _facts(treatment.evidence, lang)))
    if treatment.cautions:
        rows.append((label("cautions", lang), _facts(treatment.cautions, lang)))
    data = treatment_json(treatment, kb, lang)
    if data["causes"]:
        rows.append((label("for", lang), join((cause["name"] for cause in data["causes"]), lang)))
    rows.append((label("sources", lang), _bullets([_source_line(kb, sid) for sid in treatment.sources])))
    title = f"{treatment.name.get(lang)} ({treatment.id})"
    return View(
        data={**data, **advice_fields(lang)},
        sections=[Section(title, ("", ""), rows, fields=True)],
        notes=[*_closing(lang)],
    )


def treatments_view(
    treatments: Sequence[Treatment], kb: KnowledgeBase, lang: Lang, title: str, cause: Cause | None = None
) -> View:
    """Treatments with what the evidence says; for one cause, says so when none are listed."""
    data = []
    rows: list[Sequence[Cell]] = []
    for treatment in treatments:
        data.append(treatment_json(treatment, kb, lang))
        rows.append(
            (
                treatment.id,
                treatment.name.get(lang),
                term(treatment.kind, lang),
                treatment.summary.text.get(lang),
                _facts(treatment.evidence, lang),
                _facts(treatment.cautions, lang),
            )
        )
    columns = [
        label("id", lang),
        label("treatment", lang),
        label("kind", lang),
        label("summary", lang),
        label("evidence", lang),
        label("cautions", lang),
    ]
    notes: list[Cell] = []
    if cause is not None and not rows:
        name = cause.name.get(lang)
        notes += [(title, "bold"), label("no-treatments", lang).format(name=name)]
        if _top_urgency(kb.red_flags_for(cause.id)) == "emergency":
            text = label("emergency-signs-action", lang).format(name=name, id=cause.id)
            notes.append((f"⚠ {text}", URGENCY_STYLE["emergency"]))
    return View(
        data={"treatments": data, **advice_fields(lang)},
        sections=[Section(title, columns, rows, drop=(2,))] if rows else [],
        notes=[*notes, *_closing(lang)],
    )


def red_flags_view(kb: KnowledgeBase, flags: Sequence[RedFlag], lang: Lang) -> View:
    data = []
    rows: list[Sequence[Cell]] = []
    for flag in flags:
        data.append(red_flag_json(flag, kb, lang))
        rows.append(
            (
                _urgency_cell(flag.urgency, lang),
                flag.sign.get(lang),
                kb.group_by_id[flag.group].name.get(lang),
                join((kb.cause_by_id[cid].name.get(lang) for cid in flag.causes), lang),
                flag.id,
            )
        )
    columns = [
        label("urgency", lang),
        label("sign", lang),
        label("group", lang),
        label("points-to", lang),
        label("id", lang),
    ]
    notes: list[Cell] = [
        *((_tier_action(tier, lang), URGENCY_STYLE[tier]) for tier in URGENCIES),
        label("evidence-note", lang),
        *_closing(lang),
    ]
    return View(
        data={
            "red_flags": data,
            "urgencies": {tier: label(f"{tier}-action", lang) for tier in URGENCIES},
            "evidence_note": label("evidence-note", lang),
            **advice_fields(lang),
        },
        sections=[Section(label("red-flags", lang), columns, rows, drop=(2, 3))],
        notes=notes,
    )


def _answered_red_flag_json(flag: RedFlag, kb: KnowledgeBase, lang: Lang, unsure: bool) -> dict[str, Any]:
    """A warning sign the check found: answered yes, or not sure (which counts as yes)."""
    return {
        **red_flag_summary_json(flag, kb, lang),
        "answer": "unsure" if unsure else "yes",
        "unsure_action": _unsure_action(flag, lang) if unsure else None,
    }


def verdict_view(verdict: Verdict, kb: KnowledgeBase, lang: Lang) -> View:
    urgency = verdict.urgency
    unchecked = [group.name.get(lang) for group in verdict.unchecked] if urgency != "emergency" else []
    if urgency:
        action = label(f"{urgency}-action", lang)
    elif not verdict.complete:
        action = label("incomplete-action", lang).format(
            missing=len(verdict.unchecked) or verdict.total, total=verdict.total
        )
    else:
        action = label("none-action", lang)
    unsure_ids = {flag.id for flag in verdict.unsure}
    data = {
        "urgency": urgency,
        "action": action,
        "complete": verdict.complete,
        "answered": verdict.answered,
        "age": verdict.age,
        "answers": [
            {
                "id": question.id,
                "kind": question.kind,
                **_text_json("question", question.text, lang),
                "answer": reply if isinstance(reply, int) and not isinstance(reply, str) else (reply and str(reply)),
            }
            for question, reply in verdict.replies
        ],
        "red_flags": [_answered_red_flag_json(flag, kb, lang, flag.id in unsure_ids) for flag in verdict.flags],
        "unsure": [_answered_red_flag_json(flag, kb, lang, True) for flag in verdict.unsure],
        "rules": [
            {
                "group": ref_json(result.group.id, result.group.name, lang),
                "met": result.met,
                "unsure": result.unsure,
                "of": result.of,
                **_text_json("advice", result.advice, lang),
                **_optional_text_json("advice_if_unsure_met", result.advice_if_unsure_met, lang),
            }
            for result in verdict.rules
        ],
        "not_checked": [ref_json(group.id, group.name, lang) for group in verdict.unchecked]
        if urgency != "emergency"
        else [],
        "causes": [ref_json(cause.id, cause.name, lang) for cause in verdict.causes],
        "exit_code": verdict.exit_code,
        **advice_fields(lang),
    }
    headline: Cell = action
    if urgency:
        headline = (f"{label(urgency, lang)}: {action}", URGENCY_STYLE[urgency])
    elif not verdict.complete:
        headline = (f"{label('incomplete', lang)}: {action}", URGENCY_STYLE["urgent"])
    rows: list[Sequence[Cell]] = [(label("urgency", lang), headline)]
    if verdict.flags:
        rows.append(
            (
                label("red-flags", lang),
                _bullets(
                    [
                        f"[{label(f.urgency, lang)}] {f.sign.get(lang)}"
                        + (f" ({label('you-were-unsure', lang)})" if f.id in unsure_ids else "")
                        for f in verdict.flags
                    ]
                ),
            )
        )
    if verdict.unsure:
        rows.append(
            (
                label("not-sure", lang),
                _bullets([f"{f.sign.get(lang)}: {_unsure_action(f, lang)}" for f in verdict.unsure]),
            )
        )
    for result in verdict.rules:
        line = label("rule-count", lang).format(name=result.group.name.get(lang), met=result.met, of=result.of)
        if result.unsure:
            line += " " + label("rule-unsure", lang).format(unsure=result.unsure)
        line += " " + result.advice.get(lang)
        if result.advice_if_unsure_met:
            line += " " + label("rule-if-unsure", lang).format(advice=result.advice_if_unsure_met.get(lang))
        rows.append((label("criteria", lang), line))
    if unchecked:
        rows.append((label("not-checked", lang), join(unchecked, lang)))
    if verdict.causes:
        rows.append((label("points-to", lang), join((cause.name.get(lang) for cause in verdict.causes), lang)))
    return View(data=data, sections=[Section(None, ("", ""), rows, fields=True)], notes=[*_closing(lang)])


CARE_STYLE = {"emergency": URGENCY_STYLE["emergency"], "urgent": URGENCY_STYLE["urgent"], "gp": "cyan", "self-care": ""}


def care_action(level: str, lang: Lang) -> str:
    """What a care level means for the person reading it."""
    return label({"emergency": "emergency-action", "urgent": "urgent-action"}.get(level, f"{level}-action"), lang)


def assessment_view(
    kb: KnowledgeBase,
    result: Verdict,
    ranked: Sequence[PossibleCause],
    advice: Advice,
    answers: Mapping[str, object],
    lang: Lang,
    *,
    code: int,
    limit: int = 5,
    explain: bool = False,
) -> View:
    """What to do first, the warning-sign verdict, then the possible causes with what fits each."""
    assert kb.assessment is not None  # the command checked it
    assessment = kb.assessment
    emergency = result.urgency == "emergency"
    shown = [] if emergency else list(ranked[:limit])
    action = care_action(advice.level, lang)
    if advice.because == "cause" and advice.cause is not None:
        action += " " + label("because-cause", lang).format(name=advice.cause.name.get(lang))
    elif advice.because == "incomplete":
        action += " " + label("because-incomplete", lang)
    from backpain_cli.assessment import shows_outlook

    check = verdict_view(result, kb, lang)
    outlook = assessment.outlook if shows_outlook(result, advice, shown, answers) else None
    data = {
        "answers": {key: _answer_json(value) for key, value in answers.items()},
        "advice": {"level": advice.level, "because": advice.because, "text": action},
        "warning_signs": {key: value for key, value in check.data.items() if key not in ("notice", "emergency")},
        "causes": [possible_cause_json(item, rank, kb, lang) for rank, item in enumerate(shown, start=1)],
        "stopped_for_emergency": emergency,
        "outlook": fact_json(outlook, lang) if outlook else None,
        "model": fact_json(assessment.note, lang),
        "exit_code": code,
        **advice_fields(lang),
    }
    style = CARE_STYLE[advice.level]
    rows: list[Sequence[Cell]] = [
        ("", (label("reminder" if emergency else "assess-top", lang), "bold")),
        (label("what-to-do", lang), (action, style) if style else action),
    ]
    # The check's own rows: its headline, the signs answered yes or not sure, what was not checked.
    rows.extend((key, value) for key, value in check.sections[0].rows if key != label("urgency", lang))
    rows.insert(2, (label("warning-signs", lang), check.sections[0].rows[0][1]))
    if outlook is not None:
        rows.append((label("outlook", lang), outlook.text.get(lang)))
    sections = [Section(None, ("", ""), rows, fields=True)]
    if shown:
        cause_rows: list[Sequence[Cell]] = []
        source_rows: list[Sequence[Cell]] = []
        for rank, item in enumerate(shown, start=1):
            care = item.cause.care.level if item.cause.care else ""
            source_rows.append((f"{rank}. {item.cause.id}", ", ".join(_cause_sources(item.cause))))
            cause_rows.append(
                (
                    str(rank),
                    f"{item.cause.name.get(lang)}\n{item.cause.id}",
                    _bullets([_points_text(kb, part, lang) for part in item.fitting]),
                    _bullets([_points_text(kb, part, lang) for part in item.unfitting]),
                    (label(f"care-{care}", lang), CARE_STYLE[care]) if care else "",
                )
            )
        columns = ("#", label("cause", lang), label("fits", lang), label("does-not-fit", lang), label("care", lang))
        sections.append(Section(label("possible-causes", lang), columns, cause_rows))
        sections.append(Section(label("sources", lang), ("", ""), source_rows, fields=True))
    if explain:
        for item in shown:
            lines = [f"{_points_label(kb, part, lang)}: {part.points:+.1f}" for part in item.points]
            lines.append(f"{label('total', lang)}: {item.score:+.1f}")
            title = label("how-scored", lang).format(name=item.cause.name.get(lang))
            sections.append(Section(title, ("", ""), [("", _bullets(lines))], fields=True))
    return View(data=data, sections=sections, notes=[*_closing(lang)])


def possible_cause_json(item: PossibleCause, rank: int, kb: KnowledgeBase, lang: Lang) -> dict[str, Any]:
    """A cause ``assess`` ranks: its summary, its rank and score, and the points behind the score."""
    return {
        **cause_summary_json(item.cause, kb, lang),
        "rank": rank,
        "score": item.score,
        "care": _care_json(item.cause),
        "fits": [_points_json(part) for part in item.fitting],
        "does_not_fit": [_points_json(part) for part in item.unfitting],
        "points": [_points_json(part) for part in item.points],
        "score_sources": _cause_sources(item.cause),
    }


def _cause_sources(cause: Cause) -> list[str]:
    """The sources of a cause's typical picture, its care and its prevalence: what its rank rests on."""
    care = cause.care.sources if cause.care else ()
    return list(dict.fromkeys((*cause.features.sources, *care, *cause.prevalence_sources)))


def _answer_json(value: object) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, int) or value is None:
        return value
    return str(value)


def _points_json(part: PossibleCausePoints) -> dict[str, Any]:
    return {"question": part.question, "answers": list(part.answers), "points": part.points}


def _points_label(kb: KnowledgeBase, part: PossibleCausePoints, lang: Lang) -> str:
    if part.question == "prevalence":
        return f"{label('prevalence', lang)}: {term(part.answers[0], lang)}"
    return _points_text(kb, part, lang)


def _points_text(kb: KnowledgeBase, part: PossibleCausePoints, lang: Lang) -> str:
    """An answer as the person gave it, with what it answered: "Where: Lower back", "Age 45",
    "Warning sign: Losing weight without trying"."""
    assert kb.assessment is not None
    if part.question == "age":
        if part.answers[0] == NOT_SURE:
            return label("age-unknown", lang)
        return label("age", lang).format(age=part.answers[0]) if part.answers[0] else label("age-band", lang)
    if part.question in ("red-flags", "requires"):
        texts = {flag.id: flag.sign.get(lang) for flag in kb.red_flags}
        texts.update({group.id: group.name.get(lang) for group in kb.red_flag_groups})
        key = "warning-sign" if part.question == "red-flags" else "answered-yes"
        return f"{label(key, lang)}: {join((texts.get(item, item) for item in part.answers), lang)}"
    question = kb.assessment.question(part.question)
    if question is None:
        return join(part.answers, lang)
    names = {choice.id: choice.text.get(lang) for choice in question.choices}
    from backpain_cli.assessment import NONE_TEXT

    names.update({"none": NONE_TEXT.get(lang)})
    answers = join((names.get(answer, answer) for answer in part.answers), lang)
    return f"{question.label.get(lang)}: {answers}" if question.label else answers


def _unsure_action(flag: RedFlag, lang: Lang) -> str:
    return label("unsure-action", lang).format(action=label(f"{flag.urgency}-action", lang))


def sources_view(kb: KnowledgeBase) -> View:
    data = []
    rows: list[Sequence[Cell]] = []
    for source in kb.sources:
        data.append(source_json(source))
        where = source.url or (f"shared/seeds/{source.file}" if source.file else "")
        dates = (
            f"{source.year or 'date not shown'}; checked {source.checked}" if source.checked else str(source.year or "")
        )
        rows.append((source.id, f"{source.publisher}: {source.title}", source.kind, where, dates))
    columns = ["id", "Publisher: title", "Kind", "Where (address or seed file)", "Published; checked"]
    return View(data={"sources": data}, sections=[Section("Sources", columns, rows)])


def topics_view(kb: KnowledgeBase, key: str, title: Text, lang: Lang) -> View:
    """Risk factors, prevention, straining activities, pain types, or diagnostic tests."""
    rows: list[Sequence[Cell]] = []
    data = []
    if key == "tests":
        for test in kb.tests:
            details = [
                *(f"+ {f.text.get(lang)}" for f in test.can_show),
                *(f"− {f.text.get(lang)}" for f in test.cannot_show),
            ]
            rows.append((test.id, test.name.get(lang), test.summary.text.get(lang), "\n".join(details)))
            data.append(
                {
                    "id": test.id,
                    **_text_json("name", test.name, lang),
                    "summary": fact_json(test.summary, lang),
                    "can_show": _facts_json(test.can_show, lang),
                    "cannot_show": _facts_json(test.cannot_show, lang),
                    "sources": list(test.sources),
                }
            )
    else:
        for topic in kb.topics[key]:
            rows.append((topic.id, topic.name.get(lang), topic.summary.text.get(lang), _facts(topic.details, lang)))
            data.append(
                {
                    "id": topic.id,
                    **_text_json("name", topic.name, lang),
                    "summary": fact_json(topic.summary, lang),
                    "details": _facts_json(topic.details, lang),
                    "causes": _cause_refs(kb, topic.causes, lang),
                    "sources": list(topic.sources),
                }
            )
    columns = [label("id", lang), label("name", lang), label("summary", lang), label("details", lang)]
    return View(
        data={"topic": key, "items": data, **advice_fields(lang)},
        sections=[Section(title.get(lang), columns, rows)],
        notes=[*_closing(lang)],
    )


def validation_view(kb: KnowledgeBase) -> View:
    counts = {
        "sources": len(kb.sources),
        "categories": len(kb.categories),
        "causes": len(kb.causes),
        "treatments": len(kb.treatments),
        "red_flags": len(kb.red_flags),
        "tests": len(kb.tests),
        **{key: len(items) for key, items in kb.topics.items()},
    }
    summary = ", ".join(f"{count} {key.replace('_', ' ')}" for key, count in counts.items())
    return View(
        data={"valid": True, "path": kb.path, "counts": counts, "problems": []},
        notes=[f"OK: {kb.path} is valid ({summary})."],
    )


def invalid_view(path: str, problems: Sequence[str], message: str) -> View:
    """``validate --format json`` on a file that fails: its problems, and the error as every failure has it."""
    return View(
        data={
            "valid": False,
            "path": path,
            "counts": None,
            "problems": list(problems),
            "error": {"code": "invalid-knowledge-base", "message": message, "suggestions": []},
        }
    )


def write_error(message: str, *, file: IO[str] | None = None) -> None:
    """``Error: ...`` lines on stderr, plain, with nothing from the message able to steer the terminal."""
    out = file or sys.stderr
    out.write(_for_terminal("".join(f"Error: {clean(line)}\n" for line in message.splitlines() or [""]), out))
    out.flush()


def write_message(message: str, *, file: IO[str] | None = None) -> None:
    out = file or sys.stderr
    out.write(_for_terminal(clean(message), out) + "\n")
    out.flush()
