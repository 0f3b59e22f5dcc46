"""Warning-sign detection on the blind evaluation sets: recall by tier and false alarms, per language.

Run from the project's virtual environment:
    python benchmarks/warning_signs.py [--split dev|heldout|all] [--batch NAME] [--by-batch] [--write FILE] [--misses]

The sets (tests/data/signs_eval_en.json and signs_eval_ar.json) were written by helpers who never saw
the detector or its vocabulary, from NHS, NICE, GIRFT and IFOMPT guidance and from the wording of
patients' public posts, each item labelled with the signs a clinician would say it describes. Each
item is ``dev`` (tuned on) or ``heldout`` (never tuned on: its figures show how well the tuning
generalises). Items added later carry a ``batch`` name ("b6"): ``--batch b6`` measures one batch alone
(a fresh batch, measured before any tuning on it, shows how well the tuning so far generalises), and
``--by-batch`` prints one table per batch (items without one are "b0"). Measured, per language:

* emergency recall: of texts that describe an emergency sign, the share that raise an emergency sign
  as the writer's;
* emergency shown: the same share counting an emergency sign shown as someone else's or as asked
  about (``Reading.mentioned``): the screen still shows it, only framed for another person;
* urgent recall: of texts whose highest sign is urgent, the share that raise an urgent or emergency sign;
* false alarms: of texts that describe no emergency or urgent sign of the writer's (denied, long ago,
  supposed, about someone else, homonyms, ordinary back pain), the share that raise one as the
  writer's;
* right sign: of texts with a sign, the share where the first sign raised is one of those labelled.

Apart from these, ``tests/data/signs_audit.json`` holds the sentences of an adversarial audit: each
written by a helper who read the vocabulary to find a real emergency or urgent sign it would hide (an
exclusion that catches more than its idiom, a context word that reaches too far, a missing everyday
phrasing), with the sign it must raise. All of them failed when written; the report gives the share
now found as the writer's, by urgency and language (``--audit`` lists those still missed).
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backpain_cli.knowledge_base import load_knowledge_base  # noqa: E402
from backpain_cli.signs import read_signs  # noqa: E402

SETS = {"en": ROOT / "tests" / "data" / "signs_eval_en.json", "ar": ROOT / "tests" / "data" / "signs_eval_ar.json"}
TARGETS = {"emergency": 0.98, "urgent": 0.95, "false_alarms": 0.03}
RANK = {"emergency": 0, "urgent": 1, "none": 2}


def batch_of(item: dict[str, object]) -> str:
    """The batch an item came in: items from before batches were named are "b0"."""
    return str(item.get("batch", "b0"))


def batches() -> list[str]:
    """Every batch name in the sets, in order."""
    names = {batch_of(item) for path in SETS.values() for item in json.loads(path.read_text(encoding="utf-8"))}
    return sorted(names, key=lambda name: (len(name), name))


def evaluate(
    split: str = "heldout", show_misses: bool = False, batch: str | None = None
) -> dict[str, dict[str, float]]:
    """Per language (and "all"): counts and rates for the chosen split (and batch, if given)."""
    kb = load_knowledge_base(ROOT / "data" / "knowledge_base.json")
    results: dict[str, dict[str, float]] = {}
    every: list[tuple[dict[str, object], str, list[str], bool]] = []
    for lang, path in SETS.items():
        items = [
            item
            for item in json.loads(path.read_text(encoding="utf-8"))
            if split in ("all", item["split"]) and batch in (None, batch_of(item))
        ]
        rows = []
        for item in items:
            reading = read_signs(kb, str(item["text"]))
            raised = min((RANK[found.flag.urgency] for found in reading.signs), default=2)
            tier = ["emergency", "urgent", "none"][raised]
            shown = any(found.flag.urgency == "emergency" for found in (*reading.signs, *reading.mentioned))
            rows.append((item, tier, [found.flag.id for found in reading.signs], shown))
        results[lang] = _rates(rows, show_misses)
        every += rows
    results["all"] = _rates(every, False)
    return results


def _rates(rows: list[tuple[dict[str, object], str, list[str], bool]], show_misses: bool) -> dict[str, float]:
    counts = {
        "emergency": 0,
        "emergency_hit": 0,
        "emergency_shown": 0,
        "urgent": 0,
        "urgent_hit": 0,
        "none": 0,
        "false": 0,
        "signs": 0,
        "right": 0,
    }
    for item, tier, raised, shown in rows:
        want = str(item["tier"])
        labelled = set(item["signs"])  # type: ignore[call-overload]
        if want == "emergency":
            counts["emergency"] += 1
            counts["emergency_hit"] += tier == "emergency"
            counts["emergency_shown"] += tier == "emergency" or shown
        elif want == "urgent":
            counts["urgent"] += 1
            counts["urgent_hit"] += tier in ("emergency", "urgent")
        else:
            counts["none"] += 1
            counts["false"] += tier != "none"
        if want != "none":
            counts["signs"] += 1
            counts["right"] += bool(raised) and raised[0] in labelled
        missed = (want != "none" and RANK[tier] > RANK[want]) or (want == "none" and tier != "none")
        if show_misses and missed:
            print(
                f"{'ALARM' if want == 'none' else 'MISS'} [{item['id']} {item['kind']}] want {want} "
                f"{sorted(labelled)} got {raised}: {item['text']}",
                file=sys.stderr,
            )
    return {
        **{key: float(value) for key, value in counts.items()},
        "emergency_recall": counts["emergency_hit"] / max(counts["emergency"], 1),
        "emergency_shown_rate": counts["emergency_shown"] / max(counts["emergency"], 1),
        "urgent_recall": counts["urgent_hit"] / max(counts["urgent"], 1),
        "false_alarms": counts["false"] / max(counts["none"], 1),
        "right_sign": counts["right"] / max(counts["signs"], 1),
    }


AUDIT = ROOT / "tests" / "data" / "signs_audit.json"


def audit(show_misses: bool = False) -> str:
    """The adversarial audit's sentences: the share whose sign is now raised as the writer's."""
    kb = load_knowledge_base(ROOT / "data" / "knowledge_base.json")
    items = json.loads(AUDIT.read_text(encoding="utf-8"))
    found: dict[tuple[str, str], list[int]] = {}
    for item in items:
        raised = [detected.flag.id for detected in read_signs(kb, str(item["text"])).signs]
        hit = item["sign"] in raised
        for key in ((str(item["urgency"]), str(item["lang"])), (str(item["urgency"]), "all")):
            found.setdefault(key, [0, 0])[0] += hit
            found[key][1] += 1
        if show_misses and not hit:
            print(
                f"AUDIT [{item['id']} {item['urgency']}] want {item['sign']} got {raised}: {item['text']}",
                file=sys.stderr,
            )
    lines = [
        f"Adversarial audit (`{AUDIT.relative_to(ROOT)}`, {len(items)} sentences that each hid a sign when written):",
        "",
        "| urgency | en | ar | all |",
        "|---|---:|---:|---:|",
    ]
    for urgency in ("emergency", "urgent"):
        cells = []
        for lang in ("en", "ar", "all"):
            hit, total = found.get((urgency, lang), [0, 0])
            cells.append(f"{hit / total:.1%} ({hit}/{total})" if total else "")
        lines.append(f"| {urgency} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def report(split: str, results: dict[str, dict[str, float]], batch: str | None = None) -> str:
    part = f"{split} part" + (f", batch {batch}" if batch else "")
    lines = [
        f"Warning signs, {part} (`benchmarks/warning_signs.py`):",
        "",
        "| language | texts | emergency recall | emergency shown | urgent recall | false alarms | first sign labelled |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for lang, row in results.items():
        texts = int(row["emergency"] + row["urgent"] + row["none"])
        lines.append(
            f"| {lang} | {texts} | {row['emergency_recall']:.1%} ({int(row['emergency_hit'])}/{int(row['emergency'])}) "
            f"| {row['emergency_shown_rate']:.1%} "
            f"| {row['urgent_recall']:.1%} ({int(row['urgent_hit'])}/{int(row['urgent'])}) "
            f"| {row['false_alarms']:.1%} ({int(row['false'])}/{int(row['none'])}) | {row['right_sign']:.1%} |"
        )
    lines += [
        f"| target | | ≥ {TARGETS['emergency']:.0%} | | ≥ {TARGETS['urgent']:.0%} | ≤ {TARGETS['false_alarms']:.0%} | |",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="heldout")
    parser.add_argument("--write", type=Path, help="also write the held-out and development tables to this file")
    parser.add_argument("--batch", help='only the items of this batch ("b6"; "b0": items without a batch)')
    parser.add_argument("--by-batch", action="store_true", help="one table per batch")
    parser.add_argument("--misses", action="store_true", help="list each miss and false alarm on stderr")
    parser.add_argument(
        "--audit", action="store_true", help="report the adversarial audit (with --misses: list misses)"
    )
    args = parser.parse_args()
    if args.audit:
        print(audit(args.misses), end="")
        return
    if args.by_batch:
        for name in batches():
            results = evaluate(args.split, args.misses, name)
            if any(row["emergency"] + row["urgent"] + row["none"] for row in results.values()):
                print(report(args.split, results, name))
    else:
        print(report(args.split, evaluate(args.split, args.misses, args.batch), args.batch), end="")
    if args.write:  # the README's tables: held-out first, the part tuned on second
        both = report("heldout", evaluate("heldout")) + "\n" + report("dev", evaluate("dev")) + "\n" + audit()
        args.write.write_text(both, encoding="utf-8")


if __name__ == "__main__":
    main()
