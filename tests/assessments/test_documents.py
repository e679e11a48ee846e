"""A commune's assessment result and the province's classification list as .docx in the
Decree 30/2020 layout and as .xlsx (text that looks like a formula is escaped)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from lanhmanh.assessments import services
from lanhmanh.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def text_of(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture
def approved(world, frame):
    frame.approved(
        unit=world.hac_thanh, year=frame.year - 1, on=datetime.date(frame.year - 1, 12, 1)
    )
    a = frame.create(by=world.th_coordinator)
    frame.fill(a, by=world.th_coordinator, awareness=Decimal(25))
    a.refresh_from_db()
    steering = frame.criteria["steering"]
    services.answers_save(
        assessment=a,
        by=world.th_coordinator,
        version=a.version,
        answers={steering.pk: {"points": 15, "note": '=HYPERLINK("http://x")'}},
    )
    frame.submit(a, by=world.th_coordinator)
    return frame.approve(a)


def test_the_assessment_result_as_word(world, approved, client_for):
    response = client_for(world.th_leader).get(
        reverse("assessments:assessment_docx", args=[approved.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'danh-gia-14755-{approved.year}.docx"')
    text = text_of(b"".join(response.streaming_content))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "ỦY BAN NHÂN DÂN\nPHƯỜNG HẠC THÀNH" in text.upper()
    assert "BÁO CÁO" in text and "Số:" in text
    assert "Kính gửi: Ủy ban nhân dân tỉnh Thanh Hóa." in text
    assert "Không có tụ điểm mại dâm công cộng" in text
    assert f"Xếp loại: {approved.result_class.name}" in text
    assert "Nơi nhận:" in text and "TM. ỦY BAN NHÂN DÂN" in text
    assert AuditEvent.objects.filter(action="download", actor=world.th_leader).exists()


def test_the_assessment_result_as_excel_escapes_formulas(world, approved, client_for):
    response = client_for(world.th_coordinator).get(
        reverse("assessments:assessment_xlsx", args=[approved.pk])
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("TT", "Mã", "Tiêu chí")
    notes = [r[9] for r in rows[1:] if r and r[1] == "steering"]
    assert notes == ['\'=HYPERLINK("http://x")']


def test_the_classification_list_as_word_and_excel(world, approved, frame, client_for):
    frame.submit(
        frame.fill(
            frame.create(unit=world.quang_ngoc, by=world.th_coordinator), by=world.th_coordinator
        ),
        by=world.th_coordinator,
    )
    client = client_for(world.th_coordinator)
    query = f"?year={frame.year}&unit={world.thanh_hoa.pk}"
    response = client.get(reverse("assessments:classification_docx") + query)
    text = text_of(b"".join(response.streaming_content))
    assert "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA" in text.upper()
    assert (
        f"Kết quả phân loại xã, phường lành mạnh không có tệ nạn mại dâm năm {frame.year}" in text
    )
    assert "Phường Hạc Thành" in text and "Xã Quảng Bình" in text
    assert "Giữ nguyên" in text  # Hạc Thành: healthy last year and this year
    response = client.get(reverse("assessments:classification_xlsx") + query)
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    by_name = {r[2]: r for r in rows[1:]}
    assert by_name["Phường Hạc Thành"][3] == "Đã phê duyệt"
    assert by_name["Xã Quảng Ngọc"][3] == "Đã gửi, chờ thẩm định"
    assert by_name["Xã Quảng Bình"][3] == "Chưa đánh giá"
    assert by_name["Phường Hạc Thành"][8] == "Giữ nguyên"


def test_an_outsider_list_holds_nothing_of_thanh_hoa(world, approved, client_for):
    response = client_for(world.bn_coordinator).get(reverse("assessments:classification_xlsx"))
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert [r[2] for r in rows[1:]] == ["Xã Lục Nam"]
