"""The dashboard's percentages say of how many communes they are and how many have not
reported (it read '100% (6/6)' while 160 communes had not), and its selects are labelled."""

from django.urls import reverse

from lanhmanh.reporting.periods import month
from tests.reporting.helpers import make_form, report


def test_a_ratio_says_of_how_many_reporting_communes(world, client_for):
    form = make_form()
    for unit in (world.hac_thanh, world.quang_ngoc):
        report(
            world.national,
            form,
            unit,
            month(2026, 1),
            {"awareness_activities": 1, "communes_with_awareness_share": (1, 1)},
            reviewer=world.th_coordinator,
        )
    response = client_for(world.th_leader).get(
        reverse("reporting:dashboard"),
        {"unit": world.thanh_hoa.pk, "year": 2026, "part": "m1"},
    )
    text = response.content.decode()
    assert "của 2 xã, phường đã báo cáo; 1 chưa báo cáo" in text
    assert "Số liệu báo cáo của 2 trong 3 xã, phường phải báo cáo; 1 chưa báo cáo" in text
    assert 'class="visually-hidden" for="id_part"' in text
    assert 'class="visually-hidden" for="id_year"' in text
