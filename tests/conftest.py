"""Shared fixtures: the corpus on disk and a way to build a Document from a string."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.build import document_from_text
from pipeline.document import Document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = sorted((CORPUS / "seeds").iterdir())
REALDOCS = sorted((CORPUS / "realdocs").glob("*.txt"))


@pytest.fixture
def make_doc():
    """``make_doc("Số: 115/KH-UBND ...")`` → a normalized, segmented Document."""

    def make(text: str) -> Document:
        return document_from_text(text)

    return make


def seed_text(name: str) -> str:
    return (CORPUS / "seeds" / name / "source.txt").read_text(encoding="utf-8")
