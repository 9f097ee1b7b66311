"""Per-file limits that keep one pathological file from stalling a batch."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Defaults suit plans (a few to a few hundred pages); all are configurable."""

    max_file_bytes: int = 200 * 2**20
    max_unzipped_bytes: int = 300 * 2**20
    max_zip_ratio: float = 100.0
    max_pages: int = 2000
    max_text_chars: int = 20_000_000
    timeout_seconds: float = 120.0
    memory_bytes: int = 2 * 2**30
