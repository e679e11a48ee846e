"""Fixtures shared by the plan tests."""

import pytest

from lanhmanh.geography.loading import units_load

# New province codes whose map (with the old provinces that became them) the seeds need:
# Thanh Hóa 38, Hà Nội 01, Tây Ninh 80 (old Tây Ninh 72 and Long An 80), Bắc Ninh 24
# (old Bắc Giang 24), Phú Thọ 25 (old Vĩnh Phúc 26).
SEED_PROVINCES = ["38", "01", "80", "24", "25"]


@pytest.fixture(scope="module")
def real_map(django_db_setup, django_db_blocker):
    """The real units of the seeds' provinces, loaded once for a test module."""
    with django_db_blocker.unblock():
        units_load(provinces=SEED_PROVINCES)
    yield
    with django_db_blocker.unblock():
        from lanhmanh.geography.models import AdministrativeUnit, UnitChange

        # Raw deletes: nothing refers to these rows any more (each test rolled its own
        # back), and the ORM's delete would write an audit entry for every unit.
        changes = UnitChange.objects.all()
        changes._raw_delete(changes.db)
        for level in ("commune", "district", "province"):
            units = AdministrativeUnit.objects.filter(level=level)
            units._raw_delete(units.db)
