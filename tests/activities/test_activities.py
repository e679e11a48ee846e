"""Recording, editing and listing activities through the screens, with their files."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from lanhmanh.activities import services
from lanhmanh.activities.models import Activity, ActivityAttachment, AttachmentKind
from lanhmanh.plans.models import Plan

from .conftest import jpeg


def form_data(acts, world, **extra):
    data = {
        "kind": acts.kinds["communication_event"].pk,
        "title": "Tuyên truyền ở khu phố 7",
        "start_date": "2026-04-02",
        "unit": world.hac_thanh.pk,
        "place": "Khu phố 7",
        "channel": "in_person",
        "participants": "50",
        "participants_male": "20",
        "participants_female": "30",
        "on_prostitution": "on",
        f"material_{acts.leaflet.code}": "100",
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def test_an_officer_records_an_activity_with_a_photo(world, acts, client_for):
    client = client_for(world.hac_thanh_officer)
    response = client.post(
        reverse("activities:activity_create"), form_data(acts, world, photo=jpeg())
    )
    activity = Activity.objects.get(title="Tuyên truyền ở khu phố 7")
    assert response.status_code == 302
    assert response["Location"] == f"{activity.get_absolute_url()}?saved=1"
    assert activity.end_date == activity.start_date == datetime.date(2026, 4, 2)
    assert activity.created_by == world.hac_thanh_officer
    assert [(m.kind.code, m.count) for m in activity.materials.all()] == [("leaflet", 100)]
    page = client.get(response["Location"]).content.decode()
    assert "Khu phố 7" in page and 'data-draft-clear="activity-new"' in page
    photo = activity.attachments.get()
    assert photo.kind == AttachmentKind.PHOTO and photo.content_type == "image/jpeg"


def test_the_stored_photo_has_no_location_left(world, acts):
    attachment = services.attachment_add(
        activity=acts.meeting, by=world.th_coordinator, upload=jpeg(), kind=AttachmentKind.PHOTO
    )
    with attachment.file.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        assert not image.getexif()
        assert "exif" not in image.info


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"end_date": "2026-04-01"}, "end_date"),
        ({"participants_male": "40", "participants_female": "20"}, "participants_male"),
        ({"participants_under_16": "60"}, "participants_under_16"),
        ({"cost": "500000"}, "fund_source"),
        ({"on_prostitution": None}, "on_prostitution"),
    ],
)
def test_a_bad_form_saves_nothing_and_says_why(world, acts, client_for, extra, field):
    response = client_for(world.hac_thanh_officer).post(
        reverse("activities:activity_create"), form_data(acts, world, **extra)
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Activity.objects.filter(title="Tuyên truyền ở khu phố 7").exists()


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"MZ\x90\x00 not a picture", "anh.jpg"),
        (b"GIF89a" + b"\x00" * 20, "anh.gif"),
        (b"", "rong.jpg"),
    ],
)
def test_an_attachment_that_is_not_an_image_or_pdf_is_refused(
    world, acts, client_for, content, name
):
    response = client_for(world.th_coordinator).post(
        reverse("activities:attachment_add", args=[acts.meeting.pk]),
        {"kind": "photo", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 400
    assert not ActivityAttachment.objects.exists()


def test_an_oversized_attachment_is_refused_before_it_is_read(world, acts, client_for):
    big = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n" + b"0" * (8 * 1024 * 1024 + 1))
    response = client_for(world.th_coordinator).post(
        reverse("activities:attachment_add", args=[acts.meeting.pk]),
        {"kind": "programme", "file": big},
    )
    assert response.status_code == 400
    assert "8 MB" in response.content.decode()
    assert not ActivityAttachment.objects.exists()


def test_a_bad_photo_on_the_entry_form_saves_nothing(world, acts, client_for):
    response = client_for(world.hac_thanh_officer).post(
        reverse("activities:activity_create"),
        form_data(acts, world, photo=SimpleUploadedFile("a.jpg", b"not an image")),
    )
    assert response.status_code == 200
    assert not Activity.objects.filter(title="Tuyên truyền ở khu phố 7").exists()


def edit_data(activity, **extra):
    data = {
        "kind": activity.kind_id,
        "title": activity.title,
        "start_date": activity.start_date.isoformat(),
        "unit": activity.unit_id,
        "channel": activity.channel,
        "participants": str(activity.participants),
        "on_prostitution": "on",
        "version": str(activity.version),
    }
    data.update(extra)
    return data


def test_an_edit_saves_and_moves_the_version_on(world, acts, client_for):
    client = client_for(world.th_coordinator)
    url = reverse("activities:activity_update", args=[acts.school.pk])
    response = client.post(url, edit_data(acts.school, participants="75"))
    assert response.status_code == 302
    acts.school.refresh_from_db()
    assert (acts.school.participants, acts.school.version) == (75, 2)


def test_a_stale_edit_is_refused_and_shows_both_versions(world, acts, client_for):
    stale = edit_data(acts.school, participants="75", title="Bản của tôi")
    services.activity_update(
        activity=acts.school, by=world.th_admin, version=1, title="Bản của người khác"
    )
    response = client_for(world.th_coordinator).post(
        reverse("activities:activity_update", args=[acts.school.pk]), stale
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Bản của người khác" in page and "Bản của tôi" in page
    acts.school.refresh_from_db()
    assert (acts.school.title, acts.school.participants) == ("Bản của người khác", 40)


@pytest.mark.parametrize("version", ["", "abc"])
def test_an_edit_without_a_version_is_refused(world, acts, client_for, version):
    response = client_for(world.th_coordinator).post(
        reverse("activities:activity_update", args=[acts.school.pk]),
        edit_data(acts.school, participants="75", version=version),
    )
    assert response.status_code == 200
    assert "version" in response.context["form"].errors
    acts.school.refresh_from_db()
    assert acts.school.participants == 40


def test_the_list_filters_and_totals(world, acts, client_for):
    client = client_for(world.th_coordinator)
    response = client.get(reverse("activities:activity_list"), {"kind": "training"})
    assert [a.title for a in response.context["page"]] == ["Tập huấn đội 178"]
    response = client.get(reverse("activities:activity_list"), {"agency": world.th_health.pk})
    assert [a.title for a in response.context["page"]] == ["Tập huấn đội 178"]
    response = client.get(reverse("activities:activity_list"), {"unit": world.hac_thanh.pk})
    assert response.context["totals"]["count"] == 2
    assert response.context["totals"]["participants"] == 100


@pytest.mark.parametrize(
    "params",
    [{"start": "2026-13-45"}, {"agency": "9" * 40}, {"unit": "x"}, {"page": "999999"}],
)
def test_bad_filters_never_break_the_list(world, acts, client_for, params):
    response = client_for(world.th_coordinator).get(reverse("activities:activity_list"), params)
    assert response.status_code == 200


def test_the_list_query_count_does_not_grow_with_activities(world, acts, client_for):
    client = client_for(world.th_coordinator)
    client.get(reverse("activities:activity_list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("activities:activity_list"))
    for n in range(20):
        acts.record(world.quang_ngoc, f"Thêm {n}", organiser=world.th_police)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("activities:activity_list"))
    assert len(many) == len(few)


def test_the_export_writes_formula_like_text_as_text(world, acts, client_for):
    acts.record(world.hac_thanh, '=HYPERLINK("http://x.example","bấm")', place="+1 thôn")
    response = client_for(world.th_coordinator).get(reverse("activities:activity_export"))
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    titles = [row[3].value for row in sheet.iter_rows(min_row=2)]
    assert '\'=HYPERLINK("http://x.example","bấm")' in titles
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_calendar_shows_an_activity_on_each_of_its_days(world, acts, client_for):
    response = client_for(world.th_coordinator).get(
        reverse("activities:activity_calendar"), {"year": "2026", "month": "3"}
    )
    days = {
        day.day: [a.title for a in items]
        for week in response.context["weeks"]
        for day, items in week
        if day
    }
    assert "Tập huấn đội 178" in days[10] and "Tập huấn đội 178" in days[11]
    assert days[12] == []


@pytest.mark.parametrize("params", [{"year": "9999"}, {"month": "13"}, {"year": "1"}])
def test_the_calendar_refuses_months_out_of_range(world, client_for, params):
    response = client_for(world.th_coordinator).get(reverse("activities:activity_calendar"), params)
    assert response.status_code == 404


def test_a_plan_shows_its_budget_against_spending(world, acts, client_for):
    plan = Plan.objects.create(unit=world.thanh_hoa, year_from=2026, year_to=2026, title="KH")
    client = client_for(world.th_coordinator)
    url = reverse("activities:plan_budget", kwargs={"plan_pk": plan.pk})
    response = client.post(url, {"title": "Tuyên truyền", "source": "state", "estimate": "5000000"})
    assert response.status_code == 302
    line = plan.budget_lines.get()
    acts.record(world.hac_thanh, "Có kinh phí", cost=1_200_000, budget_line=line)
    response = client.get(url)
    assert (response.context["estimate"], response.context["spent"]) == (5_000_000, 1_200_000)
    assert "1.200.000" in response.content.decode()
    assert Activity.objects.get(title="Có kinh phí").fund_source == "state"
