"""Man pages generated from the app with click-man: ``man/backpain.1`` and one per command.

Run:  python docs/manpages.py            (writes man/*.1; the wheel installs them in share/man/man1)
      python docs/manpages.py --check    (exit 1 and name the stale pages if the app has changed)
"""

import inspect
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import typer  # noqa: E402
from click_man.core import get_short_help_str  # noqa: E402
from click_man.man import ManPage  # noqa: E402

from backpain_cli.cli import app  # noqa: E402
from backpain_cli.knowledge_base import load_knowledge_base  # noqa: E402

MAN = ROOT / "man"


def _version() -> str:
    from importlib.metadata import version

    return version("backpain")


def _date() -> str:
    """The day the newest source was checked: the pages change with the content, not the clock."""
    kb = load_knowledge_base(ROOT / "data" / "knowledge_base.json")
    return max(source.checked for source in kb.sources if source.checked)


def _page(ctx: Any, version: str, date: str) -> str:
    """click-man's page for one command. Typer bundles its own click, whose options click-man's
    ``isinstance(x, click.Option)`` does not recognise, so the options are listed here."""
    page = ManPage(ctx.command_path)
    page.version = version
    page.date = date
    page.short_help = get_short_help_str(ctx.command)
    page.description = inspect.cleandoc(ctx.command.help or "")
    page.synopsis = " ".join(ctx.command.collect_usage_pieces(ctx))
    page.options = [
        record
        for param in ctx.command.params
        if param.param_type_name == "option"
        and not getattr(param, "hidden", False)
        and (record := param.get_help_record(ctx)) is not None
    ]
    commands = getattr(ctx.command, "commands", None)
    if commands:
        page.commands = [(name, get_short_help_str(command)) for name, command in commands.items()]
    return str(page)


def man_pages() -> dict[Path, str]:
    """Each page's file and its text, for ``backpain`` and every visible command."""
    command = typer.main.get_command(app)
    version, date = _version(), _date()
    pages: dict[Path, str] = {}

    def add(name: str, cli: Any, parent: Any) -> None:
        ctx = cli.context_class(cli, info_name=name, parent=parent)
        path = MAN / f"{ctx.command_path.replace(' ', '-')}.1"
        pages[path] = _page(ctx, version, date)
        for sub_name, sub in getattr(cli, "commands", {}).items():
            if not sub.hidden:
                add(sub_name, sub, ctx)

    add("backpain", command, None)
    return pages


def stale() -> list[Path]:
    return [path for path, text in man_pages().items() if not path.exists() or path.read_text("utf-8") != text]


def main() -> None:
    if "--check" in sys.argv[1:]:
        old = stale()
        for path in old:
            print(f"{path.relative_to(ROOT)} is out of date; run: python docs/manpages.py", file=sys.stderr)
        sys.exit(1 if old else 0)
    MAN.mkdir(exist_ok=True)
    pages = man_pages()
    for path in MAN.glob("*.1"):
        if path not in pages:
            path.unlink()
    for path, text in pages.items():
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
