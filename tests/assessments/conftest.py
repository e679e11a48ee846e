"""Assessments on top of the test world: the national prostitution framework shipped by
the data migration, a hotspot and an activity in phường Hạc Thành, and helpers that walk
an assessment through its steps."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from lanhmanh.activities import services as activity_services
from lanhmanh.activities.models import ActivityKind, Channel
from lanhmanh.assessments import services
from lanhmanh.assessments.models import Framework, FrameworkKind, Rule


@pytest.fixture
def frame(world):
    return frame_build(world)


def frame_build(world):
    f = SimpleNamespace()
    f.framework = Framework.objects.get(kind=FrameworkKind.PROSTITUTION, unit__isnull=True)
    f.version = f.framework.current()
    f.criteria = {c.code: c for c in f.version.criteria.all()}
    f.year = timezone.localdate().year

    def create(unit=None, by=None, year=None):
        return services.assessment_create(
            unit=unit or world.hac_thanh,
            year=year or f.year,
            kind=FrameworkKind.PROSTITUTION,
            by=by or world.hac_thanh_officer,
        )

    def fill(assessment, by=None, **points):
        """Every criterion answered: the proposals kept, the rest full marks (or as given)."""
        answers = {}
        for a in assessment.answers.select_related("criterion"):
            c = a.criterion
            if c.code in points:
                value = points[c.code]
                row = {"points": value} if c.rule == Rule.POINTS else {"passed": value}
                differs = (a.proposed_points is not None and value != a.proposed_points) or (
                    a.proposed_passed is not None and value != a.proposed_passed
                )
                if differs:
                    row["override_reason"] = "Theo biên bản kiểm tra của xã"
                answers[c.pk] = row
            elif a.proposal:
                continue
            elif c.rule == Rule.POINTS:
                answers[c.pk] = {"points": c.max_points}
            else:
                answers[c.pk] = {"passed": True}
        assessment.refresh_from_db()
        return services.answers_save(
            assessment=assessment,
            by=by or world.hac_thanh_officer,
            version=assessment.version,
            answers=answers,
        )

    def submit(assessment, by=None):
        assessment.refresh_from_db()
        return services.assessment_submit(
            assessment=assessment, by=by or world.hac_thanh_officer, version=assessment.version
        )

    def approve(assessment, by=None, on=None):
        assessment.refresh_from_db()
        return services.assessment_approve(
            assessment=assessment, by=by or world.th_coordinator, version=assessment.version, on=on
        )

    def approved(unit=None, year=None, on=None, **points):
        """Approved with full marks unless told otherwise (the world has no activities,
        so the commune answers the awareness criterion from its paper records)."""
        points.setdefault("awareness", Decimal(25))
        a = create(unit=unit, year=year, by=world.th_coordinator)
        fill(a, by=world.th_coordinator, **points)
        submit(a, by=world.th_coordinator)
        return approve(a, on=on)

    def activity(unit, day):
        return activity_services.activity_create(
            by=world.th_coordinator,
            kind=ActivityKind.objects.get(code="communication_event"),
            title=f"Tuyên truyền {day:%d/%m}",
            start_date=day,
            unit=unit,
            channel=Channel.IN_PERSON,
            on_prostitution=True,
            participants=30,
        )

    f.create, f.fill, f.submit, f.approve, f.approved, f.activity = (
        create,
        fill,
        submit,
        approve,
        approved,
        activity,
    )
    f.day = datetime.date(f.year, 1, 15)
    return f
