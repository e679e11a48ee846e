"""Cases: opening with a pseudonymous code, candidate duplicates, the consent gate on
referrals, dates and providers checked, nothing half-saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from lanhmanh.support import services
from lanhmanh.support.models import (
    CaseAccess,
    ClientIdentity,
    Referral,
    SupportClient,
    SupportService,
)
from lanhmanh.support.services.cases import DuplicateCode
from lanhmanh.support.services.common import BEFORE_OPENING
from lanhmanh.support.services.work import PROVIDER_NOT_IN_REGISTER, REFERRAL_NEEDS_CONSENT
from lanhmanh.support.uic import uic_build, uic_valid

from .conftest import OPENED, open_case

pytestmark = pytest.mark.django_db


def test_the_same_answers_give_the_same_code_whatever_the_marks():
    a = uic_build(
        mother_given_name="Nguyễn Thị Lan", father_given_name="Trần Văn Đức", sex="female",
        birth_year=1995, birth_month=3, province_code="38",
    )  # fmt: skip
    b = uic_build(
        mother_given_name="lan", father_given_name="DUC", sex="female",
        birth_year=1995, birth_month=3, province_code="38",
    )  # fmt: skip
    assert a == b
    assert a.startswith("LADUF199503" + "38")
    assert uic_valid(a)
    assert not uic_valid(a[:3] + a[4] + a[3] + a[5:])  # two characters swapped


def test_a_matching_code_is_offered_as_the_same_person_never_merged(world, sup):
    kwargs = dict(
        by=world.th_social, unit=world.quang_ngoc, opened_on=OPENED, sex="female",
        group="sex_worker", birth_year=1995, birth_month=3, mother_given_name="Lan",
        father_given_name="Đức",
    )  # fmt: skip
    before = SupportClient.objects.count()
    with pytest.raises(DuplicateCode) as error:
        services.case_open(**kwargs)
    assert error.value.candidates == [sup.case]
    assert SupportClient.objects.count() == before  # nothing saved

    linked = services.case_open(**kwargs, duplicate="same")
    assert linked.same_person_as == sup.case
    assert SupportClient.objects.count() == before + 1  # two cases, linked, not merged


def test_the_case_worker_opens_the_case_and_the_read_is_audited(world, sup, client_for):
    response = client_for(world.th_social).get(sup.case.get_absolute_url())
    assert response.status_code == 200
    assert "Trần Thị Mây Giả" not in response.content.decode()  # identity on its own page
    access = CaseAccess.objects.filter(client=sup.case, user=world.th_social).first()
    assert access.action == "view" and "services" in access.fields

    from django.urls import reverse

    page = client_for(world.th_social).get(reverse("support:case_identity", args=[sup.case.pk]))
    assert "Trần Thị Mây Giả" in page.content.decode()
    assert CaseAccess.objects.filter(client=sup.case, action="view_identity").count() == 1


def test_the_supervisor_opens_the_case_and_reviews_its_reads(world, sup, client_for):
    from django.urls import reverse

    client_for(world.th_social).get(sup.case.get_absolute_url())
    client = client_for(sup.supervisor)
    assert client.get(sup.case.get_absolute_url()).status_code == 200
    log = client.get(reverse("support:access_log")).content.decode()
    assert "th_social" in log and sup.case.reference in log


def test_a_referral_needs_the_consent_to_that_provider(world, sup):
    other = services.provider_save(
        by=world.th_social, unit=world.thanh_hoa, name="Trợ giúp pháp lý",
        services=[sup.types["legal_aid"]],
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.referral_send(
            client=sup.case, by=world.th_social, provider=other,
            service_type=sup.types["legal_aid"], sent_on=OPENED,
        )  # fmt: skip
    assert error.value.message_dict["provider"] == [str(REFERRAL_NEEDS_CONSENT)]
    assert not Referral.objects.exists()

    services.referral_send(
        client=sup.case, by=world.th_social, provider=sup.clinic,
        service_type=sup.types["hiv_sti"], sent_on=OPENED,
    )  # fmt: skip
    assert Referral.objects.count() == 1


def test_a_withdrawn_consent_stops_referrals(world, sup):
    consent = sup.case.consents.get()
    services.consent_withdraw(consent=consent, by=world.th_social, withdrawn_on=OPENED)
    with pytest.raises(ValidationError):
        services.referral_send(
            client=sup.case, by=world.th_social, provider=sup.clinic,
            service_type=sup.types["hiv_sti"], sent_on=datetime.date(2026, 1, 6),
        )  # fmt: skip


def test_a_provider_outside_the_register_is_refused(world, sup):
    with pytest.raises(ValidationError) as error:
        services.referral_send(
            client=sup.case, by=world.th_social, provider=sup.bn_clinic,
            service_type=sup.types["legal_aid"], sent_on=OPENED,
        )  # fmt: skip
    assert error.value.message_dict["provider"] == [str(PROVIDER_NOT_IN_REGISTER)]


def test_a_service_before_the_case_opened_is_refused(world, sup):
    with pytest.raises(ValidationError) as error:
        services.service_record(
            client=sup.case, by=world.th_social, service_type=sup.types["health_check"],
            given_on=OPENED - datetime.timedelta(days=1),
        )  # fmt: skip
    assert error.value.message_dict["given_on"] == [str(BEFORE_OPENING) % {"opened": "05/01/2026"}]
    assert not SupportService.objects.exists()


def test_a_bad_form_shows_the_message_and_saves_nothing(world, sup, client_for):
    from django.urls import reverse

    response = client_for(world.th_social).post(
        reverse("support:service_add", args=[sup.case.pk]),
        {"service_type": sup.types["health_check"].pk, "given_on": "2025-12-31"},
    )
    assert response.status_code == 200
    assert "trước ngày mở ca" in response.content.decode()
    assert not SupportService.objects.exists()


def test_a_case_opened_with_identity_keeps_it_apart(world, sup):
    identity = ClientIdentity.objects.get(client=sup.case)
    assert identity.full_name == "Trần Thị Mây Giả"
    other = open_case(world, sup, mother="Hoa", father="Nam")
    assert ClientIdentity.objects.get(client=other).is_empty


def test_a_stale_plan_is_not_overwritten(world, sup):
    services.case_plan_update(client=sup.case, by=world.th_social, plan="Khám sức khỏe", version=1)
    with pytest.raises(ValidationError):
        services.case_plan_update(client=sup.case, by=world.th_social, plan="Khác", version=1)
    sup.case.refresh_from_db()
    assert sup.case.plan == "Khám sức khỏe"


def test_an_administrator_grants_the_supervisor_flag(world, client_for):
    from django.urls import reverse

    from lanhmanh.accounts.permissions import supervision_scope

    response = client_for(world.th_admin).post(
        reverse("accounts:membership_add", args=[world.th_tips.pk]),
        {"unit": world.thanh_hoa.pk, "role": "social_worker", "supervises": "on"},
    )
    assert response.status_code == 302
    assert supervision_scope(world.th_tips).covers(world.hac_thanh.path)


def test_an_assigned_worker_opens_the_case(world, sup, client_for):
    from django.urls import reverse

    url = sup.case.get_absolute_url()
    assert client_for(sup.social2).get(url).status_code == 404
    response = client_for(world.th_social).post(
        reverse("support:case_workers", args=[sup.case.pk]), {"username": "th_social2"}
    )
    assert response.status_code == 302
    assert client_for(sup.social2).get(url).status_code == 200
    refused = client_for(world.th_social).post(
        reverse("support:case_workers", args=[sup.case.pk]), {"username": "bn_coordinator"}
    )
    assert "không phải nhân viên công tác xã hội" in refused.content.decode()


def test_the_case_list_is_a_read_of_every_case_on_it(world, sup, client_for):
    from django.urls import reverse

    client_for(world.th_social).get(reverse("support:case_list"))
    row = CaseAccess.objects.get(client=sup.case, action="list")
    assert row.user == world.th_social and "group" in row.fields


def test_the_form_offers_a_matching_code_as_the_same_person(world, sup, client_for):
    from django.urls import reverse

    data = {
        "unit": world.quang_ngoc.pk, "opened_on": "2026-02-01", "group": "sex_worker",
        "sex": "female", "birth_year": "1995", "birth_month": "3",
        "mother_given_name": "Lan", "father_given_name": "Đức",
    }  # fmt: skip
    client = client_for(world.th_social)
    before = SupportClient.objects.count()
    offered = client.post(reverse("support:case_create"), data)
    assert offered.status_code == 200
    assert sup.case.reference in offered.content.decode()
    assert 'name="duplicate_shown"' in offered.content.decode()
    assert SupportClient.objects.count() == before

    linked = client.post(
        reverse("support:case_create"), {**data, "duplicate_shown": "1", "duplicate": "same"}
    )
    assert linked.status_code == 302
    assert SupportClient.objects.latest("pk").same_person_as == sup.case


def test_a_stale_plan_form_shows_both_texts(world, sup, client_for):
    from django.urls import reverse

    services.case_plan_update(
        client=sup.case, by=world.th_social, plan="Bản của đồng nghiệp", version=1
    )
    url = reverse("support:case_plan", args=[sup.case.pk])
    response = client_for(world.th_social).post(url, {"plan": "Bản của tôi", "version": "1"})
    page = response.content.decode()
    assert "Bản của đồng nghiệp" in page and "Bản của tôi" in page
    assert 'name="version" value="2"' in page
    sup.case.refresh_from_db()
    assert sup.case.plan == "Bản của đồng nghiệp"
