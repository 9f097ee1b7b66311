"""Read a file into :class:`SourceText`, choosing the reader by content, not by name.

A file named ``.txt`` that is really a PDF is read as a PDF; a legacy Word ``.doc``,
an image or other binary content is refused with a reason the user can act on.
"""

from __future__ import annotations

import stat
from pathlib import Path

from pipeline.document import SourceText
from pipeline.errors import LimitExceeded, UnreadableFile, UnsupportedFormat
from pipeline.limits import Limits
from pipeline.readers.text import utf16_without_bom

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = {b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image", b"II*\x00": "TIFF image", b"MM\x00*": "TIFF image"}


def sniff(data: bytes, suffix: str = "") -> str:
    """The format of ``data``: ``pdf``, ``docx``, ``html``, ``md`` or ``txt``."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(_OLE):
        raise UnsupportedFormat(
            "legacy Word .doc (or an encrypted Office file) is not supported: save it as .docx or PDF"
        )
    for magic, name in _IMAGES.items():
        if head.startswith(magic):
            raise UnsupportedFormat(f"{name}, not a document: convert it to PDF to read it with OCR")
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and not utf16_without_bom(head):
        if suffix.lower() in (".docx", ".docm", ".dotx"):
            raise UnsupportedFormat(f"named {suffix} but not a DOCX (zip) archive: binary content")
        raise UnsupportedFormat("binary content, not text")
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype html" in lowered or (b"<body" in lowered and b"</" in lowered):
        return "html"
    return "md" if suffix.lower() in (".md", ".markdown") else "txt"


def read_bytes(data: bytes, suffix: str = "", limits: Limits | None = None) -> SourceText:
    """Read file content already in memory."""
    limits = limits or Limits()
    if not data.strip():
        raise UnreadableFile("empty file")
    if len(data) > limits.max_file_bytes:
        raise LimitExceeded(f"file of {len(data) // 2**20} MiB (limit {limits.max_file_bytes // 2**20} MiB)")
    fmt = sniff(data, suffix)
    if fmt == "pdf":
        from pipeline.readers.pdf import read_pdf

        result = read_pdf(data, limits)
    elif fmt == "docx":
        from pipeline.readers.docx import read_docx

        result = read_docx(data, limits)
    elif fmt == "html":
        from pipeline.readers.html import read_html

        result = read_html(data)
    else:
        from pipeline.readers.text import read_text

        result = read_text(data, fmt)
    if len(result.text) > limits.max_text_chars:
        raise LimitExceeded(f"{len(result.text)} characters of text (limit {limits.max_text_chars})")
    return result


def read_file(path: Path, limits: Limits | None = None) -> tuple[SourceText, bytes]:
    """Read ``path`` once; returns the text and the bytes (for the content hash)."""
    limits = limits or Limits()
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
            # A pipe would block the read forever, a device (/dev/zero) never end it.
            raise UnreadableFile("not a regular file (a pipe, socket or device)")
        if info.st_size > limits.max_file_bytes:
            raise LimitExceeded(f"file of {info.st_size // 2**20} MiB (limit {limits.max_file_bytes // 2**20} MiB)")
        with path.open("rb") as fh:
            # One byte past the limit tells a file that grew since stat() from one that fits.
            data = fh.read(limits.max_file_bytes + 1)
        if len(data) > limits.max_file_bytes:
            raise LimitExceeded(f"file grew past the limit of {limits.max_file_bytes // 2**20} MiB while being read")
    except FileNotFoundError as err:
        raise UnreadableFile("file not found (moved or deleted while reading?)") from err
    except IsADirectoryError as err:
        raise UnreadableFile("is a directory") from err
    except PermissionError as err:
        raise UnreadableFile("permission denied") from err
    except OSError as err:
        raise UnreadableFile(f"cannot read: {err.strerror or err}") from err
    return read_bytes(data, path.suffix, limits), data
