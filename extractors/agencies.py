"""Agency names: find them in text and give each one canonical name and code.

``Sở KH&ĐT`` and ``Sở Kế hoạch và Đầu tư`` are one body; ``Phòng Y tế huyện`` in a
plan of UBND huyện Đắk R'Lấp is ``Phòng Y tế huyện Đắk R'Lấp``. The vocabulary
(``data/agencies.json``) and abbreviations (``data/abbreviations.tsv``) are data; the
code below holds the rules: vocabulary names first (they fix where a name ends), then a
head-noun rule for bodies the vocabulary lacks (``Báo Bắc Giang``).
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from extractors.context import PlanContext
from extractors.scan import matches_from, word_positions
from extractors.spans import within

DATA = Path(__file__).parent / "data"
# Upper-case letters spelled out: the range "À-Ỹ" also holds lower-case ones ("đã", "được")
_UP = "A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x1EFA)) if ch.isupper() and ch.isalpha())
_WORD = r"[\wÀ-ỹ'’]"
# In IGNORECASE patterns word tests are written (?-i:[\wÀ-ỹ]): the class is the same either way
# (tests/test_agencies.py), and without IGNORECASE its range compiles three times faster.
_PROPER = rf"(?-i:[{_UP}]{_WORD}*(?:[ \-]+[{_UP}]{_WORD}*){{0,3}})"
# "xã hội" (society: "Ngân hàng Chính sách xã hội") is no commune.
# "huyện ủy", "tỉnh ủy", "thị ủy": party committees, no level word ("Ban Tuyên giáo các huyện ủy, thị ủy")
_LEVEL_WORDS = (r"(?:thành phố|thị trấn|thị xã|đặc khu|tỉnh|huyện|quận|xã(?![ \t]+hội)|phường)"
                r"(?![ \t]+(?:[ủỦ]y|[uU]ỷ)(?![\wÀ-ỹ]))")
_SUFFIX = re.compile(
    rf"(?P<plural>\s+(?:các\s+)?(?:{_LEVEL_WORDS})(?:\s*(?:,|và|/)\s*(?:{_LEVEL_WORDS})(?!(?-i:[\wÀ-ỹ])))+"
    rf"|\s+các\s+(?:{_LEVEL_WORDS}|cấp)(?!(?-i:[\wÀ-ỹ])))"
    rf"|\s+(?P<cap>cấp\s+)?(?P<lvl>{_LEVEL_WORDS})(?!(?-i:[\wÀ-ỹ]))(?:[ \t]+(?P<area>{_PROPER}))?"
    rf"|[ \t]+(?P<bare>{_PROPER})",
    re.IGNORECASE,
)
# ("các huyện/thành phố": a slash joins the levels of a plural as a comma does)
_CITY_PROVINCES = ("hà nội", "hồ chí minh", "hải phòng", "đà nẵng", "cần thơ", "huế")
_TONE_PAIRS = {
    "óa": "oá", "òa": "oà", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "úy": "uý", "ùy": "uỳ", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
    "óe": "oé", "òe": "oè", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
}


@dataclass(frozen=True, slots=True)
class AgencyType:
    code: str
    name: str
    level: str  # central | province | district | commune | any
    group: bool = False
    # a body that is no name without its level word: "Thuế tỉnh Nghệ An" (the 2025 tax office), never "Thuế" alone
    needs_level: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """An agency named in text; ``start``/``end`` are offsets in the text searched."""

    start: int
    end: int
    surface: str
    name: str
    code: str
    level: str | None
    area: str | None
    plural: bool = False
    group: bool = False
    method: str = "vocabulary"
    score: float | None = None


_NOT_KEY = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: the key names are compared on.

    Cached: the same names, levels and province are folded again for every mention.
    """
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn").lower()
    text = text.replace("&", " va ")
    return _NOT_KEY.sub(" ", text).strip()


def slug(text: str) -> str:
    return fold(text).replace(" ", "-")


@functools.cache
def abbreviations() -> tuple[tuple[str, str], ...]:
    """``(abbreviation, expansion)`` pairs, longest abbreviation first."""
    pairs = []
    for line in (DATA / "abbreviations.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        short, _, long = line.partition("\t")
        pairs.append((short.strip(), long.strip()))
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@functools.lru_cache(maxsize=8192)
def expand(text: str) -> str:
    """``Sở KH&ĐT`` → ``Sở Kế hoạch và Đầu tư`` (whole tokens only)."""
    table, pattern = _abbreviation_pattern()
    return pattern.sub(lambda m: table[m.group(0)], text)


@functools.cache
def _abbreviation_pattern() -> tuple[dict[str, str], re.Pattern[str]]:
    """One alternation of every abbreviation, longest first, so one pass expands all.

    An expansion is not expanded again: abbreviations never occur inside the long
    forms, so one pass gives what applying them one by one did.
    """
    pairs = abbreviations()
    table = {short: long for short, long in reversed(pairs)}
    alternatives = "|".join(re.escape(short) for short, _ in pairs)
    return table, re.compile(rf"(?<![\wÀ-ỹ&])(?:{alternatives})(?![\wÀ-ỹ&])")


@functools.cache
def vocabulary() -> dict:
    return json.loads((DATA / "agencies.json").read_text(encoding="utf-8"))


@functools.cache
def _types_by_key() -> dict[str, AgencyType]:
    """Every name and alias (folded, abbreviations expanded) → its agency type."""
    out: dict[str, AgencyType] = {}
    vocab = vocabulary()
    for row in vocab["agencies"]:
        kind = AgencyType(row["code"], row["name"], row["level"], needs_level=row.get("needs_level", False))
        for name in [row["name"], *row["aliases"]]:
            out.setdefault(fold(expand(name)), kind)
    for row in vocab["groups"]:
        kind = AgencyType(row["code"], row["name"], "any", group=True)
        for name in [row["name"], *row["aliases"]]:
            out.setdefault(fold(expand(name)), kind)
    return out


def _flex(name: str) -> str:
    """A regex for ``name`` tolerant of spacing, hyphen spacing and old tone placement."""
    name = re.sub(r"\s*([-–&,])\s*", lambda m: m.group(1) if m.group(1) != "," else ", ", name)
    name = name.replace(", ", ",")
    out, i = [], 0
    while i < len(name):
        pair = name[i:i + 2].lower()
        if pair in _TONE_PAIRS:
            out.append(f"(?:{re.escape(name[i:i + 2])}|{re.escape(_TONE_PAIRS[pair])})")
            i += 2
            continue
        ch = name[i]
        if ch == " ":
            out.append(r"\s+")
        elif ch in "-–":
            out.append(r"\s*[-–]\s*")
        elif ch == ",":
            out.append(r"\s*,?\s*")
        elif ch == "&":
            out.append(r"\s*&\s*")
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


def _surface_forms(name: str) -> set[str]:
    """``Sở Kế hoạch và Đầu tư`` and the abbreviated ways of writing it (``Sở KH&ĐT``)."""
    forms = {name}
    for short, long in abbreviations():
        for form in list(forms):
            if long in form and len(short) > 1:
                forms.add(form.replace(long, short))
    return forms


_WORD_AT_START = re.compile(r"(?<![\wÀ-ỹ])[\wÀ-ỹ]+")


def _first_word_key(text: str) -> str:
    word = _WORD_AT_START.search(text)
    return _fold_word(word.group(0) if word else "")


@functools.lru_cache(maxsize=16384)
def _fold_word(word: str) -> str:
    folded = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


@functools.cache
def _vocabulary_forms() -> dict[str, tuple[str, ...]]:
    """The vocabulary's written forms grouped by their folded first word, longest first.

    One alternation of every name would be tried at every word of the text; keyed by
    the first word, each word start only tries the names that can begin there.
    """
    groups: dict[str, set[str]] = {}
    vocab = vocabulary()
    for row in [*vocab["agencies"], *vocab["groups"]]:
        for name in [row["name"], *row["aliases"]]:
            for form in _surface_forms(name):
                groups.setdefault(_first_word_key(form), set()).add(form)
    return {key: tuple(sorted(forms, key=lambda f: (-len(f), f))) for key, forms in groups.items()}


@functools.cache
def _vocabulary_pattern(key: str) -> re.Pattern[str]:
    """The names beginning with ``key``, for any text (``re.IGNORECASE``): the path of unusual text.

    The range ``À-ỹ`` under IGNORECASE costs milliseconds to compile, so each key's
    pattern is compiled only when a text needs it.
    """
    body = "|".join(_flex(n) for n in _vocabulary_forms()[key])
    return re.compile(rf"(?:{body})(?![\wÀ-ỹ&])", re.IGNORECASE)


@functools.cache
def _lower_vocabulary_pattern(key: str) -> re.Pattern[str]:
    """The names beginning with ``key`` in lower case, for the lower-cased copy of a Latin text.

    Matching ``text.lower()`` case-sensitively finds what IGNORECASE finds in ``text``
    (see ``_lower_matches_ignorecase``) and compiles several times faster; in a Latin
    text the only non-word characters of ``À-ỹ`` are ``×`` and ``÷``, so the end test
    needs no big character range either.
    """
    forms = sorted({n.lower() for n in _vocabulary_forms()[key]}, key=lambda f: (-len(f), f))
    body = "|".join(_flex(n) for n in forms)
    return re.compile(rf"(?:{body})(?![\w&{_latin_non_word_letters()}])")


_WORD_CHAR = re.compile(r"[\wÀ-ỹ]")
_IS_WORD = re.compile(r"\w")


@functools.cache
def _latin_folds() -> tuple[dict[str, list[str]], re.Pattern[str]]:
    """Each folded letter with the Latin characters ``_fold_word`` turns into it, and a test for other word characters.

    Plans are written in Latin script: a word of these characters folds one character at
    a time, so folding the whole text once gives each word's folded form in place.
    Text holding any other word character (Greek, a loose combining mark) is read word by word.
    """
    classes: dict[str, list[str]] = {}
    safe = []  # characters the classes cover, or that are no word character (spaces, quotes, dashes)
    for code in [*range(0x250), *range(0x1E00, 0x1F00), *range(0x2000, 0x2070)]:
        ch = chr(code)
        if not _WORD_CHAR.match(ch):
            safe.append(ch)
            continue
        folded = _fold_word(ch)
        if len(folded) == 1 and code < 0x2000:
            classes.setdefault(folded, []).append(ch)
            safe.append(ch)
    # the lookbehind is a second check: only word characters make the text unsafe
    other = re.compile(rf"[^{''.join(re.escape(c) for c in safe)}](?<=[\wÀ-ỹ])")
    return classes, other


@functools.cache
def _latin_fold_table() -> str:
    """``str.translate`` table folding each Latin word character to its letter (``Ở`` → ``o``); others stay."""
    classes, _ = _latin_folds()
    table = {ord(ch): letter for letter, chars in classes.items() for ch in chars}
    return "".join(table.get(code, chr(code)) for code in range(max(table) + 1))


@functools.cache
def _latin_non_word_letters() -> str:
    """The characters of ``À-ỹ`` a Latin text may hold that are no word character (``×``, ``÷``), escaped.

    In a Latin text (see ``_latin_folds``) ``[\\wÀ-ỹ]`` is ``[\\w×÷]``: a small class compiles
    in microseconds where the range takes a millisecond each time it is written.
    """
    _, other = _latin_folds()
    non_word = _IS_WORD.sub("", "".join(map(chr, range(0xC0, 0x1EFA))))
    return "".join(re.escape(ch) for ch in other.sub("", non_word))


# Characters IGNORECASE matches to a letter their lower case is not (dotless ı ~ i, long ſ ~ s):
# a text holding one is matched on its own, not on its lower-cased copy.
_CASE_EXCEPTIONS = re.compile("[\u0131\u017f\u1e9b]")


def _is_latin(text: str) -> bool:
    return _latin_folds()[1].search(text) is None


def _lower_copy(text: str) -> str | None:
    """``text.lower()`` when matching it case-sensitively is matching ``text`` with IGNORECASE."""
    lowered = text.lower()
    if len(lowered) != len(text) or _CASE_EXCEPTIONS.search(text):
        return None  # "İ" lower-cases to two characters: offsets would shift
    return lowered


@functools.cache
def _start_keys() -> tuple[frozenset[str], frozenset[str] | None]:
    """Folded first words that begin a name: of the vocabulary and group phrases, and of the head nouns.

    The head keys are None when a head's first word may run into the next one
    (``,``/``&``/``-`` in it): such heads are then searched over the whole text.
    """
    heads = vocabulary()["heads"]
    head_keys = None if any(re.search(r"[,&\-–]", h) for h in heads) else frozenset(_first_word_key(h) for h in heads)
    return frozenset(_vocabulary_forms()) | {"cac"} | (head_keys or set()), head_keys


@functools.cache
def _spaced_fold_table() -> str:
    """``_latin_fold_table`` over the whole Basic Multilingual Plane, every character that folds to no word letter a space.

    With each non-word character a space, the start-word pattern opens with a plain space,
    which a search skips to in C, instead of a class tested at every character.
    """
    latin, letters = _latin_fold_table(), set(_latin_folds()[0])
    folded = (latin[code] if code < len(latin) else chr(code) for code in range(0x10000))
    return "".join(ch if ch in letters else " " for ch in folded)


@functools.cache
def _spaced_first_words_regex() -> re.Pattern[str]:
    """``_first_words_regex`` for a text folded by ``_spaced_fold_table``: a space, then a start key (group 1)."""
    opening = _first_words_regex().pattern
    return re.compile(" " + opening[opening.index("]((") + 1:])


def _beyond_bmp(text: str) -> bool:
    """Whether ``text`` holds a character above U+FFFF (which ``_spaced_fold_table`` does not reach)."""
    return len(text.encode("utf-16-le")) != 2 * len(text)


@functools.cache
def _first_words_regex() -> re.Pattern[str]:
    """In a folded Latin text, the whole words that are start keys (``so``, ``ubnd``, ``uy``, ``cac``): group 1.

    The pattern opens with the character before the word, one no word holds, so the
    keys are tried only where a word starts (not at every letter that may begin one);
    ``_word_starts`` puts a space before the text for a word at its very start.
    """
    classes, _ = _latin_folds()
    word = f"[{_folded_word_letters()}]"

    def trie(words: list[str]) -> str:
        """One alternation per shared prefix: each position tries each letter once."""
        by_first: dict[str, list[str]] = {}
        for w in words:
            by_first.setdefault(w[:1], []).append(w[1:])
        alts = []
        for letter, rests in sorted(by_first.items()):
            if not letter:
                alts.append("")  # the word may end here
                continue
            alts.append(re.escape(letter) + (trie(rests) if rests != [""] else ""))
        if alts == [""]:
            return ""
        ends = "" in alts  # "ban" ends where "bao" goes on: the empty branch last, after longer ones
        body = "|".join(a for a in alts if a)
        return f"(?:{body}{'|' if ends else ''})"

    # a key with a character no Latin letter folds to can only begin a word of the slow path
    keys = [k for k in _start_keys()[0] if all(ch in classes for ch in k)]
    return re.compile(rf"[^{_folded_word_letters()}]({trie(keys)})(?!{word})")


@functools.cache
def _folded_word_letters() -> str:
    """The characters of a folded Latin text that ``[\\wÀ-ỹ]`` counts as word characters, as a class body.

    Folding maps every word character of a Latin text to one of the letters of
    ``_latin_folds`` (``×`` and ``÷`` among them); a small class of those is tested
    faster than ``\\w``, which looks up each character's Unicode category.
    """
    classes, _ = _latin_folds()
    return "".join(re.escape(ch) for ch in sorted(classes))


def _word_starts(text: str, latin: bool | None = None) -> list[tuple[int, str]]:
    """Where the words that may begin a name start, with their folded form, in order.

    One scan of the text serves the vocabulary, the head nouns and the group phrases.
    """
    if latin is None:
        latin = _is_latin(text)
    keys = _start_keys()[0]
    if latin and not _beyond_bmp(text):  # fold the text once; the words that are keys are found in C
        folded = (" " + text).translate(_spaced_fold_table())  # the space: a non-word character before the first word
        return [(word.start(), word.group(1)) for word in _spaced_first_words_regex().finditer(folded)]
    if latin:
        folded = (" " + text).translate(_latin_fold_table())  # the space: a non-word character before the first word
        return [(word.start(1) - 1, word.group(1)) for word in _first_words_regex().finditer(folded)]
    out = []
    for word in _WORD_AT_START.finditer(text):  # a word character outside the Latin blocks: word by word
        key = _fold_word(word.group(0))
        if key in keys:
            out.append((word.start(), key))
    return out


def _vocabulary_matches(text: str, starts: list[tuple[int, str]] | None = None, latin: bool | None = None):
    """Leftmost, longest, non-overlapping vocabulary names in ``text``, as ``(start, end)``."""
    if latin is None:
        latin = _is_latin(text)
    lowered = _lower_copy(text) if latin else None
    subject, pattern_of = (lowered, _lower_vocabulary_pattern) if lowered is not None else (text, _vocabulary_pattern)
    forms, taken = _vocabulary_forms(), -1
    starts = _word_starts(text, latin) if starts is None else starts
    for start, key in [(start, key) for start, key in starts if key in forms]:  # picked out in one pass
        if start < taken:
            continue
        match = pattern_of(key).match(subject, start)
        if match:
            taken = match.end()
            yield start, taken


def _head_matches(text: str, starts: list[tuple[int, str]]):
    """``_head_regex().finditer(text)``, tried only where a head's first word starts."""
    head_keys = _start_keys()[1]
    if head_keys is None:
        yield from _head_regex().finditer(text)
        return
    regex, end = _head_regex(), -1
    for start in [start for start, key in starts if key in head_keys]:  # picked out in one pass
        if start >= end:
            match = regex.match(text, start)
            if match:
                end = match.end()
                yield match


@functools.cache
def _head_regex() -> re.Pattern[str]:
    heads = sorted(vocabulary()["heads"], key=len, reverse=True)
    return re.compile(rf"(?<![\wÀ-ỹ])(?:{'|'.join(_flex(h) for h in heads)})(?![\wÀ-ỹ])")


@functools.lru_cache(maxsize=8192)
def lookup(surface: str) -> tuple[AgencyType | None, float]:
    """The vocabulary type of a written name, exact on the folded key or fuzzy (≥ 92)."""
    key = fold(expand(surface))
    table = _types_by_key()
    if key in table:
        return table[key], 100.0
    from rapidfuzz import fuzz, process

    best = process.extractOne(key, list(table), scorer=fuzz.ratio, score_cutoff=92)
    if best is None:
        return None, 0.0
    return table[best[0]], float(best[1])


def _needs_level(surface: str) -> bool:
    kind = lookup(surface)[0]
    return bool(kind and kind.needs_level)


# "Chánh văn phòng UBND tỉnh", "Giám đốc sở Tài chính": after a head's title the body is meant even in
# lower case (the title names the head OF a body); elsewhere "văn phòng", "sở" are common nouns
_TITLE_BEFORE_LOWER = re.compile(r"(?<![\wÀ-ỹ])(?:Chánh|Giám[ \t]+đốc|Thủ[ \t]+trưởng)[ \t]+$", re.IGNORECASE)
_TITLE_REACH = 40  # characters before a name where its head's title may stand ("Thủ trưởng" and its spaces)


def find(text: str, context: PlanContext | None = None) -> list[Mention]:
    """Agencies named in ``text``, vocabulary first, then the head-noun rule.

    >>> [m.name for m in find("Sở Y tế chủ trì, phối hợp với Sở KH&ĐT")]
    ['Sở Y tế', 'Sở Kế hoạch và Đầu tư']
    """
    context = context or PlanContext()
    found: list[Mention] = []
    latin = _is_latin(text)
    starts = _word_starts(text, latin)
    for start, end in _vocabulary_matches(text, starts, latin):
        if not (text[start].isupper() or _is_group(text[start:end])
                or _TITLE_BEFORE_LOWER.search(text, max(0, start - _TITLE_REACH), start)):
            continue
        mention = _mention(text, start, end, context, "vocabulary")
        if mention.end == end and _needs_level(text[start:end]):
            continue  # "Luật Thuế thu nhập": the word without a level word names no body
        found.append(mention)
    found = _party_wrapped(text, found)
    found_starts = [f.start for f in found]  # vocabulary matches: sorted, never overlapping
    rule_end = -1
    for m in _head_matches(text, starts):
        i = bisect.bisect_right(found_starts, m.start()) - 1
        if (i >= 0 and m.start() < found[i].end) or m.start() < rule_end:
            continue  # "Công ty Điện lực Đắk Lắk" holds "Điện lực Đắk Lắk": one body, not two
        end = _through_inner_name(text, m.start(), _fields_end(text, _generic_end(text, m.end())), found, found_starts)
        if end > m.end():
            mention = _mention(text, m.start(), end, context, "rule")
        elif _COMMITTEE_HEAD.fullmatch(m.group(0)):
            mention = _mention(text, m.start(), end, context, "rule")  # "Đảng ủy xã Ia Tôr": the level word names it
            if mention.end == end:
                continue
        elif (organ := _PARTY_ORGAN_LOWER.match(text, end)) and m.group(0) in _ORGAN_HEADS:
            mention = _mention(text, m.start(), organ.end(), context, "rule")  # "Ủy ban kiểm tra Huyện ủy"
        elif m.group(0) == "Ban" and (lower := _LOWER_CHI_DAO.match(text, end)):
            mention = _mention(text, m.start(), lower.end(), context, "rule")  # "Ban chỉ đạo phòng, chống dịch tỉnh"
            if mention.end == lower.end():
                continue  # no topic and no level word: the common noun "ban chỉ đạo" of a sentence
        else:
            continue
        found.append(mention)
        rule_end = mention.end
    cac = [start for start, key in starts if key == "cac"]  # where both group rules may start, picked out once
    found += _group_phrases(text, found, context, cac)
    found += _party_groups(text, found, cac)
    found += _distributed(text, found, context)
    enumerated = _enumerated(text, found, context, cac)  # "các Bộ: Quốc phòng, Công an": "Công an" is "Bộ Công an" here
    found = [f for f in found if not any(e.start <= f.start and f.end <= e.end for e in enumerated)] + enumerated
    found += more_levels(text, found, context)
    found = [_with_zones(text, f, context) for f in found if not _SEASON.match(text, f.start)]
    found += _owned_groups(text, found)
    found.sort(key=lambda f: (f.start, -f.end))
    out, reach = [], -1
    for f in found:  # "Ủy ban Kiểm tra Tỉnh ủy": "Tỉnh ủy" inside it is part of the name
        if f.end <= reach:
            continue
        out.append(f)
        reach = max(reach, f.end)
    return _shared_level(text, out, context)


# ---- party bodies ----------------------------------------------------------------------------

_COMMITTEE_HEAD = re.compile(r"(?:Đảng|Chi)[ \t]+(?:ủy|uỷ|bộ)")
# "Đảng đoàn Hội đồng nhân dân huyện", "Ban cán sự đảng UBND tỉnh", "Thường trực Huyện ủy": a party body
# attached to a state, front or party body is named by a prefix written before that body's name
_PARTY_PREFIX = re.compile(
    r"(?:(?P<DD>Đảng[ \t]+đoàn)|(?P<BCSD>Ban[ \t]+cán[ \t]+sự[ \t]+[đĐ]ảng)|(?P<BTV>Ban[ \t]+Thường[ \t]+vụ)"
    r"|(?P<TT>Thường[ \t]+trực)|(?P<DU>Đảng[ \t]+(?:ủy|uỷ))|(?P<DB>Đảng[ \t]+bộ)|(?P<CB>Chi[ \t]+bộ))[ \t]+$"
)
_PREFIX_NAMES = {"DD": "Đảng đoàn", "BCSD": "Ban cán sự đảng", "BTV": "Ban Thường vụ", "TT": "Thường trực",
                 "DU": "Đảng ủy", "DB": "Đảng bộ", "CB": "Chi bộ"}
# "Phó Chủ tịch Thường trực UBND tỉnh", "Cơ quan Thường trực Ban Chỉ đạo": a person's title or a role, no body
_TITLE_BEFORE_PREFIX = re.compile(r"(?:tịch|thư|quan|[Tt]rưởng|[Bb]an|đốc|viên|[Pp]hó)[ \t]+$")
_PREFIX_WINDOW = 24


def _party_wrapped(text: str, found: list[Mention]) -> list[Mention]:
    """Vocabulary names with a party prefix before them, read as the party body they name.

    ``Đảng đoàn Hội đồng nhân dân huyện`` is not ``Hội đồng nhân dân huyện``: the party
    delegation leads it. The name is the prefix and the body (``Ban cán sự đảng Ủy ban
    nhân dân tỉnh Gia Lai``), the code the prefix's and the body's (``BCSD-UBND-TINH@gia-lai``).
    """
    out, previous_end = [], 0
    for m in found:
        window_start = max(previous_end, m.start - _PREFIX_WINDOW)
        prefix = None if m.group else _PARTY_PREFIX.search(text, window_start, m.start)
        if prefix and prefix.lastgroup == "TT" and _TITLE_BEFORE_PREFIX.search(text, max(0, prefix.start() - 12),
                                                                               prefix.start()):
            prefix = None
        if prefix:
            start, key = prefix.start(), prefix.lastgroup
            m = replace(m, start=start, surface=text[start:m.end], name=f"{_PREFIX_NAMES[key]} {m.name}",
                        code=f"{key}-{m.code}")
        out.append(m)
        previous_end = m.end
    return out


_KIND_UY = r"(?:ủy|uỷ)"
_PARTY_KIND = (rf"(?:chi[ \t]*,[ \t]*đảng[ \t]+bộ|cấp[ \t]+{_KIND_UY}(?:[ \t]+đảng)?|tổ[ \t]+chức[ \t]+(?:cơ[ \t]+sở[ \t]+)?đảng"
               rf"|chi[ \t]+bộ|đảng[ \t]+bộ|chi[ \t]+{_KIND_UY}|đảng[ \t]+{_KIND_UY}|(?:huyện|thị|thành|quận)[ \t]+{_KIND_UY}"
               rf"|ban[ \t]+đảng|đảng[ \t]+đoàn|ban[ \t]+cán[ \t]+sự[ \t]+đảng)(?:[ \t]+cơ[ \t]+sở)?")
# "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc", "các chi bộ, đảng bộ cơ sở": kinds of party organisation
_PARTY_GROUP = re.compile(
    rf"[Cc]ác[ \t]+{_PARTY_KIND}(?:[ \t]*(?:,|và)[ \t]*(?:các[ \t]+)?{_PARTY_KIND})*(?P<owned>[ \t]+(?:trực[ \t]+)?thuộc)?"
    r"(?![\wÀ-ỹ])",
    re.IGNORECASE,
)


def _party_groups(text: str, found: list[Mention], cac: list[int]) -> list[Mention]:
    """``Các chi bộ trực thuộc``, ``các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy``: groups of party bodies.

    The committee they belong to, named after ``trực thuộc``, is part of the name; a board
    written just before the list (``Ban Tuyên giáo các huyện ủy, thị ủy``) is that board of
    each of them.
    """
    out: list[Mention] = []
    by_start = {f.start: f for f in found if not f.group}
    by_end = {f.end: f for f in found if not f.group and not f.plural}
    end = -1
    for start in cac:
        if start < end:
            continue
        m = _PARTY_GROUP.match(text, start)
        if m is None:
            continue
        end = m.end()
        owner = by_start.get(end + 1) if m.group("owned") and text[end:end + 1] == " " else None
        if owner is not None and _COMMITTEE_NAME.search(owner.name):
            end = owner.end
        board = by_end.get(start - 1) if text[start - 1:start] == " " else None
        if board is not None and not _COMMITTEE_NAME.search(board.name):
            name = _SPACES.sub(" ", expand(text[board.start:end]))
            out.append(Mention(board.start, end, text[board.start:end], name, board.code.split("@")[0] + "*", None,
                               None, True, False, "rule", None))
            continue
        out.append(_group_mention(text, start, end))
    return out


_COMMITTEE_NAME = re.compile(r"(?:ủy|uỷ|Ủy|Uỷ)$")
_COMMITTEE_LEVEL = re.compile(r"(?<![\wÀ-ỹ])(?:(?P<province>Tỉnh[ \t]+(?:ủy|uỷ))|(?P<district>(?:Huyện|Quận|Thị)[ \t]+(?:ủy|uỷ))"
                              r"|(?P<city>Thành[ \t]+(?:ủy|uỷ)))$")


def _of_committee(m: Mention, context: PlanContext) -> Mention:
    """``Ban Tuyên giáo Huyện ủy``: a board of a district committee is of the district, that of the plan's own.

    A ``Thành ủy`` is a province's in a centrally-run city (Hà Nội, Cần Thơ), else the city's
    of a district plan; in a provincial plan elsewhere its level is not known.
    """
    if m.level is not None or m.plural or m.group:
        return m
    level_of = _COMMITTEE_LEVEL.search(m.name)
    if level_of is None:
        return m
    level = level_of.lastgroup
    if level == "city":
        if any(fold(c) in fold(context.province or "") for c in _CITY_PROVINCES):
            level = "province"
        elif context.district:
            level = "district"
        else:
            return m
    area = _implied_area(level, None, context)
    return replace(m, level=level, area=area, code=m.code + (f"@{slug(area)}" if area and "@" not in m.code else ""))


def _through_inner_name(text: str, start: int, end: int, found: list[Mention], found_starts: list[int]) -> int:
    """Where a head-noun name ends when a known name begins inside it and runs past its end.

    "Chi nhánh Ngân hàng Chính sách xã hội tỉnh", "Văn phòng Ủy ban nhân dân tỉnh": the branch
    or office is the body named, and its name holds the whole known name (not its level).
    """
    i = bisect.bisect_right(found_starts, start)
    if i < len(found) and found[i].start < end < found[i].end:
        level = _TRAILING_LEVEL.search(text, start, found[i].end)
        return level.start() if level else found[i].end
    return end


# "Vụ Đông Xuân", "Vụ Hè Thu": a crop season, not a ministry department ("Vụ Pháp chế")
_SEASON = re.compile(r"Vụ[ \t]+(?:Đông|Hè|Thu|Mùa|Xuân|Chiêm|Lúa|Mùa)(?![\wÀ-ỹ])")
# "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi": a board's name lists every zone it runs
_MORE_ZONES = re.compile(rf"[ \t\n\f]+và[ \t\n\f]+(?:các[ \t\n\f]+)?[Kk]hu[ \t\n\f]+(?:công[ \t\n\f]+nghiệp|kinh[ \t\n\f]+tế|"
                         rf"chế[ \t\n\f]+xuất|công[ \t\n\f]+nghệ[ \t\n\f]+cao)(?:[ \t]+{_PROPER})?(?![\wÀ-ỹ])")


def _with_zones(text: str, m: Mention, context: PlanContext) -> Mention:
    """A zone board's name read through ``và các Khu công nghiệp ...``; other mentions as they are."""
    if not fold(m.surface).startswith("ban quan ly"):
        return m
    more = _MORE_ZONES.match(text, m.end)
    if more is None:
        return m
    name = _SPACES.sub(" ", text[m.start:more.end()])
    return replace(m, end=more.end(), surface=text[m.start:more.end()], name=name, code=slug(name), area=None)


# "các sở, ban, ngành, đơn vị trực thuộc Ủy ban nhân dân tỉnh", "Các cơ quan trực thuộc Bộ Văn hóa, ...":
# a group of bodies under a named one is one group, named with its owner
_OWNED_BY = re.compile(r"(?:[ \t\n\f]*,[ \t\n\f]*(?:các[ \t\n\f]+)?(?:đơn[ \t\n\f]+vị|cơ[ \t\n\f]+quan))?"
                       r"[ \t\n\f]+(?:thuộc[ \t\n\f]*,[ \t\n\f]*)?(?:trực[ \t\n\f]+)?thuộc[ \t\n\f]+")
_THEN_OWNER = re.compile(r"[ \t\n\f]+")  # "các đơn vị thuộc, trực thuộc| Trung tâm Y tế"
_KIND_AT = re.compile(r"[Cc]ác[ \t]+(?:sở|ban|ngành|cơ[ \t]+quan|đơn[ \t]+vị|phòng)(?![\wÀ-ỹ])")


def _owned_groups(text: str, found: list[Mention]) -> list[Mention]:
    """Groups read on through ``(đơn vị) trực thuộc <body>``: one mention over both, the body a part of its name."""
    by_start = {f.start: f for f in found if not f.group}
    groups = [(f.start, f.end) for f in found if f.group]
    out = []
    for start, end in groups + [(k.start(), k.end()) for k in _kind_matches(text, found)]:
        owned = _OWNED_BY.match(text, end) or _THEN_OWNER.match(text, end, end + 3) if text[end - 5:end] == "thuộc" \
            else _OWNED_BY.match(text, end)
        owner = by_start.get(owned.end()) if owned else None
        if owner is None or owner.plural:
            continue
        group = _group_mention(text, start, owner.end)
        out.append(replace(group, name=expand(group.name)))  # "... trực thuộc UBND huyện": the owner written out
    return out


def _kind_matches(text: str, found: list[Mention]):
    """``Các cơ quan`` directly before ``trực thuộc``: a bare kind the group rules leave unnamed."""
    taken = within((f.start, f.end) for f in found)
    # each match opens with "các"/"Các": found by str.find, the pattern tried only there
    for k in matches_from(_KIND_AT, text, word_positions(text, ("các", "Các"), 0, len(text)), len(text)):
        if not taken(k.start()) and _OWNED_BY.match(text, k.end()):
            yield k


_LIST_COMMA = re.compile(r",[ \t\n\f]*")
_CAC = re.compile(r"(?:[Cc]ác)(?![\wÀ-ỹ])")


def _distributed(text: str, found: list[Mention], context: PlanContext) -> list[Mention]:
    """``Các sở, ban, ngành, tổ chức chính trị - xã hội, ...``: the ``các`` of a group list reaches the next kind.

    The bare kind after the comma is read as if ``các`` stood before it, so it is the
    group ``Các tổ chức chính trị - xã hội`` with its level word (``tỉnh``) if one follows.
    """
    out = []
    for g in found:
        if not g.group or not _CAC.match(g.surface):
            continue
        pos = g.end
        while (comma := _LIST_COMMA.match(text, pos)) is not None and not _CAC.match(text, comma.end()):
            bare = _BARE_KIND.match(text, comma.end())
            if bare:  # "Các sở, ban, ngành, đơn vị, tổ chức chính trị - xã hội": a kind with no name of its own
                pos = bare.end()
                continue
            probe = "các " + text[comma.end():comma.end() + 160]
            hit = next(_vocabulary_matches(probe), None)
            if hit is None or hit[0] != 0 or not _is_group(probe[:hit[1]]):
                break
            m = _mention(probe, 0, hit[1], context, "vocabulary")
            start, end = comma.end(), comma.end() + m.end - 4
            if any(f.start < end and start < f.end for f in found):
                break
            out.append(replace(m, start=start, end=end, surface=text[start:end]))
            pos = end
    return out


# "Giám đốc các sở: Y tế, Tài chính, Ngoại vụ;", "Giao các Sở: Công Thương, Tư pháp hướng dẫn":
# the kind word is written once and the names follow, each a body of its own.
_ENUM_KIND = re.compile(r"[Cc]ác[ \t]+(?P<kind>[Ss]ở|[Bb]ộ)[ \t]*:[ \t\n\f]*")  # tried where a word "các" starts
_ENUM_GAP = re.compile(r"[ \t\n\f]*(?:,[ \t\n\f]*(?:và[ \t\n\f]+)?|và[ \t\n\f]+)")
_ENUM_NAME_START = re.compile(rf"(?-i:[{_UP}])")


def _enumerated(text: str, found: list[Mention], context: PlanContext, cac: list[int]) -> list[Mention]:
    """``các sở: Y tế, Kế hoạch và Đầu tư, Tài chính``: one mention per name after the shared kind.

    A name counts only where the kind and the name together are a vocabulary body (``Sở Y tế``);
    the list ends at the first word that is not one (``hướng dẫn``, ``;``). ``cac``: where the
    words "các" start (from :func:`find`'s word starts).
    """
    out: list[Mention] = []
    for m in filter(None, (_ENUM_KIND.match(text, at) for at in cac)):
        kind = m.group("kind").capitalize()
        pos = m.end()
        while _ENUM_NAME_START.match(text, pos):
            probe = f"{kind} {text[pos:pos + 120]}"
            hit = next(_vocabulary_matches(probe), None)
            if hit is None or hit[0] != 0 or _is_group(probe[:hit[1]]):
                break
            mention = _mention(probe, 0, hit[1], context, "vocabulary")
            start, end = pos, pos + mention.end - len(kind) - 1
            if any(f.start < end and start < f.end and not (start <= f.start and f.end <= end) for f in found):
                break  # a longer name written out in full overlaps: not a bare name of the list
            out.append(replace(mention, start=start, end=end, surface=text[start:end]))
            gap = _ENUM_GAP.match(text, end)
            if gap is None:
                break
            pos = gap.end()
    return out


_BARE_KIND = re.compile(r"(?:đơn[ \t]+vị|cơ[ \t]+quan|địa[ \t]+phương|hội)(?=[ \t]*,)")


_CAP_LEVEL = re.compile(rf"cấp\s+({_LEVEL_WORDS})$", re.IGNORECASE)
_NEXT_CAP = re.compile(rf"[ \t]*(?:,|và)[ \t]*(cấp[ \t]+({_LEVEL_WORDS}))(?!(?-i:[\wÀ-ỹ]))", re.IGNORECASE)


def _level_code(code: str, cap: str, level_word: str, next_cap: str, word: str) -> str:
    """The code of the same body at another level: ``UBND-TINH*`` → ``UBND-XA*``, ``...-cap-tinh`` → ``...-cap-xa``."""
    if code.endswith(slug(cap)):
        return code[:len(code) - len(slug(cap))] + slug(next_cap)
    swapped = code.replace(f"-{slug(level_word).upper()}", f"-{slug(word).upper()}")
    return swapped if swapped != code else f"{code}-{slug(word).upper()}"


def more_levels(text: str, found: list[Mention], context: PlanContext) -> list[Mention]:
    """``Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã``: one body at each level named.

    The name ends at its first ``cấp tỉnh``; each further ``cấp xã`` is a mention of the
    same body at that level, its span the words ``cấp xã``.
    """
    out = []
    for m in found:
        first = _CAP_LEVEL.search(m.surface)
        if first is None:
            continue
        pos, level_word = m.end, first.group(1).lower()
        while (nxt := _NEXT_CAP.match(text, pos)) is not None:
            word = nxt.group(2).lower()
            name = m.name[:len(m.name) - len(first.group(0))] + nxt.group(1) if m.name.endswith(first.group(0)) \
                else f"{m.name} {nxt.group(1)}"
            code = _level_code(m.code, first.group(0), level_word, nxt.group(1), word)
            out.append(replace(m, start=nxt.start(1), end=nxt.end(1), surface=nxt.group(1), name=name, code=code,
                               level=_level_of(word, None, context), area=None))
            pos = nxt.end()
    return out


_LIST_GAP = re.compile(r"[ \t\n\f]*(?:,[ \t\n\f]*(?:và[ \t\n\f]+)?|và[ \t\n\f]+)")
_TRAILING_LEVEL = re.compile(rf"[ \t\n\f](?:cấp[ \t]+)?({_LEVEL_WORDS})(?:[ \t]+{_PROPER})?$", re.IGNORECASE)


def _shared_level(text: str, found: list[Mention], context: PlanContext) -> list[Mention]:
    """``Ủy ban MTTQ Việt Nam và các tổ chức chính trị - xã hội tỉnh``: a level word after a list holds for all.

    A body of any level (``Ủy ban Mặt trận Tổ quốc``, ``Hội Nông dân``) listed just before
    a name ending in a level word takes that level; one with its own level keeps it.
    """
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.level != "any" or a.area or a.plural or a.group or a.end > b.start:
            continue
        gap = _LIST_GAP.fullmatch(text, a.end, b.start)
        trailing = _TRAILING_LEVEL.search(b.surface)
        if gap is None or trailing is None or b.plural or b.level in (None, "any"):
            continue
        kind, score = lookup(a.surface)
        if kind is None:
            continue
        out[i] = _build(text, a.start, a.end, a.surface, kind, score, trailing.group(1).lower(), None, False, context,
                        a.method)
    return out


def _is_group(surface: str) -> bool:
    kind, _ = lookup(surface)
    return kind is not None and kind.group


@functools.cache
def verbs() -> frozenset[str]:
    """Predicate verbs (``data/verbs.txt``): after an agency, they start what it must do."""
    lines = (DATA / "verbs.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@functools.cache
def predicate_regex() -> re.Pattern[str]:
    """A predicate at a position: ``chủ trì``, ``có trách nhiệm``, ``giám sát`` (not ``Giám sát`` in a name)."""
    alts = "|".join(re.escape(v) for v in sorted(verbs(), key=len, reverse=True))
    return re.compile(rf"[ \t]*(?:{alts})(?![\wÀ-ỹ])")


def verb_at(text: str, pos: int) -> bool:
    """Whether a lower-case predicate verb starts at ``pos`` (spaces skipped)."""
    return bool(predicate_regex().match(text, pos))


# "Các doanh nghiệp viễn thông", "các ngân hàng thương mại": a kind of body, named by what it does
_GROUP_PHRASE = re.compile(r"(?<![\wÀ-ỹ])[Cc]ác[ \t]+(?:doanh[ \t]+nghiệp|ngân[ \t]+hàng|tổ[ \t]+chức|cơ[ \t]+quan|đơn[ \t]+vị|"
                           r"chủ[ \t]+đầu[ \t]+tư)"
                           r"(?![\wÀ-ỹ])")
_VAGUE = {"liên", "có", "khác", "trên", "trong", "được", "này", "đó", "và", "hoặc", "cùng", "tại", "theo", "để", "của",
          "với", "về", "cho", "đã", "đang", "sẽ", "nhà", "thuộc", "ở", "là", "từ", "đến", "các", "những", "mình"}


def _group_phrases(text: str, found: list[Mention], context: PlanContext, cac: list[int]) -> list[Mention]:
    """``các doanh nghiệp viễn thông``: a group named by a kind and a modifier, read up to a verb."""
    out = []
    inside = within((f.start, f.end) for f in found)
    for m in _group_phrase_matches(text, cac):
        if inside(m.start()):
            continue
        end = group_end(text, m.end(), len(text), slot=False)
        if end > m.end():
            out.append(_group_mention(text, m.start(), end))
    return out


def _group_phrase_matches(text: str, cac: list[int]):
    """``_GROUP_PHRASE.finditer(text)``, tried only at ``cac``: where a word folding to ``cac`` starts."""
    end = -1
    for start in cac:
        if start >= end:
            match = _GROUP_PHRASE.match(text, start)
            if match:
                end = match.end()
                yield match


_NOT_IN_NAME = re.compile(r"[^\wÀ-ỹ'’-]")


def group_end(text: str, pos: int, limit: int, slot: bool) -> int:
    """Where a group phrase's modifier ends: at punctuation, ``và``, a vague word, or (in prose) a verb.

    In a heading or cell (``slot``) verbs may belong to the name (``các tổ chức cung cấp
    dịch vụ chi trả``); in prose a verb starts the predicate.
    """
    end, words = pos, 0
    for w in _TOKEN.finditer(text, pos, limit):
        if w.start() != end or words >= (12 if slot else 8):
            break
        word = w.group(1)
        vague = word.lower() in _VAGUE and not (slot and word.lower() == "thuộc") and not _joins_kinds(text, w, slot)
        if vague or (not slot and (verb_at(text, w.start()) or word.lower() in ("trực", "hoạt"))) \
                or _NOT_IN_NAME.search(word):
            break
        if words == 0 and word.lower() in ("liên", "có", "thành"):  # "các tổ chức thành viên" of a body named before
            break
        end, words = w.end(), words + 1
    return end


_NEXT_LOWER = re.compile(r"[ \t]+(?!các\b|những\b)(?-i:[a-zđà-ỹ])")


def _joins_kinds(text: str, word: re.Match[str], slot: bool) -> bool:
    """``các chủ đầu tư xây dựng và kinh doanh hạ tầng``: in a heading, ``và`` before a lower-case word joins two activities of one group."""
    return slot and word.group(1) == "và" and bool(_NEXT_LOWER.match(text, word.end()))


def _group_mention(text: str, start: int, end: int) -> Mention:
    written = text[start:end]
    name = written[0].upper() + written[1:]
    name = _SPACES.sub(" ", name)
    return Mention(start, end, written, name, "G-" + slug(name), None, None, True, True, "rule", None)


# the spaces after the connector stay for the next token ("Hội đồng Thi đua - Khen thưởng")
_CONNECT = re.compile(r"[ \t]*(?:và|&|-|–)(?=[ \t]*[" + _UP + r"])")
_TOKEN = re.compile(r"[ \t]+(" + _WORD + r"+)")
_SPACE_RUN = re.compile(r"[ \t]*")
_TOKEN_AFTER = re.compile(r"[ \t]*(" + _WORD + r"+)")
_NOT_NAME = {"chủ", "phối", "là", "có", "tham", "thực", "chỉ", "hướng", "tổ", "triển", "theo", "được", "để",
             "về", "trong", "tại", "căn", "chịu", "báo", "xây", "rà", "giao", "đề", "cung", "tăng", "tiếp",
             "bố", "kiểm", "lồng", "tổng", "các", "cấp", "và", "với", "trên", "đối", "nhằm", "của", "thông", "làm"}


# A capitalised level word after a name ("Bộ Tư lệnh Thành phố", "Hội Cựu chiến binh Tỉnh"): the body's area,
# which the suffix rule reads (and fills in from the plan's issuer when no place name follows); "Quận 1" names one
_AREA_AFTER_NAME = re.compile(rf"[ \t]+(?=(?-i:[{_UP}])){_LEVEL_WORDS}(?!(?-i:[\wÀ-ỹ]))(?![ \t]*\d)", re.IGNORECASE)


def _generic_end(text: str, pos: int) -> int:
    """Where a name not in the vocabulary ends: ``Phòng Kế hoạch Nghiệp vụ và Điều dưỡng| là``.

    Vietnamese names capitalise the first syllable of each word, so each capitalised
    syllable may carry one lower-case one (``Điều dưỡng``); a verb ends the name, and so
    does a level word (``Bộ Tư lệnh| Thành phố``), which names the body's area.
    """
    end, budget, words = pos, 0, 0
    while True:
        if words and _AREA_AFTER_NAME.match(text, end):
            break
        conn = _CONNECT.match(text, end)
        if conn and words and _opens_body(text, _SPACE_RUN.match(text, conn.end()).end()):
            break  # "Ban Xây dựng Đảng và Ủy ban Kiểm tra Tỉnh ủy": "và" joins two bodies, not two words of one
        if conn and words:
            end_try = conn.end()
        else:
            end_try = end
        m = (_TOKEN_AFTER if end_try != end else _TOKEN).match(text, end_try)
        if not m:
            break
        word = m.group(1)
        if word[0].isupper():
            end, budget, words = m.end(), 1, words + 1
        elif budget and word.lower() not in _NOT_NAME and end_try == end:
            end, budget = m.end(), budget - 1
        else:
            break
    return end if words else pos


# ", Nghệ thuật, Thể thao và Du lịch": a name listing its fields, each capitalised, the last after "và"
_FIELD = rf"[{_UP}]{_WORD}*(?:[ \t]+(?-i:[a-zđà-ỹ]){_WORD}*)?"
_FIELDS = re.compile(rf"(?:,[ \t]*{_FIELD})+[ \t]+và[ \t]+{_FIELD}(?:[ \t]+[{_UP}]{_WORD}*)*")


def _fields_end(text: str, end: int) -> int:
    """``Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam``: the name reads through its list of fields.

    Only when no field opens another body's name (``Sở Y tế, Sở Tài chính và Sở Nội vụ`` is three).
    """
    if end == 0 or text[end:end + 1] != ",":
        return end
    more = _FIELDS.match(text, end)
    if more is None:
        return end
    for field in _FIELD_START.finditer(text, end, more.end()):
        if _opens_body(text, field.end()):
            return end
    return more.end()


_FIELD_START = re.compile(r"(?:,|[ \t]và)[ \t]*")


def _opens_body(text: str, pos: int) -> bool:
    """Whether a known name, or a head noun with a name after it (``Sở Tài chính``, not ``Khoa học``), starts at ``pos``."""
    window = text[pos:pos + 80]
    hit = next(_vocabulary_matches(window), None)
    if hit is not None and hit[0] == 0:
        return True
    head = _head_regex().match(window)
    if head and head.group(0) in _ORGAN_HEADS and _PARTY_ORGAN_LOWER.match(window, head.end()):
        return True  # "... và Ban tổ chức Tỉnh ủy": another body
    return bool(head) and _generic_end(window, head.end()) > head.end()


_REGION = re.compile(r"[ \t]+khu[ \t]+vực[ \t]+([IVXL]+|\d{1,2})(?![\wÀ-ỹ])")
_COMPOUND_XA = re.compile(r"[ \t]+xã(?!(?-i:[\wÀ-ỹ]))", re.IGNORECASE)


# "Ban Chỉ đạo công tác Dân số - KHHGĐ tỉnh", "Ban chỉ đạo phòng, chống dịch COVID-19 huyện": a steering
# committee is named by its topic, often in lower case, up to the level word of its area; with no level word
# right after the topic, or a predicate or another body inside it, the name stays "Ban Chỉ đạo"
# "Ban tuyên giáo Huyện ủy", "Ủy ban kiểm tra Tỉnh ủy", "Ban thường vụ Đảng ủy": an organ of a party committee
# written with its function in lower case; the committee after it ends the name, so the lower-case words
# are the function ("Ban hành ... Tỉnh ủy" is a verb: "hành" never starts one)
_ORGAN_HEADS = frozenset({"Ban", "Ủy ban", "Uỷ ban"})
_PARTY_ORGAN_LOWER = re.compile(r"[ \t]+(?!hành\b)(?:[a-zđà-ỹ]+[ \t]+){0,3}[a-zđà-ỹ]+[ \t]+"
                                r"(?:Tỉnh|Huyện|Thành|Thị|Quận|Đảng)[ \t]+(?:ủy|uỷ)(?![\wÀ-ỹ])")
_LOWER_CHI_DAO = re.compile(r"[ \t]+chỉ[ \t]+đạo(?![\wÀ-ỹ])")
_STEERING = re.compile(r"(?<![\wÀ-ỹ])Ban[ \t]+[Cc]hỉ[ \t]+đạo$")
_TOPIC_STOP = r"(?:các|tại|ở|cho|với|đến|và|theo|để|trong|của)"
_STEERING_TOPIC = re.compile(
    rf"(?:[ \t]+(?:[-–][ \t]+)?(?:phòng,[ \t]*chống|(?!(?:{_LEVEL_WORDS}|{_TOPIC_STOP})(?![\wÀ-ỹ])){_WORD}+(?:[-/]{_WORD}+)*))"
    rf"{{1,12}}?(?=[ \t]+{_LEVEL_WORDS}(?![\wÀ-ỹ]))", re.IGNORECASE)
_TOPIC_WORD = re.compile(r"(?<=[ \t])[\wÀ-ỹ]")


def _steering_topic_end(text: str, end: int) -> int:
    """``Ban Chỉ đạo| công tác Dân số - KHHGĐ| tỉnh Hà Giang``: where the topic ends, or ``end`` when none is sure."""
    topic = _STEERING_TOPIC.match(text, end)
    if topic is None:
        return end
    starts = [w.start() for w in _TOPIC_WORD.finditer(text, end, topic.end())]
    for i, pos in enumerate(starts):
        if (i and verb_at(text, pos)) or _opens_body(text, pos):
            return end  # "Ban Chỉ đạo chỉ đạo UBND huyện": a predicate or a body, not a topic
    return topic.end()


def _mention(text: str, start: int, end: int, context: PlanContext, method: str) -> Mention:
    base = text[start:end]
    members = None
    if _STEERING.search(base):
        topic_end = _steering_topic_end(text, end)
        if topic_end > end:
            members = lookup(base)[0]  # "Các thành viên Ban Chỉ đạo ...": still the members, a group
            end, base = topic_end, text[start:topic_end]
    compound = _COMPOUND_XA.match(text, end) if fold(base).endswith("hop tac") else None
    if compound:  # "Liên minh Hợp tác xã": "xã" ends the noun "hợp tác xã", it is no commune
        end = compound.end()
        base = text[start:end]
    suffix = _SUFFIX.match(text, end)
    level_word = area = None
    plural = False
    if suffix:
        if suffix.group("plural"):
            plural, end = True, suffix.end()
            level = re.search(_LEVEL_WORDS, suffix.group("plural"), re.IGNORECASE)  # none in "các cấp": every level
            level_word = level.group(0).lower() if level else None
        elif suffix.group("lvl"):
            level_word = suffix.group("lvl").lower()
            area = suffix.group("area")
            plural = bool(suffix.group("cap")) and not area
            end = suffix.end()
        elif suffix.group("bare") and method == "vocabulary" and _takes_proper_name(base):
            area = suffix.group("bare")
            end = suffix.end()
    kind, score = lookup(base)
    if kind is None and members is not None and members.group:
        kind, score = members, 100.0
    region = _REGION.match(text, end) if suffix is None and not (kind and kind.group) else None
    built = _build(text, start, end, base, kind, score, level_word, area, plural, context, method)
    if region:  # "Kho bạc Nhà nước khu vực XI": a regional branch (2025) of a central body, named by its number
        numeral = region.group(1)
        built = replace(built, end=region.end(), surface=text[start:region.end()],
                        name=f"{built.name} khu vực {numeral}", code=f"{built.code}@khu-vuc-{numeral.lower()}", area=None)
    if area and suffix and suffix.group("bare") and kind and kind.level != "any" and area not in built.name:
        built = replace(built, name=f"{built.name} {area}")  # "Ban Quản lý Khu kinh tế Đông Nam": the board of that zone
    return _of_committee(_of_issuing_ministry(built, context), context)


_OF_MINISTRY = re.compile(r"[ \t\n\f]Bộ$")


def _of_issuing_ministry(m: Mention, context: PlanContext) -> Mention:
    """``Văn phòng Bộ``, ``Thanh tra Bộ`` in a ministry's plan: that ministry's office (``Văn phòng Bộ Y tế``)."""
    issuer = context.issuer_name or ""
    if not (_OF_MINISTRY.search(m.name) and fold(issuer).startswith("bo ")):
        return m
    name = m.name + issuer.strip()[len("Bộ"):]
    return replace(m, name=_SPACES.sub(" ", name), code=f"{m.code}@{slug(issuer)}")


def _takes_proper_name(base: str) -> bool:
    """``UBND xã Nghĩa Thắng`` needs a level word; ``Báo Bắc Giang`` does not."""
    folded = fold(base)
    return folded.split()[0] in {"bao", "dai", "benh", "truong"} or folded.startswith("ban quan ly khu")


def _build(text, start, end, base, kind, score, level_word, area, plural, context, method) -> Mention:
    level = _level_of(level_word, area, context) if level_word else (kind.level if kind else None)
    if area is None and not plural:
        area = _implied_area(level, level_word, context)
    name = kind.name if kind else expand(base).strip()
    if kind and kind.group:
        name = _group_name(expand(base).strip())
    written = text[start:end]
    if plural:
        name = f"{name} {written[len(base):].strip()}"
    elif level_word:
        name = f"{name} {level_word}" + (f" {_bare_area(area)}" if area else "")
    elif area and kind and kind.level == "any" and _takes_proper_name(base):
        name = f"{name} {area}"
    code = kind.code if kind else slug(name if not level_word else expand(base))
    if level_word and kind and kind.level == "any":
        code += "-" + slug(level_word).upper()
    if plural:
        code += "*"
    elif area:
        code += "@" + slug(_bare_area(area))
    return Mention(start, end, written, name, code, level, area, plural,
                   bool(kind and kind.group), method, score if method == "vocabulary" and score < 100 else None)


_SPACES = re.compile(r"\s+")
_HEAD_OF = re.compile(r"^(?:Lãnh\s+đạo|Thủ\s+trưởng|Trưởng|Chủ\s+tịch|Giám\s+đốc)\s+", re.IGNORECASE)
_LEADING_LEVEL = re.compile(rf"^(?:{_LEVEL_WORDS})\s+", re.IGNORECASE)


def _group_name(surface: str) -> str:
    """``Lãnh đạo các đơn vị thuộc, trực thuộc`` → ``Các đơn vị thuộc, trực thuộc``: the body, not its head."""
    surface = _SPACES.sub(" ", surface)  # "Các\nSở, ngành" wrapped across lines is one name
    surface = _HEAD_OF.sub("", surface)
    return surface[0].upper() + surface[1:]


def _level_of(level_word: str, area: str | None, context: PlanContext) -> str:
    levels = vocabulary()["levels"]
    level = levels.get(level_word, "other")
    if level_word == "thành phố":
        prov = fold(context.province or "")
        named = fold(area or "")
        if not (named and named in prov) and not any(fold(c) in prov for c in _CITY_PROVINCES):
            level = "district"
    return level


def _bare_area(area: str) -> str:
    """``tỉnh Bắc Giang`` → ``Bắc Giang``: the level word is written by the caller."""
    return _LEADING_LEVEL.sub("", area.strip())


def _implied_area(level: str | None, level_word: str | None, context: PlanContext) -> str | None:
    """``huyện`` with no name in a plan of huyện Đắk R'Lấp means Đắk R'Lấp."""
    if level == "province" and context.province:
        return _bare_area(context.province)
    if level == "district" and context.district:
        return _bare_area(context.district)
    return None


_EXTEND_STOP = re.compile(
    r"[;:(\n\f]|,\s*(?=(?:các|cơ\s+quan|đơn\s+vị|địa\s+phương|doanh\s+nghiệp|tổ\s+chức|cá\s+nhân)\b)"
    rf"|\s*(?:,|và)\s*(?=cấp\s+(?:{_LEVEL_WORDS})(?!(?-i:[\wÀ-ỹ])))"
    r"|\s+và\s+(?=(?:các|cơ\s+quan|đơn\s+vị|địa\s+phương|doanh\s+nghiệp|tổ\s+chức|cá\s+nhân)\b)",
    re.IGNORECASE,
)
_EXTEND_WORDS = 12
# In a heading or cell, nouns like "xây dựng", "kiểm tra" can name a body; only these end it.
_SLOT_STOP = {"chủ", "phối", "là", "có", "chịu", "được", "để", "nhằm", "theo", "tại", "với", "về", "trong", "trên",
              "đối", "của", "thực", "tham"}


def _starts_verb(words: list[str], i: int) -> bool:
    """A lower-case predicate verb at ``words[i]`` (``giám sát`` in ``Tỉnh ủy giám sát việc``)."""
    word = words[i].strip(",.;")
    if not word or not word[0].islower():
        return False
    pair = f"{word} {words[i + 1].strip(',.;')}".lower() if i + 1 < len(words) else ""
    return word.lower() in verbs() or pair in verbs()


def extend(text: str, mention: Mention, limit: int, context: PlanContext | None = None) -> Mention:
    """A name the head-noun rule cut short, read on to the end of its slot.

    In a heading (``1. Ban Quản lý các khu công nghệ cao và khu công nghiệp``) or a
    table cell (``Ban Chỉ huy Phòng thủ dân sự cấp tỉnh``) the whole slot up to ``;``,
    ``:``, ``(`` or a vague tail (``và cơ quan liên quan``) is the name; a verb ends it.
    Vocabulary names already know where they end and are returned as they are.
    """
    if mention.method != "rule" or mention.group:
        return mention  # a group phrase already read its own modifier
    stop = _EXTEND_STOP.search(text, mention.end, limit)
    end = stop.start() if stop else limit
    tail = text[mention.end:end]
    words = tail.split()
    if not words or len(words) > _EXTEND_WORDS:
        return mention
    for i, word in enumerate(words):
        if word.lower().strip(",.") in _SLOT_STOP or _starts_verb(words, i):
            words = words[:i]
            break
    if not words:
        return mention
    last = tail.index(words[-1]) + len(words[-1]) if words else 0
    new_end = mention.end + last
    while new_end > mention.end and text[new_end - 1] in ",.;- ":
        new_end -= 1
    if new_end <= mention.end:
        return mention
    return _mention(text, mention.start, new_end, context or PlanContext(), "rule")
