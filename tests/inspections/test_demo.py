"""The demo builder of the module, on the test world's province and team."""

from lanhmanh.indicators.registry import Window, computation
from lanhmanh.inspections.demo import PER_COMMUNE, inspections_demo_build
from lanhmanh.inspections.models import Establishment, Hotspot, Inspection
from lanhmanh.organizations.models import TeamMember


def test_the_demo_builds_a_register_a_year_of_inspections_and_hotspots(world):
    TeamMember.objects.create(team=world.th_team, agency=world.th_police, full_name="Ba")
    communes = [world.hac_thanh, world.quang_ngoc]
    built = inspections_demo_build(world.thanh_hoa, communes, world.th_team)
    assert built.establishments == Establishment.objects.count() == PER_COMMUNE * 2
    assert built.inspections == Inspection.objects.count() > 100
    assert Hotspot.objects.count() == 5
    assert Hotspot.objects.filter(changes__status="reactivated").exists()
    first = Inspection.objects.order_by("started_at").first().started_at.date()
    window = Window(first, Inspection.objects.order_by("started_at").last().started_at.date())
    share = computation("establishments_inspected_share")(
        paths=[world.thanh_hoa.path], window=window
    )
    assert 0 < share.numerator <= share.denominator
    # Run twice, nothing doubles.
    again = inspections_demo_build(world.thanh_hoa, communes, world.th_team)
    assert again.establishments == 0
    assert Establishment.objects.count() == PER_COMMUNE * 2
