"""Closed cases lose who they were after N years; every figure stays the same."""

import datetime

import pytest
from django.core.management import call_command

from lanhmanh.indicators.registry import Window, computation
from lanhmanh.support import services
from lanhmanh.support.models import ClientIdentity, Referral, SupportClient

from .conftest import OPENED

pytestmark = pytest.mark.django_db
CODES = [
    "support_clients_supported",
    "support_clients_supported_share",
    "support_referrals_completed",
]


def figures(world):
    window = Window(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    return [computation(c)(paths=[world.thanh_hoa.path], window=window) for c in CODES]


def test_anonymisation_keeps_the_counts(world, sup):
    services.service_record(
        client=sup.case, by=world.th_social, service_type=sup.types["hiv_sti"],
        given_on=OPENED, note="Gặp tại nhà chị Mây",
    )  # fmt: skip
    referral = services.referral_send(
        client=sup.case, by=world.th_social, provider=sup.clinic,
        service_type=sup.types["hiv_sti"], sent_on=OPENED,
    )  # fmt: skip
    services.referral_update(
        referral=referral, by=world.th_social, version=1, status="completed", status_on=OPENED
    )
    services.case_plan_update(client=sup.case, by=world.th_social, plan="Gọi 0900000001", version=1)
    services.case_close(client=sup.case, by=world.th_social, closed_on=OPENED, reason="goals_met")
    before = figures(world)

    call_command("anonymise_cases", "--years", "0")

    case = SupportClient.objects.get(pk=sup.case.pk)
    assert case.anonymised_on and case.plan == "" and case.uic == ""
    assert not ClientIdentity.objects.filter(client=case).exists()
    assert case.services.get().note == "" and case.consents.get().witness_name == ""
    assert Referral.objects.get().status == "completed"
    assert figures(world) == before
    assert before[0].numerator == 1


def test_recent_or_open_cases_are_kept(world, sup):
    services.case_close(client=sup.case, by=world.th_social, closed_on=OPENED, reason="moved")
    call_command("anonymise_cases", "--years", "5")
    assert ClientIdentity.objects.get(client=sup.case).full_name == "Trần Thị Mây Giả"
