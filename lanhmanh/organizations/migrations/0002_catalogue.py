from django.db import migrations


def load(apps, schema_editor):
    from lanhmanh.organizations.catalogue import SECTORS, TEMPLATES

    Sector = apps.get_model("organizations", "Sector")
    AgencyTemplate = apps.get_model("organizations", "AgencyTemplate")
    sectors = {}
    for order, (code, name) in enumerate(SECTORS):
        sectors[code], _ = Sector.objects.get_or_create(
            code=code, defaults={"name": name, "order": order}
        )
    for level, sector, name, valid_from, valid_to, standing in TEMPLATES:
        AgencyTemplate.objects.get_or_create(
            level=level,
            sector=sectors[sector],
            name=name,
            valid_from=valid_from,
            valid_to=valid_to,
            defaults={"is_standing": standing},
        )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
