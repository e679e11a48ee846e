"""The committee's demo: members with a change, meetings whose decisions are tasks of the
current plan (in the lead agency's 'my tasks'), a visit with an overdue recommendation,
commendations; run twice, nothing doubles."""

import datetime

from django.urls import reverse

from lanhmanh.committees import todos
from lanhmanh.committees.demo import committees_demo_build
from lanhmanh.committees.models import (
    Commendation,
    CommitteeMember,
    Decision,
    Meeting,
    Recommendation,
    SupervisionVisit,
)
from lanhmanh.plans.models import Plan

TODAY = datetime.date(2026, 9, 1)


def test_the_demo_builds_the_committees_work(world, client_for):
    plan = Plan.objects.create(unit=world.thanh_hoa, year_from=2026, year_to=2026, title="KH")
    communes = [world.hac_thanh, world.quang_ngoc]
    assert committees_demo_build(world.thanh_hoa, communes, plan, today=TODAY, user=world.national)
    assert CommitteeMember.objects.filter(unit=world.thanh_hoa, left_on__isnull=False).count() == 1
    assert CommitteeMember.objects.filter(unit=world.hac_thanh).count() == 3
    assert set(Meeting.objects.values_list("kind", flat=True)) == {
        "year_end",
        "committee",
        "coordination",
        "midyear",
    }
    tasks = Decision.objects.filter(task__isnull=False)
    assert tasks.count() >= 1 and all(d.task.plan == plan for d in tasks)
    assert SupervisionVisit.objects.get().supervised_unit == world.quang_ngoc
    assert Recommendation.objects.filter(done=False, due_date__lt=TODAY).count() == 1
    assert Commendation.objects.filter(review_year=2025).count() == 3
    # The lead agency (Sở Y tế, th_coordinator's agency) finds its task in 'my tasks'.
    page = client_for(world.th_coordinator).get(reverse("plans:my_tasks")).content.decode()
    assert "Tham mưu UBND tỉnh ban hành kế hoạch kiểm tra" in page
    assert [t.count for t in todos.todos(world.th_coordinator, today=TODAY)] == [1]
    # Run twice, nothing doubles.
    assert committees_demo_build(world.thanh_hoa, communes, plan, today=TODAY) == 0
    assert Meeting.objects.count() == 4


def test_early_in_the_year_the_demo_holds_only_past_meetings(world):
    committees_demo_build(world.thanh_hoa, [world.hac_thanh], None, today=datetime.date(2026, 2, 1))
    assert list(Meeting.objects.values_list("kind", flat=True)) == ["year_end"]
    assert all(m.held_on <= datetime.date(2026, 2, 1) for m in Meeting.objects.all())
