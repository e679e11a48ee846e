"""The Criminal Code articles on prostitution and trafficking offences, and the
indicators the case register computes."""

from django.db import migrations

# (code, article, offence, topic)
ARTICLES = [
    ("blhs_327", "327", "Tội chứa mại dâm", "prostitution"),
    ("blhs_328", "328", "Tội môi giới mại dâm", "prostitution"),
    ("blhs_329", "329", "Tội mua dâm người dưới 18 tuổi", "prostitution"),
    ("blhs_150", "150", "Tội mua bán người", "trafficking"),
    ("blhs_151", "151", "Tội mua bán người dưới 16 tuổi", "trafficking"),
]
COUNT = {
    "measure": "count",
    "aggregation": "sum",
    "source": "computed",
    "topic": "general",
    "unit_of_measure": "vụ",
}
STAGE_ROWS = [
    (
        "cases_reported",
        "Số vụ án phát hiện (từ sổ vụ án)",
        "Số vụ phạm tội về mại dâm, mua bán người (Bộ luật Hình sự, các điều 150, 151, 327, "
        "328, 329) được phát hiện, tiếp nhận trong kỳ.",
    ),
    (
        "cases_instituted",
        "Số vụ án khởi tố, xử lý hình sự (từ sổ vụ án)",
        "Số vụ án về mại dâm, mua bán người có quyết định khởi tố vụ án trong kỳ.",
    ),
    (
        "cases_investigated",
        "Số vụ án kết thúc điều tra (từ sổ vụ án)",
        "Số vụ án kết thúc điều tra, đề nghị truy tố trong kỳ.",
    ),
    (
        "cases_indicted",
        "Số vụ án truy tố (từ sổ vụ án)",
        "Số vụ án Viện kiểm sát ra cáo trạng truy tố trong kỳ.",
    ),
    (
        "cases_tried",
        "Số vụ án xét xử sơ thẩm (từ sổ vụ án)",
        "Số vụ án Tòa án xét xử sơ thẩm trong kỳ, kể cả xét xử lưu động.",
    ),
    (
        "cases_appealed",
        "Số vụ án xét xử phúc thẩm (từ sổ vụ án)",
        "Số vụ án được xét xử phúc thẩm trong kỳ.",
    ),
    (
        "cases_mobile_trials",
        "Số vụ án xét xử lưu động (từ sổ vụ án)",
        "Số vụ án xét xử sơ thẩm lưu động trong kỳ.",
    ),
    (
        "cases_rings_broken",
        "Số đường dây, ổ nhóm bị triệt phá (từ sổ vụ án)",
        "Số vụ án phát hiện trong kỳ đã triệt phá một đường dây, ổ nhóm tội phạm.",
    ),
]
INDICATORS = [dict(COUNT, code=c, name=n, definition=d) for c, n, d in STAGE_ROWS] + [
    dict(
        COUNT,
        code="cases_defendants",
        name="Số bị can trong các vụ án khởi tố (từ sổ vụ án)",
        definition="Số bị can của các vụ án khởi tố trong kỳ, theo giới tính và độ tuổi.",
        unit_of_measure="bị can",
        disaggregations=["sex", "age_group"],
    ),
    dict(
        COUNT,
        code="cases_victims_rescued",
        name="Số nạn nhân được giải cứu (từ sổ vụ án)",
        definition="Số nạn nhân được giải cứu trong các vụ án phát hiện trong kỳ.",
        unit_of_measure="người",
    ),
    dict(
        COUNT,
        code="cases_child_victims_rescued",
        name="Số nạn nhân là trẻ em được giải cứu (từ sổ vụ án)",
        definition="Số nạn nhân dưới 18 tuổi được giải cứu trong các vụ án phát hiện trong kỳ.",
        unit_of_measure="người",
    ),
]


def load(apps, schema_editor):
    CriminalArticle = apps.get_model("cases", "CriminalArticle")
    for order, (code, number, name, topic) in enumerate(ARTICLES):
        CriminalArticle.objects.update_or_create(
            code=code, defaults={"number": number, "name": name, "topic": topic, "order": order}
        )
    Indicator = apps.get_model("indicators", "Indicator")
    for order, row in enumerate(INDICATORS, start=400):
        fields = {k: v for k, v in row.items() if k != "code"}
        Indicator.objects.update_or_create(code=row["code"], defaults={**fields, "order": order})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial"), ("indicators", "0004_breakdowns_drugs_trafficking")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
