"""Start-up cost of each command against the import floor, measured side by side.

Run from the project's virtual environment:  python benchmarks/startup.py [--pairs N] [--write FILE]

For each command, the import floor (``python -c "import typer, rich.console, rich.table,
rapidfuzz.process"``) and the command are run alternately, after a warm-up, so that both see
the same machine load; the report gives both medians and their ratio.

Against the peer: where the Python tldr client is installed (``pip install -e ".[benchmark]"``), it
renders a local page (``tldr --render PAGE``, no network) alternately with ``backpain search sciatica``
in plain and table form, and the report gives their ratios to it.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = [sys.executable, "-c", "import typer, rich.console, rich.table, rapidfuzz.process"]
# The same imports handled as backpain_cli.entry handles a command: collector off, heap frozen on the
# way out. The floor above pays for a full collection at shutdown that the command skips, so this
# second floor shows what the command's own work costs.
GC_FLOOR = [
    sys.executable,
    "-c",
    "import gc; gc.disable(); import typer, rich.console, rich.table, rapidfuzz.process; gc.freeze()",
]
BARE = [sys.executable, "-c", "pass"]
COMMANDS = {
    "backpain search sciatica": ["search", "sciatica"],
    "backpain list": ["list"],
    "backpain show sciatica": ["show", "sciatica"],
    "backpain redflags": ["redflags"],
    "backpain search sciatica --format plain": ["search", "sciatica", "--format", "plain"],
    "backpain search sciatica --format json": ["search", "sciatica", "--format", "json"],
    "backpain --help": ["--help"],
    "backpain --version": ["--version"],
}
# The targets of issue #16, as ratios to the import floor: a command that prints a Rich table, and
# one that needs no Rich at all (plain text, JSON, help, version).
TABLE_TARGET = 1.05
PLAIN_TARGET = 0.75


def target(label: str) -> float:
    plain = any(mark in label for mark in ("--format plain", "--format json", "--help", "--version"))
    return PLAIN_TARGET if plain else TABLE_TARGET


# The peer's page, a short one as tldr pages are, and the target against it (issue #16).
TLDR_PAGE = "# tar\n\n> Archiving utility.\n\n- Create an archive from files:\n\n`tar cf {{target.tar}} {{file1}}`\n"
PEER_TARGET = 1.0


def entry_point() -> list[str]:
    script = Path(sys.executable).with_name("backpain")
    return [str(script)] if script.exists() else [sys.executable, "-m", "backpain_cli"]


def once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def measure(pairs: int) -> tuple[list[tuple[str, float, float, float]], float]:
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("BACKPAIN_KB", None)
    base = entry_point()
    # pip byte-compiles an installed wheel; an editable checkout under PYTHONDONTWRITEBYTECODE
    # would otherwise recompile the package on every run and measure the compiler.
    package = Path(__file__).resolve().parent.parent / "backpain_cli"
    compileall.compile_dir(str(package), quiet=1)
    for _ in range(3):  # warm the file cache and the byte-code cache
        once(FLOOR, env)
        once([*base, "list"], env)
    bare = statistics.median(once(BARE, env) for _ in range(pairs))
    rows = []
    for label, args in COMMANDS.items():
        floor_times, gc_floor_times, command_times = [], [], []
        for _ in range(pairs):
            floor_times.append(once(FLOOR, env))
            command_times.append(once(base + args, env))
            gc_floor_times.append(once(GC_FLOOR, env))
        rows.append(
            (
                label,
                statistics.median(floor_times),
                statistics.median(command_times),
                statistics.median(gc_floor_times),
            )
        )
    return rows, bare


def measure_peer(pairs: int) -> list[tuple[str, float, float]] | None:
    """Median times of ``tldr --render PAGE`` and of two searches, run alternately; None without tldr."""
    tldr = shutil.which("tldr", path=str(Path(sys.executable).parent)) or shutil.which("tldr")
    if tldr is None:
        return None
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("BACKPAIN_KB", None)
    base = entry_point()
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "tar.md"
        page.write_text(TLDR_PAGE, encoding="utf-8")
        peer_run = [tldr, "--render", str(page)]
        runs = {
            "backpain search sciatica --format plain": [*base, "search", "sciatica", "--format", "plain"],
            "backpain search sciatica": [*base, "search", "sciatica"],
        }
        for _ in range(3):
            once(peer_run, env)
        rows = []
        for label, argv in runs.items():
            peer_times, times = [], []
            for _ in range(pairs):
                peer_times.append(once(peer_run, env))
                times.append(once(argv, env))
            rows.append((label, statistics.median(times), statistics.median(peer_times)))
    return rows


def report_peer(rows: list[tuple[str, float, float]] | None) -> str:
    if rows is None:
        return '\nThe Python tldr client is not installed (`pip install -e ".[benchmark]"`): no peer comparison.\n'
    lines = [
        "",
        "Against the peer, the Python tldr client rendering a local page (`tldr --render PAGE`), run alternately:",
        "",
        "| command | median | `tldr --render` (same run) | ratio | target |",
        "|---|---:|---:|---:|---|",
    ]
    for label, command, peer in rows:
        target = (
            f"≤ {PEER_TARGET} " + ("met" if command / peer <= PEER_TARGET else "missed") if "plain" in label else ""
        )
        lines.append(
            f"| `{label}` | {command * 1000:.0f} ms | {peer * 1000:.0f} ms | {command / peer:.2f} | {target} |"
        )
    return "\n".join(lines) + "\n"


def report(rows: list[tuple[str, float, float, float]], bare: float, pairs: int) -> str:
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; {pairs} alternating runs of each command and both floors "
        "after a warm-up.",
        f"`python -c pass`: {bare * 1000:.0f} ms.",
        "",
        "| command | median | import floor (same run) | ratio | target | floor, same GC handling | ratio |",
        "|---|---:|---:|---:|---|---:|---:|",
    ]
    for label, floor, command, gc_floor in rows:
        verdict = "met" if command / floor <= target(label) else "missed"
        lines.append(
            f"| `{label}` | {command * 1000:.0f} ms | {floor * 1000:.0f} ms | {command / floor:.2f} | "
            f"≤ {target(label)} {verdict} | {gc_floor * 1000:.0f} ms | {command / gc_floor:.2f} |"
        )
    lines += [
        "",
        'The import floor is `python -c "import typer, rich.console, rich.table, rapidfuzz.process"`. '
        "The command turns the cyclic garbage collector off and freezes the heap before it exits "
        "(`backpain_cli/entry.py`), which spares it the full collection that the floor pays for at "
        "shutdown; the last two columns compare it with the same imports handled the same way, "
        "which leaves only the command's own work. Targets (issue #16): a command that prints a table "
        f"at most {TABLE_TARGET} times the floor; plain text, JSON, help and version, which need no Rich, "
        f"at most {PLAIN_TARGET} times.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=15, help="alternating runs per command (default 15)")
    parser.add_argument("--write", type=Path, help="also write the Markdown report to this file")
    options = parser.parse_args()
    rows, bare = measure(options.pairs)
    text = report(rows, bare, options.pairs) + report_peer(measure_peer(options.pairs))
    print(text, end="")
    if options.write:
        options.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
