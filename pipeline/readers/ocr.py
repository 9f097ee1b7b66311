"""OCR for scanned pages: pypdfium2 renders, Debian's tesseract (``vie``) reads.

Many provincial plans are published only as scans with a red stamp and a
signature. A page without a text layer is rendered at 300 dpi in grey (about
40 ms) and passed to the ``tesseract`` binary as an uncompressed PGM on stdin;
its TSV output gives each word with a confidence, from which the page's text
(lines and paragraphs as tesseract found them) and a confidence between 0 and 1
(the mean word confidence weighted by word length) are built.

``OMP_THREAD_LIMIT=1`` is set for tesseract: its OpenMP threads make it about
six times slower on a small machine, and parallelism comes from the ingest
workers instead.

OCR output then gets the repairs its typical misreadings need (see
:func:`repair_ocr_text`) before the usual normalisation.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

from pipeline.errors import LimitExceeded, UnreadableFile

# Words tesseract gives below this confidence are kept (they are usually right
# for Vietnamese with tones) but pull the page confidence down.
_ENV = {"OMP_THREAD_LIMIT": "1"}


@dataclass(frozen=True, slots=True)
class OcrPage:
    text: str
    confidence: float  # 0..1; 0 when no word was found


@functools.cache
def tesseract_available(languages: str = "vie") -> bool:
    """Whether the ``tesseract`` binary and every ``+``-joined language are installed."""
    binary = shutil.which("tesseract")
    if binary is None:
        return False
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    installed = {line.strip() for line in (listed.stdout + listed.stderr).splitlines()}
    return all(lang in installed for lang in languages.split("+"))


def ocr_image(image, languages: str = "vie", timeout: float | None = None) -> OcrPage:
    """Read a Pillow image with tesseract.

    >>> ocr_image(rendered_page).text  # doctest: +SKIP
    'ỦY BAN NHÂN DÂN\\nHUYỆN KIÊN HẢI\\n...'
    """
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PPM")  # PGM: no compression cost on either side
    try:
        run = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", languages, "--psm", "3", "tsv"],
            input=buffer.getvalue(), capture_output=True, timeout=timeout, env={**os.environ, **_ENV},
        )
    except subprocess.TimeoutExpired as err:
        raise LimitExceeded(f"OCR of one page took over {timeout:g} s") from err
    except OSError as err:
        raise UnreadableFile(f"cannot run tesseract: {err}") from err
    if run.returncode != 0:
        detail = run.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise UnreadableFile(f"tesseract failed: {detail[0]}")
    return parse_tsv(run.stdout.decode("utf-8", "replace"))


def parse_tsv(tsv: str) -> OcrPage:
    """Text and confidence from tesseract's TSV (one row per word, with its line ids)."""
    lines: list[str] = []
    current: tuple[str, ...] | None = None
    paragraph: tuple[str, ...] | None = None
    words: list[str] = []
    weighted = total = 0.0
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        word, conf = cols[11].strip(), float(cols[10])
        line_key, para_key = tuple(cols[1:5]), tuple(cols[1:4])
        if line_key != current:
            if words:
                lines.append(" ".join(words))
            if paragraph is not None and para_key != paragraph:
                lines.append("")
            current, paragraph, words = line_key, para_key, []
        words.append(word)
        if conf >= 0:
            weighted += conf * len(word)
            total += len(word)
    if words:
        lines.append(" ".join(words))
    text = "\n".join(lines).strip()
    return OcrPage(repair_ocr_text(text) + ("\n" if text else ""), round(weighted / total / 100, 3) if total else 0.0)


_ETH = str.maketrans({"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ"})
# "115 /KH- UBND", "197 -KH/TU", "QĐ -UBND": spaces OCR puts inside a document symbol.
_SYMBOL = re.compile(
    r"\b\d{1,5}[a-zđ]?(?:\s*/\s*\d{4})?\s*[/-]\s*[A-ZĐ][A-ZĐa-zđ0-9]*(?:\s*[-/]\s*[A-ZĐ][A-ZĐa-zđ0-9]*)+"
)
_SPACE = re.compile(r"\s+")


def repair_ocr_text(text: str) -> str:
    """Undo misreadings tesseract makes on Vietnamese official documents.

    >>> repair_ocr_text("Số: 115 /KH- UBND; QĐÐ-UBND")
    'Số: 115/KH-UBND; QĐ-UBND'

    * ``Ð`` (Icelandic eth, U+00D0) for ``Đ`` (U+0110): they look the same;
    * a doubled ``ĐĐ``, which no Vietnamese word has, from one stroked D read twice;
    * spaces around ``/`` and ``-`` inside a document symbol.
    """
    text = text.translate(_ETH)
    text = re.sub(r"ĐĐ+", "Đ", text)
    return _SYMBOL.sub(lambda m: _SPACE.sub("", m.group(0)) if "\n" not in m.group(0) else m.group(0), text)
