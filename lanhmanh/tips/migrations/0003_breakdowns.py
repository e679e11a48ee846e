"""The breakdowns the tips indicators use, as rows of the indicators' category sets."""

from django.db import migrations

BREAKDOWNS = [
    (
        "tip_channel",
        "Kênh tiếp nhận tin báo",
        "Channel of the tip",
        [
            ("online", "Trang tin báo trực tuyến", "Online tip page"),
            ("hotline", "Đường dây nóng", "Hotline"),
            ("letter", "Thư, hộp thư tố giác", "Letter or tip mailbox"),
            ("in_person", "Trực tiếp", "In person"),
            ("transfer", "Cơ quan khác chuyển đến", "Transferred by another body"),
        ],
    ),
    (
        "tip_category",
        "Loại tin báo",
        "Category of the tip",
        [
            ("establishment", "Cơ sở kinh doanh dịch vụ", "Establishment"),
            ("public_place", "Nơi công cộng", "Public place"),
            ("trafficking", "Mua bán người", "Human trafficking"),
            ("online", "Trên mạng", "Online"),
            ("other", "Khác", "Other"),
        ],
    ),
]


def load(apps, schema_editor):
    CategorySet = apps.get_model("indicators", "CategorySet")
    CategoryOption = apps.get_model("indicators", "CategoryOption")
    start = CategorySet.objects.count()
    for order, (code, name, name_en, options) in enumerate(BREAKDOWNS, start=start):
        category_set, _created = CategorySet.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "order": order}
        )
        for position, (option, label, label_en) in enumerate(options):
            CategoryOption.objects.get_or_create(
                category_set=category_set,
                code=option,
                defaults={"name": label, "name_en": label_en, "order": position},
            )


class Migration(migrations.Migration):
    dependencies = [("tips", "0002_catalogue"), ("indicators", "0004_breakdowns_drugs_trafficking")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
