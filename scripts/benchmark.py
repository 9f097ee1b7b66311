"""Ingest throughput on the corpus and on a generated batch of a few hundred documents.

    python scripts/benchmark.py [--documents 300] [--workers 1] [--out out/bench]

For each format (TXT, DOCX, PDF) it times a full ``ingest`` (read, normalize,
segment, extract, store into a fresh SQLite file) and reports pages/s and MB/s.
For PDFs it also times bare pypdfium2 text extraction of the same files in the
same run, and prints the ratio: the speed of ingest relative to pypdfium2 alone.
Peak memory is measured in a child process for the batch and for a batch three
times smaller, to show whether memory stays flat as the batch grows.

The generated batch is built from the corpus texts: each document is one corpus
text with its numbers varied, so no two files are identical (ingest skips files
it has seen). PDFs are made by rendering one long DOCX with LibreOffice once and
splitting it into documents with pypdfium2, since rendering hundreds of files one
by one would take longer than the benchmark itself.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
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

from pipeline.ingest import ingest  # noqa: E402
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


def bare_pdfium(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        pdf.close()
    return time.perf_counter() - started


def timed_ingest(paths: list[Path], workers: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        started = time.perf_counter()
        report = ingest(db, paths, workers=workers)
        elapsed = time.perf_counter() - started
    failed = report.count("failed")
    if failed:
        print(f"  warning: {failed} file(s) failed: {report.failed[0].reason}", file=sys.stderr)
    return elapsed, sum(r.pages for r in report.results)


def peak_memory_mb(paths: list[Path], workers: int) -> float:
    """Peak RSS of a child process that ingests ``paths`` (MB)."""
    code = (
        "import sys, tempfile, resource; from pathlib import Path;"
        "from pipeline.ingest import ingest; from pipeline.store import open_db;"
        "paths=[Path(p) for p in sys.argv[2:]];"
        "d=tempfile.mkdtemp(); ingest(open_db(Path(d)/'m.db'), paths, workers=int(sys.argv[1]));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code, str(workers), *map(str, paths)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def measure(label: str, paths: list[Path], workers: int, pages: int | None = None) -> dict:
    size_mb = sum(p.stat().st_size for p in paths) / 2**20
    elapsed, ingested_pages = timed_ingest(paths, workers)
    pages = pages or ingested_pages or len(paths)
    row = {"set": label, "files": len(paths), "pages": pages, "MB": round(size_mb, 2),
           "ingest_s": round(elapsed, 2), "pages_per_s": round(pages / elapsed, 1),
           "MB_per_s": round(size_mb / elapsed, 2)}
    if paths[0].suffix == ".pdf":
        bare = bare_pdfium(paths)
        row["pypdfium2_s"] = round(bare, 2)
        row["ratio_to_pypdfium2"] = round(bare / elapsed, 3)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=300, help="documents per format in the generated batch")
    parser.add_argument("--workers", type=int, default=1, help="ingest worker processes")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "bench", help="where generated files go")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()

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
        rows.append(measure(label, paths, args.workers, pages))
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
    print("\nPeak memory (MB): " + ", ".join(f"{k}: {v}" for k, v in memory.items()))
    print(f"Max RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
