"""The breakdown of support figures by service, as a category set of the indicators."""

from django.db import migrations

# (code, name, name in English) of the services, as the support catalogue lists them.
SERVICES = [
    ("health_check", "Khám sức khỏe", "Health check"),
    ("hiv_sti", "Xét nghiệm HIV/STI, chuyển gửi điều trị", "HIV/STI testing and referral"),
    ("counselling", "Tư vấn tâm lý", "Psychological counselling"),
    ("legal_aid", "Trợ giúp pháp lý", "Legal aid"),
    ("vocational_training", "Dạy nghề", "Vocational training"),
    ("job_placement", "Giới thiệu việc làm", "Job placement"),
    ("loan", "Vay vốn", "Loan"),
    ("social_allowance", "Trợ cấp xã hội", "Social allowance"),
    ("shelter", "Tạm trú, nơi ở tạm thời", "Temporary shelter"),
    ("education", "Học văn hóa", "Education"),
    ("reintegration", "Hỗ trợ hòa nhập cộng đồng", "Reintegration support"),
    ("other", "Khác", "Other"),
]


def load(apps, schema_editor):
    CategorySet = apps.get_model("indicators", "CategorySet")
    CategoryOption = apps.get_model("indicators", "CategoryOption")
    category_set, _created = CategorySet.objects.get_or_create(
        code="support_service",
        defaults={
            "name": "Dịch vụ hỗ trợ",
            "name_en": "Support service",
            "order": CategorySet.objects.count(),
        },
    )
    for position, (code, name, name_en) in enumerate(SERVICES):
        CategoryOption.objects.get_or_create(
            category_set=category_set,
            code=code,
            defaults={"name": name, "name_en": name_en, "order": position},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0003_access_list"),
        ("indicators", "0004_breakdowns_drugs_trafficking"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
