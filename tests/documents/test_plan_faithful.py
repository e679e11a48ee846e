"""The Word export of a plan is faithful: the committee issues and signs a KH-UBND plan
whoever drafted it; a plan imported from a document keeps that document's bases with their
titles, its purpose section, its recipients one a line, and its table of targets (as an
appendix that reads back to the same targets)."""

import datetime
import io
from collections import Counter
from pathlib import Path

import docx
import pytest

from lanhmanh.documents.plan_docx import plan_to_docx
from lanhmanh.organizations.models import Agency, Sector
from lanhmanh.plans.demo import current_plan_demo_build
from lanhmanh.plans.importer import parse_plan, read_document
from lanhmanh.plans.services import plan_create_from_draft

from .test_plan_roundtrip import figures

CORPUS = Path(__file__).resolve().parents[1] / "plans" / "corpus"


def lines_of(data: bytes) -> tuple[list[str], list[str], list]:
    """(body paragraphs, every table cell's paragraphs, tables) of a .docx."""
    document = docx.Document(io.BytesIO(data))
    body = [p.text for p in document.paragraphs if p.text.strip()]
    cells = [
        p.text
        for table in document.tables
        for cell in table._cells
        for p in cell.paragraphs
        if p.text.strip()
    ]
    return body, cells, document.tables


@pytest.fixture
def demo_plan(world):
    office = Agency.objects.create(
        unit=world.thanh_hoa,
        sector=Sector.objects.get_or_create(
            code="people_committee", defaults={"name": "Ủy ban nhân dân"}
        )[0],
        name="Văn phòng Ủy ban nhân dân tỉnh Thanh Hóa",
    )
    plan = current_plan_demo_build(world.thanh_hoa, 2026)
    assert plan.issuing_agency == office and plan.number == "25/KH-UBND"
    return plan


def test_a_kh_ubnd_plan_is_issued_and_signed_by_the_committee(demo_plan):
    body, cells, _tables = lines_of(plan_to_docx(demo_plan))
    assert "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA" in cells
    assert not any("Văn phòng" in c for c in cells[:6])
    assert "Số: 25/KH-UBND" in cells
    at = cells.index("TM. ỦY BAN NHÂN DÂN")
    assert cells[at : at + 4] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lê Đức Thắng",
    ]
    assert any(line.startswith("Ủy ban nhân dân tỉnh Thanh Hóa ban hành") for line in body) or (
        any("Ủy ban nhân dân tỉnh Thanh Hóa" in line for line in body)
    )


def test_recipients_are_one_a_line_and_the_archive_is_written_once(demo_plan):
    _body, cells, _tables = lines_of(plan_to_docx(demo_plan))
    start = cells.index("Nơi nhận:")
    end = cells.index("- Lưu: VT.")
    assert cells[start + 1 : end] == [
        "- Bộ Công an;",
        "- Thường trực Tỉnh ủy;",
        "- Chủ tịch, các Phó Chủ tịch UBND tỉnh;",
        "- Các sở, ban, ngành;",
        "- UBND các xã, phường;",
    ]
    assert sum(c.startswith("- Lưu") for c in cells) == 1
    assert cells[cells.index("- Lưu: VT.")] == "- Lưu: VT."


@pytest.fixture
def imported(world):
    text = read_document(CORPUS / "100_quang_ninh_2024_table.docx")
    draft = parse_plan(text).to_dict()
    plan = plan_create_from_draft(draft=draft, unit=world.old_thanh_hoa, source_text=text)
    plan.issued_on = datetime.date(2024, 3, 12)
    plan.save()
    return draft, plan


def test_an_imported_plan_keeps_its_bases_purpose_and_recipients(imported):
    _draft, plan = imported
    body, cells, _tables = lines_of(plan_to_docx(plan))
    assert (
        "Căn cứ Quyết định số 1629/QĐ-TTg ngày 28/9/2021 của Thủ tướng Chính phủ phê duyệt "
        "Chương trình phòng, chống mại dâm giai đoạn 2021 - 2025;"
    ) in body
    assert any(
        line.startswith("Thực hiện Kế hoạch số 112/KH-UBND ngày 20/12/2021") for line in body
    )
    assert not any("210/TTr" in line for line in body[:8])  # a proposal is no basis
    assert "I. MỤC ĐÍCH, YÊU CẦU" in body
    assert any(line.startswith("1. Nâng cao nhận thức của cán bộ, nhân dân") for line in body)
    start = cells.index("Nơi nhận:")
    assert cells[start + 1] == "- Bộ Lao động - Thương binh và Xã hội (b/c);"
    assert cells.count("- Lưu: VT, VX.") == 1


def test_the_table_of_targets_comes_back_as_an_appendix_table_read_back_the_same(imported):
    draft, plan = imported
    data = plan_to_docx(plan)
    body, _cells, tables = lines_of(data)
    assert "Các chỉ tiêu cụ thể tại Phụ lục kèm theo Kế hoạch này." in body
    assert "Phụ lục" in body
    assert any(line.startswith("(Kèm theo Kế hoạch số 58/KH-UBND ngày 12/03/2024") for line in body)
    table = tables[-1]
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Chỉ tiêu năm 2024",
        "Cơ quan chủ trì",
    ]
    assert len(table.rows) == 1 + len(draft["targets"])
    back = parse_plan(read_document(data, "ke-hoach.docx")).to_dict()
    assert Counter(map(figures, back["targets"])) == Counter(map(figures, draft["targets"]))
