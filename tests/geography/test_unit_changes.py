"""``unit_change_create``: the history of units stays a graph without cycles."""

import pytest
from django.core.exceptions import ValidationError

from lanhmanh.geography.models import ChangeKind, UnitChange
from lanhmanh.geography.services import ERR_CYCLE, ERR_SELF, unit_change_create
from tests.world import REFORM


def test_it_refuses_a_unit_as_its_own_successor(world):
    with pytest.raises(ValidationError) as error:
        unit_change_create(
            predecessor=world.thanh_hoa, successor=world.thanh_hoa, effective_on=REFORM
        )
    assert error.value.messages == [ERR_SELF]


def test_it_refuses_a_direct_cycle(world):
    # The world already has old Thanh Hóa → new Thanh Hóa.
    with pytest.raises(ValidationError) as error:
        unit_change_create(
            predecessor=world.thanh_hoa, successor=world.old_thanh_hoa, effective_on=REFORM
        )
    assert error.value.messages == [ERR_CYCLE]


def test_it_refuses_a_cycle_through_several_changes(world):
    unit_change_create(predecessor=world.hac_thanh, successor=world.quang_binh, effective_on=REFORM)
    # old Điện Biên → Hạc Thành → Quảng Bình: Quảng Bình cannot turn back into Điện Biên.
    with pytest.raises(ValidationError) as error:
        unit_change_create(
            predecessor=world.quang_binh, successor=world.old_dien_bien, effective_on=REFORM
        )
    assert error.value.messages == [ERR_CYCLE]
    assert not UnitChange.objects.filter(predecessor=world.quang_binh).exists()


def test_it_links_and_relinking_updates_the_same_row(world):
    change = unit_change_create(
        predecessor=world.old_luc_nam,
        successor=world.luc_nam,
        kind=ChangeKind.ABOLISH,
        effective_on=REFORM,
    )
    again = unit_change_create(
        predecessor=world.old_luc_nam,
        successor=world.luc_nam,
        kind=ChangeKind.MERGE,
        effective_on=REFORM,
        partial=True,
    )
    assert again.pk == change.pk
    assert (again.kind, again.partial) == (ChangeKind.MERGE, True)
    assert UnitChange.objects.filter(predecessor=world.old_luc_nam).count() == 1
