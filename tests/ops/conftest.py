"""Fixtures of the other apps that the hardening tests reuse."""

from tests.inspections.conftest import records  # noqa: F401 - a fixture
from tests.plans.test_plan_manage import plan  # noqa: F401 - a fixture
