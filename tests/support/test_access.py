"""Every route of the module: a case opens only for its workers and their supervisor
(404 for everyone else, administrators and superusers included); the registers are 404
outside the scope or without the module; counts are for readers of support or reports.

Users: ``bn_coordinator`` (outsider), ``nobody``, ``th_leader`` (read-only, no support
module), ``two_hats`` (data officer of Lục Nam, tip handler of Thanh Hóa), ``th_social2``
(social worker of the same province, not on the case), ``th_admin`` and ``national``."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanhmanh.support import services
from lanhmanh.support.models import ConsentMethod, ConsentPurpose, Group
from tests.conftest import kept

from .conftest import OPENED, open_case

COVERED_ROUTES = {
    "support:index",
    "support:case_list",
    "support:case_create",
    "support:case_detail",
    "support:case_identity",
    "support:case_update",
    "support:case_plan",
    "support:case_close",
    "support:case_workers",
    "support:case_audit",
    "support:case_export",
    "support:consent_add",
    "support:consent_withdraw",
    "support:consent_document",
    "support:assessment_add",
    "support:service_add",
    "support:referral_add",
    "support:referral_update",
    "support:referral_followups",
    "support:victim_edit",
    "support:victim_support_add",
    "support:child_step_add",
    "support:access_log",
    "support:provider_list",
    "support:provider_create",
    "support:provider_update",
    "support:model_list",
    "support:model_create",
    "support:model_update",
    "support:team_list",
    "support:team_create",
    "support:team_update",
    "support:outreach_list",
    "support:outreach_create",
    "support:overview",
    "support:overview_xlsx",
    "support:overview_docx",
    "support:api_counts",
}


@kept("sup")
def objects(world, sup):
    victim = open_case(world, sup, mother="Mai", father="Hùng")
    victim = services.case_update(
        client=victim, by=world.th_social, version=1, group=Group.VICTIM, is_child=True,
        identity={},
    )  # fmt: skip
    services.victim_save(
        client=victim, by=world.th_social, identified_by="police", identified_on=OPENED
    )
    consent = services.consent_record(
        client=sup.case, by=world.th_social, purpose=ConsentPurpose.SHARING,
        agency_name="Sở Y tế", given_on=OPENED, method=ConsentMethod.SIGNED,
        document=SimpleUploadedFile("phieu.pdf", b"%PDF-1.4 test", "application/pdf"),
    )  # fmt: skip
    referral = services.referral_send(
        client=sup.case, by=world.th_social, provider=sup.clinic,
        service_type=sup.types["hiv_sti"], sent_on=OPENED,
    )  # fmt: skip
    model = services.model_save(
        by=world.th_social, unit=world.thanh_hoa, name="Mô hình giảm hại", kind="harm_reduction",
        started_on=datetime.date(2025, 1, 1), units_covered=[world.hac_thanh],
    )  # fmt: skip
    team = services.team_save(
        by=world.th_social, unit=world.hac_thanh, kind="team", name="Đội CTXH Hạc Thành",
        established_on=datetime.date(2024, 5, 1), members=12,
    )  # fmt: skip
    return {
        "case": sup.case.pk,
        "victim": victim.pk,
        "consent": consent.pk,
        "referral": referral.pk,
        "provider": sup.clinic.pk,
        "model": model.pk,
        "team": team.pk,
    }


# (route, key of its object)
CASE_ROUTES = [
    ("case_detail", "case"),
    ("case_identity", "case"),
    ("case_update", "case"),
    ("case_plan", "case"),
    ("case_close", "case"),
    ("case_workers", "case"),
    ("case_audit", "case"),
    ("case_export", "case"),
    ("consent_add", "case"),
    ("assessment_add", "case"),
    ("service_add", "case"),
    ("referral_add", "case"),
    ("victim_edit", "victim"),
    ("victim_support_add", "victim"),
    ("child_step_add", "victim"),
    ("consent_withdraw", "consent"),
    ("consent_document", "consent"),
    ("referral_update", "referral"),
]
REGISTER_OBJECTS = [
    ("provider_update", "provider"),
    ("model_update", "model"),
    ("team_update", "team"),
]
MODULE_PAGES = [
    "case_list",
    "referral_followups",
    "case_create",
    "provider_list",
    "provider_create",
    "model_list",
    "model_create",
    "team_list",
    "team_create",
    "outreach_list",
    "outreach_create",
    "access_log",
]
COUNTS = ["overview", "overview_xlsx", "overview_docx", "api_counts"]
NOT_CASE_WORKERS = [
    "bn_coordinator", "nobody", "th_leader", "two_hats", "th_social2", "th_admin", "national",
    "th_coordinator", "bn_social",
]  # fmt: skip


def who(world, sup, name):
    return getattr(world, name, None) or getattr(sup, name.removeprefix("th_"), None)


def url(name, objects, key=None):
    return reverse(f"support:{name}", args=[objects[key]] if key else [])


@pytest.mark.parametrize(("name", "key"), CASE_ROUTES)
@pytest.mark.parametrize("user", NOT_CASE_WORKERS)
def test_a_case_is_404_for_everyone_but_its_workers(
    world, sup, objects, client_for, name, key, user
):
    client = client_for(who(world, sup, user))
    assert client.get(url(name, objects, key)).status_code == 404
    assert client.post(url(name, objects, key), {}).status_code == 404


@pytest.mark.parametrize(("name", "key"), CASE_ROUTES)
@pytest.mark.parametrize("user", ["th_social", "th_supervisor"])
def test_the_case_workers_and_supervisor_open_every_page(
    world, sup, objects, client_for, name, key, user
):
    response = client_for(who(world, sup, user)).get(url(name, objects, key))
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "key"), REGISTER_OBJECTS)
@pytest.mark.parametrize("user", ["bn_coordinator", "bn_social", "nobody", "th_leader", "two_hats"])
def test_register_rows_are_404_outside_the_scope(world, sup, objects, client_for, name, key, user):
    client = client_for(who(world, sup, user))
    assert client.get(url(name, objects, key)).status_code == 404
    assert client.post(url(name, objects, key), {}).status_code == 404


@pytest.mark.parametrize("name", MODULE_PAGES)
@pytest.mark.parametrize("user", ["nobody", "th_leader", "two_hats", "bn_coordinator", "th_tips"])
def test_the_module_does_not_exist_without_it(world, sup, objects, client_for, name, user):
    assert client_for(who(world, sup, user)).get(url(name, objects)).status_code == 404


def test_the_index_leads_to_the_cases(world, sup, objects, client_for):
    response = client_for(world.th_social).get(reverse("support:index"))
    assert response.status_code == 302 and response.url == reverse("support:case_list")


def test_the_access_log_is_for_supervisors_only(world, sup, objects, client_for):
    assert client_for(world.th_social).get(url("access_log", objects)).status_code == 404
    assert client_for(sup.supervisor).get(url("access_log", objects)).status_code == 200


@pytest.mark.parametrize("name", COUNTS)
@pytest.mark.parametrize("user", ["nobody", "th_tips"])
def test_counts_are_404_without_support_or_reports(world, sup, objects, client_for, name, user):
    assert client_for(who(world, sup, user)).get(url(name, objects)).status_code == 404


@pytest.mark.parametrize("name", COUNTS)
@pytest.mark.parametrize(
    "user", ["th_coordinator", "th_leader", "th_social", "bn_coordinator", "two_hats"]
)
def test_counts_are_open_to_readers_of_support_or_reports(
    world, sup, objects, client_for, name, user
):
    assert client_for(who(world, sup, user)).get(url(name, objects)).status_code == 200


@pytest.mark.parametrize("name", ["case_list", "referral_followups"])
@pytest.mark.parametrize("user", ["th_social2", "th_admin", "national"])
def test_case_lists_show_other_workers_nothing(world, sup, objects, client_for, name, user):
    page = client_for(who(world, sup, user)).get(url(name, objects)).content.decode()
    assert sup.case.reference not in page


def test_the_follow_ups_show_the_worker_their_referrals(world, sup, objects, client_for):
    page = client_for(world.th_social).get(url("referral_followups", objects)).content.decode()
    assert sup.case.reference in page and "Phòng khám Bình An" in page


@pytest.mark.parametrize("user", ["bn_coordinator", "two_hats"])
def test_counts_of_an_outsider_hold_nothing_of_thanh_hoa(world, sup, objects, client_for, user):
    data = client_for(who(world, sup, user)).get(url("api_counts", objects)).json()
    opened = data["tables"][0]["rows"]
    assert all(cell == 0 for row in opened for cell in row["cells"])


@pytest.mark.parametrize("name", ["provider_list", "model_list", "team_list", "outreach_list"])
def test_register_lists_show_an_outsider_nothing_of_thanh_hoa(
    world, sup, objects, client_for, name
):
    page = client_for(sup.bn_social).get(url(name, objects)).content.decode()
    for secret in ("Phòng khám Bình An", "Mô hình giảm hại", "Đội CTXH Hạc Thành"):
        assert secret not in page


def test_an_outsider_cannot_write_a_register_row_at_thanh_hoa(world, sup, objects, client_for):
    response = client_for(sup.bn_social).post(
        url("team_create", objects),
        {"unit": world.hac_thanh.pk, "kind": "team", "name": "X", "established_on": "2025-01-01",
         "members": 1},
    )  # fmt: skip
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
