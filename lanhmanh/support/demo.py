"""Demo records of the support module for the demo province: providers, cases with
consent, needs, services and referrals (a few closed), trafficking victims received from
abroad with the support the law grants, a child's case with its protection steps, support
models (two new this year, six maintained), volunteer teams and a year of outreach.

Every name is obviously made up ('Tên Giả Số 07'). Deterministic (a fixed random seed)
and run once: if the province already has support cases, nothing is added.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from lanhmanh.accounts.models import User
from lanhmanh.organizations.models import Agency

from . import services
from .models import (
    ConsentMethod,
    ConsentPurpose,
    Group,
    Regime,
    ServiceType,
    SupportClient,
)

SEED = 14
CASES = 30
SOCIAL_WORKER = "demo_social_worker"
PROVIDERS = [
    ("Phòng khám Hy Vọng (mẫu)", ["health_check", "hiv_sti"]),
    ("Trung tâm Trợ giúp pháp lý (mẫu)", ["legal_aid"]),
    ("Trung tâm Dịch vụ việc làm (mẫu)", ["vocational_training", "job_placement"]),
    ("Ngân hàng Chính sách xã hội, chi nhánh (mẫu)", ["loan"]),
    ("Cơ sở Bảo trợ xã hội (mẫu)", ["shelter", "counselling", "reintegration"]),
]
MODELS = [
    ("Mô hình hỗ trợ giảm hại cho người bán dâm tại cộng đồng", "harm_reduction", 2018),
    ("Mô hình bảo đảm quyền người lao động trong cơ sở kinh doanh", "workers_rights", 2019),
    ("Điểm tư vấn, hỗ trợ người bán dâm", "counselling", 2020),
    ("Câu lạc bộ Đồng tâm hiệp lực", "reintegration", 2021),
    ("Mô hình dạy nghề, tạo việc làm cho phụ nữ yếu thế", "vocational", 2022),
    ("Nhóm phòng ngừa mại dâm tại khu trọ công nhân", "prevention", 2023),
    ("Mô hình hỗ trợ hòa nhập cộng đồng cho nạn nhân bị mua bán", "reintegration", 0),
    ("Mô hình tư vấn trực tuyến cho người có nguy cơ", "counselling", 0),
]  # fmt: skip
GIVEN = ["Lan", "Hoa", "Mai", "Cúc", "Hương", "Thảo", "Nga", "Yến", "Linh", "Trang"]
FATHERS = ["Hùng", "Dũng", "Nam", "Đức", "Sơn", "Bình", "Tuấn", "Long", "Quang", "Hải"]
BORDER_GATES = ["Cửa khẩu quốc tế Móng Cái", "Cửa khẩu quốc tế Hữu Nghị", "Cửa khẩu Na Mèo"]


@dataclass
class SupportDemo:
    cases: int = 0
    referrals: int = 0
    victims: int = 0
    models: int = 0
    teams: int = 0
    outreach: int = 0


@transaction.atomic
def support_demo_build(province, communes, *, today: datetime.date | None = None) -> SupportDemo:
    today = today or timezone.localdate()
    built = SupportDemo()
    worker = User.objects.filter(username=SOCIAL_WORKER).first()
    if (
        worker is None
        or SupportClient.objects.filter(unit__path__startswith=province.path).exists()
    ):
        return built
    rng = random.Random(SEED)  # noqa: S311 - demo data, reproducible on purpose
    types = {t.code: t for t in ServiceType.objects.all()}
    start = datetime.date(today.year, 1, 2)
    days = max((today - start).days - 20, 1)

    providers = [
        services.provider_save(
            by=worker,
            unit=province,
            name=name,
            phone=f"0237 3{n:02d} 000",
            contact_person=f"Cán bộ Mẫu {n}",
            services=[types[c] for c in codes],
        )
        for n, (name, codes) in enumerate(PROVIDERS, start=1)
    ]
    for n in range(CASES):
        built.referrals += _case(worker, communes, providers, types, rng, n, start, days, today)
        built.cases += 1
    built.victims = _victims(worker, communes, rng, start, days)
    built.models = _models(worker, province, communes, rng, today)
    built.teams = _teams(worker, communes)
    built.outreach = _outreach(worker, communes, rng, start, today)
    return built


def _day(rng, start, days) -> datetime.date:
    return start + datetime.timedelta(days=rng.randrange(days))


def _case(worker, communes, providers, types, rng, n, start, days, today) -> int:
    opened = _day(rng, start, days)
    group = Group.SEX_WORKER if n % 5 else Group.AT_RISK
    client = services.case_open(
        by=worker,
        unit=communes[n % len(communes)],
        opened_on=opened,
        sex="female" if n % 7 else "male",
        group=group,
        birth_year=rng.randrange(1975, 2006),
        birth_month=rng.randrange(1, 13),
        mother_given_name=GIVEN[n % len(GIVEN)],
        father_given_name=FATHERS[(n * 3) % len(FATHERS)],
        identity={
            "full_name": f"Tên Giả Số {n + 1:02d}",
            "phone": f"0900 000 {n + 1:03d}",
            "address": "Địa chỉ mẫu, không có thật",
        },
        duplicate="different",
    )
    services.consent_record(
        client=client, by=worker, purpose=ConsentPurpose.SERVICES, given_on=opened,
        method=ConsentMethod.ORAL, witness_name="Cán bộ Mẫu",
    )  # fmt: skip
    services.assessment_record(
        client=client, by=worker, assessed_on=opened,
        needs=rng.sample(list(types.values()), 2),
    )  # fmt: skip
    on = min(opened + datetime.timedelta(days=rng.randrange(1, 15)), today)
    for code in rng.sample(["health_check", "hiv_sti", "counselling", "legal_aid"], 2):
        services.service_record(
            client=client, by=worker, service_type=types[code], given_on=on,
            cost=Decimal(rng.choice([0, 150000, 300000])),
        )  # fmt: skip
    referrals = 0
    if n % 3 == 0:
        provider = providers[2 + n % 3]
        services.consent_record(
            client=client, by=worker, purpose=ConsentPurpose.REFERRAL, provider=provider,
            given_on=on, method=ConsentMethod.ORAL, witness_name="Cán bộ Mẫu",
        )  # fmt: skip
        referral = services.referral_send(
            client=client, by=worker, provider=provider,
            service_type=provider.services.first(), sent_on=on,
            follow_up_on=on + datetime.timedelta(days=30),
        )  # fmt: skip
        status = ["sent", "accepted", "completed", "completed", "declined"][n % 5]
        if status != "sent":
            services.referral_update(
                referral=referral, by=worker, version=1, status=status, status_on=on,
                follow_up_on=referral.follow_up_on,
            )  # fmt: skip
        referrals = 1
    if n % 10 == 9:
        services.case_close(client=client, by=worker, closed_on=on, reason="goals_met")
    return referrals


def _victims(worker, communes, rng, start, days) -> int:
    for n in range(4):
        opened = _day(rng, start, days)
        child = n == 3
        client = services.case_open(
            by=worker, unit=communes[n % len(communes)], opened_on=opened, sex="female",
            group=Group.VICTIM, birth_year=opened.year - (14 if child else 20 + n * 3),
            mother_given_name=GIVEN[n], father_given_name=FATHERS[-n - 1],
            identity={"full_name": f"Nạn Nhân Giả Số {n + 1:02d}"}, duplicate="different",
        )  # fmt: skip
        abroad = n < 3
        services.victim_save(
            client=client, by=worker, identified_by="border_guard" if abroad else "police",
            identified_on=opened, received_on=opened,
            reception_facility="Cơ sở Bảo trợ xã hội (mẫu)", returned_from_abroad=abroad,
            country="Trung Quốc" if abroad else "", border_gate=BORDER_GATES[n] if abroad else "",
        )  # fmt: skip
        for regime in (Regime.ESSENTIAL_NEEDS, Regime.TRAVEL, Regime.MEDICAL, Regime.HARDSHIP):
            # Amounts are made up: the levels of the implementing decree are not coded.
            services.victim_support_record(
                client=client, by=worker, regime=regime, given_on=opened,
                amount=Decimal(rng.choice([200000, 500000, 1000000])),
            )  # fmt: skip
        if child:
            for step in ("reported", "assessed", "safety", "plan"):
                services.child_step_record(client=client, by=worker, step=step, on=opened)
    return 4


def _models(worker, province, communes, rng, today) -> int:
    agency = Agency.objects.filter(
        unit=province, sector__code__in=["labour", "home_affairs"]
    ).first()
    for name, kind, year in MODELS:
        started = datetime.date(year, 3, 1) if year else datetime.date(today.year, 1, 15)
        services.model_save(
            by=worker, unit=province, name=name, kind=kind, started_on=started,
            managing_agency=agency, participants=rng.randrange(15, 80),
            funding_source="Ngân sách tỉnh", budget=Decimal(rng.randrange(50, 300) * 1000000),
            units_covered=rng.sample(list(communes), 2),
        )  # fmt: skip
    return len(MODELS)


def _teams(worker, communes) -> int:
    for commune in communes:
        services.team_save(
            by=worker, unit=commune, kind="team",
            name=f"Đội công tác xã hội tình nguyện {commune.name}",
            established_on=datetime.date(2019, 6, 1), leader_name="Đội trưởng Mẫu", members=12,
        )  # fmt: skip
    services.team_save(
        by=worker, unit=communes[0], kind="collaborators",
        name="Mạng lưới cộng tác viên phòng, chống tệ nạn xã hội",
        established_on=datetime.date(2021, 1, 1), members=25,
    )  # fmt: skip
    return len(communes) + 1


def _outreach(worker, communes, rng, start, today) -> int:
    n = 0
    month = start.replace(day=10)
    while month <= today:
        for commune in communes:
            services.outreach_record(
                by=worker, unit=commune, held_on=month, kind=rng.choice(["group", "peer"]),
                sex_workers_female=rng.randrange(3, 15), sex_workers_male=rng.randrange(0, 3),
                victims_female=rng.randrange(0, 2), victims_male=0,
                at_risk_female=rng.randrange(5, 20), at_risk_male=rng.randrange(0, 6),
            )  # fmt: skip
            n += 1
        month = (month.replace(day=1) + datetime.timedelta(days=32)).replace(day=10)
    return n
