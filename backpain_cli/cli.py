"""Typer wiring only: parse arguments, call the core, render, and map errors to exit codes."""

import copy
import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from backpain_cli import find_version, render
from backpain_cli.bidi import ENV_VAR as BIDI_ENV_VAR
from backpain_cli.errors import BackpainError, KnowledgeBaseError, NotFoundError, QueryError, UnsupportedError
from backpain_cli.knowledge_base import KB_ENV_VAR, NOT_SURE, Cause, KnowledgeBase, Lang, Text, load_knowledge_base
from backpain_cli.region import REGION_ENV_VAR, emergency_number, find_region
from backpain_cli.search import (
    SearchIndex,
    find_category,
    find_cause,
    find_red_flag,
    find_suggestions,
    find_treatment,
    general_causes,
    is_too_general,
    lead_with_signs,
    load_indexed_knowledge_base,
    rank_causes,
)
from backpain_cli.signs import elsewhere, read_signs

if TYPE_CHECKING:  # the symptom checker and the red-flag check are imported by their own commands only
    from backpain_cli import triage

# How many warning signs a search shows of each kind (the writer's; someone else's or asked about).
SIGNS_SHOWN = 3

EXAMPLES = """Examples:

\b
  backpain search sciatica
  backpain search pain shooting down my leg
  backpain list --category inflammatory
  backpain show herniated-disc --lang ar
  backpain redflags --check
  backpain assess
  backpain search slipped disc --format json
"""

EXIT_CODES_HELP = (
    "Exit status: 0 found or listed; 1 not found or bad data; 2 usage error; "
    "redflags --check and assess: 0 no red flag (assess: self-care), 3 soon (see a GP), 4 urgent, 5 emergency, "
    "6 check not finished."
)

app = typer.Typer(
    name="backpain",
    help="An offline, sourced reference on the causes of back pain, in English and Arabic. "
    "Information, not diagnosis: see a clinician about your back pain.",
    epilog=EXAMPLES + "\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=True,
    pretty_exceptions_enable=False,
)


class OutputFormat(StrEnum):
    table = "table"
    plain = "plain"
    json = "json"


class Language(StrEnum):
    en = "en"
    ar = "ar"


class BidiMode(StrEnum):
    auto = "auto"
    on = "on"
    off = "off"


class GuideTopic(StrEnum):
    risk_factors = "risk-factors"
    tests = "tests"
    prevention = "prevention"
    activities = "activities"
    pain_types = "pain-types"


GUIDE_TITLES = {
    GuideTopic.risk_factors: ("risk_factors", Text("Risk factors for back pain", "عوامل خطر ألم الظهر")),
    GuideTopic.tests: ("tests", Text("How back pain is diagnosed: tests", "كيف يُشخَّص ألم الظهر: الفحوص")),
    GuideTopic.prevention: ("prevention", Text("Preventing back pain", "الوقاية من ألم الظهر")),
    GuideTopic.activities: ("activities", Text("Activities that strain the back", "أنشطة تُجهد الظهر")),
    GuideTopic.pain_types: ("pain_types", Text("Acute and chronic back pain", "ألم الظهر الحاد والمزمن")),
}


def _complete_cause(incomplete: str) -> list[str]:
    return _complete(lambda kb: kb.cause_by_id, incomplete)


def _complete_treatment(incomplete: str) -> list[str]:
    return _complete(lambda kb: kb.treatment_by_id, incomplete)


def _complete_category(incomplete: str) -> list[str]:
    return _complete(lambda kb: [category.id for category in kb.categories], incomplete)


def _complete_red_flag(incomplete: str) -> list[str]:
    return _complete(lambda kb: [flag.id for flag in kb.red_flags], incomplete)


def _complete(ids_of: Callable[[KnowledgeBase], Iterable[str]], incomplete: str) -> list[str]:
    try:
        return [item for item in ids_of(load_knowledge_base(os.environ.get(KB_ENV_VAR))) if item.startswith(incomplete)]
    except BackpainError:
        return []


FormatOption = Annotated[
    OutputFormat,
    typer.Option(
        "--format",
        "-f",
        help="Output format: a table for people, plain lines, or JSON for scripts.",
        case_sensitive=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
LangOption = Annotated[
    Language | None,
    typer.Option(
        "--lang",
        "-l",
        help="Language of the text: en or ar. Default: en, or ar when LANG is Arabic.",
        case_sensitive=False,
    ),
]
CategoryOption = Annotated[
    str | None,
    typer.Option(
        "--category",
        "-c",
        help="Only causes in this category: its id, name, or a close spelling.",
        autocompletion=_complete_category,
    ),
]


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"backpain {find_version()}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    kb: Annotated[
        Path | None,
        typer.Option(
            "--kb",
            envvar=KB_ENV_VAR,
            help="Use this knowledge base file instead of the bundled one.",
            show_envvar=True,
            dir_okay=True,
            readable=False,  # the loader reports an unreadable file itself, with exit status 1
        ),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            help="Your country as a two-letter code (GB, US, SA, EG ...), for the emergency number every "
            f"advice screen ends with. Default: ${REGION_ENV_VAR}, else the locale's country "
            "(ar_SA.UTF-8: SA); none known: 'your local emergency number'.",
        ),
    ] = None,
    bidi: Annotated[
        BidiMode,
        typer.Option(
            "--bidi",
            envvar=BIDI_ENV_VAR,
            show_envvar=True,
            case_sensitive=False,
            help="Arabic in a terminal: 'on' joins its letters and puts each line in visual order, right to "
            "left, for terminals without bidi support; 'off' leaves that to the terminal; 'auto' is off in "
            "terminals known to do it themselves, else on. Pipes, files, plain and JSON output stay logical.",
        ),
    ] = BidiMode.auto,
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", callback=_version_callback, is_eager=True)
    ] = False,
) -> None:
    """An offline, sourced reference on the causes of back pain."""
    render.set_bidi(bidi.value)
    ctx.obj = (kb, region)


def _kb(ctx: typer.Context) -> KnowledgeBase:
    """The knowledge base, with the emergency number for the user's region set for the closing line."""
    path, region_option = ctx.find_root().obj or (None, None)
    region = find_region(region_option)
    kb = load_knowledge_base(path if path is not None else "")
    render.set_emergency(region, emergency_number(kb, region))
    return kb


def _indexed_kb(ctx: typer.Context) -> tuple[KnowledgeBase, SearchIndex]:
    """The knowledge base, as _kb gives it, and its search index (on a first run, built as it is read)."""
    path, region_option = ctx.find_root().obj or (None, None)
    region = find_region(region_option)
    kb, index = load_indexed_knowledge_base(path if path is not None else "")
    render.set_emergency(region, emergency_number(kb, region))
    return kb, index


def _lang(choice: Language | None, query: str = "") -> Lang:
    """--lang; else Arabic for a query written in Arabic (and no Latin letters); else the locale; else English."""
    if choice is not None:
        return "ar" if choice is Language.ar else "en"
    arabic = any("\u0600" <= char <= "\u06ff" for char in query)
    if arabic and not any(char.isascii() and char.isalpha() for char in query):
        return "ar"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "ar" if value.lower().startswith("ar") else "en"
    return "en"


def _format(fmt: OutputFormat, as_json: bool) -> str:
    return "json" if as_json else fmt.value


@contextmanager
def _errors(output: str) -> Iterator[None]:
    """Turn the core's errors into ``Error: ...`` on stderr (and, for --format json, an error
    document on stdout) and an exit status: 2 for input that cannot be used, else 1."""
    try:
        yield
    except BackpainError as error:
        _fail(error, output)


def _fail(error: BackpainError, output: str, status: int | None = None) -> NoReturn:
    suggestions = error.suggestions if isinstance(error, NotFoundError) else ()
    if output == "json":
        render.write_view(render.error_view(error.code, str(error), suggestions), output)
    render.write_error(str(error))
    if isinstance(error, NotFoundError) and error.shown:
        language: Lang = "ar" if error.arabic else "en"
        render.write_message(render.label("did-you-mean", language).format(render.join(error.shown, language)))
    if status is None:
        status = 2 if isinstance(error, QueryError) else 1
    raise typer.Exit(status) from None


def _interrupted(message: str, output: str) -> NoReturn:
    """Ctrl-C during the questions: say so (for --format json, also as an error document), exit 130."""
    from backpain_cli import triage

    if output == "json":
        render.write_view(render.error_view("interrupted", message.strip()), output)
    render.write_message(message)
    raise typer.Exit(triage.EXIT_INTERRUPTED) from None


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(
            help="What to look for: a cause, a symptom, a question, in English or Arabic.", metavar="QUERY..."
        ),
    ],
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            "-n",
            min=1,
            max=100,
            help="Show at most this many causes (a general query lists all common ones).",
        ),
    ] = 5,
    category: CategoryOption = None,
    lang: LangOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Find the causes that match a name, a lay term, a symptom or a question.

    Typos, spelling variants (disc/disk) and Arabic with or without diacritics are understood;
    a query in Arabic is answered in Arabic unless --lang says otherwise. A query that describes
    an emergency or urgent warning sign gets that sign and what to do first. A query too general
    for one cause ("back pain") lists the common causes and how to narrow them. Below a confidence
    threshold no cause is listed and the exit status is 1.
    """
    text = " ".join(query)
    if not text.strip():
        raise typer.BadParameter("the query is empty; type a cause, a symptom or a question", param_hint="QUERY")
    output = _format(fmt, as_json)
    with _errors(output):
        kb, index = _indexed_kb(ctx)
        category_id = find_category(kb, category).id if category else None
        reading = read_signs(kb, text)
        alerts = [found.flag for found in reading.signs[:SIGNS_SHOWN]]
        # Signs of someone else's ("my husband can't pee") or only asked about are shown apart, as theirs.
        mentioned = [(found.flag, found.about) for found in reading.mentioned[:SIGNS_SHOWN]]
        # A complaint about another body part ("sore throat", "knee sprain") is not back pain: only an
        # emergency sign in it is still shown. read_signs does the same where it reads the part, but
        # it also reads misspellings ("sprain" as "strain"), which this plain reading of the words
        # does not, so both stand.
        site = elsewhere(kb, text)
        if site:
            alerts = [flag for flag in alerts if flag.urgency == "emergency"]
            mentioned = [(flag, about) for flag, about in mentioned if flag.urgency == "emergency"]
        language = _lang(lang, text)
        if category_id is None and is_too_general(index, text):
            common = general_causes(index, text)
            source = ctx.get_parameter_source("limit")
            if source is not None and source.name != "DEFAULT":
                common = common[:limit]
            render.write_view(render.general_view(text, common, kb, language, alerts, mentioned), output)
            return
        matches = rank_causes(index, text, limit=limit, category=category_id, lang=language)
        if not matches:
            near = find_suggestions(index, text, category=category_id)
            if alerts or mentioned:  # a warning sign is an answer in itself
                render.write_view(render.search_view(text, [], kb, language, alerts, near, mentioned), output)
                return
            part = elsewhere(kb, text, symptoms=False)  # as search read it: "numb fingers" is not back pain
            if part:
                raise NotFoundError(
                    render.label("not-back", language).format(render.shorten(text), part), code="not-back-pain"
                )
            if category_id is not None and rank_causes(index, text, limit=1):
                # the words match causes, only none in this category: say so, and how to see them
                raise NotFoundError(
                    render.label("filtered-out", language).format(
                        query=render.shorten(text), category=kb.category_by_id[category_id].name.get(language)
                    ),
                    code="no-match",
                    arabic=language == "ar",
                )
            raise NotFoundError(
                render.label("no-match", language).format(render.shorten(text)),
                [m.cause.id for m in near],
                shown=[f"{m.cause.id} ({m.cause.name.get(language)})" for m in near],
                arabic=language == "ar",
                code="no-match",
            )
        matches = lead_with_signs(index, matches, [*alerts, *(flag for flag, _ in mentioned)])
        render.write_view(render.search_view(text, matches, kb, language, alerts, (), mentioned), output)


@app.command("list")
def list_causes(
    ctx: typer.Context,
    category: CategoryOption = None,
    lang: LangOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """List every cause, or those of one category."""
    output = _format(fmt, as_json)
    with _errors(output):
        kb = _kb(ctx)
        language = _lang(lang)
        causes: Sequence[Cause]
        if category:
            chosen = find_category(kb, category)
            causes, title = kb.causes_in(chosen.id), chosen.name.get(language)
        else:
            causes, title = kb.causes, render.label("causes", language)
        render.write_view(render.causes_view(causes, kb, language, title), output)


@app.command()
def categories(
    ctx: typer.Context,
    lang: LangOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """The categories of causes, what each holds, and how many causes are in it."""
    output = _format(fmt, as_json)
    with _errors(output):
        kb = _kb(ctx)
        render.write_view(render.categories_view(kb, _lang(lang)), output)


@app.command()
def show(
    ctx: typer.Context,
    cause: Annotated[str, typer.Argument(help="A cause: its id, name or an alias.", autocompletion=_complete_cause)],
    full: Annotated[
        bool,
        typer.Option("--full", help="Every section: causes, tests, codes, evidence, related causes, disagreements."),
    ] = False,
    lang: LangOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """One cause: a first screen with what it is, its main symptoms, every warning sign and its
    treatments; --full for the rest. JSON always holds everything."""
    output = _format(fmt, as_json)
    with _errors(output):
        kb = _kb(ctx)
        found = find_cause(kb, cause)
        render.write_view(render.cause_view(found, kb, _lang(lang), full=full), output)


@app.command()
def treatments(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            help="One treatment in full (id, name or alias); omit for the whole list.",
            metavar="[NAME]",
            autocompletion=_complete_treatment,
        ),
    ] = None,
    for_cause: Annotated[
        str | None,
        typer.Option(
            "--for", help="Only the treatments for this cause (id, name or alias).", autocompletion=_complete_cause
        ),
    ] = None,
    lang: LangOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Treatments, with their kind, what the evidence says, and cautions; or one treatment in full."""
    if name and for_cause:
        raise typer.BadParameter("give a treatment NAME or --for CAUSE, not both", param_hint="--for")
    output = _format(fmt, as_json)
    with _errors(output):
        kb = _kb(ctx)
        language = _lang(lang)
        if name:
            treatment = find_treatment(kb, name)
            render.write_view(render.treatment_view(treatment, kb, language), output)
            return
        cause: Cause | None = None
        if for_cause:
            cause = _cause_for_treatments(kb, for_cause)
            items, title = (
                kb.treatments_for(cause.id),
                f"{render.label('treatments', language)}: {cause.name.get(language)}",
            )
        else:
            items, title = kb.treatments, render.label("treatments", language)
        render.write_view(render.treatments_view(items, kb, language, title, cause), output)


def _cause_for_treatments(kb: KnowledgeBase, text: str) -> Cause:
    """The cause for ``--for``; a treatment's name there gets a pointer to where it is shown."""
    try:
        return find_cause(kb, text)
    except NotFoundError as not_a_cause:
        try:
            treatment = find_treatment(kb, text)
        except NotFoundError:
            raise not_a_cause from None  # the cause's own error and suggestions
        raise NotFoundError(
            f"“{render.shorten(text)}” is a treatment, not a cause: see `backpain treatments {treatment.id}`"
        ) from None


@app.command()
def redflags(
    ctx: typer.Context,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Answer a few questions (yes / no / not sure), most dangerous first, and get a verdict."
        ),
    ] = False,
    yes: Annotated[
        list[str] | None,
        typer.Option(
            "--yes",
            "-y",
            help="With --check: answer this sign yes (repeatable); all others no.",
            autocompletion=_complete_red_flag,
        ),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            help='With --check: read the answers from a JSON file, e.g. {"age": 40, "injury": "no"}; '
            "keys are age, group ids (their gate question) and red-flag ids.",
            dir_okay=False,
        ),
    ] = None,
    lang: LangOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """The red-flag checklist: warning signs that need a doctor, most urgent first.

    With --check, questions are asked one at a time (a terminal or a pipe): your age, whether the
    pain began with an injury, then one question per group of signs, and a group's own questions
    only if you answer its first one yes or not sure. An emergency answer stops the check at once.
    "Not sure" is never "no": it counts as yes. Exit status: 0 no red flag, 3 soon, 4 urgent,
    5 emergency, 6 the check was not finished, 130 interrupted.
    """
    from backpain_cli import triage

    output = _format(fmt, as_json)
    with _errors(output):
        kb = _kb(ctx)
        language = _lang(lang)
        if (yes or answers) and not check:
            raise typer.BadParameter("goes with --check", param_hint="--yes" if yes else "--answers")
        if yes and answers:
            raise typer.BadParameter("give --yes or --answers, not both", param_hint="--answers")
        if not check:
            render.write_view(render.red_flags_view(kb, triage.order_questions(kb), language), output)
            return
        if yes:
            ids = [find_red_flag(kb, item).id for item in yes]
            verdict = triage.assess(kb, triage.answers_from_ids(kb, ids))
        elif answers is not None:
            verdict = _run_check(kb, language, _read_answers(kb, answers), output)
        else:
            verdict = _run_check(kb, language, None, output)
        render.write_view(render.verdict_view(verdict, kb, language), output)
        raise typer.Exit(verdict.exit_code)


def _read_json_file(path: Path) -> Any:
    import json  # only the --answers options read JSON from the user

    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise QueryError(f"cannot read the answers file {path}: {error.strerror or error}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise QueryError(
            f"the answers file {path} is not valid JSON ({error}); fix it or answer interactively"
        ) from None


def _read_answers(kb: KnowledgeBase, path: Path) -> "dict[str, triage.Reply | None]":
    from backpain_cli import triage

    data = _read_json_file(path)
    try:
        return triage.read_answers_file(kb, data)
    except ValueError as error:
        raise QueryError(f"in the answers file {path}: {error}") from None


def _run_check(
    kb: KnowledgeBase, lang: Lang, preset: "dict[str, triage.Reply | None] | None", output: str
) -> "triage.Verdict":
    """Ask the adaptive check's questions (or take them from ``preset``) until it is over."""
    from backpain_cli import triage

    replies: dict[str, triage.Reply | None] = {}
    width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
    number = 0
    try:
        while (question := triage.next_question(kb, replies)) is not None:
            if preset is not None:
                replies[question.id] = preset.get(question.id)
                continue
            number += 1
            reply = _ask(question, f"({number})", lang, width)
            if reply is None:
                render.write_message(_wrap(render.label("input-ended", lang), width))
                return triage.assess(kb, replies, complete=False)
            replies[question.id] = reply
    except KeyboardInterrupt:
        _interrupted("\n" + _wrap(render.label("check-stopped", lang), width), output)
    if triage.is_settled(kb, replies):
        render.write_message(_wrap(render.label("emergency-stop", lang), width))
    return triage.assess(kb, replies)


def _ask(
    question: "triage.Question", counter: str, lang: Lang, width: int, *, new_group: bool = False
) -> "triage.Reply | None":
    """One question on stderr, wrapped to the terminal, asked again until the answer is clear;
    None when input ends. A group's name heads its gate, or its first sign when another answer
    answered the gate (``new_group``)."""
    import textwrap  # only the interactive check wraps

    from backpain_cli import triage

    is_age = question.kind == "age"
    hint = render.label("age-hint" if is_age else "answer-hint", lang)
    heading = ""
    if (question.kind == "gate" or new_group) and question.group is not None:
        heading = _wrap(f"— {question.group.name.get(lang)} —", width) + "\n"
    text = f"{counter} {question.text.get(lang)} [{hint}]"
    prompt = heading + "\n".join(textwrap.wrap(text, width, break_on_hyphens=False))
    for _ in range(triage.TRIES):
        render.write_message(prompt)
        line = _read_line()
        if not line:
            return None
        reply = triage.parse_age(line) if is_age else triage.parse_answer(line)
        if reply is not None:
            return reply
        again = render.label("age-again" if is_age else "answer-again", lang)
        render.write_message("\n".join(textwrap.wrap(again, width)))
    render.write_message("\n".join(textwrap.wrap(render.label("taken-as-unsure", lang), width)))
    return triage.Answer.UNSURE


def _choice_option(question_id: str, help_text: str, *, several: bool = False) -> Any:
    return typer.Option(f"--{question_id}", help=help_text, metavar="ID[,ID]" if several else "ID", show_default=False)


@app.command()
def assess(
    ctx: typer.Context,
    age: Annotated[
        str | None,
        typer.Option(
            "--age", help="Your age in years, or a band: under-20, 20-39, 40-59, 60-plus; or not-sure.", metavar="AGE"
        ),
    ] = None,
    sex: Annotated[str | None, _choice_option("sex", "female, male or not-say.")] = None,
    began: Annotated[
        str | None, _choice_option("began", "lifting-or-twisting, fall-or-injury, gradually, suddenly or not-sure.")
    ] = None,
    with_: Annotated[
        str | None,
        typer.Option(
            "--with",
            help="What comes with it, comma-separated: numbness-or-tingling, weakness, fever-or-unwell, weight-loss, "
            "bladder-or-bowel, rash, tummy-pain, pain-peeing, bleeding, other-joints; or none, not-sure.",
            metavar="ID[,ID]",
        ),
    ] = None,
    duration: Annotated[
        str | None, _choice_option("duration", "days, under-6-weeks, 6-12-weeks, over-3-months or not-sure.")
    ] = None,
    recurrence: Annotated[str | None, _choice_option("recurrence", "first-time, comes-back or not-sure.")] = None,
    where: Annotated[
        str | None,
        _choice_option(
            "where",
            "Where it hurts, comma-separated: lower-back, upper-back, between-shoulder-blades, neck, one-side, "
            "both-sides, buttock, tailbone, groin, side-or-flank, leg-above-knee, leg-below-knee, both-legs, tummy.",
            several=True,
        ),
    ] = None,
    worse: Annotated[
        str | None,
        _choice_option(
            "worse",
            "What makes it worse: bending, sitting, standing, walking, lying-down, rest, movement, "
            "coughing-or-sneezing, morning-stiffness, night; or none, not-sure.",
            several=True,
        ),
    ] = None,
    better: Annotated[
        str | None,
        _choice_option(
            "better",
            "What makes it better: sitting-or-leaning-forward, lying-down, rest, movement; or none, not-sure.",
            several=True,
        ),
    ] = None,
    red_flags: Annotated[
        str | None,
        typer.Option(
            "--red-flags",
            help="The warning signs you have, as red-flag ids (comma-separated), or none: every other sign is "
            "answered no. Without it the warning-sign questions are asked.",
            metavar="ID[,ID]|none",
            autocompletion=_complete_red_flag,
        ),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            help='Read the answers from a JSON file, e.g. {"age": 40, "began": "gradually", "where": ["lower-back"]}; '
            "keys are the options above and the ids of redflags --check.",
            dir_okay=False,
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=20, help="How many possible causes to show.")] = 5,
    explain: Annotated[bool, typer.Option("--explain", help="Show the points behind each cause's score.")] = False,
    lang: LangOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """A guided symptom checker: a few questions, the warning-sign check, then possible causes.

    Asks your age, how the pain began, what comes with it, the warning-sign questions of
    redflags --check, then how long it has lasted, where it hurts and what makes it worse or better.
    An emergency answer stops at once. "Not sure" is never "no". Answers can also be given as options
    or in a file (--answers); whatever is not given is asked. Information, not a diagnosis. Exit
    status: 0 self-care, 3 see a GP soon, 4 urgent, 5 emergency, 6 warning-sign check not finished,
    130 interrupted.
    """
    from backpain_cli import assessment, triage

    output = _format(fmt, as_json)
    with _errors(output):
        kb = _kb(ctx)
        language = _lang(lang)
        if kb.assessment is None:
            raise UnsupportedError(f"{kb.path} has no 'assessment' section; use the bundled knowledge base or add one")
        preset: dict[str, Any] = _read_assess_answers(kb, answers) if answers is not None else {}
        options = {
            "sex": sex, "began": began, "with": with_, "duration": duration,
            "recurrence": recurrence, "where": where, "worse": worse, "better": better,
        }  # fmt: skip
        for key, value in options.items():
            if value is None:
                continue
            question = kb.assessment.question(key)
            if question is None:
                raise UnsupportedError(f"this knowledge base's assessment has no '{key}' question; drop --{key}")
            try:
                preset[key] = assessment.check_choices(question, value.split(","))
            except ValueError as error:
                raise typer.BadParameter(str(error), param_hint=f"--{key}") from None
        if age is not None:
            try:
                preset[triage.AGE] = assessment.parse_age_option(age)
            except ValueError as error:
                raise typer.BadParameter(str(error), param_hint="--age") from None
        if red_flags is not None:
            items = [item.strip() for item in red_flags.split(",") if item.strip()]
            ids = [] if items == ["none"] else [find_red_flag(kb, item).id for item in items]
            preset.update(assessment.answers_from_red_flags(kb, ids))
        given, complete = _run_assessment(kb, language, preset, output)
        result = assessment.verdict(kb, given, complete=complete)
        ranked = assessment.rank_possible_causes(kb, given)
        advice = assessment.advise(kb, result, ranked, given)
        code = assessment.exit_code(result, advice)
        view = render.assessment_view(
            kb, result, ranked, advice, given, language, code=code, limit=limit, explain=explain
        )
        render.write_view(view, output)
        raise typer.Exit(code)


def _read_assess_answers(kb: KnowledgeBase, path: Path) -> dict[str, Any]:
    from backpain_cli import assessment

    data = _read_json_file(path)
    try:
        return assessment.read_answers_file(kb, data)
    except ValueError as error:
        raise QueryError(f"in the answers file {path}: {error}") from None


def _run_assessment(
    kb: KnowledgeBase, lang: Lang, preset: dict[str, Any], output: str
) -> tuple[dict[str, Any], bool | None]:
    """Ask every question not answered in ``preset`` until the assessment is over; the answers,
    and False if input ended first (None: let the check decide)."""
    from backpain_cli import assessment, triage

    given: dict[str, Any] = {}
    width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
    number = 0
    introduced = False
    last_group = ""
    try:
        while (step := assessment.next_step(kb, given)) is not None:
            if step.id in preset:
                given[step.id] = preset[step.id]
                continue
            if not introduced:
                render.write_message(_wrap(render.label("assess-intro", lang), width))
                introduced = True
            number += 1
            counter = render.label("progress", lang).format(number=number, total=_remaining(kb, given, preset, number))
            reply = (
                _ask_choice(step.question, counter, lang, width)
                if step.question is not None
                else _ask(
                    step.check or triage.Question(step.id, step.kind, step.text),
                    f"{counter}:",
                    lang,
                    width,
                    new_group=step.check is not None
                    and step.check.group is not None
                    and step.check.group.id != last_group,
                )
            )
            if reply is None:
                render.write_message(_wrap(render.label("assess-input-ended", lang), width))
                return given, False
            given[step.id] = reply
            if step.check is not None and step.check.group is not None:
                last_group = step.check.group.id
    except KeyboardInterrupt:
        _interrupted("\n" + _wrap(render.label("assess-stopped", lang), width), output)
    if triage.is_settled(kb, assessment.replies_for_check(kb, given)):
        render.write_message(_wrap(render.label("emergency-stop", lang), width))
    return given, None


def _remaining(kb: KnowledgeBase, given: dict[str, Any], preset: dict[str, Any], number: int) -> int:
    """About how many questions will be asked in all: those asked so far and those to come."""
    from backpain_cli import assessment

    to_come = assessment.count_steps(kb, {**preset, **given}) - len(set(preset) | set(given))
    return max(number, number - 1 + to_come)


def _wrap(text: str, width: int) -> str:
    import textwrap  # only interactive questions wrap

    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False))


def _ask_choice(question: Any, counter: str, lang: Lang, width: int) -> tuple[str, ...] | None:
    """A numbered list of answers on stderr, asked again until the answer is clear; None when input
    ends; "not sure" after three unclear tries."""
    from backpain_cli import assessment, triage

    options = list(assessment.menu(question))
    hint = render.label("choices-hint" if question.multi else "choice-hint", lang)
    lines = [_wrap(f"{counter}: {question.text.get(lang)} [{hint}]", width)]
    lines.extend(_wrap(f"  {number:>2}. {text.get(lang)}", width) for number, (_, text) in enumerate(options, start=1))
    prompt = "\n".join(lines)
    for _ in range(triage.TRIES):
        render.write_message(prompt)
        line = _read_line()
        if not line:
            return None
        reply = assessment.parse_choices(question, line)
        if reply is not None:
            return reply
        again = render.label("choice-again", lang).format(not_sure=len(options))
        render.write_message(_wrap(again, width))
    render.write_message(_wrap(render.label("choice-taken-as-unsure", lang), width))
    return (NOT_SURE,)


def _read_line() -> str:
    try:
        return sys.stdin.readline() if sys.stdin is not None else ""
    except (OSError, ValueError):  # stdin closed (``<&-``) or not readable: input has ended
        return ""


@app.command()
def sources(
    ctx: typer.Context,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """The documents and guidelines the knowledge base was built from."""
    output = _format(fmt, as_json)
    with _errors(output):
        render.write_view(render.sources_view(_kb(ctx)), output)


@app.command()
def guide(
    ctx: typer.Context,
    topic: Annotated[
        GuideTopic,
        typer.Argument(
            help="risk-factors, tests, prevention, activities or pain-types.", metavar="TOPIC", case_sensitive=False
        ),
    ],
    lang: LangOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Background: risk factors, diagnostic tests, prevention, straining activities, acute vs chronic."""
    output = _format(fmt, as_json)
    with _errors(output):
        kb = _kb(ctx)
        key, title = GUIDE_TITLES[topic]
        render.write_view(render.topics_view(kb, key, title, _lang(lang)), output)


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None, typer.Argument(help="The file to check; default: --kb, $BACKPAIN_KB, or the bundled one.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Check a knowledge base file and report every problem found, not just the first."""
    output = _format(fmt, as_json)
    try:
        kb = load_knowledge_base(path) if path is not None else _kb(ctx)
    except KnowledgeBaseError as error:
        if output == "json":  # the problems are the answer: the document says valid: false and lists them
            render.write_view(render.invalid_view(error.path, error.problems, str(error)), output)
        render.write_error(str(error))
        raise typer.Exit(1) from None
    with _errors(output):
        render.write_view(render.validation_view(kb), output)


# Root options that take a value: the word after them is not a command's name.
_ROOT_VALUE_OPTIONS = ("--kb", "--region", "--bidi")


def _app_for(argv: Sequence[str]) -> typer.Typer:
    """The app with only the command this run names: Typer builds a click command, with all its
    parameters, for every command it holds, and a run needs one. Root help, completion, a mistyped
    name (which Typer answers with the names it knows) and a bare ``backpain`` get them all."""
    name = _command_name(argv)
    if name is None or os.environ.get("_BACKPAIN_COMPLETE"):
        return app
    chosen = [
        info
        for info in app.registered_commands
        if (info.name or typer.main.get_command_name(getattr(info.callback, "__name__", ""))) == name
    ]
    if not chosen:
        return app
    only = copy.copy(app)
    only.registered_commands = chosen
    return only


def hoist_root_options(argv: Sequence[str]) -> list[str]:
    """``backpain search x --kb FILE`` as ``backpain --kb FILE search x``: the root options that take
    a value (--kb, --region, --bidi) are accepted after the command too, as people type them."""
    words = list(argv)
    name = _command_name(words)
    if name is None:
        return words
    at = words.index(name)
    before, after, moved = words[: at + 1], [], []
    rest = iter(words[at + 1 :])
    for word in rest:
        if word == "--":
            after += [word, *rest]
            break
        option, _, value = word.partition("=")
        if option in _ROOT_VALUE_OPTIONS and value:
            moved.append(word)
        elif word in _ROOT_VALUE_OPTIONS:
            following = next(rest, None)
            if following is None:  # no value: left where it is, for Typer to say what is missing
                after.append(word)
            else:
                moved += [word, following]
        else:
            after.append(word)
    return [*before[:at], *moved, *before[at:], *after]


def _command_name(argv: Sequence[str]) -> str | None:
    """The first word that is not a root option or its value; None if there is none, or if root
    help or the version comes first."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in _ROOT_VALUE_OPTIONS:
            skip = True
        elif word in ("--help", "--version") or word == "--":
            return None
        elif not word.startswith("-"):
            return word
    return None


def main() -> None:
    """Console entry point: run the app; a closed pipe or an unencodable character never shows a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    argv = hoist_root_options(sys.argv[1:])
    try:
        _app_for(argv)(args=argv, prog_name="backpain")
    except BrokenPipeError:
        # The reader went away (``backpain list | head -n 1``): stop quietly, as other tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(141)
