"""The configuration screens write through the services: an indicator edited after its
figures becomes a new edition, a breakdown is typed as lines, a package is uploaded."""

import json

from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanhmanh.indicators.models import CategorySet, Indicator
from lanhmanh.reporting.metadata import export_package
from lanhmanh.reporting.periods import month
from tests.reporting.helpers import make_form, report


def indicator_post(indicator, **changes):
    data = {
        "code": indicator.code,
        "name": indicator.name,
        "topic": indicator.topic,
        "definition": indicator.definition,
        "measure": indicator.measure,
        "unit_of_measure": indicator.unit_of_measure,
        "aggregation": indicator.aggregation,
        "source": indicator.source,
        "disaggregations": indicator.disaggregations,
        "order": indicator.order,
        "active": "on",
        "version": indicator.version,
    }
    data.update(changes)
    return data


def test_editing_an_indicator_with_figures_on_screen_makes_a_new_edition(world, client_for):
    form = make_form(rows=[("broadcasts", [], True)])
    report(world.th_admin, form, world.hac_thanh, month(2026, 1), {"broadcasts": "2"})
    old = Indicator.objects.get(code="broadcasts")
    client = client_for(world.national)
    response = client.post(
        reverse("reporting:indicator_edit", args=[old.pk]),
        indicator_post(old, definition="Chỉ tính tin, bài trên báo, đài tỉnh."),
    )
    new = Indicator.objects.get(code="broadcasts", current=True)
    assert response.status_code == 302 and response["Location"].endswith(f"/{new.pk}/")
    assert new.edition == 2 and new.definition.startswith("Chỉ tính")
    entry = LogEntry.objects.get_for_object(Indicator.objects.get(pk=old.pk)).first()
    assert "current" in entry.changes_dict  # before and after, in the audit log
    Indicator.objects.filter(pk=new.pk).update(version=new.version + 1)  # saved elsewhere
    stale = client.post(
        reverse("reporting:indicator_edit", args=[new.pk]),
        indicator_post(new, name="Tên khác", version=new.version),
    )
    assert stale.status_code == 409  # both versions shown


def test_a_breakdown_is_typed_as_lines(world, client_for):
    response = client_for(world.th_admin).post(
        reverse("reporting:breakdown_create"),
        {
            "code": "th_nghe",
            "name": "Nghề nghiệp",
            "options": "sv | Sinh viên\nld | Lao động | Worker",
        },
    )
    assert response.status_code == 302
    options = CategorySet.objects.get(code="th_nghe").options.all()
    assert [(o.code, o.name, o.name_en) for o in options] == [
        ("sv", "Sinh viên", ""),
        ("ld", "Lao động", "Worker"),
    ]


def test_a_bad_package_is_refused_on_screen_with_its_reasons(world, client_for):
    package = json.loads(export_package())
    package["category_sets"].append({"code": "x", "name": "X", "options": []})
    package["forms"] = [
        {
            "code": "f",
            "name": "F",
            "periodicity": "month",
            "unit_level": "commune",
            "rows": [{"indicator": "khong_co", "edition": 1}],
        }
    ]
    upload = SimpleUploadedFile("p.json", json.dumps(package).encode(), "application/json")
    response = client_for(world.national).post(reverse("reporting:package"), {"file": upload})
    assert response.status_code == 400
    assert "khong_co" in response.content.decode()
    assert not CategorySet.objects.filter(code="x").exists()


def test_a_province_exports_its_own_catalogue_with_the_national_one(world, client_for):
    client = client_for(world.th_admin)
    client.post(
        reverse("reporting:indicator_create"),
        {
            "code": "th_rieng",
            "name": "Riêng",
            "topic": "general",
            "measure": "count",
            "aggregation": "sum",
            "source": "entered",
            "active": "on",
        },
    )
    data = json.loads(client.get(reverse("reporting:package_export")).content)
    codes = {i["code"] for i in data["indicators"]}
    assert {"th_rieng", "tips_received"} <= codes
    other = json.loads(
        client_for(world.bn_coordinator).get(reverse("reporting:package_export")).content
    )
    assert "th_rieng" not in {i["code"] for i in other["indicators"]}
