from tests.inspections.conftest import record_inspection, records  # noqa: F401 - fixtures
