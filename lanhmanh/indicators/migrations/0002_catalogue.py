from django.db import migrations


def load(apps, schema_editor):
    from lanhmanh.indicators.catalogue import INDICATORS

    Indicator = apps.get_model("indicators", "Indicator")
    for order, row in enumerate(INDICATORS):
        fields = {k: v for k, v in row.items() if k != "code"}
        Indicator.objects.update_or_create(code=row["code"], defaults={**fields, "order": order})


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
