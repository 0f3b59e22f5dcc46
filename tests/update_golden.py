"""Write the golden files that ``tests/test_golden.py`` compares the rendered output with.

    python -m tests.update_golden            # every golden file
    python -m tests.update_golden show-json  # only those named

Run it from the project's root, in its virtual environment, after a change that is meant to change
the output; then read the diff of ``tests/golden/`` before committing. This script is the only
thing that writes the files: the test only compares, so no run of the tests can pass by comparing a
file with itself. Both render through ``render`` below, with the same environment.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner, Result

from backpain_cli.cli import app

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden"
MINI_KB = HERE / "data" / "mini_kb.json"

# Each golden file: the command's arguments and the terminal width, always on the small test knowledge base.
CASES: dict[str, tuple[list[str], str]] = {
    "search-table-80": (["search", "slipped", "disc"], "80"),
    "search-table-40": (["search", "slipped", "disc"], "40"),
    "search-plain": (["search", "slipped", "disc", "--format", "plain"], "80"),
    "search-json": (["search", "slipped", "disc", "--format", "json"], "80"),
    "list-table-100": (["list"], "100"),
    "list-table-ar-100": (["list", "--lang", "ar"], "100"),
    "show-table-80": (["show", "herniated-disc"], "80"),
    "show-plain": (["show", "herniated-disc", "--format", "plain"], "80"),
    "show-json": (["show", "herniated-disc", "--json"], "80"),
    "redflags-table-120": (["redflags"], "120"),
    "redflags-plain": (["redflags", "--format", "plain"], "80"),
    "categories-table-60": (["categories"], "60"),
    "treatments-json": (["treatments", "--json"], "80"),
    "verdict-table-80": (["redflags", "--check", "--yes", "fever"], "80"),
}

# The environment of every rendering: none of the user's settings (None removes a variable), a UTF-8
# locale, no colour. The cache folder is the caller's: the tests' own, or a temporary one below.
_ENVIRONMENT: dict[str, str | None] = {
    "BACKPAIN_CACHE": None,
    "BACKPAIN_REGION": None,
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "FORCE_COLOR": None,
    "NO_COLOR": None,
    "LANG": "C.UTF-8",
    "TERM": "dumb",
}


def path_of(name: str) -> Path:
    return GOLDEN / f"{name}.txt"


def render(name: str) -> Result:
    """Run the command of golden case ``name`` as the test and this script both see it."""
    args, width = CASES[name]
    env = {**_ENVIRONMENT, "COLUMNS": width, "BACKPAIN_KB": str(MINI_KB)}
    return CliRunner().invoke(app, args, env=env, catch_exceptions=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.update_golden", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"golden cases to write (default: all): {', '.join(CASES)}"
    )
    names = parser.parse_args(argv).names or sorted(CASES)
    unknown = [name for name in names if name not in CASES]
    if unknown:
        parser.error(f"no golden case {', '.join(unknown)}; the cases are: {', '.join(sorted(CASES))}")
    with tempfile.TemporaryDirectory(prefix="backpain-golden-cache-") as cache:
        os.environ["XDG_CACHE_HOME"] = cache  # never the user's cache
        for name in names:
            text = render(name).stdout
            path = path_of(name)
            old = path.read_text(encoding="utf-8") if path.exists() else None
            if old != text:
                path.write_text(text, encoding="utf-8")
            print(f"{'unchanged' if old == text else 'written  '} {path.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
