"""Upload a plan document, review it, correct a target, save: through HTTP."""

import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanhmanh.plans.forms import ERR_BAD_EXTENSION
from lanhmanh.plans.models import Plan, PlanImport

SEEDS = Path(
    os.environ.get(
        "LANHMANH_SEEDS_DIR", Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
    )
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, name, content):
    return client.post(reverse("plans:import_upload"), {"file": SimpleUploadedFile(name, content)})


def thanh_hoa_2018():
    return (SEEDS / "000_4d5a477da53a21d3.txt").read_bytes()


def test_a_coordinator_uploads_reviews_corrects_and_saves_a_plan(world, client_for):
    client = client_for(world.th_coordinator)
    response = upload(client, "ke-hoach-2018.txt", thanh_hoa_2018())
    record = PlanImport.objects.get()
    assert response.status_code == 302
    assert response.url == record.get_absolute_url()

    review = client.get(record.get_absolute_url())
    assert review.status_code == 200
    assert "<mark" in review.content.decode()  # recognised targets are highlighted
    form = review.context["form"]
    # A 2018 plan of 'tỉnh Thanh Hóa' belongs to the province as it was before 2025.
    assert form.initial["unit"] == world.old_thanh_hoa.pk

    targets = review.context["targets"]
    data = {
        "unit": world.old_thanh_hoa.pk,
        "kind": "plan",
        "number": "",
        "title": form.initial["title"],
        "year": 2018,
        "date": "",
        "signer": form.initial["signer"],
        "t-TOTAL_FORMS": len(targets.initial),
        "t-INITIAL_FORMS": len(targets.initial),
        "t-MIN_NUM_FORMS": 0,
        "t-MAX_NUM_FORMS": 1000,
    }
    for i, t in enumerate(targets.initial):
        for key, value in t.items():
            data[f"t-{i}-{key}"] = "" if value is None else value
    # The officer corrects the first target's value.
    data["t-0-value"] = "3"
    saved = client.post(record.get_absolute_url(), data)
    plan = Plan.objects.get()
    assert saved.status_code == 302
    assert saved.url == plan.get_absolute_url()
    assert plan.unit == world.old_thanh_hoa
    assert plan.year_from == 2018
    assert plan.targets.count() == len(targets.initial)
    assert plan.targets.order_by("order").first().value == 3
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Thanh Hóa" in page
    # The import cannot be saved twice.
    assert client.get(record.get_absolute_url()).status_code == 404


def test_a_bad_file_gets_a_clear_message_and_nothing_is_saved(world, client_for):
    client = client_for(world.th_coordinator)
    response = upload(client, "ke-hoach.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    assert response.status_code == 200
    assert str(ERR_BAD_EXTENSION) in response.content.decode()
    empty = upload(client, "trong.txt", b"")
    assert empty.status_code == 200
    assert PlanImport.objects.count() == 0
    assert Plan.objects.count() == 0


def test_someone_elses_import_is_404(world, client_for):
    client_for(world.th_coordinator)
    upload(client_for(world.th_coordinator), "kh.txt", thanh_hoa_2018())
    record = PlanImport.objects.get()
    other = client_for(world.th_admin)
    assert other.get(record.get_absolute_url()).status_code == 404


def test_read_only_and_unrelated_roles_cannot_import(world, client_for):
    for user in (world.th_leader, world.th_inspector, world.nobody):
        assert client_for(user).get(reverse("plans:import_upload")).status_code == 404


def test_an_outsider_cannot_save_a_plan_for_a_unit_outside_the_scope(world, client_for):
    client = client_for(world.bn_coordinator)
    upload(client, "kh.txt", thanh_hoa_2018())
    record = PlanImport.objects.get()
    review = client.get(record.get_absolute_url())
    units = [value for value, _ in review.context["form"].fields["unit"].choices if value]
    assert world.old_thanh_hoa.pk not in units
    response = client.post(
        record.get_absolute_url(),
        {
            "unit": world.old_thanh_hoa.pk,
            "kind": "plan",
            "title": "x",
            "year": 2018,
            "t-TOTAL_FORMS": 0,
            "t-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert Plan.objects.count() == 0
