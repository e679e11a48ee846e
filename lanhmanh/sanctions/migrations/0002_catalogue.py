"""The register's computed indicators and the role breakdown, and the persons' violations
an inspection recorded against an establishment before this register existed: each
becomes a sanction decision of that person (sex and age unknown), linked to the
inspection; the establishment keeps only its own violations."""

from django.db import migrations

ROLES = (
    "offender_role",
    "Vai trò của người vi phạm",
    "Role of the offender",
    [
        ("seller", "Bán dâm", "Selling sex"),
        ("buyer", "Mua dâm", "Buying sex"),
        ("organiser", "Tổ chức, chứa mại dâm", "Organising, harbouring"),
        ("concealing", "Che giấu, bảo kê", "Concealing, protecting"),
        ("procuring", "Môi giới, lôi kéo, dụ dỗ", "Procuring, enticing"),
        ("assisting", "Giúp sức, góp tiền, tạo điều kiện", "Assisting, funding"),
        ("other", "Khác", "Other"),
    ],
)
BASE = {"source": "computed", "topic": "prostitution", "aggregation": "sum"}
INDICATORS = [
    dict(
        BASE,
        code="sanctions_decisions",
        name="Số quyết định xử phạt vi phạm hành chính (từ sổ xử phạt)",
        definition="Số quyết định phạt tiền, phạt cảnh cáo về hành vi liên quan đến mại dâm "
        "ban hành trong kỳ (theo ngày ra quyết định).",
        measure="count",
        unit_of_measure="quyết định",
        disaggregations=["offender_role"],
    ),
    dict(
        BASE,
        code="sanctions_persons_sanctioned",
        name="Số người bị xử phạt vi phạm hành chính về mại dâm (từ sổ xử phạt)",
        definition="Số cá nhân bị phạt tiền hoặc cảnh cáo trong kỳ, theo vai trò (mua dâm, "
        "bán dâm, chứa, môi giới, bảo kê…), giới tính và độ tuổi.",
        measure="count",
        unit_of_measure="người",
        disaggregations=["offender_role", "sex", "age_group"],
    ),
    dict(
        BASE,
        code="sanctions_fines_imposed",
        name="Số tiền phạt theo quyết định xử phạt (từ sổ xử phạt)",
        definition="Tổng số tiền phạt của các quyết định ban hành trong kỳ.",
        measure="amount",
        unit_of_measure="đồng",
    ),
    dict(
        BASE,
        code="sanctions_fines_collected",
        name="Số tiền phạt đã thu (từ sổ xử phạt)",
        definition="Tổng số tiền phạt đã nộp trong kỳ (theo ngày nộp).",
        measure="amount",
        unit_of_measure="đồng",
    ),
    dict(
        BASE,
        code="sanctions_offenders_handled_share",
        name="Tỷ lệ đối tượng vi phạm bị phát hiện được xử lý (từ sổ xử phạt)",
        definition="Số đối tượng vi phạm phát hiện trong kỳ (theo ngày vi phạm) đã bị xử phạt "
        "hoặc chuyển cơ quan tiến hành tố tụng, trên tổng số đối tượng vi phạm phát hiện.",
        measure="percent",
        numerator_label="Số đối tượng vi phạm đã được xử lý",
        denominator_label="Số đối tượng vi phạm bị phát hiện",
        aggregation="ratio",
    ),
]
ROLE_BY_ACT = {"Mua dâm": "buyer", "Bán dâm": "seller"}


def load(apps, schema_editor):
    CategorySet = apps.get_model("indicators", "CategorySet")
    CategoryOption = apps.get_model("indicators", "CategoryOption")
    Indicator = apps.get_model("indicators", "Indicator")
    code, name, name_en, options = ROLES
    category_set, _created = CategorySet.objects.get_or_create(
        code=code, defaults={"name": name, "name_en": name_en, "order": CategorySet.objects.count()}
    )
    for position, (option, label, label_en) in enumerate(options):
        CategoryOption.objects.get_or_create(
            category_set=category_set,
            code=option,
            defaults={"name": label, "name_en": label_en, "order": position},
        )
    for order, row in enumerate(INDICATORS, start=300):
        fields = {k: v for k, v in row.items() if k != "code"}
        Indicator.objects.update_or_create(code=row["code"], defaults={**fields, "order": order})
    _move_persons_violations(apps)


def _move_persons_violations(apps):
    Violation = apps.get_model("inspections", "Violation")
    SanctionDecision = apps.get_model("sanctions", "SanctionDecision")
    moved = Violation.objects.filter(violation_type__offender="person").select_related(
        "inspection__establishment", "violation_type"
    )
    for v in moved:
        inspection = v.inspection
        act = inspection.started_at.date()
        role = next(
            (r for start, r in ROLE_BY_ACT.items() if v.violation_type.description.startswith(start)),
            "other",
        )
        outcome = {"fine": "fine", "warning": "warning", "referral": "referred"}[v.sanction]
        decided = outcome in ("fine", "warning")
        SanctionDecision.objects.create(
            unit=inspection.establishment.unit,
            act_date=act,
            violation_type=v.violation_type,
            offender_kind="person",
            role=role,
            sex="unknown",
            age_band="unknown",
            nationality="vn",
            outcome=outcome,
            decision_number=v.decision_number if decided else "",
            # The inspection recorded no decision date: the act's date stands for it.
            decision_date=act if decided else None,
            fine_vnd=v.fine_vnd if outcome == "fine" else None,
            referred_to=v.referred_to,
            inspection=inspection,
            created_by=inspection.created_by,
        )
    moved.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("sanctions", "0001_initial"),
        ("indicators", "0004_breakdowns_drugs_trafficking"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
