"""Building blocks shared by every part of the record: spans and findings."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Method = Literal["rule", "table", "vocabulary", "model", "context"]
Severity = Literal["error", "warning", "info"]


class Record(BaseModel):
    """Base for every schema object: unknown fields are refused so typos surface."""

    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """A half-open interval ``[start, end)`` into the normalized document text.

    ``page`` is the 1-based page the span starts on (1 for formats without pages).
    """

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int = Field(default=1, ge=1)


class Finding(Record):
    """Something a reviewer should look at: a blank number, a total that does not add up."""

    rule: str
    severity: Severity = "warning"
    message: str
    span: Span | None = None
