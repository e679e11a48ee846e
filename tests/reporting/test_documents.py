"""The periodic report of a unit as .docx (official layout) and its figures as .xlsx with
their sources."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from lanhmanh.indicators.models import Indicator
from lanhmanh.plans.models import Plan, Target
from lanhmanh.reporting.models import Status
from lanhmanh.reporting.periods import month, year_period
from lanhmanh.reporting.report_docx import report_docx
from tests.reporting.helpers import make_form, report

JAN = month(2026, 1)
QUERY = "year=2026&part=Y"


@pytest.fixture
def figures(world):
    form = make_form()
    approved = report(
        world.hac_thanh_officer,
        form,
        world.hac_thanh,
        JAN,
        {"awareness_activities": "5", "tips_handled_share": ("2", "4")},
        reviewer=world.th_coordinator,
    )
    waiting = report(
        world.th_admin,
        form,
        world.quang_ngoc,
        JAN,
        {"awareness_activities": "3"},
        status=Status.SUBMITTED,
    )
    plan = Plan.objects.create(
        unit=world.thanh_hoa, year_from=2026, year_to=2026, title="Phòng, chống mại dâm năm 2026"
    )
    Target.objects.create(
        plan=plan,
        comparator=">=",
        value=6,
        measure="count",
        statement="Ít nhất 6 buổi tuyên truyền",
        indicator=Indicator.objects.get(code="awareness_activities"),
    )
    return approved, waiting


def docx_text(data: bytes) -> tuple[str, list[list[str]]]:
    doc = Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    cells = []
    for table in doc.tables:
        for row in table.rows:
            cells.append([c.text for c in row.cells])
            for c in row.cells:
                lines += [p.text for p in c.paragraphs]
    return "\n".join(lines), cells


def test_the_report_document_has_the_official_parts(world, figures, client_for):
    response = client_for(world.th_coordinator).get(
        reverse("reporting:report_docx") + f"?unit={world.thanh_hoa.pk}&{QUERY}"
    )
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    text, rows = docx_text(response.content)
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số:",
        "/BC-UBND",
        "Thanh Hóa, ngày",
        "BÁO CÁO",
        "năm 2026",
        "Kính gửi: Bộ Y tế.",
        "I. KẾT QUẢ THỰC HIỆN",
        "II. ĐÁNH GIÁ CHUNG",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "Nơi nhận:",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
    ):
        assert expected in text, expected
    name = Indicator.objects.get(code="awareness_activities").name
    [row] = [r for r in rows if r[1] == name]
    assert row[3] == "8"  # 5 approved + 3 waiting for approval, summed
    assert row[4] == "≥ 6"
    assert row[5] == "Đạt"


def test_a_commune_reports_to_the_province_and_its_standing_agency(world, figures):
    text, _rows = docx_text(report_docx(world.hac_thanh, year_period(2026)))
    assert "UBND tỉnh Thanh Hóa".upper() in text.upper()
    assert "- Ủy ban nhân dân tỉnh Thanh Hóa;" in text
    assert "- Sở Y tế." in text


def test_the_figures_workbook_says_where_each_figure_comes_from(world, figures, client_for):
    approved, waiting = figures
    response = client_for(world.th_coordinator).get(
        reverse("reporting:report_xlsx") + f"?unit={world.thanh_hoa.pk}&{QUERY}"
    )
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    rows = {r[0]: r for r in ws.iter_rows(min_row=5, values_only=True) if r[0] and not r[2]}
    assert rows["awareness_activities"][4] == 8
    assert rows["awareness_activities"][7] == "có"  # one report still waiting
    assert "Tổng hợp từ 2 báo cáo (1 báo cáo chờ duyệt)" in rows["awareness_activities"][8]
    assert rows["tips_handled_share"][4] == 50
    computed = [r for r in rows.values() if r[8] and r[8].startswith("Tính từ dữ liệu")]
    assert computed  # the inspections module's indicators say so
    detail = list(wb.worksheets[1].iter_rows(min_row=2, values_only=True))
    sources = {(r[0], r[10]) for r in detail}
    assert ("awareness_activities", approved.pk) in sources
    assert ("awareness_activities", waiting.pk) in sources


def test_documents_of_a_unit_outside_the_scope_give_404(world, client_for):
    client = client_for(world.th_coordinator)
    for name in ("reporting:report_docx", "reporting:report_xlsx"):
        assert client.get(reverse(name), {"unit": world.bac_ninh.pk}).status_code == 404
        assert (
            client_for(world.th_tips).get(reverse(name), {"unit": world.thanh_hoa.pk}).status_code
            == 404
        )


def test_a_leader_may_download_the_documents(world, figures, client_for):
    client = client_for(world.th_leader)
    assert (
        client.get(
            reverse("reporting:report_docx") + f"?unit={world.thanh_hoa.pk}&{QUERY}"
        ).status_code
        == 200
    )
