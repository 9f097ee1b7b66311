"""One exception root, so the CLI can turn any failure into one clear message."""

from __future__ import annotations


class KehoachError(Exception):
    """Base of every error kehoach raises on purpose; ``reason`` is shown to users."""

    def __init__(self, reason: str, path: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class UnreadableFile(KehoachError):
    """The file exists but its content cannot be read: empty, corrupt, encrypted, no text."""


class UnsupportedFormat(KehoachError):
    """The content is a format kehoach does not read (legacy .doc, images, binaries)."""


class LimitExceeded(KehoachError):
    """The file is too large, too slow or would need too much memory to read safely."""
