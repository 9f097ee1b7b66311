"""Property and fuzz tests: the normaliser, the readers and the small parsers never
crash on any input, keep their offsets inside the text, and round-trip what they
can write back.

Example counts stay small (CI runs them on every push); raise them locally with
``HYPOTHESIS_PROFILE=deep``.
"""

from __future__ import annotations

import io
import os
import signal
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from _pdf import text_pdf
from pipeline.document import SourceText
from pipeline.errors import KehoachError
from pipeline.limits import Limits
from pipeline.normalize import normalize
from pipeline.readers import read_bytes

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = (ROOT / "corpus" / "seeds" / "bacgiang-115-kh-ubnd-2023" / "source.txt").read_text(encoding="utf-8")

settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("deep", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Text that looks like what readers hand the normaliser: Vietnamese letters (NFC
# and decomposed), tone marks, Markdown, tables, page breaks, control characters.
_ALPHABET = st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ0123456789 .,;:-/()*#|_")
    + ["ế", "ộ", "ữ", "ỳ", "hoá", "thuỷ", "Ủy", "e\u0301", "o\u0302\u0300", "\u0300", "\u0323",
       "\n", "\n\n", "\t", "\f", "\r\n", "\u00a0", "\u200b", "\ufeff", "\u00ad", "\x02", "\ufffe", "**", "| --- |"]
)
vietnamese_text = st.lists(_ALPHABET, max_size=300).map("".join)


@contextmanager
def time_limit(seconds: float):
    """Fail (instead of hanging the suite) when a call runs longer than ``seconds``."""

    def expired(signum, frame):
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- normaliser ----------------------------------------------------------------------


@given(vietnamese_text)
def test_normalize_never_crashes_and_offsets_map_inside_the_source(text):
    result = normalize(text)
    out = result.text
    previous = 0
    for offset in range(len(out.text) + 1):
        original = out.to_original(offset)
        assert 0 <= original <= len(text)
        assert original >= previous, "the map back to the source keeps the text order"
        previous = original
    for mark in result.marks:
        assert 0 <= mark.start <= mark.end <= len(out.text)


_ONE_LINE = st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ0123456789 .,;:-/()_")
    + ["ế", "ộ", "ữ", "ỳ", "hoá", "thuỷ", "Ủy", "e\u0301", "o\u0302\u0300", "\u00a0", "\u200b", "\ufeff", "  "]
)


@given(st.lists(_ONE_LINE, max_size=200).map("".join))
def test_normalize_is_idempotent_on_one_line_of_text(text):
    """Character passes (NFC, tones, spaces) are idempotent; line passes (reflow,
    Markdown) are heuristics over the line layout and are checked on examples."""
    once = normalize(text).text.text
    assert normalize(once).text.text == once


@pytest.mark.parametrize("source", ["**KT. CHỦ TỊCH **\n**PHÓ CHỦ TỊCH**\n",
                                    "**3.2. Bằng khen của Chủ tịch UBND tỉnh **\n\na) Đối với tập thể"])
def test_bold_with_inner_trailing_space_leaves_no_trailing_space(source):
    lines = normalize(source).text.text.split("\n")
    assert all(line == line.rstrip(" ") for line in lines)


def test_lone_bold_marker_line_leaves_no_leading_space():
    assert normalize("**\na").text.text == "a"


@given(vietnamese_text)
@example("a__\u0300")  # the combining mark meets its letter only once "__" is removed
def test_normalize_output_is_nfc_without_control_characters(text):
    import unicodedata

    out = normalize(text).text.text
    assert unicodedata.normalize("NFC", out) == out
    assert not any(ch in out for ch in "\r\u00a0\u200b\ufeff\x02\ufffe")


@given(st.text(max_size=200))
def test_normalize_survives_any_unicode(text):
    out = normalize(text).text
    assert 0 <= out.to_original(len(out.text)) <= len(text)


# --- readers: mutated real files -----------------------------------------------------


def _docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    for line in SEED_TEXT.splitlines()[:40]:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=3)
    for i, cell in enumerate(table._cells):
        cell.text = f"ô {i}"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


SAMPLES = {
    ".txt": SEED_TEXT.encode("utf-8")[:6000],
    ".html": ("<html><body><article>" + "".join(f"<p>{ln}</p>" for ln in SEED_TEXT.splitlines()[:40])
              + "<table><tr><td>a</td><td>b</td></tr></table></article></body></html>").encode("utf-8"),
    ".pdf": text_pdf(["KE HOACH\nSo: 115/KH-UBND\nNgay 12 thang 3 nam 2024"] * 2),
    ".docx": _docx_bytes(),
}


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    """A sample file with bit flips, a truncation, or random bytes inserted."""
    suffix = draw(st.sampled_from(sorted(SAMPLES)))
    data = bytearray(SAMPLES[suffix])
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["flip", "truncate", "insert", "zero"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if kind == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        else:
            data[at:at + draw(st.integers(1, 512))] = b"\0" * 16
    return suffix, bytes(data)


@given(mutated())
def test_readers_on_mutated_files_succeed_or_raise_kehoach_errors(case):
    suffix, data = case
    with time_limit(20):
        try:
            result = read_bytes(data, suffix, Limits(ocr=False))
        except KehoachError as err:
            assert err.reason and isinstance(err.reason, str)
            return
    assert isinstance(result, SourceText)
    assert isinstance(result.text, str)


@given(st.binary(max_size=2048), st.sampled_from(["", ".txt", ".md", ".html", ".pdf", ".docx", ".doc"]))
def test_readers_on_random_bytes_succeed_or_raise_kehoach_errors(data, suffix):
    with time_limit(20):
        try:
            read_bytes(data, suffix, Limits(ocr=False))
        except KehoachError:
            pass  # a refusal with a reason is the expected outcome for noise


@given(mutated())
@settings(max_examples=25)
def test_whole_pipeline_on_mutated_files_never_raises_other_errors(case):
    from pipeline.build import build_document
    from pipeline.extract import extract_plan

    suffix, data = case
    with time_limit(30):
        try:
            source = read_bytes(data, suffix, Limits(ocr=False))
        except KehoachError:
            return
        document = build_document(source)
        extract_plan(document)


# --- small parsers ------------------------------------------------------------------

dates_module = pytest.importorskip("extractors.dates")
symbols_module = pytest.importorskip("extractors.symbols")
numbers_module = pytest.importorskip("extractors.numbers")
timexpr_module = pytest.importorskip("extractors.timexpr")

valid_dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31))


@given(vietnamese_text)
def test_find_dates_spans_slice_back_to_their_text(text):
    for match in dates_module.find_dates(text):
        assert text[match.start:match.end] == match.text
        if match.date is not None:
            assert (match.date.year, match.date.month, match.date.day) == (match.year, match.month, match.day)


@given(valid_dates, st.sampled_from(["words", "slash", "dot", "dash", "padded"]))
def test_parse_date_round_trips_written_dates(day, form):
    written = {
        "words": f"ngày {day.day} tháng {day.month} năm {day.year}",
        "slash": f"{day.day}/{day.month}/{day.year}",
        "dot": f"{day.day}.{day.month}.{day.year}",
        "dash": f"{day.day}-{day.month}-{day.year}",
        "padded": f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}",
    }[form]
    assert dates_module.parse_date(written) == day


@given(vietnamese_text)
def test_find_symbols_spans_slice_and_numbers_are_canonical(text):
    for symbol in symbols_module.find_symbols(text):
        assert text[symbol.start:symbol.end] == symbol.raw
        assert symbols_module.canonical_symbol(symbol.number) == symbol.number


_TYPE = st.sampled_from(["KH", "QĐ", "CT", "NQ", "TB", "BC", "CV", "HD"])
_ISSUER = st.sampled_from(["UBND", "SYT", "TTYT", "BYT", "SGDĐT", "UBND-VX", "STC"])


@given(st.integers(1, 9999), _TYPE, _ISSUER, st.booleans())
def test_state_symbol_round_trips_with_ocr_style_spaces(number, type_code, issuer, spaced):
    canonical = f"{number}/{type_code}-{issuer}"
    written = f"{number} /{type_code}- {issuer}" if spaced else canonical
    assert symbols_module.canonical_symbol(written) == canonical


@given(st.integers(1, 999), st.sampled_from(["KH", "CT", "NQ", "QĐ"]), st.sampled_from(["TU", "TW", "HU", "ĐU"]))
def test_party_symbol_round_trips(number, type_code, issuer):
    canonical = f"{number}-{type_code}/{issuer}"
    assert symbols_module.canonical_symbol(canonical) == canonical


@given(st.text(max_size=40))
def test_parse_number_never_crashes(text):
    value = numbers_module.parse_number(text)
    assert value is None or value >= 0


@given(st.integers(0, 10**9))
def test_parse_number_round_trips_dot_grouped_integers(value):
    written = f"{value:,}".replace(",", ".")
    assert numbers_module.parse_number(written) == value


@given(st.integers(0, 10**6), st.integers(1, 99))
def test_parse_number_round_trips_comma_decimals(whole, hundredths):
    written = f"{whole},{hundredths:02d}"
    assert numbers_module.parse_number(written) == pytest.approx(whole + hundredths / 100)


_UNIT_WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def spell(n: int) -> str:
    """Vietnamese numerals for 1..999 as documents write them ("hai mươi lăm", "một trăm linh năm")."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words = [_UNIT_WORDS[hundreds], "trăm"] if hundreds else []
    if tens == 0 and units:
        words += (["linh"] if hundreds else []) + [_UNIT_WORDS[units]]
    elif tens == 1:
        words += ["mười"] + ({0: [], 5: ["lăm"]}.get(units) or [_UNIT_WORDS[units]] if units else [])
    elif tens:
        words += [_UNIT_WORDS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 5: "lăm"}.get(units, _UNIT_WORDS[units]))
    return " ".join(words)


@given(st.integers(1, 999).filter(lambda n: n != 5))  # a lone "năm" means "year": refused by design
def test_parse_words_round_trips_spelled_numbers(n):
    assert numbers_module.parse_words(spell(n)) == n


def test_parse_words_hundreds_then_tens_regression():
    """Regression: "mươi" multiplied the hundreds too ("một trăm hai mươi" gave 1020)."""
    assert numbers_module.parse_words("một trăm hai mươi") == 120
    assert numbers_module.parse_words("hai nghìn ba trăm bốn mươi mốt") == 2341


@given(st.text(max_size=60))
def test_parse_words_never_crashes(text):
    numbers_module.parse_words(text)


@given(vietnamese_text, valid_dates)
def test_time_expressions_never_crash_and_slice_back(text, reference):
    for expr in timexpr_module.find(text, reference):
        assert 0 <= expr.start <= expr.end <= len(text)
        assert text[expr.start:expr.end] == expr.text
        if expr.date:
            date.fromisoformat(expr.date)


@given(valid_dates, valid_dates)
def test_deadline_date_round_trips_through_find(deadline, reference):
    text = f"báo cáo kết quả trước ngày {deadline.day}/{deadline.month}/{deadline.year}"
    found = [e for e in timexpr_module.find(text, reference) if e.date]
    assert [e.date for e in found] == [deadline.isoformat()]
