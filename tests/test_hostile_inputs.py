"""Hostile and broken inputs: each a real file made here, each failing alone and clearly.

A batch from provincial portals holds empty downloads, truncated and encrypted
PDFs, scans, zip bombs, binaries with a text extension and documents in legacy
encodings. Every failure must name the file and the reason, be recorded in the
``documents`` table with status ``failed``, and leave the rest of the batch
ingested; ``kehoach ingest`` then exits with status 1.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
import viparse
from PIL import Image

from _pdf import image_pdf, soffice_convert, text_pdf
from pipeline.ingest import ingest
from pipeline.limits import Limits
from pipeline.store import open_db

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "seeds" / "kienhai-194-kh-ttyt-2024" / "source.txt"

VIETNAMESE = (
    "ỦY BAN NHÂN DÂN\nHUYỆN KIÊN HẢI\n\nSố: 115/KH-UBND\n\nKiên Hải, ngày 12 tháng 3 năm 2024\n\n"
    "KẾ HOẠCH\nThực hiện Chỉ thị số 25-CT/TW về củng cố, hoàn thiện và nâng cao chất lượng y tế cơ sở\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNâng cao chất lượng khám, chữa bệnh tại trạm y tế xã.\n"
    "II. NHIỆM VỤ\n1. Trung tâm Y tế huyện chủ trì, phối hợp với Ủy ban nhân dân các xã triển khai thực hiện; "
    "báo cáo kết quả trước ngày 15 tháng 12 hằng năm.\n"
)


# --- generators ------------------------------------------------------------------


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: base letters plus combining tones."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        tone = [m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323"]
        shape = [m for m in marks if m not in tone]
        out += unicodedata.normalize("NFC", base + "".join(shape)).encode("cp1258")
        out += "".join(tone).encode("cp1258")
    return bytes(out)


def tcvn3_text(text: str) -> str:
    """``Kế hoạch`` → ``KÕ ho¹ch``: the Latin-1 look-alikes a .VnTime document holds.

    TCVN3 has no toned capitals: ``Ủ`` is typed as the lowercase code, shown by
    the .VnTimeH font as a capital.
    """
    table = {}
    for code in range(0x80, 0x100):
        char = bytes([code]).decode("latin-1")
        converted = viparse.fix(f"x{char}x", encoding="tcvn3")[1:-1]
        if converted != char and len(converted) == 1:
            table[converted] = char
    return "".join(table.get(ch) or table.get(ch.lower(), ch) for ch in text)


def zip_bomb(unpacked_mib: int) -> bytes:
    """A DOCX-shaped zip whose document.xml inflates to ``unpacked_mib`` MiB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * 2**20
            for _ in range(unpacked_mib):
                member.write(chunk)
    return out.getvalue()


def scanned_blank_pdf() -> bytes:
    """A scan of a blank sheet with a little noise: no text layer and nothing to read."""
    image = Image.effect_noise((850, 1100), 8).point(lambda v: 255 if v > 100 else 235).convert("RGB")
    return image_pdf([image], dpi=100)


# --- the batch ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    """A folder of bad and good files; returns (folder, name → path)."""
    folder = tmp_path_factory.mktemp("batch")
    good_pdf = text_pdf(["KE HOACH\nSo: 12/KH-UBND\nTrien khai nhiem vu nam 2024"] * 3)
    xref_at = good_pdf.index(b"\nxref") + 1
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "blank.md": b"   \n\n  \t\n",
        "truncated.pdf": good_pdf[: len(good_pdf) // 2],
        "no-trailer.pdf": good_pdf[:xref_at],
        # Every xref offset wrong: pdfium rebuilds the table by scanning the objects.
        "broken-xref.pdf": re.sub(rb"\d{10} 00000 n", b"0000000001 00000 n", good_pdf).replace(
            b"startxref\n", b"startxref\n7"),
        "scanned-blank.pdf": scanned_blank_pdf(),
        "five-hundred-pages.pdf": text_pdf([f"Trang {n}\nMuc tieu {n}: hoan thanh truoc 2025" for n in range(500)]),
        "bomb.docx": zip_bomb(320),
        "not-a-zip.docx": os.urandom(4096) + b"\0",
        "binary.txt": bytes(range(256)) * 64,
        "high-bytes.txt": bytes(range(0x80, 0x100)) * 64,
        "windows-1258.txt": cp1258_bytes(VIETNAMESE),
        "tcvn3.txt": tcvn3_text(VIETNAMESE).encode("latin-1"),
        "english.txt": b"ACTION PLAN\nNo. 12/AP\nThe committee shall review the budget by 15 March 2024.\n" * 5,
        "scripts.html": _hostile_html(),
        "Kế hoạch số 115 (bản cuối).txt": VIETNAMESE.encode("utf-8"),
        "ole-header.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000),
    }
    for name, data in files.items():
        target = folder / ("Tài liệu UBND" if name.startswith("Kế") else "") / name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(data)
    return folder, {p.name: p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")}


def _hostile_html() -> bytes:
    """Megabytes of scripts, styles and nested markup around one short plan."""
    script = b"<script>" + b"document.write('<p>QUANG CAO</p>');var x=1;" * 40_000 + b"</script>"
    style = b"<style>" + b".a{color:red}" * 20_000 + b"</style>"
    chrome = b'<div class="menu"><ul>' + b"<li><a href='#'>Trang chu</a></li>" * 20_000 + b"</ul></div>"
    nested = b"<div>" * 3000 + b"<span>x</span>" + b"</div>" * 3000
    article = "<article>" + "".join(f"<p>{line}</p>" for line in VIETNAMESE.splitlines() if line) + "</article>"
    page = b"<html><head>" + script + style + b"</head><body>" + chrome + nested + article.encode() + b"</body></html>"
    assert len(page) > 2 * 2**20
    return page


@pytest.fixture(scope="module")
def office_files(tmp_path_factory) -> Path:
    """A real legacy .doc and an encrypted PDF made by LibreOffice (skipped without it)."""
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is not installed")
    work = tmp_path_factory.mktemp("lo")
    folder = work / "office"
    folder.mkdir()
    source = work / "legacy.txt"
    source.write_text(VIETNAMESE, encoding="utf-8")
    shutil.copy(soffice_convert(source, "doc", work), folder / "legacy.doc")
    encrypt = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"x"}}')
    source = work / "encrypted.txt"
    source.write_text(VIETNAMESE, encoding="utf-8")
    shutil.copy(soffice_convert(source, encrypt, work), folder / "encrypted.pdf")
    (folder / "good.txt").write_text(VIETNAMESE, encoding="utf-8")
    return folder


def kehoach(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the ``kehoach`` command line in a fresh process, wide enough not to wrap."""
    return subprocess.run(
        [sys.executable, "-c", "from pipeline.cli import main; main()", *args],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "400"}, timeout=timeout, cwd=ROOT,
    )


@pytest.fixture(scope="module")
def ingested(batch, tmp_path_factory):
    """The batch ingested through the command line: (db, CLI run, rows by file name)."""
    folder, _ = batch
    path = tmp_path_factory.mktemp("db") / "k.db"
    run = kehoach("ingest", str(folder), "--db", str(path), "--workers", "2")
    db = open_db(path)
    rows = {Path(r["path"]).name: r for r in db.query("SELECT * FROM documents")}
    return db, run, rows


# --- failures: one clear reason each -------------------------------------------------


FAILURES = {
    "empty.txt": "empty file",
    "blank.md": "empty file",
    "truncated.pdf": "damaged or truncated PDF",
    "no-trailer.pdf": "damaged or truncated PDF",
    "bomb.docx": "DOCX would unpack to 320 MiB (limit 300 MiB)",
    "not-a-zip.docx": "not a DOCX (zip) archive",
    "binary.txt": "binary content, not text",
    "high-bytes.txt": "not valid UTF-8 and not Windows-1258 text",
    "ole-header.doc": "legacy Word .doc",
    "scanned-blank.pdf": "no text layer",
}


@pytest.mark.parametrize("name, reason", FAILURES.items())
def test_bad_file_is_recorded_failed_with_its_reason(ingested, name, reason):
    _, run, rows = ingested
    assert rows[name]["status"] == "failed"
    assert reason in rows[name]["error"]
    line = next((ln for ln in run.stdout.splitlines() if name in ln), "")
    assert reason in line, f"the command line names {name} with its reason"


@pytest.mark.slow
@pytest.mark.parametrize("name, reason", [
    ("legacy.doc", "legacy Word .doc (or an encrypted Office file) is not supported: save it as .docx or PDF"),
    ("encrypted.pdf", "the PDF is encrypted (password required)"),
])
def test_office_made_bad_file_is_refused(office_files, name, reason, tmp_path):
    db = open_db(tmp_path / "k.db")
    report = ingest(db, [office_files], workers=1)
    rows = {Path(r["path"]).name: r for r in db.query("SELECT * FROM documents")}
    assert rows[name]["status"] == "failed"
    assert rows[name]["error"] == reason
    assert rows["good.txt"]["status"] == "ok"
    assert report.count("failed") == 2


def test_failed_rows_keep_hash_and_size_when_bytes_were_read(ingested, batch):
    _, files = batch
    _, _, rows = ingested
    row = rows["truncated.pdf"]
    assert row["sha256"] is None or row["sha256"] == hashlib.sha256(files["truncated.pdf"].read_bytes()).hexdigest()


def test_scanned_pdf_without_tesseract_says_what_to_install(monkeypatch, batch):
    from pipeline.errors import UnreadableFile
    from pipeline.readers import ocr
    from pipeline.readers.pdf import read_pdf

    monkeypatch.setattr(ocr, "tesseract_available", lambda languages="vie": False)
    with pytest.raises(UnreadableFile, match="install tesseract-ocr and tesseract-ocr-vie"):
        read_pdf(batch[1]["scanned-blank.pdf"].read_bytes(), Limits())
    with pytest.raises(UnreadableFile, match="OCR is turned off"):
        read_pdf(batch[1]["scanned-blank.pdf"].read_bytes(), Limits(ocr=False))


# --- inputs that must be read -------------------------------------------------------


def test_good_files_in_a_bad_batch_are_all_read(ingested, batch):
    _, _, rows = ingested
    readable = {"broken-xref.pdf", "five-hundred-pages.pdf", "windows-1258.txt", "tcvn3.txt", "english.txt",
                "scripts.html", "Kế hoạch số 115 (bản cuối).txt"}
    assert {n: rows[n]["status"] for n in readable} == dict.fromkeys(readable, "ok")
    assert set(rows) == set(batch[1]), "every file of the batch has its row"


def test_broken_xref_pdf_is_repaired_by_the_reader(ingested):
    _, _, rows = ingested
    assert rows["broken-xref.pdf"]["pages"] == 3
    assert "So: 12/KH-UBND" in rows["broken-xref.pdf"]["text"]


def test_five_hundred_page_pdf_is_read_within_the_default_limits(ingested):
    _, _, rows = ingested
    row = rows["five-hundred-pages.pdf"]
    assert row["pages"] == 500
    # "Trang 499" atop the last page is its page number, which normalization drops.
    assert "Muc tieu 499" in row["text"] and "Trang 499" not in row["text"]
    assert row["seconds"] < 30


def test_page_limit_refuses_with_the_count(batch):
    from pipeline.errors import LimitExceeded
    from pipeline.readers import read_bytes

    with pytest.raises(LimitExceeded, match=r"^500 pages \(limit 100\)$"):
        read_bytes(batch[1]["five-hundred-pages.pdf"].read_bytes(), ".pdf", Limits(max_pages=100))


@pytest.mark.parametrize("name, encoding", [("windows-1258.txt", "cp1258"), ("tcvn3.txt", "tcvn3")])
def test_legacy_encoded_text_reads_as_the_unicode_original(ingested, name, encoding):
    db, _, rows = ingested
    original = rows["Kế hoạch số 115 (bản cuối).txt"]
    assert rows[name]["encoding"] == encoding
    assert _words(rows[name]["text"]) == _words(original["text"])


def _words(text: str) -> list[str]:
    """Compared case-folded: TCVN3 has no toned capitals ("ỦY" is typed as "ñY")."""
    return unicodedata.normalize("NFC", text).casefold().split()


def test_html_scripts_and_markup_are_dropped(ingested):
    _, _, rows = ingested
    text = rows["scripts.html"]["text"]
    assert "QUANG CAO" not in text and "document.write" not in text and "Trang chu" not in text
    assert "Số: 115/KH-UBND" in text and len(text) < 2000


def test_english_document_is_read_not_refused(ingested):
    db, _, rows = ingested
    doc_id = rows["english.txt"]["id"]
    assert rows["english.txt"]["status"] == "ok"
    assert db.execute("SELECT count(*) FROM plans WHERE document_id = ?", [doc_id]).fetchone()[0] == 1


def test_vietnamese_path_with_spaces_is_stored_as_given(ingested, batch):
    _, files = batch
    _, _, rows = ingested
    row = rows["Kế hoạch số 115 (bản cuối).txt"]
    assert row["path"] == str(files["Kế hoạch số 115 (bản cuối).txt"].resolve())
    assert "Tài liệu UBND" in row["path"]


def test_bomb_is_refused_without_inflating(batch):
    """The sizes in the zip directory are checked before any member is read."""
    import tracemalloc

    from pipeline.errors import LimitExceeded
    from pipeline.readers import read_bytes

    data = batch[1]["bomb.docx"].read_bytes()
    tracemalloc.start()
    with pytest.raises(LimitExceeded):
        read_bytes(data, ".docx")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 * 2**20


def test_high_ratio_zip_is_refused_as_a_bomb():
    from pipeline.errors import LimitExceeded
    from pipeline.readers import read_bytes

    with pytest.raises(LimitExceeded, match="compression ratio .* looks like a zip bomb"):
        read_bytes(zip_bomb(60), ".docx")


# --- files that are not files ----------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_pipe_and_device_named_on_the_command_line_fail_without_blocking(tmp_path):
    """Reading a pipe with no writer would block forever and /dev/zero never ends; the
    batch must refuse both at once (not after the time limit) and read the rest."""
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "ok.txt").write_text(VIETNAMESE, encoding="utf-8")
    report = ingest(open_db(tmp_path / "k.db"), [tmp_path / "pipe.txt", tmp_path / "zero.txt", tmp_path / "ok.txt"],
                    workers=1, limits=Limits(timeout_seconds=20))
    statuses = {Path(r.path).name: (r.status, r.reason) for r in report.results}
    assert statuses["pipe.txt"] == ("failed", "not a regular file (a pipe, socket or device)")
    assert statuses["zero"] == ("failed", "not a regular file (a pipe, socket or device)")
    assert statuses["ok.txt"][0] == "ingested"


def test_folder_with_a_symlink_loop_is_walked_once(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "ok.txt").write_text(VIETNAMESE, encoding="utf-8")
    report = ingest(open_db(tmp_path / "k.db"), [tmp_path], workers=1)
    assert [(Path(r.path).name, r.status) for r in report.results] == [("ok.txt", "ingested")]


def test_file_that_grows_past_the_limit_while_read_is_refused(tmp_path):
    from pipeline.errors import LimitExceeded
    from pipeline.readers import read_file

    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 100)

    class Growing(type(path)):
        def stat(self, **kwargs):  # the size seen before the file grew
            info = os.stat(self, **kwargs)
            return os.stat_result((*info[:6], 10, *info[7:]))

    with pytest.raises(LimitExceeded, match="grew past the limit"):
        read_file(Growing(path), Limits(max_file_bytes=50))


# --- files that vanish or change during the batch -----------------------------------


def test_file_deleted_during_the_batch_fails_alone(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(4):
        (folder / f"{n}.txt").write_text(VIETNAMESE.replace("115", str(100 + n)), encoding="utf-8")
    db = open_db(tmp_path / "k.db")

    def delete_the_last(result) -> None:
        (folder / "3.txt").unlink(missing_ok=True)

    report = ingest(db, [folder], workers=1, on_result=delete_the_last)
    statuses = {Path(r.path).name: (r.status, r.reason) for r in report.results}
    assert statuses["3.txt"] == ("failed", "file not found (moved or deleted while reading?)")
    assert [statuses[f"{n}.txt"][0] for n in range(3)] == ["ingested"] * 3


def test_file_rewritten_during_the_batch_is_stored_as_read(tmp_path):
    """The stored hash is of the bytes actually read, so the next run sees the truth."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):  # distinct contents: identical files would be stored once, as duplicates
        (folder / f"{n}.txt").write_text(VIETNAMESE + f"\nBản số {n}.", encoding="utf-8")
    changed = VIETNAMESE.replace("115/KH-UBND", "999/KH-UBND")

    def rewrite(result) -> None:
        (folder / "2.txt").write_text(changed, encoding="utf-8")

    db = open_db(tmp_path / "k.db")
    # In-process and in order: a worker process could read 2.txt before the rewrite.
    ingest(db, [folder], workers=1, limits=Limits(isolate=False), on_result=rewrite)
    row = db.execute("SELECT sha256, text FROM documents WHERE path LIKE '%2.txt'").fetchone()
    assert row[0] == hashlib.sha256(changed.encode()).hexdigest()
    assert "999/KH-UBND" in row[1]
    again = ingest(db, [folder], workers=1)
    assert [r.status for r in again.results] == ["unchanged"] * 3


def test_slow_file_is_given_up_after_the_time_limit(tmp_path):
    """Deeply nested HTML takes lexbor seconds to parse; with a short limit it fails alone."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "deep.html").write_bytes(b"<html><body>" + b"<div>" * 40_000 + b"x" + b"</div>" * 40_000 + b"</body></html>")
    (folder / "ok.txt").write_text(VIETNAMESE, encoding="utf-8")
    db = open_db(tmp_path / "k.db")
    report = ingest(db, [folder], workers=1, limits=Limits(timeout_seconds=1.5))
    statuses = {Path(r.path).name: (r.status, r.reason) for r in report.results}
    assert statuses["deep.html"] == ("failed", "gave up after 1.5 s (time limit per file)")
    assert statuses["ok.txt"][0] == "ingested"


# --- through the command line ---------------------------------------------------------


def test_cli_exits_1_and_lists_failures(ingested, tmp_path):
    db, run, rows = ingested
    assert run.returncode == 1, run.stderr
    failed = sum(1 for r in rows.values() if r["status"] == "failed")
    assert f"{failed} failed" in run.stdout.splitlines()[-1]
    listed = kehoach("documents", "--failed", "--db", str(db.conn.execute("PRAGMA database_list").fetchone()[2]))
    assert listed.returncode == 0
    assert "truncated.pdf" in listed.stdout and "five-hundred-pages.pdf" not in listed.stdout


def test_cli_exits_0_when_nothing_failed(tmp_path):
    (tmp_path / "a.txt").write_text(VIETNAMESE, encoding="utf-8")
    run = kehoach("ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "k.db"), "-q")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 ingested" in run.stdout
