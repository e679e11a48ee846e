"""The kept fixtures of tests/conftest.py: built on the shared world for the tests that ask
for them, never seen by a test that does not, each test's changes rolled back."""

from lanhmanh.organizations.models import Agency, Sector
from tests.conftest import kept

NAME = "Cơ quan dựng một lần"


@kept()
def agency(world):
    return Agency.objects.create(
        unit=world.thanh_hoa, sector=Sector.objects.get(code="health"), name=NAME
    )


@kept("agency")
def renamed_copy(world, agency):
    """Builds on ``agency``: its own row, named after the kept one."""
    return Agency.objects.create(unit=agency.unit, sector=agency.sector, name=f"{NAME} (bản 2)")


def test_a_test_that_does_not_ask_does_not_see_the_rows(world):
    assert not Agency.objects.filter(name__startswith=NAME).exists()


def test_a_test_that_asks_sees_the_row_and_may_change_it(world, agency):
    assert Agency.objects.get(pk=agency.pk).unit == world.thanh_hoa
    Agency.objects.filter(pk=agency.pk).update(name="Đổi tên trong một phép thử")
    agency.name = "Đổi tên trong một phép thử"


def test_the_next_test_sees_the_row_as_built(world, agency):
    assert Agency.objects.get(pk=agency.pk).name == NAME
    assert agency.name == NAME  # its own copy of the object


def test_a_kept_fixture_builds_on_another(world, renamed_copy, agency):
    assert set(Agency.objects.filter(name__startswith=NAME).values_list("pk", flat=True)) == {
        agency.pk,
        renamed_copy.pk,
    }


def test_without_the_second_only_the_first_is_there(world, agency):
    assert list(Agency.objects.filter(name__startswith=NAME)) == [agency]
