"""User administration: accounts and memberships, through HTTP."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from lanhmanh.accounts.forms import PASSWORDS_DIFFER
from lanhmanh.accounts.models import Membership, User
from lanhmanh.accounts.roles import Role
from lanhmanh.accounts.services import (
    AGENCY_OUTSIDE_UNIT,
    CANNOT_DEACTIVATE_SELF,
    DATES_REVERSED,
    UNIT_NOT_FOUND,
    UNIT_REQUIRED,
    USERNAME_TAKEN,
)
from tests.queries import SIGNED_IN_REQUEST

NEW_PASSWORD = "Mot-mat-khau-moi-2026"


def html(response) -> str:
    return response.content.decode()


def url(name, *args):
    return reverse(f"accounts:{name}", args=args)


@pytest.fixture
def bn_admin(world):
    user = User.objects.create_user(username="bn_admin", password=NEW_PASSWORD)
    Membership.objects.create(user=user, unit=world.bac_ninh, role=Role.ADMINISTRATOR)
    return user


# The list


def test_an_administrator_lists_the_users_of_their_scope(world, client_for):
    response = client_for(world.th_admin).get(url("user_list"))
    assert response.status_code == 200
    page = html(response)
    assert "th_coordinator" in page
    assert "hac_thanh_officer" in page
    assert "bn_coordinator" not in page
    assert "nobody" not in page


def test_the_national_administrator_lists_every_province(world, client_for):
    page = html(client_for(world.national).get(url("user_list")))
    assert "bn_coordinator" in page
    assert "th_coordinator" in page


def test_the_search_ignores_diacritics(world, client_for):
    User.objects.filter(pk=world.th_coordinator.pk).update(full_name="Nguyễn Thị Hòa")
    response = client_for(world.th_admin).get(url("user_list"), {"q": "nguyen thi hoa"})
    page = html(response)
    assert "Nguyễn Thị Hòa" in page
    assert "th_leader" not in page


def test_the_list_filters_locked_accounts(world, client_for):
    User.objects.filter(pk=world.th_tips.pk).update(is_active=False)
    page = html(client_for(world.th_admin).get(url("user_list"), {"status": "inactive"}))
    assert "th_tips" in page
    assert "th_leader" not in page


def test_the_list_runs_a_fixed_number_of_queries(world, client_for, django_assert_num_queries):
    def officers(numbers):
        for i in numbers:
            user = User.objects.create_user(username=f"can_bo_{i:02d}")
            Membership.objects.create(user=user, unit=world.quang_ngoc, role=Role.DATA_OFFICER)

    client = client_for(world.th_admin)
    officers(range(1))
    # the page of users and what it shows of each, whatever their number
    with django_assert_num_queries(SIGNED_IN_REQUEST + 4):
        client.get(url("user_list"), {"q": "can"})
    officers(range(1, 40))
    with django_assert_num_queries(SIGNED_IN_REQUEST + 4):
        response = client.get(url("user_list"), {"q": "can"})
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["th_leader", "th_coordinator", "bn_coordinator", "nobody"])
def test_the_list_returns_404_without_the_users_module(world, client_for, who):
    assert client_for(getattr(world, who)).get(url("user_list")).status_code == 404


# A user's page


def test_the_user_page_shows_memberships_and_audit_entries(world, client_for):
    client = client_for(world.th_admin)
    client.post(url("user_update", world.th_tips.pk), {"full_name": "Đỗ Văn Tín", "version": 1})
    response = client.get(url("user_detail", world.th_tips.pk))
    page = html(response)
    assert response.status_code == 200
    assert "Cán bộ tiếp nhận tin báo" in page
    assert 'id="audit"' in page
    assert "họ và tên:  → Đỗ Văn Tín" in page


def test_the_user_page_does_not_show_memberships_outside_the_scope(world, client_for):
    Membership.objects.create(user=world.th_tips, unit=world.bac_ninh, role=Role.LEADER)
    page = html(client_for(world.th_admin).get(url("user_detail", world.th_tips.pk)))
    assert "Tỉnh Bắc Ninh" not in page.split('id="memberships"')[1].split('id="audit"')[0]
    assert "1 phân quyền ngoài phạm vi" in page


@pytest.mark.parametrize("who", ["th_leader", "bn_coordinator", "nobody"])
def test_the_user_page_returns_404_outside_the_scope(world, client_for, who):
    response = client_for(getattr(world, who)).get(url("user_detail", world.th_tips.pk))
    assert response.status_code == 404


def test_an_administrator_of_another_province_gets_404(world, client_for, bn_admin):
    assert client_for(bn_admin).get(url("user_detail", world.th_tips.pk)).status_code == 404


# Creating an account


def create_data(world, **extra):
    return {
        "username": "hac_thanh_tips",
        "full_name": "Võ Thị Lan",
        "position": "Chuyên viên",
        "phone": "0912345678",
        "email": "lan@example.vn",
        "unit": world.hac_thanh.pk,
        "agency": world.hac_thanh_police.pk,
        "role": Role.TIP_HANDLER,
        "password_mode": "generate",
        **extra,
    }


def test_an_administrator_creates_an_account_with_a_password_shown_once(world, client_for):
    response = client_for(world.th_admin).post(url("user_create"), create_data(world))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    user = User.objects.get(username="hac_thanh_tips")
    password = response.context["password"]
    assert len(password) >= 12
    assert password in html(response)
    assert user.check_password(password)
    membership = user.memberships.get()
    assert (membership.unit, membership.agency, membership.role) == (
        world.hac_thanh,
        world.hac_thanh_police,
        Role.TIP_HANDLER,
    )
    assert LogEntry.objects.get_for_object(user).filter(action=LogEntry.Action.CREATE).exists()
    assert LogEntry.objects.get_for_object(membership).exists()


def test_a_typed_password_is_used_and_not_shown(world, client_for):
    data = create_data(world, password_mode="type", password1=NEW_PASSWORD, password2=NEW_PASSWORD)
    response = client_for(world.th_admin).post(url("user_create"), data)
    user = User.objects.get(username="hac_thanh_tips")
    assert response["Location"] == url("user_detail", user.pk)
    assert user.check_password(NEW_PASSWORD)


def test_two_different_passwords_are_refused(world, client_for):
    data = create_data(world, password_mode="type", password1=NEW_PASSWORD, password2="khac")
    response = client_for(world.th_admin).post(url("user_create"), data)
    assert str(PASSWORDS_DIFFER) in html(response)
    assert not User.objects.filter(username="hac_thanh_tips").exists()


def test_a_weak_typed_password_is_refused(world, client_for):
    data = create_data(world, password_mode="type", password1="12345678", password2="12345678")
    response = client_for(world.th_admin).post(url("user_create"), data)
    assert response.status_code == 200
    assert not User.objects.filter(username="hac_thanh_tips").exists()


def test_an_account_needs_a_unit(world, client_for):
    response = client_for(world.th_admin).post(url("user_create"), create_data(world, unit=""))
    assert str(UNIT_REQUIRED) in html(response)
    assert not User.objects.filter(username="hac_thanh_tips").exists()


def test_a_unit_outside_the_scope_is_as_missing_as_a_missing_one(world, client_for):
    client = client_for(world.th_admin)
    for unit in (world.bac_ninh.pk, 999999):
        data = create_data(world, unit=unit, agency="")
        assert str(UNIT_NOT_FOUND) in html(client.post(url("user_create"), data))
    assert not User.objects.filter(username="hac_thanh_tips").exists()


def test_an_agency_outside_the_unit_is_refused(world, client_for):
    data = create_data(world, agency=world.th_health.pk)
    response = client_for(world.th_admin).post(url("user_create"), data)
    assert str(AGENCY_OUTSIDE_UNIT) in html(response)
    assert not User.objects.filter(username="hac_thanh_tips").exists()


def test_reversed_dates_are_refused(world, client_for):
    data = create_data(world, valid_from="2026-06-01", valid_to="2026-01-01")
    response = client_for(world.th_admin).post(url("user_create"), data)
    assert str(DATES_REVERSED) in html(response)
    assert not User.objects.filter(username="hac_thanh_tips").exists()


def test_a_taken_username_is_refused_whatever_its_case(world, client_for):
    data = create_data(world, username="TH_Leader")
    response = client_for(world.th_admin).post(url("user_create"), data)
    assert str(USERNAME_TAKEN) in html(response)
    assert User.objects.filter(username__iexact="th_leader").count() == 1


def test_an_administrator_cannot_make_a_superuser(world, client_for):
    data = create_data(world, is_superuser="on", is_staff="on")
    client_for(world.th_admin).post(url("user_create"), data)
    user = User.objects.get(username="hac_thanh_tips")
    assert not user.is_superuser
    assert not user.is_staff


@pytest.mark.parametrize("who", ["th_leader", "bn_coordinator", "nobody"])
def test_creating_returns_404_without_the_users_module(world, client_for, who):
    response = client_for(getattr(world, who)).post(url("user_create"), create_data(world))
    assert response.status_code == 404
    assert not User.objects.filter(username="hac_thanh_tips").exists()


# Editing, locking, passwords


def test_an_administrator_edits_an_account(world, client_for):
    data = {"full_name": "Đỗ Văn Tín", "position": "Trưởng phòng", "phone": "", "email": ""}
    data["version"] = world.th_tips.version
    response = client_for(world.th_admin).post(url("user_update", world.th_tips.pk), data)
    assert response.status_code == 302
    world.th_tips.refresh_from_db()
    assert (world.th_tips.full_name, world.th_tips.position) == ("Đỗ Văn Tín", "Trưởng phòng")
    assert LogEntry.objects.get_for_object(world.th_tips).filter(action=LogEntry.Action.UPDATE)


@pytest.mark.parametrize("who", ["th_leader", "bn_coordinator", "nobody"])
def test_editing_returns_404_outside_the_scope(world, client_for, who):
    data = {"full_name": "Đổi tên"}
    response = client_for(getattr(world, who)).post(url("user_update", world.th_tips.pk), data)
    assert response.status_code == 404
    world.th_tips.refresh_from_db()
    assert world.th_tips.full_name == ""


def test_an_account_that_also_belongs_elsewhere_cannot_be_changed(world, client_for):
    Membership.objects.create(user=world.th_tips, unit=world.bac_ninh, role=Role.LEADER)
    client = client_for(world.th_admin)
    assert client.post(url("user_update", world.th_tips.pk), {"full_name": "X"}).status_code == (
        403
    )
    response = client.post(url("user_password", world.th_tips.pk), {"password_mode": "generate"})
    assert response.status_code == 403
    assert client.post(url("user_deactivate", world.th_tips.pk)).status_code == 403
    world.th_tips.refresh_from_db()
    assert world.th_tips.is_active


def test_a_commune_account_is_no_business_of_another_commune(world, client_for):
    """A commune-level administrator cannot manage the province's people."""
    commune_admin = User.objects.create_user(username="hac_thanh_admin")
    Membership.objects.create(user=commune_admin, unit=world.hac_thanh, role=Role.ADMINISTRATOR)
    Membership.objects.create(user=world.th_tips, unit=world.hac_thanh, role=Role.TIP_HANDLER)
    client = client_for(commune_admin)
    assert client.get(url("user_detail", world.th_tips.pk)).status_code == 200
    assert client.get(url("user_password", world.th_tips.pk)).status_code == 403


def test_locking_asks_for_confirmation_first(world, client_for):
    response = client_for(world.th_admin).get(url("user_deactivate", world.th_tips.pk))
    assert response.status_code == 200
    world.th_tips.refresh_from_db()
    assert world.th_tips.is_active


def test_an_administrator_locks_and_unlocks_an_account(world, client_for):
    client = client_for(world.th_admin)
    client.post(url("user_deactivate", world.th_tips.pk))
    world.th_tips.refresh_from_db()
    assert not world.th_tips.is_active
    entry = LogEntry.objects.get_for_object(world.th_tips).latest()
    assert entry.changes_dict["is_active"] == ["True", "False"]
    client.post(url("user_reactivate", world.th_tips.pk))
    world.th_tips.refresh_from_db()
    assert world.th_tips.is_active


def test_an_administrator_cannot_lock_themselves(world, client_for):
    response = client_for(world.th_admin).post(
        url("user_deactivate", world.th_admin.pk), follow=True
    )
    assert str(CANNOT_DEACTIVATE_SELF) in html(response)
    world.th_admin.refresh_from_db()
    assert world.th_admin.is_active


def test_unlocking_needs_a_post(world, client_for):
    response = client_for(world.th_admin).get(url("user_reactivate", world.th_tips.pk))
    assert response.status_code == 405


@pytest.mark.parametrize("who", ["th_leader", "bn_coordinator", "nobody"])
def test_locking_returns_404_outside_the_scope(world, client_for, who):
    response = client_for(getattr(world, who)).post(url("user_deactivate", world.th_tips.pk))
    assert response.status_code == 404
    world.th_tips.refresh_from_db()
    assert world.th_tips.is_active


def test_a_reset_password_is_shown_once_and_audited(world, client_for):
    response = client_for(world.th_admin).post(
        url("user_password", world.th_tips.pk), {"password_mode": "generate"}
    )
    password = response.context["password"]
    world.th_tips.refresh_from_db()
    assert world.th_tips.check_password(password)
    entry = LogEntry.objects.get_for_object(world.th_tips).latest()
    assert entry.actor == world.th_admin
    assert "password" in entry.changes_dict


def test_a_typed_reset_password_must_be_typed_twice(world, client_for):
    data = {"password_mode": "type", "password1": NEW_PASSWORD, "password2": ""}
    client_for(world.th_admin).post(url("user_password", world.th_tips.pk), data)
    world.th_tips.refresh_from_db()
    assert not world.th_tips.check_password(NEW_PASSWORD)


@pytest.mark.parametrize("who", ["th_leader", "bn_coordinator", "nobody"])
def test_resetting_a_password_returns_404_outside_the_scope(world, client_for, who):
    data = {"password_mode": "type", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    response = client_for(getattr(world, who)).post(url("user_password", world.th_tips.pk), data)
    assert response.status_code == 404
    world.th_tips.refresh_from_db()
    assert not world.th_tips.check_password(NEW_PASSWORD)


# Memberships


def test_an_administrator_adds_a_membership(world, client_for):
    data = {"unit": world.quang_ngoc.pk, "role": Role.INSPECTOR, "valid_from": "2026-01-01"}
    response = client_for(world.th_admin).post(url("membership_add", world.th_tips.pk), data)
    assert response.status_code == 302
    membership = world.th_tips.memberships.get(unit=world.quang_ngoc)
    assert membership.valid_from == datetime.date(2026, 1, 1)
    assert LogEntry.objects.get_for_object(membership).filter(action=LogEntry.Action.CREATE)


def test_a_membership_outside_the_scope_is_refused(world, client_for):
    data = {"unit": world.bac_ninh.pk, "role": Role.ADMINISTRATOR}
    response = client_for(world.th_admin).post(url("membership_add", world.th_tips.pk), data)
    assert str(UNIT_NOT_FOUND) in html(response)
    assert not world.th_tips.memberships.filter(unit=world.bac_ninh).exists()


def test_a_membership_with_reversed_dates_is_refused(world, client_for):
    data = {
        "unit": world.quang_ngoc.pk,
        "role": Role.INSPECTOR,
        "valid_from": "2026-05-01",
        "valid_to": "2026-04-30",
    }
    response = client_for(world.th_admin).post(url("membership_add", world.th_tips.pk), data)
    assert str(DATES_REVERSED) in html(response)
    assert world.th_tips.memberships.count() == 1


def test_a_membership_with_an_agency_of_another_unit_is_refused(world, client_for):
    data = {"unit": world.quang_ngoc.pk, "agency": world.hac_thanh_police.pk, "role": "inspector"}
    response = client_for(world.th_admin).post(url("membership_add", world.th_tips.pk), data)
    assert str(AGENCY_OUTSIDE_UNIT) in html(response)
    assert world.th_tips.memberships.count() == 1


def test_a_membership_without_a_unit_is_refused(world, client_for):
    data = {"unit": "", "role": Role.INSPECTOR}
    response = client_for(world.th_admin).post(url("membership_add", world.th_tips.pk), data)
    assert str(UNIT_REQUIRED) in html(response)


@pytest.mark.parametrize("who", ["th_leader", "bn_coordinator", "nobody"])
def test_adding_a_membership_returns_404_outside_the_scope(world, client_for, who):
    data = {"unit": world.thanh_hoa.pk, "role": Role.ADMINISTRATOR}
    response = client_for(getattr(world, who)).post(url("membership_add", world.th_tips.pk), data)
    assert response.status_code == 404
    assert world.th_tips.memberships.count() == 1


def test_a_new_membership_widens_the_scope_at_once(world, client_for, bn_admin):
    client = client_for(world.national)
    data = {"unit": world.thanh_hoa.pk, "role": Role.ADMINISTRATOR}
    client.post(url("membership_add", bn_admin.pk), data)
    assert client_for(bn_admin).get(url("user_detail", world.th_tips.pk)).status_code == 200


def test_ending_a_membership_asks_for_confirmation_first(world, client_for):
    membership = world.th_tips.memberships.get()
    response = client_for(world.th_admin).get(url("membership_end", membership.pk))
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.valid_to is None


def test_an_administrator_ends_a_membership(world, client_for):
    membership = world.th_tips.memberships.get()
    client_for(world.th_admin).post(url("membership_end", membership.pk))
    membership.refresh_from_db()
    assert membership.valid_to == timezone.localdate() - datetime.timedelta(days=1)
    assert LogEntry.objects.get_for_object(membership).filter(action=LogEntry.Action.UPDATE)
    assert client_for(world.th_tips).get(url("user_list")).status_code == 404


def test_a_membership_that_never_started_is_removed(world, client_for):
    future = Membership.objects.create(
        user=world.th_tips,
        unit=world.quang_ngoc,
        role=Role.INSPECTOR,
        valid_from=timezone.localdate() + datetime.timedelta(days=10),
    )
    client_for(world.th_admin).post(url("membership_end", future.pk))
    assert not Membership.objects.filter(pk=future.pk).exists()
    assert LogEntry.objects.filter(object_pk=str(future.pk), action=LogEntry.Action.DELETE).exists()


@pytest.mark.parametrize("who", ["th_leader", "bn_coordinator", "nobody"])
def test_ending_a_membership_returns_404_outside_the_scope(world, client_for, who):
    membership = world.th_tips.memberships.get()
    response = client_for(getattr(world, who)).post(url("membership_end", membership.pk))
    assert response.status_code == 404
    membership.refresh_from_db()
    assert membership.valid_to is None


def test_another_province_administrator_cannot_end_a_membership(world, client_for, bn_admin):
    membership = world.th_tips.memberships.get()
    assert client_for(bn_admin).post(url("membership_end", membership.pk)).status_code == 404


# The htmx option lists


def test_the_unit_search_offers_units_of_the_scope_only(world, client_for):
    client = client_for(world.th_admin)
    page = html(client.get(url("unit_options"), {"unit_q": "hac thanh"}))
    assert f'value="{world.hac_thanh.pk}"' in page
    page = html(client.get(url("unit_options"), {"unit_q": "luc nam"}))
    assert f'value="{world.luc_nam.pk}"' not in page


def test_the_agency_options_follow_the_unit(world, client_for):
    client = client_for(world.th_admin)
    page = html(client.get(url("agency_options"), {"unit": world.hac_thanh.pk}))
    assert f'value="{world.hac_thanh_police.pk}"' in page
    assert f'value="{world.th_health.pk}"' not in page
    page = html(client.get(url("agency_options"), {"unit": world.bac_ninh.pk}))
    assert f'value="{world.bn_health.pk}"' not in page


@pytest.mark.parametrize("who", ["th_leader", "nobody"])
def test_the_option_lists_return_404_without_the_users_module(world, client_for, who):
    client = client_for(getattr(world, who))
    assert client.get(url("unit_options"), {"unit_q": "thanh"}).status_code == 404
    assert client.get(url("agency_options"), {"unit": world.thanh_hoa.pk}).status_code == 404
