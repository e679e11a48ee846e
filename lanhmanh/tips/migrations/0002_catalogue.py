from django.db import migrations


def load(apps, schema_editor):
    from lanhmanh.tips.catalogue import DEADLINES
    from lanhmanh.tips.indicators import CATALOGUE

    DeadlineRule = apps.get_model("tips", "DeadlineRule")
    for category, days, extension, basis in DEADLINES:
        DeadlineRule.objects.get_or_create(
            category=category,
            defaults={"days": days, "extension_days": extension, "legal_basis": basis},
        )
    Indicator = apps.get_model("indicators", "Indicator")
    # Beside the catalogue's own tip rows (ties are ordered by code).
    order = Indicator.objects.filter(code="tips_handled_share").values_list("order", flat=True)
    for row in CATALOGUE:
        fields = {k: v for k, v in row.items() if k != "code"}
        Indicator.objects.update_or_create(
            code=row["code"], defaults={**fields, "order": order.first() or 0}
        )


class Migration(migrations.Migration):
    dependencies = [("tips", "0001_initial"), ("indicators", "0002_catalogue")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
