"""Ingest throughput on the corpus and on a generated batch of a few hundred documents.

    python scripts/benchmark.py [--documents 300] [--workers 0] [--out out/bench]
    python scripts/benchmark.py --pdfs FOLDER     # your own PDFs only
    python scripts/benchmark.py --pdfs FOLDER --stages   # ms per page of each stage

For each format (TXT, DOCX, PDF) it times the ``kehoach ingest`` command as a user
runs it (read, normalize, segment, extract, store into a fresh SQLite file, from
interpreter start to exit) and reports pages/s and MB/s. For PDFs it also times a
Python process doing bare pypdfium2 text extraction of the same files, in the same
run, and prints the ratio: the speed of ingest relative to pypdfium2 alone.
Peak memory (kehoach and its workers together) is measured for the batch and for
a batch three times smaller, to show whether memory stays flat as the batch grows.

The generated batch is built from the corpus texts: each document is one corpus
text with its numbers varied, so no two files are identical (ingest skips files
it has seen). PDFs are made by rendering one long DOCX with LibreOffice once and
splitting it into documents with pypdfium2, since rendering hundreds of files one
by one would take longer than the benchmark itself.
"""

from __future__ import annotations

import argparse
import statistics
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from pipeline.ingest import default_workers  # noqa: E402
from pipeline.store import open_db  # noqa: E402

CORPUS_TEXTS = sorted((ROOT / "corpus" / "seeds").glob("*/source.txt")) + sorted(
    (ROOT / "corpus" / "realdocs").glob("*.txt")
)


def vary(text: str, rng: random.Random) -> str:
    """The same document with its small numbers changed, so every file is distinct."""
    return re.sub(r"\b(\d{1,2})\b", lambda m: str(max(1, int(m.group(1)) + rng.randint(-1, 1))), text)


def make_texts(folder: Path, count: int, seed: int = 7) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        source = CORPUS_TEXTS[i % len(CORPUS_TEXTS)].read_text(encoding="utf-8")
        path = folder / f"doc{i:04d}.txt"
        path.write_text(vary(source, rng), encoding="utf-8")
        paths.append(path)
    return paths


def make_docx(texts: list[Path], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for text_path in texts:
        document = docx.Document()
        _fill(document, text_path.read_text(encoding="utf-8"))
        path = folder / (text_path.stem + ".docx")
        document.save(path)
        paths.append(path)
    return paths


def _fill(document, text: str) -> None:
    rows: list[list[str]] = []
    for line in text.split("\n") + [""]:
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            width = max(len(r) for r in rows)
            table = document.add_table(rows=len(rows), cols=width)
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
            rows = []
        if line.strip():
            document.add_paragraph(line.replace("**", "").replace("#", "").strip())


def make_pdfs(texts: list[Path], folder: Path, distinct: int) -> list[Path]:
    """Render ``distinct`` documents with LibreOffice once, then copy them to ``len(texts)`` files."""
    folder.mkdir(parents=True, exist_ok=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to make the PDF batch: apt-get install libreoffice-writer-nogui")
    combined = docx.Document()
    starts = []
    for text_path in texts[:distinct]:
        starts.append(text_path.stem)
        _fill(combined, text_path.read_text(encoding="utf-8"))
        combined.add_page_break()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "all.docx"
        combined.save(source)
        profile = Path(tmp) / "profile"
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(source)], check=True, capture_output=True, timeout=600,
        )
        whole = pdfium.PdfDocument(Path(tmp) / "all.pdf")
        pages_per_doc = max(1, len(whole) // distinct)
        rendered = []
        for i in range(distinct):
            part = pdfium.PdfDocument.new()
            part.import_pages(whole, list(range(i * pages_per_doc, min(len(whole), (i + 1) * pages_per_doc))))
            path = folder / f"rendered{i:04d}.pdf"
            part.save(path)
            rendered.append(path)
    paths = []
    for i, text_path in enumerate(texts):
        path = folder / (text_path.stem + ".pdf")
        data = rendered[i % distinct].read_bytes()
        # A distinct trailing comment makes each file's content (and hash) unique.
        path.write_bytes(data + f"\n% copy {i}\n".encode())
        paths.append(path)
    return paths


def pdf_pages(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        total += len(pdf)
        pdf.close()
    return total


_BARE_PDFIUM = """
import sys
import pypdfium2 as pdfium
for path in sys.argv[1:]:
    pdf = pdfium.PdfDocument(path)
    for page in pdf:
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()
"""


def bare_pdfium(paths: list[Path]) -> float:
    """Seconds for a fresh Python process to extract the text of every page with pypdfium2."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", _BARE_PDFIUM, *map(str, paths)], check=True)
    return time.perf_counter() - started


def timed_ingest(paths: list[Path], workers: int) -> tuple[float, int]:
    """Seconds for ``kehoach ingest`` to store ``paths`` in a new database, as a user runs it.

    The whole command is timed, from interpreter start to exit: loading the
    extractors and starting the worker processes are part of what a batch costs.
    """
    kehoach = Path(sys.executable).with_name("kehoach")
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "bench.db"
        started = time.perf_counter()
        # Exit status 1 means some file failed: counted below, the timing stands.
        subprocess.run([str(kehoach), "ingest", "--db", str(db_path), "--workers", str(workers), *map(str, paths)],
                       check=False, stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - started
        db = open_db(db_path)
        pages = db.execute("SELECT coalesce(sum(pages), 0) FROM documents WHERE status != 'failed'").fetchone()[0]
        failed = db.execute("SELECT path, error FROM documents WHERE status = 'failed'").fetchall()
        db.close()
    if failed:
        print(f"  warning: {len(failed)} file(s) failed: {failed[0][1]}", file=sys.stderr)
    return elapsed, pages


def stage_times(paths: list[Path]) -> dict[str, float]:
    """Milliseconds per page of each stage, in this one process (no workers)."""
    from pipeline.build import build_document
    from pipeline.extract import extract_plan
    from pipeline.readers import read_file
    from pipeline.rows import document_rows
    from pipeline.store import write_document

    totals = {"bare pypdfium2": 0.0, "read": 0.0, "normalize+segment": 0.0, "extract": 0.0, "write": 0.0}
    pages = 0
    build_document(read_file(paths[0])[0])  # load the vocabularies before timing
    tmp = tempfile.TemporaryDirectory()
    db = open_db(Path(tmp.name) / "stages.db")
    for path in paths:
        started = time.perf_counter()
        pdf = pdfium.PdfDocument(path)
        for page in pdf:
            page.get_textpage().get_text_range()
        pages += len(pdf)
        pdf.close()
        read_at = time.perf_counter()
        source, _ = read_file(path)
        built_at = time.perf_counter()
        document = build_document(source)
        extracted_at = time.perf_counter()
        plan = extract_plan(document)
        done = time.perf_counter()
        write_document(db, document_rows(document, plan))
        written = time.perf_counter()
        for stage, seconds in zip(totals, (read_at - started, built_at - read_at, extracted_at - built_at,
                                           done - extracted_at, written - done)):
            totals[stage] += seconds
    db.close()
    tmp.cleanup()
    return {stage: round(seconds / pages * 1000, 3) for stage, seconds in totals.items()}


def peak_memory_mb(paths: list[Path], workers: int) -> float:
    """Peak summed RSS of ``kehoach ingest`` and its worker processes (MB), sampled every 50 ms.

    Pages the workers share with their fork server are counted once per process, so
    this is an upper bound on what the batch occupies.
    """
    kehoach = Path(sys.executable).with_name("kehoach")
    with tempfile.TemporaryDirectory() as tmp:
        command = [str(kehoach), "ingest", "--db", str(Path(tmp) / "m.db"), "--workers", str(workers), *map(str, paths)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        peak = 0
        while process.poll() is None:
            peak = max(peak, sum(_rss_kb(pid) for pid in _family(process.pid)))
            time.sleep(0.05)
    return peak / 1024


def _family(root: int) -> list[int]:
    """``root`` and every process descended from it (Linux /proc)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    family, grew = {root}, True
    while grew:
        children = {pid for pid, parent in parents.items() if parent in family} - family
        family |= children
        grew = bool(children)
    return sorted(family)


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass  # the process ended between listing and reading
    return 0


def measure(label: str, paths: list[Path], workers: int, pages: int | None = None, repeat: int = 1) -> dict:
    """Time ingest (and, for PDFs, bare pypdfium2 right after it) ``repeat`` times.

    On a shared or virtual machine the speed drifts from one minute to the next;
    each ratio compares two runs made back to back, and the median of those ratios
    is reported with their range.
    """
    size_mb = sum(p.stat().st_size for p in paths) / 2**20
    runs = []
    for _ in range(repeat):
        elapsed, ingested_pages = timed_ingest(paths, workers)
        bare = bare_pdfium(paths) if paths[0].suffix == ".pdf" else None
        runs.append((elapsed, bare))
    elapsed = statistics.median(r[0] for r in runs)
    pages = pages or ingested_pages or len(paths)
    row = {"set": label, "files": len(paths), "pages": pages, "MB": round(size_mb, 2),
           "ingest_s": round(elapsed, 2), "pages_per_s": round(pages / elapsed, 1),
           "MB_per_s": round(size_mb / elapsed, 2)}
    if runs[0][1] is not None:
        ratios = sorted(bare / ingest for ingest, bare in runs)
        row["pypdfium2_s"] = round(statistics.median(r[1] for r in runs), 2)
        row["ratio_to_pypdfium2"] = round(statistics.median(ratios), 3)
        if repeat > 1:
            row["ratio_range"] = f"{ratios[0]:.3f}-{ratios[-1]:.3f}"
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=300, help="documents per format in the generated batch")
    parser.add_argument("--workers", type=int, default=0,
                        help="ingest worker processes (0, the default: as kehoach ingest does, one per CPU up to 4)")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench", help="where generated files go")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--pdfs", type=Path, help="only time this folder of PDFs (your own plans) against bare pypdfium2")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each measurement; the median is reported (ratios: with their range)")
    parser.add_argument("--stages", action="store_true",
                        help="with --pdfs: milliseconds per page of each stage, in one process")
    args = parser.parse_args()
    args.workers = args.workers or default_workers()
    if args.pdfs:
        paths = sorted(args.pdfs.rglob("*.pdf"))
        if not paths:
            raise SystemExit(f"no PDF files under {args.pdfs}")
        if args.stages:
            print(json.dumps(stage_times(paths), ensure_ascii=False))
            return
        print(json.dumps(measure(str(args.pdfs), paths, args.workers, pdf_pages(paths), args.repeat), ensure_ascii=False))
        return

    corpus = {
        "corpus TXT": sorted((ROOT / "corpus").glob("seeds/*/source.txt")) + sorted((ROOT / "corpus" / "realdocs").glob("*.txt")),
        "corpus DOCX": sorted((ROOT / "corpus").glob("seeds/*/source.docx")),
        "corpus PDF": sorted((ROOT / "corpus").glob("seeds/*/source.pdf")),
    }
    texts = make_texts(args.out / "txt", args.documents)
    generated = {
        "generated TXT": texts,
        "generated DOCX": make_docx(texts, args.out / "docx"),
        "generated PDF": make_pdfs(texts, args.out / "pdf", distinct=min(len(CORPUS_TEXTS), args.documents)),
    }
    rows = []
    for label, paths in {**corpus, **generated}.items():
        pages = pdf_pages(paths) if paths[0].suffix == ".pdf" else None
        rows.append(measure(label, paths, args.workers, pages, args.repeat))
        print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)
    pdfs = generated["generated PDF"]
    memory = {
        f"{len(pdfs) // 3} PDFs": round(peak_memory_mb(pdfs[: len(pdfs) // 3], args.workers), 1),
        f"{len(pdfs)} PDFs": round(peak_memory_mb(pdfs, args.workers), 1),
    }
    if args.json:
        print(json.dumps({"rows": rows, "peak_memory_mb": memory}, ensure_ascii=False, indent=2))
        return
    keys = list(dict.fromkeys(k for row in rows for k in row))
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(str(row.get(k, "")) for k in keys) + " |")
    print("\nPeak memory of kehoach and its workers (MB): " + ", ".join(f"{k}: {v}" for k, v in memory.items()))


if __name__ == "__main__":
    main()
