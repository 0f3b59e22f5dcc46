"""How search cost grows with the knowledge base: 1,000 to 100,000 causes generated from the real one.

Run from the project's virtual environment:  python benchmarks/scale.py [--sizes 1000,10000,100000] [--write FILE]

Each generated knowledge base repeats the bundled causes with new ids and aliases (so every cause
is full size), keeping the bundled categories, treatments, tests and red flags. For each size a
fresh process runs ``backpain search sciatica`` (the whole command, as a user sees it), and a
second fresh process times loading, building the search index and ranking separately and reports
its peak memory.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data" / "knowledge_base.json"
QUERY = "sciatica"

PROBE = """
import json, resource, sys, time
t0 = time.perf_counter()
from backpain_cli.knowledge_base import load_knowledge_base
from backpain_cli.search import build_search_index, rank_causes
t1 = time.perf_counter()
kb = load_knowledge_base(sys.argv[1])
t2 = time.perf_counter()
index = build_search_index(kb)
t3 = time.perf_counter()
matches = rank_causes(index, sys.argv[2], limit=5)
t4 = time.perf_counter()
print(json.dumps({"load": t2 - t1, "index": t3 - t2, "rank": t4 - t3, "matches": len(matches),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
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


def command_time(path: Path, runs: int) -> float:
    script = Path(sys.executable).with_name("backpain")
    argv = [str(script)] if script.exists() else [sys.executable, "-m", "backpain_cli"]
    env = {**os.environ, "BACKPAIN_KB": str(path)}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [*argv, "search", QUERY], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def probe(path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", PROBE, str(path), QUERY], capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated cause counts")
    parser.add_argument("--runs", type=int, default=5, help="command runs per size (median); 1 for the largest")
    parser.add_argument("--write", type=Path, help="also write the Markdown report to this file")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("bundled", BUNDLED)] + [(f"{size:,}", generate(size, Path(tmp))) for size in sizes]
        for label, path in targets:
            causes = len(json.loads(path.read_text(encoding="utf-8"))["causes"])
            runs = options.runs if causes <= 20_000 else 1
            rows.append((label, causes, path.stat().st_size, command_time(path, runs), probe(path)))
            print(f"measured {label}", file=sys.stderr)
    base = rows[0][3]
    lines = [
        f"Scale: `backpain search {QUERY}` on generated knowledge bases (median of {options.runs} runs; one run above 20,000 causes).",
        "",
        "| causes | file | whole command | × bundled | load + validate | build index | rank | peak memory |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, causes, size, whole, parts in rows:
        lines.append(
            f"| {label} ({causes:,}) | {size / 1e6:.1f} MB | {whole * 1000:,.0f} ms | {whole / base:.1f} | "
            f"{parts['load'] * 1000:,.0f} ms | {parts['index'] * 1000:,.0f} ms | {parts['rank'] * 1000:,.1f} ms | {parts['peak_mb']:.0f} MB |"
        )
    by_size = {causes: whole for _, causes, _, whole, _ in rows}
    if 10_000 in by_size and 100_000 in by_size:
        lines.append("")
        lines.append(f"100,000 causes cost {by_size[100_000] / by_size[10_000]:.1f} times the 10,000-cause run.")
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if options.write:
        options.write.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
