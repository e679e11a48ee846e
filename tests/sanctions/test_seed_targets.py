"""Seed 000 (Thanh Hóa) asks to 'xử lý nghiêm minh theo pháp luật 100% số đối tượng vi
phạm bị phát hiện'. Read by the importer and saved as this year's plan of the province,
its target is linked to the indicator the link screen suggests, the register's share of
offenders handled; decisions recorded by the police then move it on the plan page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lanhmanh.reporting.progress import suggest_indicator, target_progress
from lanhmanh.sanctions import services
from lanhmanh.sanctions.models import Outcome, SanctionDecision
from tests.inspections.test_seed_targets_progress import progress_cell, this_years_plan

pytestmark = pytest.mark.django_db


def test_seed_000_every_offender_detected_is_handled(world, sx, client_for):
    plan = this_years_plan(world, "000")
    target = plan.targets.get(quote__icontains="100% số đối tượng vi phạm")
    suggested = suggest_indicator(target, limit=1)[0]
    assert suggested.code == "sanctions_offenders_handled_share"
    client = client_for(world.th_coordinator)
    response = client.post(
        reverse("reporting:target_link", args=[target.pk]),
        {"indicator": suggested.code, "version": target.version},
    )
    assert response.status_code == 302
    target.refresh_from_db()

    today = timezone.localdate()
    sx.record(act_date=today, decision_date=today)
    sx.record(act_date=today, outcome=Outcome.PENDING, decision_number="", decision_date=None,
              fine_vnd=None)  # fmt: skip
    value = target_progress(target).value
    assert (value.numerator, value.denominator) == (1, 2)
    status, figure = progress_cell(client, plan, target)
    assert figure.startswith("50%") and status != "met"

    open_case = SanctionDecision.objects.get(outcome=Outcome.PENDING)
    services.sanction_decision_update(
        decision=open_case, by=sx.th_officer, version=1, outcome=Outcome.FINE,
        decision_number="31/QĐ-XPHC", decision_date=today, fine_vnd=1_000_000,
    )  # fmt: skip
    status, figure = progress_cell(client, plan, target)
    assert figure.startswith("100%") and status == "met"
