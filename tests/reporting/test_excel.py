"""The Excel template of a report and uploading it back: per-cell errors, nothing saved when
any cell is wrong, files for another report refused."""

import html
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from lanhmanh.reporting.excel import FIRST_ROW, META_SHEET, NOT_A_TEMPLATE, NOT_EXCEL, SHEET
from lanhmanh.reporting.models import Status
from lanhmanh.reporting.periods import month
from lanhmanh.reporting.services import submission_create, submission_save_values
from lanhmanh.reporting.views.excel import UPLOADED
from tests.reporting.helpers import make_form

JAN = month(2026, 1)


@pytest.fixture
def form(db):
    return make_form()


@pytest.fixture
def draft(world, form):
    return submission_create(
        form=form, unit=world.hac_thanh, period=JAN, user=world.hac_thanh_officer
    )


def template(client, submission):
    response = client.get(reverse("reporting:submission_template", args=[submission.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content))


def rows(wb):
    ws = wb[SHEET]
    return {ws[f"A{r}"].value: r for r in range(FIRST_ROW, ws.max_row + 1) if ws[f"A{r}"].value}


def fill(wb, cells=None, **more):
    ws = wb[SHEET]
    where = rows(wb)
    for key, value in {**(cells or {}), **more}.items():
        first, second = value if isinstance(value, tuple) else (value, None)
        ws[f"E{where[key]}"] = first
        if second is not None:
            ws[f"F{where[key]}"] = second
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "bao-cao.xlsx"
    return out


def upload(client, submission, file):
    return client.post(reverse("reporting:submission_upload", args=[submission.pk]), {"file": file})


def text(response):
    return html.unescape(response.content.decode())


def figures(submission):
    return {
        (v.indicator.code, v.disaggregation): (v.numerator, v.denominator)
        for v in submission.values.select_related("indicator")
    }


def test_the_template_lists_every_cell_and_hides_what_it_is_for(world, draft, client_for):
    wb = template(client_for(world.hac_thanh_officer), draft)
    ws = wb[SHEET]
    keys = rows(wb)
    assert "awareness_activities" in keys
    assert "sex_workers_reached|sex:female" in keys
    row = keys["tips_handled_share"]
    assert ws[f"D{row}"].value == "%"
    assert "Phường Hạc Thành" in ws["A2"].value
    assert "Tháng 1/2026" in ws["A4"].value
    meta = wb[META_SHEET]
    assert meta.sheet_state == "veryHidden"
    values = {meta[f"A{r}"].value: meta[f"B{r}"].value for r in range(1, meta.max_row + 1)}
    assert values["unit"] == world.hac_thanh.path
    assert values["period"] == JAN.key
    assert values["version"] == draft.version


def test_a_filled_template_saves_every_figure(world, draft, client_for):
    client = client_for(world.hac_thanh_officer)
    file = fill(
        template(client, draft),
        awareness_activities=3,
        tips_handled_share=(2, 5),
        sex_workers_reached=4,
        cells={"sex_workers_reached|sex:female": "3"},
    )
    response = upload(client, draft, file)
    assert response.status_code == 302
    assert str(UPLOADED) in text(client.get(response.url))
    assert figures(draft) == {
        ("awareness_activities", ""): (Decimal(3), None),
        ("tips_handled_share", ""): (Decimal(2), Decimal(5)),
        ("sex_workers_reached", ""): (Decimal(4), None),
        ("sex_workers_reached", "sex:female"): (Decimal(3), None),
    }


def test_the_template_carries_the_figures_already_saved(world, draft, client_for):
    submission_save_values(
        submission=draft,
        values={"awareness_activities": "6"},
        version=1,
        user=world.hac_thanh_officer,
    )
    wb = template(client_for(world.hac_thanh_officer), draft)
    assert wb[SHEET][f"E{rows(wb)['awareness_activities']}"].value == 6


def test_bad_cells_are_named_and_nothing_is_saved(world, draft, client_for):
    client = client_for(world.hac_thanh_officer)
    file = fill(
        template(client, draft),
        awareness_activities="ba",
        tips_handled_share=(6, 5),
        sex_workers_reached=-2,
        support_models_maintained=4,
    )
    response = upload(client, draft, file)
    page = text(response)
    assert response.status_code == 400
    assert "Không lưu số liệu nào từ tệp" in page
    wb = template(client, draft)
    keys = rows(wb)
    assert f"Ô E{keys['awareness_activities']}" in page
    assert "“ba” không phải là một số." in page
    assert f"Ô E{keys['tips_handled_share']}" in page
    assert "Tỷ lệ không được quá 100%" in page
    assert "Số liệu không được âm." in page
    assert not draft.values.exists()


def test_a_file_for_another_unit_is_refused(world, form, draft, client_for):
    other = submission_create(form=form, unit=world.quang_ngoc, period=JAN, user=world.th_admin)
    wb = template(client_for(world.th_admin), other)
    response = upload(client_for(world.hac_thanh_officer), draft, fill(wb, awareness_activities=1))
    page = text(response)
    assert response.status_code == 400
    assert "Tệp là báo cáo của Xã Quảng Ngọc, không phải của Phường Hạc Thành." in page
    assert not draft.values.exists()


def test_a_file_for_another_period_is_refused(world, form, draft, client_for):
    february = submission_create(
        form=form, unit=world.hac_thanh, period=month(2026, 2), user=world.hac_thanh_officer
    )
    client = client_for(world.hac_thanh_officer)
    response = upload(client, draft, fill(template(client, february), awareness_activities=1))
    assert "Tệp là báo cáo tháng 2/2026, không phải tháng 1/2026." in text(response)
    assert not draft.values.exists()


def test_a_file_that_is_not_a_template_is_refused(world, draft, client_for):
    client = client_for(world.hac_thanh_officer)
    wb = Workbook()
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "khac.xlsx"
    assert str(NOT_A_TEMPLATE)[:40] in text(upload(client, draft, out))
    junk = io.BytesIO(b"not a spreadsheet")
    junk.name = "bao-cao.xlsx"
    assert str(NOT_EXCEL) in text(upload(client, draft, junk))


def test_an_upload_after_someone_saved_is_refused(world, draft, client_for):
    client = client_for(world.hac_thanh_officer)
    wb = template(client, draft)
    submission_save_values(
        submission=draft,
        values={"awareness_activities": "9"},
        version=1,
        user=world.hac_thanh_officer,
    )
    response = upload(client, draft, fill(wb, awareness_activities=1))
    assert "Báo cáo đã được người khác cập nhật" in text(response)
    assert figures(draft)[("awareness_activities", "")] == (Decimal(9), None)


def test_an_upload_to_an_approved_report_is_refused(world, draft, client_for):
    client = client_for(world.hac_thanh_officer)
    file = fill(template(client, draft), awareness_activities=1)
    from lanhmanh.reporting.services import submission_approve, submission_submit

    submission_save_values(
        submission=draft,
        values={"awareness_activities": "2"},
        version=1,
        user=world.hac_thanh_officer,
    )
    submission_submit(submission=draft, user=world.hac_thanh_officer)
    submission_approve(submission=draft, user=world.th_coordinator)
    response = upload(client, draft, file)
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.status == Status.APPROVED
    assert figures(draft)[("awareness_activities", "")] == (Decimal(2), None)


def test_outsiders_get_404_and_readers_403(world, draft, client_for):
    wb_client = client_for(world.hac_thanh_officer)
    file = fill(template(wb_client, draft), awareness_activities=1)
    outsider = client_for(world.bn_coordinator)
    assert (
        outsider.get(reverse("reporting:submission_template", args=[draft.pk])).status_code == 404
    )
    assert upload(outsider, draft, file).status_code == 404
    file.seek(0)
    assert upload(client_for(world.th_leader), draft, file).status_code == 403
    assert not draft.values.exists()
