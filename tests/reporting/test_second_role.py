"""Scope through a second role: a data officer of xã Lục Nam (Bắc Ninh) who is also tip
handler of the Thanh Hóa province reads Lục Nam's reporting and nothing of Thanh Hóa's:
every reporting door asks the reporting module's scope, not any membership."""

import pytest
from django.urls import reverse

from lanhmanh.reporting.models import Status
from lanhmanh.reporting.periods import month
from tests.reporting.helpers import make_form, report

JAN = month(2026, 1)


@pytest.fixture
def sent(world):
    form = make_form()
    return report(
        world.hac_thanh_officer,
        form,
        world.hac_thanh,
        JAN,
        {"awareness_activities": "4"},
        status=Status.SUBMITTED,
    )


@pytest.mark.parametrize(
    "name", ["reporting:review_list", "reporting:overdue_list", "reporting:dashboard"]
)
def test_the_other_province_is_missing_from_the_reporting_pages(world, sent, client_for, name):
    client = client_for(world.ln_officer_th_tips)
    assert client.get(reverse(name), {"unit": world.thanh_hoa.pk}).status_code == 404
    assert client.get(reverse(name), {"unit": world.hac_thanh.pk}).status_code == 404
    assert client.get(reverse(name), {"unit": world.luc_nam.pk}).status_code == 200


@pytest.mark.parametrize("name", ["reporting:report_docx", "reporting:report_xlsx"])
def test_the_other_province_report_documents_are_missing(world, sent, client_for, name):
    client = client_for(world.ln_officer_th_tips)
    query = {"unit": world.thanh_hoa.pk, "year": 2026, "kind": "month", "number": 1}
    assert client.get(reverse(name), query).status_code == 404


def test_the_other_province_submission_is_missing(world, sent, client_for):
    client = client_for(world.ln_officer_th_tips)
    url = reverse("reporting:submission_detail", args=[sent.pk])
    assert client.get(url).status_code == 404
    opened = client.post(
        reverse("reporting:submission_open"),
        {"form": sent.form_id, "unit": world.hac_thanh.pk, "period": JAN.key},
    )
    assert opened.status_code == 404


def test_the_door_gives_the_reporting_scope_only(world):
    from lanhmanh.accounts.roles import Module
    from lanhmanh.accounts.scope import scope_for, units_of

    user = world.ln_officer_th_tips
    assert units_of(user, Module.REPORTING) == [world.luc_nam]
    assert not scope_for(user, Module.REPORTING).covers(world.thanh_hoa.path)
    assert scope_for(user, Module.TIPS).covers(world.hac_thanh.path)
