"""The audit trail: writes, reads of records, downloads and exports, uploads, logins,
failed logins and lockouts, configuration changes; no address for anonymous people."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, HttpResponseRedirect
from django.test import RequestFactory, override_settings
from django.urls import reverse
from openpyxl import load_workbook

from lanhmanh.audit.models import AuditEvent
from lanhmanh.core.audit import AuditAction, audit, audited
from tests.world import PASSWORD


def events(action=None):
    qs = AuditEvent.objects.order_by("id")
    return list(qs.filter(action=action) if action else qs)


# --- reads, downloads, exports --------------------------------------------------------


def test_opening_a_record_page_records_one_read_of_that_record(world, records, client_for):
    client = client_for(world.th_inspector)
    url = reverse("inspections:establishment_detail", args=[records.sao_dem.pk])
    assert client.get(url).status_code == 200
    (read,) = events(AuditAction.READ)
    assert (read.actor, read.object_type, read.object_id) == (
        world.th_inspector,
        "inspections.establishment",
        str(records.sao_dem.pk),
    )
    assert read.unit_path == records.sao_dem.unit.path
    assert read.ip == "127.0.0.1"


def test_a_page_outside_the_scope_records_no_read(world, records, client_for):
    client = client_for(world.bn_coordinator)
    url = reverse("inspections:establishment_detail", args=[records.sao_dem.pk])
    assert client.get(url).status_code == 404
    assert events(AuditAction.READ) == []


def test_reads_of_plans_agencies_and_teams_are_recorded(world, client_for):
    client = client_for(world.th_admin)
    client.get(reverse("organizations:agency_detail", args=[world.th_health.pk]))
    client.get(reverse("organizations:team_detail", args=[world.th_team.pk]))
    assert [(e.object_type, e.object_id) for e in events(AuditAction.READ)] == [
        ("organizations.agency", str(world.th_health.pk)),
        ("organizations.inspectionteam", str(world.th_team.pk)),
    ]


def test_an_export_is_recorded_with_its_filters(world, records, client_for):
    client = client_for(world.th_inspector)
    response = client.get(reverse("inspections:establishment_export"), {"q": "karaoke"})
    assert response.status_code == 200
    (export,) = events(AuditAction.EXPORT)
    assert export.detail == {"q": "karaoke"}
    assert export.actor == world.th_inspector


def test_a_query_cannot_pass_for_how_the_event_is_recorded(world, records, client_for):
    """The query's keys are data: ``action`` does not break the page, ``ip`` and
    ``actor_name`` do not change the address or the name the event records."""
    client = client_for(world.th_inspector)
    response = client.get(
        reverse("inspections:establishment_export"),
        {"action": "9999", "ip": "203.0.113.9", "actor_name": "ai_do_khac", "keep_ip": "1"},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 200
    (export,) = events(AuditAction.EXPORT)
    assert export.action == AuditAction.EXPORT
    assert (export.ip, export.actor_name) == ("10.1.2.3", "th_inspector")
    assert export.detail == {
        "action": "9999",
        "ip": "203.0.113.9",
        "actor_name": "ai_do_khac",
        "keep_ip": "1",
    }


# --- uploads ----------------------------------------------------------------------------


def _upload_view(status):
    @audited(AuditAction.UPLOAD)
    def view(request):
        return HttpResponseRedirect("/") if status == 302 else HttpResponse(status=status)

    return view


@pytest.mark.parametrize(
    ("status", "action"), [(302, AuditAction.UPLOAD), (400, AuditAction.UPLOAD_REFUSED)]
)
def test_uploads_are_recorded_accepted_or_refused(world, status, action):
    from django.core.files.uploadedfile import SimpleUploadedFile

    request = RequestFactory().post("/x/", {"file": SimpleUploadedFile("bao-cao.xlsx", b"12345")})
    request.user = world.hac_thanh_officer
    _upload_view(status)(request)
    (event,) = events(action)
    assert event.detail["files"] == [{"field": "file", "name": "bao-cao.xlsx", "size": 5}]


def test_a_refused_report_upload_is_recorded(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lanhmanh.reporting.periods import month
    from lanhmanh.reporting.services import submission_create
    from tests.reporting.helpers import make_form

    draft = submission_create(
        form=make_form(), unit=world.hac_thanh, period=month(2026, 1), user=world.hac_thanh_officer
    )
    client = client_for(world.hac_thanh_officer)
    client.post(
        reverse("reporting:submission_upload", args=[draft.pk]),
        {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")},
    )
    (event,) = events(AuditAction.UPLOAD_REFUSED)
    assert (event.object_type, event.object_id) == ("reporting.submission", str(draft.pk))


# --- writes and configuration -------------------------------------------------------------


def test_data_changes_recorded_by_auditlog_reach_the_trail(world):
    from lanhmanh.reporting.periods import month
    from lanhmanh.reporting.services import submission_create
    from tests.reporting.helpers import make_form

    draft = submission_create(
        form=make_form(), unit=world.hac_thanh, period=month(2026, 1), user=world.national
    )
    created = [e for e in events(AuditAction.CREATE) if e.object_type == "reporting.submission"]
    assert [e.object_id for e in created] == [str(draft.pk)]
    assert created[0].unit_path == world.hac_thanh.path


def test_a_change_in_djangos_admin_is_a_configuration_change(world, client_for):
    from lanhmanh.organizations.models import Sector

    sector = Sector.objects.first()
    client = client_for(world.national)
    url = reverse("admin:organizations_sector_change", args=[sector.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None}
    data["name"] = "Ngành đổi tên"
    client.post(url, data)
    (config,) = events(AuditAction.CONFIG)
    assert config.actor == world.national and config.object_id == str(sector.pk)


# --- logins ---------------------------------------------------------------------------------


def test_logins_and_failed_logins_are_recorded_with_the_address(world, client):
    client.post(reverse("login"), {"username": "th_admin", "password": "wrong-password"})
    client.post(reverse("login"), {"username": "th_admin", "password": PASSWORD})
    failed, login = events(AuditAction.LOGIN_FAILED), events(AuditAction.LOGIN)
    assert [(e.actor_name, e.ip, e.object_id) for e in failed] == [
        ("th_admin", "127.0.0.1", str(world.th_admin.pk))
    ]
    assert failed[0].unit_path == world.thanh_hoa.path
    assert [(e.actor, e.ip) for e in login] == [(world.th_admin, "127.0.0.1")]
    client.post(reverse("logout"))
    assert [e.actor for e in events(AuditAction.LOGOUT)] == [world.th_admin]


@override_settings(AXES_FAILURE_LIMIT=2)
def test_a_lockout_is_recorded(world, client):
    for _ in range(3):
        client.post(reverse("login"), {"username": "th_admin", "password": "wrong-password"})
    lockouts = events(AuditAction.LOCKOUT)
    assert lockouts
    assert {(e.actor_name, e.ip) for e in lockouts} == {("th_admin", "127.0.0.1")}


def test_anonymous_actions_never_keep_an_address(db):
    request = RequestFactory().post("/tips/new/", REMOTE_ADDR="203.0.113.9")
    request.user = AnonymousUser()
    event = audit(request, AuditAction.CREATE, note="tin báo")
    assert event.ip is None and event.actor is None
    assert event.detail == {"note": "tin báo"}


# --- the screen -----------------------------------------------------------------------------


@pytest.fixture
def trail(world):
    audit(world.th_admin, AuditAction.READ, world.hac_thanh, note="th")
    audit(world.bn_coordinator, AuditAction.READ, world.luc_nam, note="bn")
    audit(world.th_inspector, AuditAction.DOWNLOAD, world.th_team)
    return world


def shown(response):
    return [(e.actor_name, e.action) for e in response.context["page"]]


def test_the_national_administrator_sees_every_event(trail, client_for):
    response = client_for(trail.national).get(reverse("audit:event_list"))
    assert response.status_code == 200
    assert set(shown(response)) >= {
        ("th_admin", "read"),
        ("bn_coordinator", "read"),
        ("th_inspector", "download"),
    }


def test_a_province_administrator_sees_only_their_province(trail, client_for):
    response = client_for(trail.th_admin).get(reverse("audit:event_list"))
    people = {name for name, _action in shown(response)}
    assert {"th_admin", "th_inspector"} <= people
    assert "bn_coordinator" not in people


def test_the_screen_filters_by_person_action_object_and_period(trail, client_for):
    client = client_for(trail.national)
    url = reverse("audit:event_list")
    assert shown(client.get(url, {"person": "inspector"})) == [("th_inspector", "download")]
    assert shown(client.get(url, {"action": "download"})) == [("th_inspector", "download")]
    team = f"organizations.inspectionteam:{trail.th_team.pk}"
    # the team's creation (through auditlog) and its download
    assert shown(client.get(url, {"object": team})) == [
        ("th_inspector", "download"),
        ("", "create"),
    ]
    assert shown(client.get(url, {"from": "2000-01-01", "to": "2000-12-31"})) == []


def test_the_export_neutralises_formulas_and_is_itself_recorded(world, client_for):
    audit(world.th_admin, AuditAction.UPDATE, actor_name="x", note="=HYPERLINK(1)")
    event = AuditEvent.objects.get(actor_name="x")
    event.object_repr = '=HYPERLINK("http://x","y")'
    event.save()
    response = client_for(world.national).get(reverse("audit:event_export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c.value for row in sheet.iter_rows(min_row=2) for c in row]
    assert '\'=HYPERLINK("http://x","y")' in cells
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)
    assert events(AuditAction.EXPORT)[0].actor == world.national


def test_a_report_read_and_its_template_download_are_recorded(world, client_for):
    from lanhmanh.reporting.periods import month
    from lanhmanh.reporting.services import submission_create
    from tests.reporting.helpers import make_form

    draft = submission_create(
        form=make_form(), unit=world.hac_thanh, period=month(2026, 1), user=world.hac_thanh_officer
    )
    client = client_for(world.th_coordinator)
    client.get(reverse("reporting:submission_detail", args=[draft.pk]))
    client.get(reverse("reporting:submission_template", args=[draft.pk]))
    recorded = [
        (e.action, e.object_type, e.object_id)
        for e in events()
        if e.action in (AuditAction.READ, AuditAction.DOWNLOAD)
    ]
    assert recorded == [
        (AuditAction.READ, "reporting.submission", str(draft.pk)),
        (AuditAction.DOWNLOAD, "reporting.submission", str(draft.pk)),
    ]


def test_a_commitment_download_is_recorded(world, records, client_for):
    import datetime

    from django.core.files.base import ContentFile

    from lanhmanh.inspections import services

    commitment = services.commitment_add(
        establishment=records.sao_dem,
        signed_on=datetime.date(2025, 9, 1),
        signed_by="Nguyễn Văn Chủ",
        document=ContentFile(b"%PDF-1.4", name="cam-ket.pdf"),
    )
    client = client_for(world.th_inspector)
    response = client.get(reverse("inspections:commitment_document", args=[commitment.pk]))
    assert response.status_code == 200
    (download,) = events(AuditAction.DOWNLOAD)
    assert (download.object_type, download.object_id) == (
        "inspections.commitment",
        str(commitment.pk),
    )


def test_details_json_cannot_hold_are_recorded_as_text(world):
    import datetime

    event = audit(
        world.th_admin, AuditAction.READ, world.hac_thanh, on=datetime.date(2026, 3, 1), x={1}
    )
    assert event.detail == {"on": "2026-03-01", "x": "{1}"}
    assert audit(world.th_admin, AuditAction.READ, world.hac_thanh, ok=1) is not None
