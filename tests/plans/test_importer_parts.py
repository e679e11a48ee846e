"""The importer's parts on small hand-written documents (none copied from the seeds)."""

import datetime

import pytest

from lanhmanh.plans.importer import parse_plan
from lanhmanh.plans.importer.agencies import is_agency_start, split_agencies
from lanhmanh.plans.importer.facts import document_numbers, periods_in
from lanhmanh.plans.importer.numbers import (
    as_json_number,
    parse_number,
    parse_percent,
    parse_word_number,
)
from lanhmanh.plans.importer.quantities import expressions_in
from lanhmanh.plans.importer.structure import build_outline, clauses
from lanhmanh.plans.importer.text import lines_of, normalise

COMMUNE_PLAN = """\
ỦY BAN NHÂN DÂN
XÃ HÒA AN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 14/KH-UBND

Hòa An, ngày 05 tháng 02 năm 2026

KẾ HOẠCH
Phòng, chống tệ nạn mại dâm và mua bán người trên địa bàn xã Hòa An năm 2026

Căn cứ Kế hoạch số 31/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân tỉnh Đắk Lắk về
phòng, chống mại dâm năm 2026; Quyết định số 1629/QĐ-TTg ngày 28/9/2021 của Thủ
tướng Chính phủ.

Ủy ban nhân dân xã xây dựng Kế hoạch với các nội dung sau:

I. MỤC TIÊU, CHỈ TIÊU

- Tổ chức ít nhất 04 buổi tuyên truyền tại các thôn, buôn.
- Tỷ lệ cơ sở kinh doanh dịch vụ vi phạm không quá 5%.
- Kiểm tra từ 10 đến 15 cơ sở lưu trú, karaoke trên địa bàn.
- Nâng tỷ lệ thôn, buôn không có tệ nạn mại dâm từ 80% lên 90%.
- Loa truyền thanh phát tin về phòng, chống mua bán người 4 lần/tháng.
- Không để phát sinh tụ điểm mại dâm công cộng mới.

II. TỔ CHỨC THỰC HIỆN

1. Công an xã

- Chủ trì kiểm tra 12 - 20 lượt cơ sở kinh doanh dịch vụ.

2. Trạm Y tế xã, Hội Liên hiệp Phụ nữ xã

Tư vấn, hỗ trợ ít nhất 30% người bán dâm được tiếp cận dịch vụ y tế.

3. Văn hóa - Xã hội xã

a) Tuyên truyền trên hệ thống truyền thanh

- Chủ trì: Trạm Y tế xã.
- Phối hợp: Công an xã và Hội Liên hiệp Phụ nữ xã.
- Thời gian thực hiện: Quý II/2026.

Giao Công an xã là cơ quan thường trực, tổng hợp kết quả.
Định kỳ hằng quý và cuối năm báo cáo Ủy ban nhân dân xã./.

Nơi nhận:
- UBND tỉnh (b/c);
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Lê Thị Mai
"""


# numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("92,6", 92.6),
        ("1.234", 1234),
        ("12.500.000", 12500000),
        ("1.234,5", 1234.5),
        ("02", 2),
        ("0", 0),
        ("", None),
        ("abc", None),
        ("4.2", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_percent_words_and_json_numbers():
    assert parse_percent("45%") == 45
    assert parse_percent("93,3 %") == 93.3
    assert parse_percent("12 phần trăm") == 12
    assert parse_percent("12") is None
    assert parse_word_number("một") == 1
    assert parse_word_number("Mười") == 10
    assert parse_word_number("nhiều") is None
    assert as_json_number(2.0) == 2
    assert isinstance(as_json_number(2.0), int)
    assert as_json_number(0.1 + 0.2) == 0.3


# text ------------------------------------------------------------------------------------


def test_normalise_strips_marks_and_mends_breaks():
    source = (
        "## **II. CHỈ TIÊU**\n\n- Kiểm tra ít nhất\n\n15 cơ sở kinh doanh dịch\n\nvụ lưu trú.\n"
    )
    mapped = normalise(source)
    assert "II. CHỈ TIÊU" in mapped.text
    assert "Kiểm tra ít nhất 15 cơ sở kinh doanh dịch vụ lưu trú." in mapped.text
    start = mapped.text.index("15 cơ sở")
    quote = mapped.quote(start, start + len("15 cơ sở kinh doanh dịch vụ"))
    assert quote in source  # spans the page break, so it is the source's own text
    assert "\n" in quote


def test_normalise_keeps_lettered_items_and_escaped_stars():
    mapped = normalise(
        "1. Tuyên truyền\n\na) Nội dung\n\n*\\* Mục tiêu:*\n\n| A | B |\n|---|---|\n| 1 | 2 |"
    )
    lines = [line.text for line in lines_of(mapped.text)]
    assert lines == ["1. Tuyên truyền", "a) Nội dung", "* Mục tiêu:", "A | B", "1 | 2"]


def test_normalise_nfc():
    decomposed = "Hòa An".replace("ò", "o\u0300")
    assert normalise(decomposed).text == "Hòa An"


# structure -------------------------------------------------------------------------------


def test_outline_nests_headings():
    text = (
        "I. MỤC TIÊU\n1. Chỉ tiêu\n- Một\n+ Hai\na) Ba\nĐoạn văn.\nII. TỔ CHỨC THỰC HIỆN\n1.1. Bốn"
    )
    outline = build_outline(lines_of(text))
    first, second = outline.root.children
    assert (first.kind, first.title) == ("roman", "MỤC TIÊU")
    item = first.children[0]
    assert item.kind == "number"
    assert [c.kind for c in item.children] == ["dash", "letter"]
    assert item.children[0].children[0].kind == "plus"
    assert item.children[1].children[0].kind == "text"
    assert second.children[0].kind == "subnumber"


def test_clauses_split_at_semicolons_and_sentences():
    text = "Kiểm tra 10 cơ sở; xử lý 2 vụ. Tăng 1,5% so với năm trước v.v... và khác"
    parts = [text[s:e] for s, e in clauses(text)]
    assert parts == [
        "Kiểm tra 10 cơ sở",
        "xử lý 2 vụ",
        "Tăng 1,5% so với năm trước v.v... và khác",
    ]


# target phrases --------------------------------------------------------------------------


def _one(clause):
    found = expressions_in(clause)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("clause", "comparator", "unit", "value"),
    [
        ("ít nhất 70% thôn, buôn có tổ tuyên truyền", ">=", "percent", 70),
        ("tối thiểu 3 cuộc kiểm tra liên ngành", ">=", "count", 3),
        ("phấn đấu 85% người bán dâm được tư vấn", ">=", "percent", 85),
        ("trên 60% hộ gia đình ký cam kết", ">=", "percent", 60),
        ("100% tin báo được xác minh", "=", "percent", 100),
        ("tỷ lệ tái phạm không quá 5%", "<=", "percent", 5),
        ("số cơ sở vi phạm dưới 10%", "<=", "percent", 10),
        ("giảm xuống còn 8 điểm nóng", "<=", "count", 8),
        ("phát thanh 4 lần/tháng", ">=", "times_per_month", 4),
        ("họp giao ban 1 lần/quý", ">=", "times_per_quarter", 1),
        ("tổ chức ít nhất hai đợt cao điểm", ">=", "count", 2),
        ("xử lý 1.200 lượt vi phạm", ">=", "count", 1200),
    ],
)
def test_single_value_phrases(clause, comparator, unit, value):
    expr = _one(clause)
    assert (expr.comparator, expr.unit, expr.value) == (comparator, unit, value)


@pytest.mark.parametrize(
    "clause",
    ["kiểm tra từ 10 đến 15 cơ sở", "kiểm tra 10 - 15 cơ sở", "kiểm tra 10 – 15 cơ sở"],
)
def test_ranges(clause):
    expr = _one(clause)
    assert (expr.comparator, expr.low, expr.high, expr.unit) == ("between", 10, 15, "count")


def test_baseline_and_year_and_paired_figures():
    base = _one("nâng tỷ lệ thôn sạch từ 80% lên 90%")
    assert (base.comparator, base.value, base.also) == (">=", 90, {"baseline": 80})
    share = _one("75% số thôn, buôn (18 thôn) có tổ tự quản")
    assert (share.unit, share.value, share.also) == ("percent", 75, {"count": 18})
    count = _one("9 thôn, buôn (40%) đạt chuẩn")
    assert (count.unit, count.value, count.also) == ("count", 9, {"percent": 40})


@pytest.mark.parametrize(
    "clause",
    [
        "theo Nghị định số 144/2021/NĐ-CP ngày 31/12/2021",
        "Đội kiểm tra liên ngành 178 của xã họp",
        "giai đoạn 2021 - 2025 và năm 2026",
        "báo cáo 6 tháng đầu năm",
        "UBND 12 thôn, buôn",
        "Đề án 06 của Chính phủ",
    ],
)
def test_identifiers_are_not_targets(clause):
    assert expressions_in(clause) == []


# header, facts and a whole commune plan --------------------------------------------------


def test_commune_plan_header():
    draft = parse_plan(COMMUNE_PLAN)
    assert draft.kind == "plan"
    assert draft.title.startswith("Phòng, chống tệ nạn mại dâm và mua bán người")
    assert draft.issuer == "Ủy ban nhân dân xã Hòa An"
    assert (draft.unit.name, draft.unit.level) == ("Hòa An", "commune")
    assert draft.unit.parent == "Đắk Lắk"  # after July 2025 a commune belongs to a province
    assert draft.number == "14/KH-UBND"
    assert draft.date == datetime.date(2026, 2, 5)
    assert draft.year == 2026
    assert draft.topics == ["prostitution", "trafficking"]
    assert draft.bases == ["31/KH-UBND", "1629/QĐ-TTg"]
    assert draft.signature == "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"
    assert draft.signer == "Lê Thị Mai"


def test_commune_plan_targets():
    draft = parse_plan(COMMUNE_PLAN)
    got = {
        (t.comparator, t.unit, t.value, t.low, t.high, tuple(sorted(t.also.items())), t.agency)
        for t in draft.targets
    }
    assert (">=", "count", 4, None, None, (), None) in got
    assert ("<=", "percent", 5, None, None, (), None) in got
    assert ("between", "count", None, 10, 15, (), None) in got
    assert (">=", "percent", 90, None, None, (("baseline", 80),), None) in got
    assert (">=", "times_per_month", 4, None, None, (), None) in got
    assert ("=", "count", 0, None, None, (), None) in got
    assert ("between", "count", None, 12, 20, (), "Công an xã") in got
    assert (">=", "percent", 30, None, None, (), "Trạm Y tế xã, Hội Liên hiệp Phụ nữ xã") in got
    for t in draft.targets:
        assert t.quote in COMMUNE_PLAN


def test_commune_plan_assignments():
    draft = parse_plan(COMMUNE_PLAN)
    assert draft.agencies[:3] == ["Công an xã", "Trạm Y tế xã", "Hội Liên hiệp Phụ nữ xã"]
    [task] = [t for t in draft.tasks if t.text.startswith("Tuyên truyền trên hệ thống")]
    assert task.lead == "Trạm Y tế xã"
    assert task.coordinating == ["Công an xã", "Hội Liên hiệp Phụ nữ xã"]
    assert task.when == "Quý II/2026"
    assert draft.standing_agency == "Công an xã"
    assert draft.reporting == ["quarterly", "annual"]


def test_directive_letter_without_header_lines():
    text = (
        "UBND TỈNH QUẢNG NINH\nUBND THÀNH PHỐ CẨM PHẢ\n\nSố: /UBND-VX\n"
        "V/v tăng cường kiểm tra cơ sở lưu trú\n\nKính gửi:\n- Công an thành phố;\n"
        "- UBND các phường.\n\n"
        "Thực hiện Công văn số 2210/UBND-VX2 ngày 02/8/2024 của UBND tỉnh, Chủ tịch UBND thành "
        "phố yêu cầu:\n\n1. Công an thành phố: kiểm tra không dưới 20 cơ sở lưu trú.\n\n"
        "2. UBND các phường: báo cáo kết quả định kỳ 6 tháng, năm.\n\nKT. CHỦ TỊCH\n"
        "PHÓ CHỦ TỊCH\n\nTrần Văn Bình\n"
    )
    draft = parse_plan(text)
    assert draft.kind == "directive"
    assert draft.title == "V/v tăng cường kiểm tra cơ sở lưu trú"
    assert draft.number is None
    assert draft.issuer == "Ủy ban nhân dân thành phố Cẩm Phả"
    assert (draft.unit.level, draft.unit.parent) == ("district", "Quảng Ninh")
    assert draft.year is None
    assert draft.bases == ["2210/UBND-VX2"]
    assert draft.agencies == ["Công an thành phố", "UBND các phường"]
    [target] = draft.targets
    assert (target.comparator, target.value, target.agency) == (">=", 20, "Công an thành phố")
    assert draft.reporting == ["semiannual", "annual"]
    assert draft.signer == "Trần Văn Bình"
    assert any("năm" in w for w in draft.warnings)


def test_province_plan_from_body_sentence():
    text = (
        "KẾ HOẠCH\nThực hiện công tác phòng, chống ma túy năm 2024\n\n"
        "Ủy ban nhân dân tỉnh Lào Cai ban hành Kế hoạch như sau:\n\nI. CHỈ TIÊU\n"
        "- Giảm 10% số người nghiện so với năm 2023.\n"
    )
    draft = parse_plan(text)
    assert draft.issuer == "Ủy ban nhân dân tỉnh Lào Cai"
    assert (draft.unit.name, draft.unit.level, draft.unit.parent) == ("Lào Cai", "province", None)
    assert draft.topics == ["drugs"]
    assert draft.year == 2024


def test_document_numbers_and_periods():
    assert document_numbers("theo Quyết định số 361/QĐ-TTg ngày 07/3/2016 và Chỉ thị 36-CT/TW") == [
        "361/QĐ-TTg",
        "36-CT/TW",
    ]
    assert document_numbers("Nghị quyết 01/2008/NQLT-BLĐTBXH-BCA ngày 28/10/2008") == [
        "01/2008/NQLT-BLĐTBXH-BCA"
    ]
    assert periods_in("Báo cáo định kỳ tháng, quý, năm về UBND huyện.") == [
        "monthly",
        "quarterly",
        "annual",
    ]
    assert periods_in("Định kỳ 6 tháng, cuối năm báo cáo kết quả.") == ["semiannual", "annual"]
    assert periods_in("Hằng quý báo cáo Ban chỉ đạo.") == ["quarterly"]
    assert periods_in("Kiểm tra định kỳ tháng, quý.") == []  # not a report


def test_agency_names():
    assert is_agency_start("Sở Y tế")
    assert is_agency_start("UBND các xã, thị trấn")
    assert not is_agency_start("Phòng, chống mại dâm")
    assert not is_agency_start("Ban hành kế hoạch")
    assert not is_agency_start("sở Y tế")
    assert split_agencies("Đề nghị Viện Kiểm sát nhân dân huyện, Tòa án nhân dân huyện") == [
        "Viện Kiểm sát nhân dân huyện",
        "Tòa án nhân dân huyện",
    ]
    assert split_agencies("Sở Văn hóa, Thể thao và Du lịch") == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert split_agencies("Các phòng, ban, ngành và UBND các xã") == [
        "Các phòng, ban, ngành",
        "UBND các xã",
    ]


def test_empty_and_odd_inputs_give_warnings():
    assert parse_plan("").warnings
    assert parse_plan("   \n\n ").to_dict()["targets"] == []
    draft = parse_plan("Một dòng chữ bất kỳ không có cấu trúc")
    assert draft.unit is None
    assert draft.warnings
    assert parse_plan(b"KE HOACH \xff").warnings
