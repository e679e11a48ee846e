"""What the importer proposes for one document: a draft for a person to check and save.

:meth:`PlanDraft.to_dict` uses the field names of ``shared/seeds/GOLD.json``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from .targets import TargetFound

__all__ = ["PlanDraft", "TaskDraft", "UnitDraft"]


@dataclass
class UnitDraft:
    """The issuing unit: 'Thanh Hóa' (province), 'Ba Đình' (district, parent 'Hà Nội')."""

    name: str
    level: str | None  # 'province' | 'district' | 'commune'
    parent: str | None = None

    def to_dict(self) -> dict:
        out: dict = {"name": self.name, "level": self.level}
        if self.parent:
            out["parent"] = self.parent
        return out


@dataclass
class TaskDraft:
    """A task with its lead agency ('Chủ trì'), coordinating agencies and time."""

    text: str
    lead: str | None
    coordinating: list[str] = field(default_factory=list)
    when: str | None = None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "lead": self.lead,
            "coordinating": list(self.coordinating),
            "when": self.when,
        }


@dataclass
class PlanDraft:
    """Everything read from a plan or directive, plus what the reader was unsure of."""

    kind: str | None = None  # 'plan' | 'directive'
    title: str | None = None
    issuer: str | None = None
    unit: UnitDraft | None = None
    year: int | None = None
    number: str | None = None  # None when the document leaves it blank ('Số: /KH-UBND')
    date: datetime.date | None = None
    signer: str | None = None
    signature: str | None = None  # 'TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH'
    topics: list[str] = field(default_factory=list)
    bases: list[str] = field(default_factory=list)
    # each basis as written ('Căn cứ Quyết định số … của … phê duyệt …'), by its number
    basis_texts: dict[str, str] = field(default_factory=dict)
    targets: list[TargetFound] = field(default_factory=list)
    tasks: list[TaskDraft] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    standing_agency: str | None = None
    reporting: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # the kind line names another kind of document ('báo cáo', 'quyết định'); not in to_dict
    other_kind: str | None = None

    def warn(self, message: str) -> None:
        if message and message not in self.warnings:
            self.warnings.append(message)

    def to_dict(self, include_warnings: bool = False) -> dict:
        """A JSON-ready dict with the GOLD.json field names (warnings on request)."""
        out = {
            "kind": self.kind,
            "title": self.title,
            "issuer": self.issuer,
            "unit": self.unit.to_dict() if self.unit else None,
            "year": self.year,
            "number": self.number,
            "date": self.date.isoformat() if self.date else None,
            "signer": self.signer,
            "signature": self.signature,
            "topics": list(self.topics),
            "bases": list(self.bases),
            "basis_texts": dict(self.basis_texts),
            "targets": [t.to_dict() for t in self.targets],
            "tasks": [t.to_dict() for t in self.tasks],
            "agencies": list(self.agencies),
            "standing_agency": self.standing_agency,
            "reporting": list(self.reporting),
        }
        if include_warnings:
            out["warnings"] = list(self.warnings)
        return out
