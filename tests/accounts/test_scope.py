"""The one scope mechanism: what each named user sees."""

from lanhmanh.accounts.scope import scope_for
from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.organizations.models import Agency


def names(qs):
    return {str(x) for x in qs}


def test_a_province_user_sees_its_province_and_the_units_it_was_formed_from(world):
    visible = AdministrativeUnit.objects.visible_to(world.th_admin)
    assert world.hac_thanh in visible
    assert world.old_quang_ngoc in visible  # a pre-2025 commune of the old province
    assert world.old_quang_xuong in visible  # a pre-2025 district
    assert world.bac_ninh not in visible
    assert world.old_bac_giang not in visible


def test_a_merged_province_sees_both_old_provinces(world):
    visible = AdministrativeUnit.objects.visible_to(world.bn_coordinator)
    assert {world.old_bac_giang, world.old_bac_ninh, world.old_luc_nam} <= set(visible)
    assert world.thanh_hoa not in visible


def test_a_commune_user_sees_its_commune_and_its_predecessors_only(world):
    visible = set(AdministrativeUnit.objects.visible_to(world.hac_thanh_officer))
    assert visible == {world.hac_thanh, world.old_dien_bien, world.old_lam_son}


def test_a_user_without_membership_sees_nothing(world):
    assert not AdministrativeUnit.objects.visible_to(world.nobody).exists()
    assert not Agency.objects.visible_to(world.nobody).exists()


def test_the_national_administrator_sees_everything(world):
    assert AdministrativeUnit.objects.visible_to(world.national).count() == (
        AdministrativeUnit.objects.count()
    )


def test_agencies_follow_the_unit_scope(world):
    assert names(Agency.objects.visible_to(world.hac_thanh_officer)) == {"Công an phường Hạc Thành"}
    th = set(Agency.objects.visible_to(world.th_coordinator))
    assert {world.th_health, world.hac_thanh_police, world.old_th_labour} <= th
    assert world.bn_health not in th


def test_an_expired_membership_gives_no_scope(world):
    import datetime

    world.th_admin.memberships.update(valid_to=datetime.date(2025, 1, 1))
    assert scope_for(world.th_admin).prefixes == frozenset()


def test_scope_is_computed_once_per_request(world, django_assert_num_queries):
    user = world.th_admin
    AdministrativeUnit.objects.visible_to(user).count()
    with django_assert_num_queries(1):  # the count, nothing for the scope
        AdministrativeUnit.objects.visible_to(user).count()
