"""Support records on top of the test world.

Thanh Hóa has three social workers: ``th_social`` (works the cases below),
``th_social2`` (same province, not on the cases) and ``th_supervisor`` (a social worker
membership flagged as supervisor of the province). ``two_hats`` is a data officer of xã
Lục Nam (Bắc Ninh) and a tip handler of Thanh Hóa. Providers: one in Thanh Hóa, one in
Bắc Ninh. One case in phường Hạc Thành with consent to be referred to the Thanh Hóa
provider."""

import datetime
from types import SimpleNamespace

from lanhmanh.accounts.models import Membership, User
from lanhmanh.accounts.roles import Role
from lanhmanh.support import services
from lanhmanh.support.models import ConsentMethod, ConsentPurpose, ServiceType
from tests.conftest import kept
from tests.world import PASSWORD

OPENED = datetime.date(2026, 1, 5)


def user(username, *memberships):
    u = User.objects.create_user(username=username, password=PASSWORD)
    for role, unit, extra in memberships:
        Membership.objects.create(user=u, role=role, unit=unit, **extra)
    return u


@kept()
def sup(world):
    s = SimpleNamespace()
    s.social2 = user("th_social2", (Role.SOCIAL_WORKER, world.thanh_hoa, {}))
    s.supervisor = user(
        "th_supervisor", (Role.SOCIAL_WORKER, world.thanh_hoa, {"supervises": True})
    )
    s.two_hats = user(
        "two_hats",
        (Role.DATA_OFFICER, world.luc_nam, {}),
        (Role.TIP_HANDLER, world.thanh_hoa, {}),
    )
    s.bn_social = user("bn_social", (Role.SOCIAL_WORKER, world.bac_ninh, {}))
    s.types = {t.code: t for t in ServiceType.objects.all()}
    s.clinic = services.provider_save(
        by=world.th_social,
        unit=world.thanh_hoa,
        name="Phòng khám Bình An",
        phone="0237 000 111",
        services=[s.types["health_check"], s.types["hiv_sti"]],
    )
    s.bn_clinic = services.provider_save(
        by=s.bn_social,
        unit=world.bac_ninh,
        name="Trung tâm Lục Nam",
        services=[s.types["legal_aid"]],
    )
    s.case = open_case(world, s, full_name="Trần Thị Mây Giả", phone="0900000001")
    services.consent_record(
        client=s.case,
        by=world.th_social,
        purpose=ConsentPurpose.REFERRAL,
        provider=s.clinic,
        given_on=OPENED,
        method=ConsentMethod.ORAL,
        witness_name="Cán bộ Một",
    )
    return s


def open_case(
    world, s, *, by=None, unit=None, mother="Lan", father="Đức", duplicate="different", **identity
):
    return services.case_open(
        by=by or world.th_social,
        unit=unit or world.hac_thanh,
        opened_on=OPENED,
        sex="female",
        group="sex_worker",
        birth_year=1995,
        birth_month=3,
        mother_given_name=mother,
        father_given_name=father,
        identity=identity,
        duplicate=duplicate or "",
    )
