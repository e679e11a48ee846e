"""Writes of the inspections module: every change goes through these functions, called by
views, management commands and the demo alike."""

from .establishments import (
    commitment_add,
    establishment_create,
    establishment_status_change,
    establishment_update,
)
from .hotspots import hotspot_create, hotspot_patrol_log, hotspot_status_change
from .inspections import (
    inspection_plan_approve,
    inspection_plan_create,
    inspection_record,
    violation_errors,
)

__all__ = [
    "commitment_add",
    "establishment_create",
    "establishment_status_change",
    "establishment_update",
    "hotspot_create",
    "hotspot_patrol_log",
    "hotspot_status_change",
    "inspection_plan_approve",
    "inspection_plan_create",
    "inspection_record",
    "violation_errors",
]
