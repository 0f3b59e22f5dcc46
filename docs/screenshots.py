"""Write SVG screenshots of the main commands, rendered by the real app at a fixed width.

Run:  python docs/screenshots.py           (writes docs/*.svg; README.md and docs/commands.md show them)
      python docs/screenshots.py --check   (exit 1 if a committed screenshot no longer matches the app)
"""

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.text import Text  # noqa: E402

from backpain_cli import assessment, render  # noqa: E402
from backpain_cli.knowledge_base import KnowledgeBase, RedFlag, load_knowledge_base  # noqa: E402
from backpain_cli.search import build_search_index, find_cause, rank_causes  # noqa: E402
from backpain_cli.triage import order_questions  # noqa: E402

WIDTH = 110


def shoot(command: str, view: render.View) -> str:
    """The SVG of a command's output, as the docs show it."""
    console = Console(record=True, width=WIDTH, file=io.StringIO(), force_terminal=True, color_system="truecolor")
    console.print(Text(f"$ {command}", style="bold green"))
    visual = "--bidi on" in command  # as a terminal without bidi support shows it
    table = render.table_renderable(view)
    console.print(render.Visual(table) if visual else table)
    svg = console.export_svg(title=command)
    if visual:  # a browser would run the bidi algorithm once more: draw each character where it stands
        svg = svg.replace("<style>", "<style>\n    text { unicode-bidi: bidi-override; direction: ltr; }", 1)
    return svg


ASSESS_ARGS = [
    *("--age", "45", "--sex", "male", "--began", "lifting-or-twisting", "--with", "none"),
    *("--duration", "days", "--recurrence", "first-time", "--where", "lower-back,buttock"),
    *("--worse", "bending,movement", "--better", "rest", "--red-flags", "none", "--limit", "3"),
]


def _assess_view(kb: KnowledgeBase) -> render.View:
    """The screen ``backpain assess`` draws for the answers in ASSESS_ARGS."""
    options = dict(zip(ASSESS_ARGS[0::2], ASSESS_ARGS[1::2], strict=True))
    given: dict[str, object] = {"age": 45, **assessment.answers_from_red_flags(kb, [])}
    for option, value in options.items():
        question = kb.assessment.question(option[2:]) if kb.assessment else None
        if question is not None:
            given[question.id] = assessment.check_choices(question, value.split(","))
    result = assessment.verdict(kb, given)
    ranked = assessment.rank_possible_causes(kb, given)
    advice = assessment.advise(kb, result, ranked, given)
    code = assessment.exit_code(result, advice)
    return render.assessment_view(kb, result, ranked, advice, given, "en", code=code, limit=3)


def _emergency_rows(kb: KnowledgeBase) -> list[RedFlag]:
    """Every emergency sign, and the first urgent one to show the next tier's colour."""
    flags = order_questions(kb)
    emergency = [flag for flag in flags if flag.urgency == "emergency"]
    return [*emergency, *[flag for flag in flags if flag.urgency == "urgent"][:1]]


def screenshots() -> dict[Path, str]:
    """Each screenshot's file and the SVG the app draws for it now."""
    kb = load_knowledge_base(ROOT / "data" / "knowledge_base.json")
    index = build_search_index(kb)
    query = "pain shooting down my leg"
    category = kb.category_by_id["inflammatory"]
    shots = {
        "search": (f"backpain search {query}", render.search_view(query, rank_causes(index, query), kb, "en")),
        "redflags": ("backpain redflags", render.red_flags_view(kb, _emergency_rows(kb), "en")),
        "show-ar": (
            "backpain --bidi on show sciatica --lang ar",
            render.cause_view(find_cause(kb, "sciatica"), kb, "ar"),
        ),
        "list": (
            "backpain list --category inflammatory",
            render.causes_view(kb.causes_in("inflammatory"), kb, "en", category.name.en),
        ),
        "assess": (f"backpain assess {' '.join(ASSESS_ARGS)}", _assess_view(kb)),
    }
    return {ROOT / "docs" / f"{name}.svg": shoot(command, view) for name, (command, view) in shots.items()}


def stale() -> list[Path]:
    """The committed screenshots that differ from what the app draws now."""
    return [path for path, svg in screenshots().items() if not path.exists() or path.read_text(encoding="utf-8") != svg]


def main() -> None:
    if sys.argv[1:] == ["--check"]:
        outdated = stale()
        for path in outdated:
            print(f"{path.relative_to(ROOT)} is out of date; run: python docs/screenshots.py", file=sys.stderr)
        sys.exit(1 if outdated else 0)
    for path, svg in screenshots().items():
        path.write_text(svg, encoding="utf-8")


if __name__ == "__main__":
    main()
