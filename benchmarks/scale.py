"""How search cost grows with the knowledge base: 1,000 to 100,000 causes generated from the real one.

Run from the project's virtual environment:  python benchmarks/scale.py [--sizes 1000,10000,100000] [--write FILE]

Each generated knowledge base repeats the bundled causes with new ids, names and aliases (so every
cause is full size), keeping the bundled categories, treatments, tests and red flags. For each
size, ``backpain search sciatica`` runs as a user runs it, in a fresh process with its own empty
cache directory: once cold (it parses, validates and indexes the file and fills the cache), then
warm several times, each warm run alternated with one on the bundled knowledge base so that the
ratio of the two medians is measured side by side. A warm run of the same code in one more
process times loading and ranking apart. Peak memory is each process's own high-water mark
(VmHWM), read as it exits.

A generated file larger than a knowledge base may be (``MAX_FILE_BYTES``: the 100,000 causes of
today's bundled knowledge base take about 590 MB) is measured with the limit raised to fit it, and
its row says so.
"""

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "knowledge_base.json"
QUERY = "sciatica"
TARGET_10K = 3.0  # 10,000 causes: at most this many times the bundled knowledge base
PEAK_MB = 60  # peak memory with the bundled knowledge base
TARGET_GROWTH = 3.0  # a warm run on 100,000 causes: at most this many times the run on 10,000
# A cold first run (seconds, megabytes) on 10,000 and on 100,000 causes, at most (issue #16).
TARGET_COLD = {10_000: (3.0, 150), 100_000: (30.0, 1024)}
# Over this many bytes a knowledge base is refused (backpain_cli.knowledge_base.MAX_FILE_BYTES).
LIMIT_ENV = "SCALE_MAX_FILE_BYTES"

# The command as the console script runs it, reporting its peak memory to a file on the way out.
COMMAND = """
import atexit, os, sys
def peak():
    try:
        with open("/proc/self/status") as status:
            line = next(line for line in status if line.startswith("VmHWM:"))
        kilobytes = int(line.split()[1])
    except (OSError, StopIteration):
        import resource
        kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(os.environ["SCALE_PEAK_FILE"], "w") as out:
        out.write(str(kilobytes))
atexit.register(peak)
sys.argv = ["backpain", *sys.argv[1:]]
if os.environ.get("SCALE_MAX_FILE_BYTES"):  # a generated file over the limit (see the docstring)
    import backpain_cli.knowledge_base
    backpain_cli.knowledge_base.MAX_FILE_BYTES = int(os.environ["SCALE_MAX_FILE_BYTES"])
from backpain_cli.entry import main
main()
"""

PARTS = """
import gc, json, os, sys, time
gc.disable()
import backpain_cli.knowledge_base
if os.environ.get("SCALE_MAX_FILE_BYTES"):
    backpain_cli.knowledge_base.MAX_FILE_BYTES = int(os.environ["SCALE_MAX_FILE_BYTES"])
from backpain_cli.knowledge_base import load_knowledge_base
from backpain_cli.search import load_search_index, rank_causes
t0 = time.perf_counter()
kb = load_knowledge_base(sys.argv[1])
t1 = time.perf_counter()
index = load_search_index(kb)
t2 = time.perf_counter()
matches = rank_causes(index, sys.argv[2], limit=5)
t3 = time.perf_counter()
print(json.dumps({"load": t1 - t0, "index": t2 - t1, "rank": t3 - t2, "matches": len(matches)}))
"""


def generate(size: int, directory: Path) -> Path:
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    originals = data["causes"]
    causes = []
    for n in range(size):
        cause = json.loads(json.dumps(originals[n % len(originals)]))
        if n >= len(originals):
            copy = n // len(originals)
            cause["id"] = f"{cause['id']}-{copy}"
            cause["name"]["en"] = f"{cause['name']['en']} variant {copy}"
            cause["aliases"] = {
                lang: [f"{alias} {copy}" for alias in names] for lang, names in cause["aliases"].items()
            }
            cause["related"] = []
        causes.append(cause)
    data["causes"] = causes
    path = directory / f"kb-{size}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def run_command(path: Path, env: dict[str, str]) -> tuple[float, float]:
    """One ``backpain search`` run: seconds and peak megabytes."""
    peak_file = Path(env["XDG_CACHE_HOME"]) / "peak"
    argv = [sys.executable, "-c", COMMAND, "search", QUERY]
    start = time.perf_counter()
    subprocess.run(
        argv,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**env, "BACKPAIN_KB": str(path), "SCALE_PEAK_FILE": str(peak_file)},
        check=True,
    )
    elapsed = time.perf_counter() - start
    return elapsed, int(peak_file.read_text()) / 1024


class Row(NamedTuple):
    label: str
    causes: int
    file_bytes: int
    cold: float  # seconds, first run on an empty cache
    cold_peak: float  # megabytes
    warm: float  # seconds, median of the warm runs
    bundled: float  # seconds, median of the bundled runs alternated with them
    peak: float  # megabytes, the largest of the warm runs
    load: float  # seconds within a warm run: the knowledge base from the cache
    index_load: float  # the search index from the cache
    rank: float  # ranking the query
    over_limit: bool  # the file is larger than a knowledge base may be: measured with the limit raised


def environment(cache: str) -> dict[str, str]:
    env = {**os.environ, "XDG_CACHE_HOME": cache, "COLUMNS": "100"}
    env.pop("BACKPAIN_CACHE", None)
    return env


def measure(path: Path, causes: int, runs: int, bundled_env: dict[str, str]) -> Row:
    """A cold run on an empty cache, then warm runs alternated with the bundled knowledge base's."""
    from backpain_cli.knowledge_base import MAX_FILE_BYTES

    over_limit = path.stat().st_size > MAX_FILE_BYTES
    with tempfile.TemporaryDirectory() as cache:
        env = environment(cache)
        if over_limit:
            env[LIMIT_ENV] = str(path.stat().st_size)
        cold, cold_peak = run_command(path, env)
        warm, bundled = [], []
        for _ in range(runs if causes <= 20_000 else max(3, runs // 3)):
            bundled.append(run_command(BUNDLED, bundled_env)[0])
            warm.append(run_command(path, env))
        out = subprocess.run(
            [sys.executable, "-c", PARTS, str(path), QUERY], capture_output=True, text=True, check=True, env=env
        )
    parts = json.loads(out.stdout)
    return Row(
        label=f"bundled ({causes})" if path == BUNDLED else f"{causes:,}",
        causes=causes,
        file_bytes=path.stat().st_size,
        cold=cold,
        cold_peak=cold_peak,
        warm=statistics.median(seconds for seconds, _ in warm),
        bundled=statistics.median(bundled),
        peak=max(peak for _, peak in warm),
        load=parts["load"],
        index_load=parts["index"],
        rank=parts["rank"],
        over_limit=over_limit,
    )


def report(rows: list[Row], runs: int) -> str:
    lines = [
        f"Scale: `backpain search {QUERY}` on generated knowledge bases. For each, one cold run fills an "
        f"empty cache, then {runs} warm runs ({max(3, runs // 3)} above 20,000 causes) alternate with "
        "runs on the bundled knowledge base; × bundled compares the two medians.",
        "",
        "| causes | file | warm command | × bundled | load | index | rank | peak memory | cold first run | cold peak |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.label}{' *' if row.over_limit else ''} | {row.file_bytes / 1e6:.1f} MB | {row.warm * 1000:,.0f} ms | "
            f"{row.warm / row.bundled:.2f} | {row.load * 1000:,.1f} ms | {row.index_load * 1000:,.1f} ms | "
            f"{row.rank * 1000:,.1f} ms | {row.peak:.0f} MB | {row.cold * 1000:,.0f} ms | {row.cold_peak:,.0f} MB |"
        )
    by_size = {row.causes: row for row in rows[1:]}
    lines.append("")
    if 10_000 in by_size:
        ratio = by_size[10_000].warm / by_size[10_000].bundled
        verdict = "met" if ratio <= TARGET_10K else "missed"
        lines.append(f"10,000 causes: {ratio:.2f} times the bundled run (target ≤ {TARGET_10K:.0f}: {verdict}).")
    if 10_000 in by_size and 100_000 in by_size:
        # Each against the bundled runs beside it, so that a change in machine load between the two cancels.
        ratio = (by_size[100_000].warm / by_size[100_000].bundled) / (by_size[10_000].warm / by_size[10_000].bundled)
        verdict = "met" if ratio <= TARGET_GROWTH else "missed"
        lines.append(
            f"100,000 causes: {ratio:.1f} times the 10,000 run (growth in proportion would be 10, quadratic 100; "
            f"target ≤ {TARGET_GROWTH:.0f}: {verdict})."
        )
    for size, (seconds, megabytes) in TARGET_COLD.items():
        if size in by_size:
            row = by_size[size]
            verdict = "met" if row.cold <= seconds and row.cold_peak <= megabytes else "missed"
            lines.append(
                f"Cold first run on {size:,} causes: {row.cold:.1f} s and {row.cold_peak:,.0f} MB "
                f"(target ≤ {seconds:.0f} s and ≤ {megabytes:,} MB: {verdict})."
            )
    if any(row.over_limit for row in rows):
        from backpain_cli.knowledge_base import MAX_FILE_BYTES

        lines.append(
            f"\\* Larger than the {MAX_FILE_BYTES // 2**20} MB a knowledge base may be (`MAX_FILE_BYTES`): "
            "measured with the limit raised to fit it."
        )
    verdict = "met" if rows[0].peak < PEAK_MB else "missed"
    lines.append(
        f"Peak memory with the bundled knowledge base: {rows[0].peak:.0f} MB (target < {PEAK_MB} MB: {verdict})."
    )
    return "\n".join(lines) + "\n"


def main() -> None:
    # pip byte-compiles an installed wheel; an editable checkout under PYTHONDONTWRITEBYTECODE
    # would otherwise recompile the package on every run and measure the compiler.
    compileall.compile_dir(str(ROOT / "backpain_cli"), quiet=1)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated cause counts")
    parser.add_argument("--runs", type=int, default=11, help="warm runs per size (median; a third above 20,000)")
    parser.add_argument("--write", type=Path, help="also write the Markdown report to this file")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as bundled_cache, tempfile.TemporaryDirectory() as tmp:
        bundled_env = environment(bundled_cache)
        run_command(BUNDLED, bundled_env)  # fills the cache that the alternated bundled runs read
        bundled_causes = len(json.loads(BUNDLED.read_text(encoding="utf-8"))["causes"])
        rows = [measure(BUNDLED, bundled_causes, options.runs, bundled_env)]
        for size in (int(size) for size in options.sizes.split(",")):
            path = generate(size, Path(tmp))
            rows.append(measure(path, size, options.runs, bundled_env))
            path.unlink()
            print(f"measured {size:,}: {rows[-1].warm:.3f} s", file=sys.stderr)
    text = report(rows, options.runs)
    print(text, end="")
    if options.write:
        options.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
