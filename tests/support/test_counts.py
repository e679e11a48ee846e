"""Counts leave the case workers only with 1 to 4 shown as '<5': on the page, in Excel,
in Word and in the API; registers add up; the page's queries do not grow with cases."""

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from lanhmanh.support import services
from lanhmanh.support.access import small

from .conftest import OPENED, open_case

pytestmark = pytest.mark.django_db
YEAR = {"year": OPENED.year}


def test_small_counts():
    assert [small(n) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]


@pytest.fixture
def served(world, sup):
    services.service_record(
        client=sup.case, by=world.th_social, service_type=sup.types["health_check"],
        given_on=OPENED,
    )  # fmt: skip
    return sup


def _row(tables, title_start, label):
    table = next(t for t in tables if t["title"].startswith(title_start))
    return next(r["cells"] for r in table["rows"] if r["label"] == label)


def test_the_coordinator_sees_less_than_five_everywhere(world, served, client_for):
    client = client_for(world.th_coordinator)
    page = client.get(reverse("support:overview"), YEAR).content.decode()
    assert "&lt;5" in page
    data = client.get(reverse("support:api_counts"), YEAR).json()
    assert _row(data["tables"], "Ca hỗ trợ", "Người bán dâm") == ["<5", 0, 0, "<5"]
    assert _row(data["tables"], "Người được hỗ trợ", "Khám sức khỏe") == ["<5"]

    sheet = load_workbook(
        io.BytesIO(client.get(reverse("support:overview_xlsx"), YEAR).content)
    ).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "<5" in values and 1 not in values

    docx = client.get(reverse("support:overview_docx"), YEAR).content
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    assert "&lt;5" in xml


def test_five_people_are_counted_as_five(world, sup, client_for):
    for n in range(4):
        open_case(world, sup, mother=f"Me{n}", father="Cha")
    data = client_for(world.th_coordinator).get(reverse("support:api_counts"), YEAR).json()
    assert _row(data["tables"], "Ca hỗ trợ", "Người bán dâm")[0] == 5


def test_the_overview_costs_the_same_queries_with_more_cases(world, sup, client_for):
    client = client_for(world.th_coordinator)
    client.get(reverse("support:overview"), YEAR)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("support:overview"), YEAR)
    for n in range(6):
        case = open_case(world, sup, mother=f"Me{n}", father="Cha")
        services.service_record(
            client=case, by=world.th_social, service_type=sup.types["loan"], given_on=OPENED
        )
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("support:overview"), YEAR)
    assert len(many) == len(few)


def test_outreach_counts_are_suppressed_in_the_register(world, sup, client_for):
    services.outreach_record(
        by=world.th_social, unit=world.hac_thanh, held_on=OPENED, kind="group",
        sex_workers_female=3, sex_workers_male=0, victims_female=0, victims_male=0,
        at_risk_female=7, at_risk_male=0,
    )  # fmt: skip
    page = client_for(world.th_admin).get(reverse("support:outreach_list")).content.decode()
    assert "&lt;5/0" in page and "7/0" in page


def test_support_figures_leave_the_reporting_outputs_as_less_than_five(world, served):
    import datetime

    from lanhmanh.indicators.models import Indicator
    from lanhmanh.indicators.registry import Window, computation
    from lanhmanh.reporting.report_docx import shown
    from lanhmanh.reporting.report_xlsx import _row
    from lanhmanh.reporting.templatetags.reporting_tags import figure, fraction

    window = Window(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    for code in ("support_clients_supported", "support_clients_supported_share"):
        value = computation(code)(paths=[world.thanh_hoa.path], window=window)
        indicator = Indicator.objects.get(code=code)
        assert figure(value) == "<5" and fraction(value) == ""
        assert shown(indicator, value) == "<5"
        assert _row(indicator, "", value, "")[4:7] == ["<5", None, None]
    # A register count names nobody: shown as it is.
    models = computation("support_models_running")(paths=[world.thanh_hoa.path], window=window)
    assert not models.small_count
