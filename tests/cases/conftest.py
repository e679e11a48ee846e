"""Officers of the three bodies in Thanh Hóa (the police of the province and of Hạc
Thành, the province's procuracy and court), a coordinator of Bắc Ninh's police for the
outside, and a helper that records a case."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from lanhmanh.accounts.models import Membership, User
from lanhmanh.accounts.roles import Role
from lanhmanh.cases import services
from lanhmanh.cases.models import CriminalArticle
from lanhmanh.organizations.models import Agency, Sector


@pytest.fixture
def bodies(world):
    sector = {s.code: s for s in Sector.objects.filter(code__in=["procuracy", "court", "police"])}
    b = SimpleNamespace()
    b.procuracy = Agency.objects.create(
        unit=world.thanh_hoa, sector=sector["procuracy"], name="Viện Kiểm sát nhân dân tỉnh"
    )
    b.court = Agency.objects.create(
        unit=world.thanh_hoa, sector=sector["court"], name="Tòa án nhân dân tỉnh"
    )
    b.bn_police = Agency.objects.create(
        unit=world.bac_ninh, sector=sector["police"], name="Công an tỉnh Bắc Ninh"
    )

    def officer(username, unit, agency):
        user = User.objects.create_user(username=username, password="x")
        Membership.objects.create(
            user=user, unit=unit, agency=agency, role=Role.ENFORCEMENT_OFFICER
        )
        return user

    b.police = officer("th_police", world.thanh_hoa, world.th_police)
    b.ward_police = officer("hac_thanh_police", world.hac_thanh, world.hac_thanh_police)
    b.prosecutor = officer("th_prosecutor", world.thanh_hoa, b.procuracy)
    b.judge = officer("th_judge", world.thanh_hoa, b.court)
    b.outsider = officer("bn_police", world.bac_ninh, b.bn_police)
    b.article_327 = CriminalArticle.objects.get(code="blhs_327")
    b.article_150 = CriminalArticle.objects.get(code="blhs_150")
    return b


@pytest.fixture
def record_case(world, bodies):
    def record(unit=None, by=None, reported_on=None, articles=None, **details):
        details.setdefault("defendants_male", 2)
        details.setdefault("defendants_female", 1)
        details.setdefault("defendants_18_29", 2)
        details.setdefault("defendants_30_plus", 1)
        return services.case_create(
            by=by or bodies.police,
            unit=unit or world.hac_thanh,
            reference=details.pop("reference", "12/QĐ-CSĐT"),
            summary=details.pop("summary", "Chứa mại dâm tại nhà nghỉ"),
            articles=articles or [bodies.article_327],
            reported_on=reported_on or timezone.localdate() - datetime.timedelta(days=30),
            **details,
        )

    return record
