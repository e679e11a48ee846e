from django.db import migrations

COUNT = {
    "measure": "count",
    "aggregation": "sum",
    "source": "computed",
    "topic": "general",
}
INDICATORS = [
    dict(
        COUNT,
        code="committee_meetings_held",
        name="Số cuộc họp, hội nghị sơ kết, tổng kết của ban chỉ đạo",
        definition="Số cuộc họp ban chỉ đạo, họp giao ban, phối hợp và hội nghị sơ kết, tổng "
        "kết của ban chỉ đạo các đơn vị ghi trong hệ thống, có ngày họp trong kỳ; có thể giới "
        "hạn theo loại cuộc họp.",
        measure="times_per_period",
        unit_of_measure="cuộc",
    ),
    dict(
        COUNT,
        code="supervision_visits",
        name="Số đợt giám sát đơn vị cấp dưới",
        definition="Số đợt giám sát của ban chỉ đạo đến các đơn vị cấp dưới có ngày giám sát "
        "trong kỳ, tính theo đơn vị được giám sát.",
        unit_of_measure="đợt",
    ),
    dict(
        COUNT,
        code="supervision_open_recommendations",
        name="Số kiến nghị sau giám sát chưa thực hiện xong",
        definition="Số kiến nghị đã đưa ra đến cuối kỳ mà đơn vị được giám sát chưa trả lời "
        "là đã thực hiện xong vào cuối kỳ.",
        aggregation="last",
        unit_of_measure="kiến nghị",
    ),
    dict(
        COUNT,
        code="commendations",
        name="Số tập thể, cá nhân được khen thưởng",
        definition="Số lượt khen thưởng tập thể, cá nhân có thành tích trong công tác phòng, "
        "chống tệ nạn xã hội, theo quyết định có ngày trong kỳ; có thể giới hạn theo cấp khen "
        "thưởng hoặc đối tượng.",
        unit_of_measure="lượt",
    ),
]


def load(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    for order, row in enumerate(INDICATORS, start=400):
        fields = {k: v for k, v in row.items() if k != "code"}
        Indicator.objects.update_or_create(
            code=row["code"], current=True, defaults={**fields, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0001_initial"),
        ("indicators", "0004_breakdowns_drugs_trafficking"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
