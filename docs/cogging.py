"""Helpers for cog: the examples and --help of README.md and docs/*.md, produced by the real app at a fixed width.

Regenerate every block with:  .venv/bin/cog -r README.md docs/*.md
"""

import json
import os
from pathlib import Path
from typing import Any

import typer.main
from typer.testing import CliRunner

from backpain_cli.cli import app
from backpain_cli.knowledge_base import load_knowledge_base

ROOT = Path(__file__).resolve().parent.parent
ENV = {
    "COLUMNS": "100",
    "LANG": "C.UTF-8",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "BACKPAIN_KB": str(ROOT / "data" / "knowledge_base.json"),
}


def run(
    *args: str,
    input: str | None = None,
    shown: str | None = None,
    max_lines: int | None = None,
    questions_first: bool = False,
) -> str:
    """A fenced block with the command line and what it prints (stdout, then stderr; or the
    questions on stderr first, as a terminal shows a check)."""
    saved = {key: os.environ.pop(key, None) for key in ("FORCE_COLOR", "LC_ALL")}
    try:
        result = CliRunner().invoke(app, list(args), input=input, env=ENV, prog_name="backpain")
    finally:
        for key, value in saved.items():
            if value is not None:
                os.environ[key] = value
    output = result.stderr + result.stdout if questions_first else result.stdout + result.stderr
    lines = [line.rstrip() for line in output.rstrip("\n").splitlines()]
    if max_lines is not None and len(lines) > max_lines:
        lines = [*lines[:max_lines], f"... ({len(lines) - max_lines} more lines)"]
    command = shown or "backpain " + " ".join(_quote(arg) for arg in args)
    status = f"\n$ echo $?\n{result.exit_code}" if result.exit_code else ""
    return "```console\n$ " + command + "\n" + "\n".join(lines) + status + "\n```\n"


def command_names() -> list[str]:
    """Every command the app offers, in its own order (hidden ones left out)."""
    group = typer.main.get_command(app)
    assert hasattr(group, "commands")
    return [name for name, command in group.commands.items() if not command.hidden]


def command_list() -> str:
    """One line per command, its help's first sentence and a link to its section in docs/commands.md."""
    group = typer.main.get_command(app)
    assert hasattr(group, "commands")
    out = []
    for name in command_names():
        first = " ".join((group.commands[name].help or "").split("\n\n")[0].split())
        out.append(f"- [`backpain {name}`](docs/commands.md#backpain-{name}): {first}")
    return "\n".join(out) + "\n"


def _quote(arg: str) -> str:
    return f'"{arg}"' if (" " in arg or not arg) else arg


def causes_by_category() -> str:
    """The README's list of every cause, grouped by category, from the data."""
    kb = load_knowledge_base(ROOT / "data" / "knowledge_base.json")
    out = []
    for category in kb.categories:
        causes = kb.causes_in(category.id)
        out.append(
            f"- **{category.name.en}** ({category.name.ar}; `{category.id}`, {len(causes)}): {category.description.en}"
        )
        out.extend(f"  - `{c.id}`: {c.name.en} ({c.name.ar})" for c in causes)
    return "\n".join(out) + "\n"


def sources_list() -> str:
    """The clinical sources; those of the emergency-number table are counted, not listed."""
    kb = load_knowledge_base(ROOT / "data" / "knowledge_base.json")
    numbers = {source for entry in kb.emergency_numbers for source in entry.sources}
    out = []
    for source in kb.sources:
        if source.id in numbers:
            continue
        where = f" (`shared/seeds/{source.file}`)" if source.file else ""
        out.append(f"- `{source.id}`: {source.publisher}, *{source.title}*{where}")
    out.append(
        f"- and {len(numbers)} sources for the emergency numbers of {len(kb.emergency_numbers)} regions "
        "(`backpain sources`)"
    )
    return "\n".join(out) + "\n"


def counts() -> str:
    kb = load_knowledge_base(ROOT / "data" / "knowledge_base.json")
    data = {
        "causes": len(kb.causes),
        "categories": len(kb.categories),
        "treatments": len(kb.treatments),
        "red flags": len(kb.red_flags),
        "tests": len(kb.tests),
        "sources": len(kb.sources),
        **{key.replace("_", " "): len(items) for key, items in kb.topics.items()},
    }
    return ", ".join(f"{n} {key}" for key, n in data.items())


def include(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def _cells(path: str, starts: str) -> list[str]:
    """The cells of the first table row of a benchmark's report that starts with ``starts``."""
    line = next(line for line in include(path).splitlines() if line.startswith(starts))
    return [cell.strip() for cell in line.strip("|").split("|")]


def _percent(cell: str) -> str:
    return cell.replace("*", "").split(" ")[0]


def figures() -> str:
    """The held-out figures of the three quality benchmarks, as the README's table, read from their reports."""
    signs = _cells("benchmarks/warning_signs.md", "| all |")  # the first "all" row is the held-out table's
    texts = signs[1]
    search = _cells("benchmarks/search_quality.md", "| heldout | **all causes** |")
    assess = _cells("benchmarks/assess_vignettes.md", "| heldout |")
    rows = [
        ("Warning signs in free text: emergency recall", f"{texts} texts", _percent(signs[2]), "≥ 98%"),
        ("Warning signs in free text: urgent recall", f"{texts} texts", _percent(signs[4]), "≥ 95%"),
        ("Warning signs in free text: false alarms", f"{texts} texts", _percent(signs[5]), "≤ 3%"),
        (
            "Search: right cause first / in the top three",
            f"{search[2]} real queries",
            f"{_percent(search[3])} / {_percent(search[4])}",
            "≥ 85% / 95%",
        ),
        (
            "`assess`: accepted cause first / in the top three",
            f"{assess[1]} vignettes",
            f"{assess[2]} / {assess[3]}",
            "≥ 70% / 90%",
        ),
        ("`assess`: a case with a warning sign never sent to self-care", f"{assess[1]} vignettes", assess[5], "100%"),
    ]
    lines = ["| held out, never tuned on | on | measured | target |", "|---|---|---:|---:|"]
    lines += [f"| {what} | {on} | {value} | {target} |" for what, on, value, target in rows]
    return "\n".join(lines) + "\n"


def json_example(*args: str, keep: int = 1) -> str:
    """JSON output with long lists cut to their first items, for reading."""
    result = CliRunner().invoke(app, list(args), env=ENV)
    data = json.loads(result.stdout)
    for key, value in data.items():
        if isinstance(value, list) and len(value) > keep:
            data[key] = value[:keep]
    return (
        "```console\n$ backpain " + " ".join(args) + "\n" + json.dumps(data, ensure_ascii=False, indent=2) + "\n```\n"
    )


def json_schemas() -> str:
    """One line per shipped JSON Schema: the file, the output it describes, and what that output is."""
    folder = ROOT / "backpain_cli" / "schemas"
    out = []
    for path in sorted(folder.glob("*.json"), key=lambda path: (path.stem in ("definitions", "error"), path.stem)):
        schema = json.loads(path.read_text(encoding="utf-8"))
        out.append(f"- [`{path.name}`](../backpain_cli/schemas/{path.name}): {schema['description']}")
    return "\n".join(out) + "\n"


def json_models() -> str:
    """One line per shared model of definitions.json that a command prints (not the ``*_fields`` bases)."""
    schema = json.loads((ROOT / "backpain_cli" / "schemas" / "definitions.json").read_text(encoding="utf-8"))
    out = []
    for name, model in schema["$defs"].items():
        if name.endswith("_fields") or "description" not in model:
            continue
        fields = _fields(schema["$defs"], model)
        listed = f" Fields: {', '.join(f'`{field}`' for field in fields)}." if fields else ""
        out.append(f"- `{name}`: {model['description']}{listed}")
    return "\n".join(out) + "\n"


def _fields(defs: dict[str, Any], model: dict[str, Any]) -> list[str]:
    """A model's fields in order, its base's first."""
    fields: list[str] = []
    ref = model.get("$ref", "")
    if ref.startswith("#/$defs/"):
        fields += _fields(defs, defs[ref.removeprefix("#/$defs/")])
    return fields + [field for field in model.get("properties", {}) if field not in fields]
