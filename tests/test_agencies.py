"""The agency vocabulary and abbreviations: data integrity and canonical names."""

from __future__ import annotations

import functools
import re

import pytest

from extractors import agencies
from extractors.agencies import abbreviations, expand, find, fold, lookup, vocabulary
from extractors.context import PlanContext

BAC_GIANG = PlanContext(province="Bắc Giang", issuer_level="province")
DAK_R_LAP = PlanContext(province="Đắk Nông", district="Đắk R'Lấp", issuer_level="district")


def test_vocabulary_codes_name_one_body_each():
    rows = vocabulary()["agencies"]
    by_code: dict[str, set[str]] = {}
    for row in rows:
        by_code.setdefault(row["code"], set()).add(fold(row["name"]))
    assert all(len(names) == 1 for names in by_code.values())


def test_every_alias_looks_up_to_its_own_entry():
    for row in vocabulary()["agencies"]:
        for alias in [row["name"], *row["aliases"]]:
            kind, score = lookup(alias)
            assert kind is not None and kind.name == lookup(row["name"])[0].name, alias


def test_abbreviation_file_has_no_duplicates():
    shorts = [s for s, _ in abbreviations()]
    assert len(shorts) == len(set(shorts))


@pytest.mark.parametrize("short, long", [
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("Phòng TC-KH", "Phòng Tài chính - Kế hoạch"),
    ("BHXH huyện", "Bảo hiểm xã hội huyện"),
    ("UBMTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("TTYT huyện", "Trung tâm Y tế huyện"),
    ("VP HĐND&UBND huyện", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"),
    ("BCĐ CSSKND tỉnh", "Ban Chỉ đạo Chăm sóc sức khỏe nhân dân tỉnh"),
    ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
])
def test_abbreviations_expand(short, long):
    assert expand(short) == long


@pytest.mark.parametrize("text, name, code", [
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư", "SKHDT@bac-giang"),
    ("Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư", "SKHDT@bac-giang"),
    ("Sở Lao động - Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội", "SLDTBXH@bac-giang"),
    ("Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL@bac-giang"),
    ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL@bac-giang"),
    ("Bảo hiểm xã hội tỉnh", "Bảo hiểm xã hội tỉnh Bắc Giang", "BHXH-TINH@bac-giang"),
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh Bắc Giang", "UBND-TINH@bac-giang"),
    ("Ủy ban nhân dân tỉnh Bắc Giang", "Ủy ban nhân dân tỉnh Bắc Giang", "UBND-TINH@bac-giang"),
    ("UBND các huyện, thành phố", "Ủy ban nhân dân các huyện, thành phố", "UBND-HUYEN*"),
    ("Bộ Y tế", "Bộ Y tế", "BYT"),
])
def test_canonical_name_and_code_in_a_provincial_plan(text, name, code):
    [m] = find(text, BAC_GIANG)
    assert (m.name, m.code) == (name, code)
    assert text[m.start:m.end] == m.surface


@pytest.mark.parametrize("text, name, code", [
    ("Phòng Y tế huyện", "Phòng Y tế huyện Đắk R'Lấp", "PYT@dak-r-lap"),
    ("Phòng TC-KH huyện", "Phòng Tài chính - Kế hoạch huyện Đắk R'Lấp", "PTCKH@dak-r-lap"),
    ("TTYT huyện", "Trung tâm Y tế huyện Đắk R'Lấp", "TTYT-HUYEN@dak-r-lap"),
    ("UBND xã Nghĩa Thắng", "Ủy ban nhân dân xã Nghĩa Thắng", "UBND-XA@nghia-thang"),
    ("Ủy ban nhân dân các xã, thị trấn", "Ủy ban nhân dân các xã, thị trấn", "UBND-XA*"),
    ("Sở Y tế", "Sở Y tế", "SYT@dak-nong"),
])
def test_unnamed_level_resolves_to_the_issuers_area(text, name, code):
    [m] = find(text, DAK_R_LAP)
    assert (m.name, m.code) == (name, code)


def test_same_body_matches_across_spellings_and_plans():
    a = find("Sở KH&ĐT", BAC_GIANG)[0]
    b = find("Sở Kế hoạch và Đầu tư tỉnh", BAC_GIANG)[0]
    assert a.code == b.code


def test_name_outside_vocabulary_ends_at_the_verb():
    [m] = find("Giao Phòng Kế hoạch Nghiệp vụ và Điều dưỡng là đơn vị đầu mối", DAK_R_LAP)
    assert m.name == "Phòng Kế hoạch Nghiệp vụ và Điều dưỡng"
    [m] = find("Báo Bắc Giang tăng cường tuyên truyền", BAC_GIANG)
    assert m.surface == "Báo Bắc Giang"


@pytest.mark.parametrize("text", [
    "Bộ tiêu chí quốc gia về y tế xã",
    "phòng, chống dịch bệnh",
    "Hội nghị sơ kết",
])
def test_common_words_are_not_agencies(text):
    assert find(text, BAC_GIANG) == []


def test_list_of_agencies_splits_on_commas_not_inside_names():
    found = find("Sở Văn hóa, Thể thao và Du lịch, Sở Tài chính; Sở Nội vụ", BAC_GIANG)
    assert [m.name for m in found] == ["Sở Văn hóa, Thể thao và Du lịch", "Sở Tài chính", "Sở Nội vụ"]


def test_hop_tac_xa_is_no_commune():

    found = find("Liên minh Hợp tác xã Tỉnh", PlanContext(province="Đồng Tháp"))
    assert [m.name for m in found] == ["Liên minh Hợp tác xã tỉnh Đồng Tháp"]


def test_economic_zone_board_is_not_the_industrial_parks_board():
    (m,) = find("Ban Quản lý Khu kinh tế, Sở Công Thương")[:1]
    assert m.name == "Ban Quản lý Khu kinh tế" and m.code.startswith("BQLKKT")


def test_name_ends_where_a_predicate_verb_starts():
    """'3. Ủy ban Kiểm tra Tỉnh ủy giám sát việc thực hiện' names 'Ủy ban Kiểm tra Tỉnh ủy'."""
    text = "3. Ủy ban Kiểm tra Tỉnh ủy giám sát việc thực hiện; báo cáo"
    [m] = agencies.find(text)
    assert agencies.extend(text, m, len(text)).name == "Ủy ban Kiểm tra Tỉnh ủy"


@pytest.mark.parametrize("text, name", [("UBND tỉnh đã chỉ đạo", "Ủy ban nhân dân tỉnh"),
                                        ("Trưởng các phòng, ban, đơn vị cấp huyện được giao", "Các phòng, ban, đơn vị cấp huyện")])
def test_lower_case_word_is_no_area_name(text, name):
    assert agencies.find(text)[0].name == name


def test_104_daklak_company_name_is_one_body():
    assert [m.name for m in agencies.find("Đề nghị Công ty Điện lực Đắk Lắk: khẩn trương")] == ["Công ty Điện lực Đắk Lắk"]


def test_hyphenated_name_reads_past_the_hyphen_and_every_level():
    found = agencies.find("- Hội đồng Thi đua - Khen thưởng các cấp phân công rõ")
    assert [m.name for m in found] == ["Hội đồng Thi đua - Khen thưởng các cấp"]
    assert found[0].plural


def test_046_bacninh_group_wrapped_across_lines_is_named_on_one_line():
    assert [m.name for m in agencies.find("giao các\nSở, ngành triển khai")] == ["Các Sở, ngành"]


@pytest.mark.parametrize("text, group", [
    ("Các sở, ban, ngành, tổ chức chính trị - xã hội, Ủy ban nhân dân các xã, phường triển khai",
     "Các tổ chức chính trị - xã hội"),
    ("Các sở, ban, ngành, tổ chức chính trị - xã hội tỉnh chủ động", "Các tổ chức chính trị - xã hội tỉnh"),
    ("các sở, ngành, đoàn thể chính trị - xã hội thực hiện", "Các đoàn thể chính trị - xã hội"),
])
def test_109_nghean_cac_of_a_group_list_reaches_the_next_kind(text, group):
    found = find(text, PlanContext(province="Nghệ An", issuer_level="province"))
    hits = [m for m in found if m.name.startswith(group)]
    assert hits, [m.name for m in found]
    assert text[hits[0].start:hits[0].end] == hits[0].surface
    assert hits[0].group


def test_a_bare_kind_without_a_group_list_before_is_no_group():
    found = find("Hỗ trợ tổ chức chính trị - xã hội ở cơ sở.", PlanContext(province="Nghệ An"))
    assert not any("chính trị" in m.name for m in found)


@pytest.mark.parametrize("text, names", [
    ("Ủy ban nhân dân cấp tỉnh, cấp xã", ["Ủy ban nhân dân cấp tỉnh", "Ủy ban nhân dân cấp xã"]),
    ("Ủy ban nhân dân cấp tỉnh và cấp xã", ["Ủy ban nhân dân cấp tỉnh", "Ủy ban nhân dân cấp xã"]),
])
def test_109_nghean_one_body_at_each_level_named(text, names):
    found = find(text, PlanContext(province="Nghệ An", issuer_level="province"))
    assert [m.name for m in found] == names
    assert [m.level for m in found] == ["province", "commune"]
    assert all(text[m.start:m.end] == m.surface for m in found)
    assert len({m.code for m in found}) == 2


def test_109_nghean_heading_body_at_two_levels_extends_then_splits():
    text = "Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã"
    [first] = [m for m in find(text) if m.start == 0]
    longer = agencies.extend(text, first, len(text))
    more = agencies.more_levels(text, [longer], PlanContext(province="Nghệ An"))
    assert longer.name == "Ban Chỉ huy Phòng thủ dân sự cấp tỉnh"
    assert [m.name for m in more] == ["Ban Chỉ huy Phòng thủ dân sự cấp xã"]
    assert more[0].code != longer.code and more[0].level == "commune"
    assert text[more[0].start:more[0].end] == "cấp xã"


@pytest.mark.parametrize("text, first, level", [
    ("Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội tỉnh phối hợp",
     "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đắk Lắk", "province"),
    ("Hội Nông dân và Hội Liên hiệp Phụ nữ tỉnh", "Hội Nông dân tỉnh Đắk Lắk", "province"),
    ("Hội Nông dân, Hội Cựu chiến binh xã", "Hội Nông dân xã", "commune"),
])
def test_level_word_after_a_list_holds_for_every_body_of_any_level(text, first, level):
    found = find(text, PlanContext(province="Đắk Lắk", issuer_level="province"))
    assert found[0].name == first and found[0].level == level
    assert text[found[0].start:found[0].end] == found[0].surface


@pytest.mark.parametrize("text, first, level", [
    ("Hội Nông dân và Ủy ban nhân dân các xã", "Hội Nông dân", "any"),  # "các xã" belongs to the UBND
    ("Sở Y tế và Sở Tài chính tỉnh", "Sở Y tế", "province"),
])
def test_level_word_is_not_shared_by_a_plural_or_a_body_with_its_own_level(text, first, level):
    found = find(text, PlanContext(province="Đắk Lắk", issuer_level="province"))
    assert found[0].name == first and found[0].level == level


_SENTENCES = [
    "Sở Y tế chủ trì, phối hợp với Sở KH&ĐT, SỞ TÀI CHÍNH và UBND các huyện, thành phố.",
    "Giao Ủy ban nhân dân tỉnh, Uỷ ban MTTQ Việt Nam tỉnh và các doanh nghiệp viễn thông triển khai.",
    "Các sở, ban, ngành, tổ chức chính trị - xã hội tỉnh; Báo Bắc Giang; Đài Phát thanh và Truyền hình tỉnh.",
    "Trung tâm Y tế huyện, Phòng Kế hoạch Nghiệp vụ và Điều dưỡng là đơn vị đầu mối; Công an tỉnh phối hợp.",
    "sở y tế (chữ thường) và Bệnh viện Đa khoa tỉnh, Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã.",
]


@pytest.mark.parametrize("text", _SENTENCES)
def test_word_starts_are_the_words_that_fold_to_a_start_key(text):
    """The one regex scan finds exactly the words a word-by-word reading keeps."""
    keys = agencies._start_keys()[0]
    expected = [(w.start(), agencies._fold_word(w.group(0))) for w in agencies._WORD_AT_START.finditer(text)
                if agencies._fold_word(w.group(0)) in keys]
    assert agencies._word_starts(text) == expected


@pytest.mark.parametrize("text", _SENTENCES)
@pytest.mark.parametrize("odd", ["α ", "ω", "\u0301"])
def test_text_with_other_scripts_finds_the_same_agencies(text, odd):
    """A Greek letter or a loose combining mark sends the text word by word; the names found stay the same."""
    shift = len(odd) + 1
    assert agencies._latin_folds()[1].search(odd + " " + text)  # the slow path is taken
    plain = [(m.start, m.end, m.code) for m in find(text, BAC_GIANG)]
    marked = [(m.start - shift, m.end - shift, m.code) for m in find(odd + " " + text, BAC_GIANG)]
    assert plain == marked


def test_names_found_inside_a_table_cell_and_a_whole_text_agree():
    text = "Sở Y tế; Sở Tài chính; UBND các huyện"
    assert [m.name for m in find(text, BAC_GIANG)] == [m.name for m in find("1. " + text, BAC_GIANG)]


@functools.cache
def _latin_alphabet() -> str:
    """Every character a text may hold and still be matched on its lower-cased copy (all code points but surrogates)."""
    _, other = agencies._latin_folds()
    chars = other.sub("", "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)])))
    return "".join(ch for ch in chars if len(ch.lower()) == 1 and not agencies._CASE_EXCEPTIONS.match(ch))


def _positions(pattern: re.Pattern[str], text: str) -> list[int]:
    return [m.start() for m in pattern.finditer(text)]


def test_lower_matches_ignorecase():
    """Lower-cased text matched case-sensitively finds what IGNORECASE finds in the text, letter by letter."""
    alphabet = re.sub(r"[\W\d_]+", "", _latin_alphabet())  # a letter's case variants are letters
    lowered = alphabet.lower()
    letters = {ch for forms in agencies._vocabulary_forms().values() for form in forms for ch in form.lower()}
    for letter in letters:
        ignorecase = _positions(re.compile(re.escape(letter), re.IGNORECASE), alphabet)
        assert ignorecase == _positions(re.compile(re.escape(letter)), lowered), letter


def test_name_end_test_on_lower_cased_latin_text_is_the_ignorecase_one():
    alphabet = _latin_alphabet()
    original = re.compile(r"[\wÀ-ỹ&]", re.IGNORECASE)
    small = re.compile(rf"[\w&{agencies._latin_non_word_letters()}]")
    assert _positions(original, alphabet) == _positions(small, alphabet.lower())


def test_folded_latin_text_keeps_word_boundaries_and_folds_each_word():
    _, other = agencies._latin_folds()
    alphabet = other.sub("", "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)])))
    folded = alphabet.translate(agencies._latin_fold_table())
    small = re.compile(rf"[\w{agencies._latin_non_word_letters()}]")
    assert _positions(agencies._WORD_CHAR, alphabet) == _positions(small, folded)
    changed = [(ch, fch) for ch, fch in zip(alphabet[:0x2100], folded) if ch != fch]
    assert changed and all(agencies._fold_word(ch) == fch for ch, fch in changed)


@pytest.mark.parametrize("text", ["Sở Tàı chính tỉnh", "Sở Tài chính tỉnh và Sở Y tế İ"])
def test_letters_ignorecase_reads_as_another_keep_the_vocabulary_name(text):
    """Dotless ı matches i under IGNORECASE; İ lower-cases to two characters: such text is matched as written."""
    assert agencies._lower_copy(text) is None
    found = find(text, BAC_GIANG)
    assert found[0].method == "vocabulary" and found[0].name.startswith("Sở Tài chính")


@pytest.mark.parametrize("cls", [r"[\wÀ-ỹ]", r"[\wÀ-ỹ&]", r"[\wÀ-ỹ'’]"])
def test_word_classes_are_the_same_with_and_without_ignorecase(cls):
    """IGNORECASE patterns write their word tests ``(?-i:[\\wÀ-ỹ])``, which compiles faster: the same characters."""
    every = "".join(map(chr, [*range(0xD800), *range(0xE000, 0x110000)]))
    assert _positions(re.compile(cls, re.IGNORECASE), every) == _positions(re.compile(cls), every)


@pytest.mark.parametrize("text, names", [
    # 041 (Hồ Chí Minh): the branch's name was cut at "xã", read as the commune level word
    ("Chi nhánh Ngân hàng Chính sách xã hội Thành phố phối hợp thực hiện.",
     ["Chi nhánh Ngân hàng Chính sách xã hội Thành phố"]),
    ("Ngân hàng Chính sách xã hội tỉnh chủ trì.", ["Ngân hàng Chính sách xã hội tỉnh"]),
    ("Các tổ chức chính trị - xã hội tỉnh phối hợp.", ["Các tổ chức chính trị - xã hội tỉnh"]),
    ("Ủy ban nhân dân các xã, phường thực hiện.", ["Ủy ban nhân dân các xã, phường"]),
])
def test_xa_hoi_is_no_commune_level_word(text, names):
    assert [m.surface for m in find(text, PlanContext(province="Hồ Chí Minh"))] == names


def test_a_branch_named_after_a_known_body_is_one_mention_041():
    """The branch is the body assigned; the bank inside its name is not a second one."""
    found = find("Chi nhánh Ngân hàng Chính sách xã hội tỉnh phối hợp thực hiện.", PlanContext())
    assert [(m.start, m.name) for m in found] == [(0, "Chi nhánh Ngân hàng Chính sách xã hội tỉnh")]


@pytest.mark.parametrize("text, name", [
    # 103 (Quảng Ngãi) and 112 (Bộ VHTTDL): a group under a named body was cut before "trực thuộc"
    ("Thủ trưởng các sở, ban, ngành, đơn vị trực thuộc Ủy ban nhân dân tỉnh chịu trách nhiệm",
     "Các sở, ban, ngành, đơn vị trực thuộc Ủy ban nhân dân tỉnh"),
    ("2. Các cơ quan trực thuộc Bộ Văn hóa, Thể thao và Du lịch", "Các cơ quan trực thuộc Bộ Văn hóa, Thể thao và Du lịch"),
    ("các đơn vị thuộc Sở Y tế triển khai", "Các đơn vị thuộc Sở Y tế"),
    ("Các phòng, ban, đơn vị thuộc, trực thuộc Trung tâm Y tế huyện thực hiện", None),
    ("các cơ quan, đơn vị trực thuộc UBND huyện báo cáo", "Các cơ quan, đơn vị trực thuộc Ủy ban nhân dân huyện"),
])
def test_103_112_group_under_a_named_body_is_one_group(text, name):
    found = find(text, PlanContext(province="Quảng Ngãi"))
    groups = [m for m in found if m.group]
    assert groups, found
    whole = groups[0]
    assert text[whole.start:whole.end] == whole.surface
    if name:
        assert whole.name == name
    assert "thuộc" in whole.surface  # the owner is part of the group's name
    assert not any(m.start > whole.start and m.end <= whole.end for m in found)


@pytest.mark.parametrize("text, name", [
    ("Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi hướng dẫn",
     "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi"),  # 103
    ("Ban Quản lý Khu kinh tế Đông Nam chủ trì", "Ban Quản lý Khu kinh tế Đông Nam"),  # 048
    ("Ban Quản lý Khu kinh tế và các khu công nghiệp tỉnh phối hợp", "Ban Quản lý Khu kinh tế và các khu công nghiệp"),
])
def test_103_zone_board_named_with_every_zone_it_runs(text, name):
    first = find(text, PlanContext(province="Quảng Ngãi"))[0]
    assert first.name.startswith(name) and first.surface == text[first.start:first.end]


@pytest.mark.parametrize("text, name", [
    ("Vụ Kế hoạch, Tài chính chủ trì", "Vụ Kế hoạch - Tài chính"),  # 112
    ("Vụ Kế hoạch - Tài chính phối hợp", "Vụ Kế hoạch - Tài chính"),
    ("Vụ Pháp chế thẩm định", "Vụ Pháp chế"),
    ("Cục Văn hóa cơ sở hướng dẫn", "Cục Văn hóa"),
    ("Tổng cục Thống kê hướng dẫn", "Tổng cục Thống kê"),
    ("Văn phòng Bộ tổng hợp", "Văn phòng Bộ Văn hóa, Thể thao và Du lịch"),
    ("Thanh tra Bộ kiểm tra", "Thanh tra Bộ Văn hóa, Thể thao và Du lịch"),
])
def test_112_ministry_units_are_named(text, name):
    found = find(text, PlanContext(issuer_name="Bộ Văn hóa, Thể thao và Du lịch"))
    assert found and found[0].name == name and found[0].start == 0


def test_office_of_the_ministry_only_in_a_ministry_plan():
    assert find("Văn phòng Bộ tổng hợp", PlanContext(issuer_name="Ủy ban nhân dân tỉnh Nghệ An"))[0].name == "Văn phòng Bộ"


@pytest.mark.parametrize("text", ["Vụ Đông Xuân năm 2025 gieo cấy", "1. Vụ Hè Thu", "Vụ Mùa Tỉnh"])
def test_crop_season_is_no_ministry_department(text):
    assert find(text, PlanContext()) == []


@pytest.mark.parametrize("text, names", [
    # 112 (Bộ VHTTDL): the institute's name lists its fields with commas
    ("Viện trưởng Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam và Thủ trưởng các cơ quan",
     ["Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam"]),
    ("Phòng Văn hóa, Khoa học và Thông tin phối hợp", ["Phòng Văn hóa, Khoa học và Thông tin"]),
    ("Trung tâm Y tế, Sở Tài chính và Sở Nội vụ", ["Trung tâm Y tế", "Sở Tài chính", "Sở Nội vụ"]),
    ("Trung tâm Y tế, Công an và Bưu điện tỉnh", ["Trung tâm Y tế", "Công an", "Bưu điện tỉnh"]),
])
def test_112_name_listing_its_fields_is_one_name(text, names):
    found = find(text, PlanContext())
    assert [m.surface for m in found if not m.group] == names


@pytest.mark.parametrize("text, names", [
    # 035 (Đồng Nai): the procuracy and the court, named with lower-case "nhân dân"
    ("2.10. Đề nghị Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh",
     ["Viện kiểm sát nhân dân tỉnh Bắc Giang", "Tòa án nhân dân tỉnh Bắc Giang"]),
    ("Viện Kiểm sát nhân dân huyện và Toà án nhân dân huyện phối hợp",
     ["Viện kiểm sát nhân dân huyện", "Tòa án nhân dân huyện"]),
    # 044 (Thủ tướng): the national news agency
    ("Cơ quan thực hiện: Đài Truyền hình Việt Nam, Thông tấn xã Việt Nam và các cơ quan báo chí",
     ["Đài Truyền hình Việt Nam", "Thông tấn xã Việt Nam", "Các cơ quan báo chí"]),
])
def test_035_044_courts_procuracy_and_news_agency_are_bodies(text, names):
    assert [m.name for m in find(text, BAC_GIANG)][:len(names)] == names


@pytest.mark.parametrize("text, names", [
    # 039 (Nghệ An): "và" before another head noun's name joins two bodies
    ("Đề nghị Văn phòng Tỉnh ủy và các Ban Xây dựng Đảng và Ủy ban Kiểm tra Tỉnh ủy tăng cường",
     ["Văn phòng Tỉnh ủy", "Ban Xây dựng Đảng", "Ủy ban Kiểm tra Tỉnh ủy"]),
    ("Phòng Kế hoạch Nghiệp vụ và Trung tâm Kiểm soát Bệnh tật phối hợp",
     ["Phòng Kế hoạch Nghiệp vụ", "Trung tâm Kiểm soát bệnh tật"]),
    # "và" between two words of one name stays inside it
    ("Phòng Kế hoạch Nghiệp vụ và Điều dưỡng là đầu mối", ["Phòng Kế hoạch Nghiệp vụ và Điều dưỡng"]),
])
def test_039_nghean_va_before_a_new_head_noun_splits_the_names(text, names):
    assert [m.name for m in find(text, BAC_GIANG)] == names


NGHE_AN = PlanContext(province="Nghệ An", issuer_level="province")


@pytest.mark.parametrize("text, name", [
    # 039 (Nghệ An): the 2025 tax office of a province, named by its level word
    ("Tòa án nhân dân tỉnh, Thuế tỉnh, Kho bạc", "Thuế tỉnh Nghệ An"),
    ("Thuế thành phố Hà Nội chủ trì hướng dẫn", "Thuế thành phố Hà Nội"),
])
def test_039_nghean_tax_office_named_with_its_level(text, name):
    assert name in [m.name for m in find(text, NGHE_AN)]


@pytest.mark.parametrize("text", ["Luật Thuế thu nhập cá nhân", "Thuế giá trị gia tăng được hoàn", "Quản lý Thuế"])
def test_tax_word_without_a_level_names_no_body(text):
    assert not any(m.code.startswith("THUE") for m in find(text, NGHE_AN))


@pytest.mark.parametrize("text, name, code", [
    ("Kho bạc nhà nước khu vực XI tăng cường", "Kho bạc Nhà nước khu vực XI", "KBNN@khu-vuc-xi"),
    ("Ngân hàng Nhà nước khu vực 8, Sở Y tế", "Ngân hàng Nhà nước khu vực 8", "NHNN@khu-vuc-8"),
    ("và Chi cục Hải quan khu vực XI tăng cường", "Chi cục Hải quan khu vực XI", "chi-cuc-hai-quan@khu-vuc-xi"),
])
def test_039_nghean_regional_branch_keeps_its_number(text, name, code):
    found = {m.name: m.code for m in find(text, NGHE_AN)}
    assert found.get(name) == code


def test_region_words_without_a_number_are_no_branch():
    assert [m.name for m in find("Sở Y tế khu vực miền núi", NGHE_AN)] == ["Sở Y tế"]


@pytest.mark.parametrize("text, name", [
    # 041 (TP. Hồ Chí Minh): "việc làm" in lower case is part of the centre's name
    ("phối hợp với Trung tâm Dịch vụ việc làm tỉnh tổ chức", "Trung tâm Dịch vụ việc làm tỉnh Nghệ An"),
    ("Đề nghị các cơ quan thông tấn, báo chí tăng cường", "Các cơ quan thông tấn, báo chí"),
    # 045 (TP. Hồ Chí Minh): the Front's member organisations are one group
    ("Hội Liên hiệp Phụ nữ và các tổ chức thành viên của Mặt trận", "Các tổ chức thành viên của Mặt trận"),
    ("Các tổ chức thành viên Mặt trận Tổ quốc Việt Nam tỉnh tuyên truyền", "Các tổ chức thành viên Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An"),
])
def test_041_045_hcm_names_cut_short_before(text, name):
    assert name in [m.name for m in find(text, NGHE_AN)]


HCM = PlanContext(province="Hồ Chí Minh", issuer_level="province", issuer_name="Ủy ban nhân dân Thành phố Hồ Chí Minh")


@pytest.mark.parametrize("text, name", [
    ("3. Bộ Tư lệnh Thành phố chủ trì, phối hợp", "Bộ Tư lệnh thành phố Hồ Chí Minh"),
    ("3. Bộ Tư lệnh\nThành phố chủ trì, phối hợp", "Bộ Tư lệnh thành phố Hồ Chí Minh"),
    ("3. Bộ Tư lệnh Thành phố Hồ Chí Minh chủ trì", "Bộ Tư lệnh thành phố Hồ Chí Minh"),
    ("- Bệnh viện Quận 1 tiếp nhận", "Bệnh viện Quận 1"),
    ("- Ban Dân vận Thành ủy chủ trì", "Ban Dân vận Thành ủy"),
])
def test_108_hcm_name_outside_vocabulary_ends_before_its_level_word(text, name):
    """'Bộ Tư lệnh Thành phố' on one line reads as 'Bộ Tư lệnh' of the city, as when the line breaks before 'Thành phố'."""
    assert [m.name for m in find(text, HCM)] == [name]


def test_folded_word_letters_are_word_characters_of_the_old_class():
    """The small class the start-word scan tests stands for ``[\\wÀ-ỹ]`` on folded text: no letter outside it."""
    import re
    letters = agencies._latin_folds()[0]
    assert all(re.match(r"[\wÀ-ỹ]", ch) for ch in letters)


@pytest.mark.parametrize("text", ["Sở Y tế", "(Sở Y tế)", "×Sở", "Sở×", "UBND/Sở", "2Sở", "_Sở", "Sở_", "ở Sở", "Sởx"])
def test_word_starts_at_the_text_edges_and_after_any_character(text):
    keys = agencies._start_keys()[0]
    expected = [(w.start(), agencies._fold_word(w.group(0))) for w in agencies._WORD_AT_START.finditer(text)
                if agencies._fold_word(w.group(0)) in keys]
    assert agencies._word_starts(text) == expected


@pytest.mark.parametrize("text", [
    "Sở Y tế chủ trì, phối hợp với Sở KH&ĐT và các cơ quan, đơn vị",
    "“Ủy ban nhân dân tỉnh”–Ban Chỉ đạo\u2013UBND\tcác xã;\fHội Nông dân",
    "\uf0b7Sở Tài chính →Sở Nội vụ …các sở, ngành",
    "Sở Y tế 😀Sở Tài chính",  # a character beyond U+FFFF: the class-opened scan
    "",
])
def test_word_starts_spaced_scan_matches_the_class_scan(text):
    folded = (" " + text).translate(agencies._latin_fold_table())
    expected = [(w.start(1) - 1, w.group(1)) for w in agencies._first_words_regex().finditer(folded)]
    assert agencies._word_starts(text, True) == expected


@pytest.mark.parametrize("text,names", [
    ("Giám đốc các sở: Y tế, Ngoại vụ; Chủ tịch", ["Sở Y tế", "Sở Ngoại vụ"]),
    ("Giao các Sở: Kế hoạch và Đầu tư, Lao động\n- Thương binh và Xã hội và Tư pháp hướng dẫn",
     ["Sở Kế hoạch và Đầu tư", "Sở Lao động - Thương binh và Xã hội", "Sở Tư pháp"]),
    ("Bộ trưởng các Bộ: Quốc phòng, Công an, Ngoại giao;", ["Bộ Quốc phòng", "Bộ Công an", "Bộ Ngoại giao"]),
])
def test_enumerated_names_after_a_shared_kind(text, names):
    found = agencies.find(text)
    assert [m.name for m in found if m.name.startswith(("Sở", "Bộ"))] == names
    for m in found:
        assert text[m.start:m.end] == m.surface


def test_enumeration_stops_at_a_word_that_names_no_body():
    """``các sở: Y tế, nông thôn mới``: only capitalised names that make a body with the kind count."""
    found = agencies.find("Giám đốc các sở: Y tế, Khoa học, phát triển nông thôn;")
    assert [m.name for m in found] == ["Sở Y tế"]


def test_plural_levels_joined_by_a_slash():
    found = agencies.find("Chủ tịch Ủy ban nhân dân các huyện/thành phố thực hiện")
    assert [(m.surface, m.plural) for m in found] == [("Ủy ban nhân dân các huyện/thành phố", True)]


@pytest.mark.parametrize("text, expected", [
    ("Chánh văn phòng UBND tỉnh, Giám đốc Sở Tài chính căn cứ quyết định thi hành.",
     "Văn phòng Ủy ban nhân dân tỉnh"),
    ("Các ông (bà): Chánh văn phòng HĐND và UBND huyện, Trưởng phòng Y tế thi hành.",
     "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"),
    ("Giám đốc sở Nội vụ, Thủ trưởng các đơn vị liên quan thi hành.", "Sở Nội vụ"),
])
def test_body_in_lower_case_after_its_heads_title(text, expected):
    assert expected in [m.name for m in find(text)]


@pytest.mark.parametrize("text", [
    "Bố trí văn phòng làm việc cho tổ công tác.",
    "trụ sở văn phòng ủy ban được sửa chữa",
])
def test_lower_case_office_without_title_is_a_common_noun(text):
    assert not any(m.name.startswith("Văn phòng") for m in find(text))


@pytest.mark.parametrize("text, surface", [
    ("Ban Chỉ đạo công tác Dân số - KHHGĐ tỉnh Cao Bằng chủ trì", "Ban Chỉ đạo công tác Dân số - KHHGĐ tỉnh Cao Bằng"),
    ("Ban chỉ đạo phòng, chống dịch COVID-19 huyện chủ trì", "Ban chỉ đạo phòng, chống dịch COVID-19 huyện"),
    ("Ban Chỉ đạo về công tác an toàn thực phẩm thành phố có trách nhiệm",
     "Ban Chỉ đạo về công tác an toàn thực phẩm thành phố"),
    ("Các thành viên Ban Chỉ đạo công tác gia đình tỉnh Lào Cai căn cứ Quyết định thi hành",
     "Các thành viên Ban Chỉ đạo công tác gia đình tỉnh Lào Cai"),
])
def test_steering_committee_named_by_lower_case_topic_up_to_its_level(text, surface):
    assert surface in [m.surface for m in find(text)]


def test_steering_committee_members_stay_a_group():
    found = find("Các thành viên Ban Chỉ đạo công tác dân số huyện căn cứ Quyết định thi hành")
    assert found[0].group and found[0].name.startswith("Các thành viên Ban Chỉ đạo công tác dân số huyện")


@pytest.mark.parametrize("text, surface", [
    ("Ban Chỉ đạo chỉ đạo UBND huyện triển khai", "Ban Chỉ đạo"),   # a predicate, no topic
    ("Ban Chỉ đạo kiểm tra tại huyện Tân Yên", "Ban Chỉ đạo"),      # "tại": a place, no name
    ("Ban Chỉ đạo hướng dẫn các xã thực hiện", "Ban Chỉ đạo"),
])
def test_steering_committee_topic_not_read_through_a_predicate(text, surface):
    assert find(text)[0].surface == surface


def test_lower_case_steering_committee_without_topic_or_level_is_no_body():
    assert find("Ban chỉ đạo thường xuyên kiểm tra, đôn đốc") == []


@pytest.mark.parametrize("text, name", [
    ("Ban vì sự tiến bộ phụ nữ tỉnh xây dựng kế hoạch", "Ban vì sự tiến bộ của phụ nữ tỉnh"),
    ("Ban Vì sự tiến bộ của phụ nữ huyện Đông Anh chủ trì", "Ban vì sự tiến bộ của phụ nữ huyện Đông Anh"),
])
def test_board_for_the_advancement_of_women(text, name):
    assert name in [m.name for m in find(text)]


@pytest.mark.parametrize("text, surface", [
    ("Ủy ban kiểm tra Thành ủy theo dõi việc thực hiện", "Ủy ban kiểm tra Thành ủy"),
    ("Ban tuyên giáo Huyện ủy chủ trì tuyên truyền", "Ban tuyên giáo Huyện ủy"),
    ("Ban dân vận Đảng ủy hướng dẫn các chi bộ", "Ban dân vận Đảng ủy"),
    ("Uỷ ban kiểm tra Quận ủy giám sát", "Uỷ ban kiểm tra Quận ủy"),
])
def test_party_organ_with_lower_case_function_is_the_organ_not_the_committee(text, surface):
    assert find(text)[0].surface == surface


def test_lower_case_party_organ_after_and_is_a_second_body():
    found = find("Ủy ban Kiểm tra Tỉnh ủy và Ban tổ chức Tỉnh ủy thẩm định")
    assert [m.surface for m in found] == ["Ủy ban Kiểm tra Tỉnh ủy", "Ban tổ chức Tỉnh ủy"]


def test_ban_hanh_before_a_party_committee_is_no_organ():
    assert [m.surface for m in find("Ban hành theo Tỉnh ủy")] == ["Tỉnh ủy"]
