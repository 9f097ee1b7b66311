"""Per-file limits that keep one pathological file from stalling a batch."""

from __future__ import annotations

from dataclasses import dataclass

# What the worker processes import before any is forked (their fork server's preload):
# the parsing entry point, the module that warms its vocabularies, and the PDF reader
# (pypdfium2), which every worker would otherwise import again on its first PDF.
WORKER_MODULES = ("pipeline.parse", "pipeline.warm", "pipeline.readers.pdf")


@dataclass(frozen=True, slots=True)
class Limits:
    """Defaults suit plans (a few to a few hundred pages); all are configurable.

    ``timeout_seconds`` and ``memory_bytes`` are enforced by parsing each file in
    a worker process that is killed past them (``isolate``; 0 disables a limit).
    ``ocr`` reads PDF pages without a text layer with tesseract, at most
    ``ocr_max_pages`` of them per file (about 2 s a page at ``ocr_dpi``).
    """

    max_file_bytes: int = 200 * 2**20
    max_unzipped_bytes: int = 300 * 2**20
    max_zip_ratio: float = 100.0
    max_pages: int = 2000
    max_text_chars: int = 20_000_000
    timeout_seconds: float = 120.0
    memory_bytes: int = 2 * 2**30
    isolate: bool = True
    ocr: bool = True
    ocr_languages: str = "vie"
    ocr_dpi: int = 300
    ocr_max_pages: int = 200
