"""The demo tips: every channel and status, some overdue, some led to an inspection."""

from django.utils import timezone

from lanhmanh.inspections.demo import inspections_demo_build
from lanhmanh.organizations.models import TeamMember
from lanhmanh.tips.demo import COUNT, tips_demo_build
from lanhmanh.tips.models import Channel, Status, Tip
from lanhmanh.tips.selectors import tips_for


def test_the_demo_builds_tips_through_every_channel_and_status(world):
    TeamMember.objects.create(team=world.th_team, agency=world.th_police, full_name="Ba")
    communes = [world.hac_thanh, world.quang_ngoc, world.quang_binh]
    inspections_demo_build(world.thanh_hoa, communes, world.th_team)
    assert tips_demo_build(world.thanh_hoa, communes, world.th_team) == COUNT
    assert set(Tip.objects.values_list("channel", flat=True)) == set(Channel.values)
    assert set(Tip.objects.values_list("status", flat=True)) == set(Status.values)
    assert tips_for(world.th_tips, due="overdue").exists()
    assert Tip.objects.filter(inspection__isnull=False).exists()
    assert Tip.objects.filter(messages__kind="answer").exists()
    today = timezone.localdate()
    assert all(t.received_at.date() <= today for t in Tip.objects.all())
    references = list(Tip.objects.values_list("reference", flat=True))
    assert len(set(references)) == COUNT
    # Run twice, nothing doubles.
    assert tips_demo_build(world.thanh_hoa, communes, world.th_team) == 0
    assert Tip.objects.count() == COUNT
