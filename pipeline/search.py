"""Full-text search over stored documents, with user text passed only as data.

The query is split into words and each word is quoted as an FTS5 string, so FTS
syntax typed by a user ("AND", quotes, ``*``, ``-``) is searched for, never run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlite_utils

from pipeline.store import fold_dd

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Hit:
    document_id: int
    path: str
    number: str | None
    snippet: str


def fts_phrase(query: str) -> str | None:
    """``'cung  co "x'`` → ``'"cung co x"'``: the words as one quoted FTS5 phrase."""
    words = _WORD.findall(query)
    return f'"{" ".join(words)}"' if words else None


def search(db: sqlite_utils.Database, query: str, exact: bool = False, limit: int = 20) -> list[Hit]:
    """Documents containing the words of ``query`` in sequence, best first.

    By default diacritics are ignored ("cung co" finds "củng cố"); with ``exact``
    they count ("Kiên" does not find "Kiến"), case still does not.
    """
    table = "documents_fts_exact" if exact else "documents_fts"
    match = fts_phrase(query if exact else fold_dd(query))
    if match is None:
        return []
    sql = f"""
        SELECT d.id, d.path, p.number, snippet({table}, 0, '«', '»', '…', 12)
        FROM {table} JOIN documents d ON d.id = {table}.rowid
        LEFT JOIN plans p ON p.document_id = d.id
        WHERE {table} MATCH ? ORDER BY rank LIMIT ?
    """
    return [Hit(*row) for row in db.execute(sql, [match, limit]).fetchall()]
