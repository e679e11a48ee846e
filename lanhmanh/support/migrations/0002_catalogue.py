from django.db import migrations


def load(apps, schema_editor):
    from lanhmanh.support.catalogue import SERVICE_TYPES

    ServiceType = apps.get_model("support", "ServiceType")
    for order, (code, name) in enumerate(SERVICE_TYPES):
        ServiceType.objects.update_or_create(code=code, defaults={"name": name, "order": order})


def load_indicators(apps, schema_editor):
    from lanhmanh.support.indicators import CATALOGUE

    Indicator = apps.get_model("indicators", "Indicator")
    start = 1000  # after the catalogue's own rows
    for order, row in enumerate(CATALOGUE, start=start):
        fields = {k: v for k, v in row.items() if k != "code"}
        Indicator.objects.update_or_create(code=row["code"], defaults={**fields, "order": order})


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial"), ("indicators", "0002_catalogue")]
    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(load_indicators, migrations.RunPython.noop),
    ]
