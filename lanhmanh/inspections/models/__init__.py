"""The register of at-risk establishments, inspections by team 178, and hotspots."""

from .catalogue import BusinessType, ChecklistItem, ChecklistVersion, Offender, ViolationType
from .establishments import (
    Commitment,
    Establishment,
    EstablishmentImport,
    EstablishmentStatus,
    EstablishmentStatusChange,
    RiskLevel,
)
from .hotspots import Hotspot, HotspotPatrol, HotspotStatus, HotspotStatusChange
from .inspections import (
    CheckResult,
    Inspection,
    InspectionCheck,
    InspectionKind,
    InspectionPlan,
    Sanction,
    Trigger,
    Violation,
)

__all__ = [
    "BusinessType",
    "CheckResult",
    "ChecklistItem",
    "ChecklistVersion",
    "Commitment",
    "Establishment",
    "EstablishmentImport",
    "EstablishmentStatus",
    "EstablishmentStatusChange",
    "Hotspot",
    "HotspotPatrol",
    "HotspotStatus",
    "HotspotStatusChange",
    "Inspection",
    "InspectionCheck",
    "InspectionKind",
    "InspectionPlan",
    "Offender",
    "RiskLevel",
    "Sanction",
    "Trigger",
    "Violation",
    "ViolationType",
]
