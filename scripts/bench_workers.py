"""Time ``ingest`` with one worker against several, and in-process against isolated.

Generates N plans (corpus texts with varied numbers, dates and a filler paragraph,
so no two share a hash), then ingests them into fresh databases:

* ``in-process``: workers=1 with isolation off (no time or memory limit possible);
* ``workers=1``: one supervised worker process (the default: limits enforced);
* ``workers=K``: K supervised worker processes.

Usage::

    python scripts/bench_workers.py --docs 300 --workers 1 2 --repeat 2

Prints seconds and documents per second for each setting, and the speed-up of
each setting over ``workers=1``. Numbers on a shared machine vary between runs:
use ``--repeat`` and read the best time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.ingest import ingest  # noqa: E402
from pipeline.limits import Limits  # noqa: E402
from pipeline.store import open_db  # noqa: E402


def make_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    sources = sorted((ROOT / "corpus" / "realdocs").glob("*.txt"))
    sources += sorted((ROOT / "corpus" / "seeds").glob("*/source.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n in range(count):
        text = texts[n % len(texts)]
        header = f"Số: {100 + n}/KH-UBND\nngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm {rng.randint(2020, 2025)}\n"
        path = folder / f"plan-{n:04d}.txt"
        path.write_text(header + text, encoding="utf-8")
        files.append(path)
    return files


def run(folder: Path, workers: int, isolate: bool) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        started = time.perf_counter()
        report = ingest(db, [folder], workers=workers, limits=Limits(isolate=isolate))
        seconds = time.perf_counter() - started
        db.conn.close()
    done = report.count("ingested") + report.count("partial")
    return seconds, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-in-process", action="store_true", help="Skip the in-process run.")
    parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
    args = parser.parse_args()

    settings = [] if args.no_in_process else [("in-process", 1, False)]
    settings += [(f"workers={w}", w, True) for w in args.workers]
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "plans"
        make_corpus(folder, args.docs)
        for name, workers, isolate in settings:
            times = []
            for _ in range(args.repeat):
                seconds, done = run(folder, workers, isolate)
                if done != args.docs:
                    raise SystemExit(f"{name}: only {done} of {args.docs} documents ingested")
                times.append(seconds)
            best = min(times)
            results[name] = {"seconds": round(best, 2), "docs_per_second": round(args.docs / best, 1),
                             "runs": [round(t, 2) for t in times]}
    base = results.get("workers=1", {}).get("seconds")
    for row in results.values():
        row["speedup_vs_workers_1"] = round(base / row["seconds"], 2) if base else None
    if args.json:
        print(json.dumps({"docs": args.docs, "cpus": len(os.sched_getaffinity(0)), "results": results}, indent=2))
        return
    print(f"{args.docs} documents, {len(os.sched_getaffinity(0))} CPUs")
    for name, row in results.items():
        print(f"  {name:<12} {row['seconds']:>7.2f} s  {row['docs_per_second']:>6.1f} docs/s  "
              f"x{row['speedup_vs_workers_1']} vs workers=1   runs {row['runs']}")


if __name__ == "__main__":
    main()
