"""What a plan's DOCX or PDF rendition reads differently from its text: field by field.

    python scripts/compare_renditions.py TXT OTHER [OTHER ...]
    python scripts/compare_renditions.py --folders DIR [--quiet]

The text file is the reference; every field where a rendition's record differs from
it is a reading bug in that rendition's path (reader, normalize, segment), since the
words are the same. Compared: number, doc_type, title, issued_date, place, issuer
(name, level, province, district), signer (name, position, authority), and as
multisets: references (number, date, relation), targets (indicator, value, year),
assignments (agency, role), deadlines (date, recurrence). ``--folders DIR`` compares
``DIR/*/source.txt`` with the ``source.docx`` and ``source.pdf`` beside it (as written
by scripts/render_realdocs.py) and ends with the count of differences per format.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.parse import Failed, parse_file  # noqa: E402

SCALARS = {
    "number": lambda p: p.number,
    "doc_type": lambda p: p.doc_type,
    "title": lambda p: p.title,
    "issued_date": lambda p: p.issued_date,
    "place": lambda p: p.place,
    "issuer.name": lambda p: p.issuer and p.issuer.name,
    "issuer.level": lambda p: p.issuer and p.issuer.level,
    "issuer.province": lambda p: p.issuer and p.issuer.province,
    "issuer.district": lambda p: p.issuer and p.issuer.district,
    "signer.name": lambda p: p.signer and p.signer.name,
    "signer.position": lambda p: p.signer and p.signer.position,
    "signer.authority": lambda p: p.signer and p.signer.authority,
}
LISTS = {
    "references": lambda p: [(r.number, r.date, r.relation) for r in p.references],
    "targets": lambda p: [(t.indicator, t.value, t.year) for t in p.targets],
    "assignments": lambda p: [(a.agency, a.role) for a in p.assignments],
    "deadlines": lambda p: [(d.date, d.recurrence and d.recurrence.model_dump_json()) for d in p.deadlines],
}


def record(path: Path):
    outcome = parse_file(str(path))
    if isinstance(outcome, Failed):
        raise SystemExit(f"{path}: {outcome.reason}")
    return outcome.plan


def differences(reference, other) -> list[str]:
    """One line per differing field (scalars) or per item present in only one record (lists)."""
    out = []
    for name, get in SCALARS.items():
        a, b = get(reference), get(other)
        if a != b:
            out.append(f"{name}: {a!r} != {b!r}")
    for name, get in LISTS.items():
        a, b = Counter(get(reference)), Counter(get(other))
        out += [f"{name} only in text: {item}" for item in (a - b).elements()]
        out += [f"{name} only in rendition: {item}" for item in (b - a).elements()]
    return out


def compare(txt: Path, others: list[Path], quiet: bool = False) -> dict[str, int]:
    reference = record(txt)
    counts = {}
    for other in others:
        diffs = differences(reference, record(other))
        counts[other.suffix.lstrip(".")] = len(diffs)
        if not quiet and diffs:
            print(f"== {other}: {len(diffs)}")
            for line in diffs:
                print("   " + line)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="TXT then the renditions")
    parser.add_argument("--folders", type=Path, help="compare every DIR/*/source.{txt,docx,pdf}")
    parser.add_argument("--quiet", action="store_true", help="only the counts")
    args = parser.parse_args(argv)
    if args.folders:
        totals: Counter[str] = Counter()
        for folder in sorted(p for p in args.folders.iterdir() if (p / "source.txt").exists()):
            others = [folder / f"source.{ext}" for ext in ("docx", "pdf") if (folder / f"source.{ext}").exists()]
            counts = compare(folder / "source.txt", others, args.quiet)
            totals.update(counts)
            print(f"{folder.name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()), flush=True)
        print("TOTAL differences: " + ", ".join(f"txt vs {k} {v}" for k, v in sorted(totals.items())))
        return 0
    if len(args.paths) < 2:
        parser.error("give a TXT file and at least one rendition, or --folders DIR")
    compare(args.paths[0], args.paths[1:], args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
