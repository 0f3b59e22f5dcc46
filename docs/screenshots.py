"""Write SVG screenshots of the main commands, rendered by the real app at a fixed width.

Run:  python docs/screenshots.py   (writes docs/*.svg; the README shows them)
"""

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.text import Text  # noqa: E402

from backpain_cli import render  # noqa: E402
from backpain_cli.knowledge_base import load_knowledge_base  # noqa: E402
from backpain_cli.search import build_search_index, find_cause, rank_causes  # noqa: E402
from backpain_cli.triage import order_questions  # noqa: E402

WIDTH = 110


def shoot(name: str, command: str, view: render.View) -> None:
    console = Console(record=True, width=WIDTH, file=io.StringIO(), force_terminal=True, color_system="truecolor")
    console.print(Text(f"$ {command}", style="bold green"))
    console.print(render.table_renderable(view))
    console.save_svg(str(ROOT / "docs" / f"{name}.svg"), title=command)


def main() -> None:
    kb = load_knowledge_base(ROOT / "data" / "knowledge_base.json")
    index = build_search_index(kb)
    query = "pain shooting down my leg"
    shoot("search", f"backpain search {query}", render.search_view(query, rank_causes(index, query), kb, "en"))
    shoot("redflags", "backpain redflags", render.red_flags_view(kb, order_questions(kb)[:12], "en"))
    shoot("show-ar", "backpain show sciatica --lang ar", render.cause_view(find_cause(kb, "sciatica"), kb, "ar"))
    category = kb.category_by_id["inflammatory"]
    shoot(
        "list",
        "backpain list --category inflammatory",
        render.causes_view(kb.causes_in("inflammatory"), kb, "en", category.name.en),
    )


if __name__ == "__main__":
    main()
