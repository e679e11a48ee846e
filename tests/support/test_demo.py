"""The demo builder of the module, on the test world's province."""

import datetime

from lanhmanh.accounts.models import Membership, User
from lanhmanh.accounts.roles import Role
from lanhmanh.indicators.registry import Window, computation
from lanhmanh.support.demo import CASES, support_demo_build
from lanhmanh.support.models import ClientIdentity, SupportClient, Victim

TODAY = datetime.date(2026, 11, 30)


def test_the_demo_builds_cases_victims_models_teams_and_outreach(world):
    worker = User.objects.create_user(username="demo_social_worker")
    Membership.objects.create(user=worker, unit=world.thanh_hoa, role=Role.SOCIAL_WORKER)
    communes = [world.hac_thanh, world.quang_ngoc, world.quang_binh]
    built = support_demo_build(world.thanh_hoa, communes, today=TODAY)
    assert built.cases == CASES and SupportClient.objects.count() == CASES + 4
    assert Victim.objects.filter(returned_from_abroad=True).count() == 3
    assert all(
        i.full_name.startswith(("Tên Giả", "Nạn Nhân Giả")) for i in ClientIdentity.objects.all()
    )
    window = Window(datetime.date(2026, 1, 1), TODAY)

    def value(code):
        return computation(code)(paths=[world.thanh_hoa.path], window=window).numerator

    assert value("support_models_started") == 2 and value("support_models_running") == 8
    assert value("support_referrals_completed") >= 2
    assert value("victims_received") == 4
    assert value("support_people_reached") > 100
    # Run twice, nothing doubles.
    assert support_demo_build(world.thanh_hoa, communes, today=TODAY).cases == 0
    assert SupportClient.objects.count() == CASES + 4
