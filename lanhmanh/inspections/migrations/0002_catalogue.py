from django.db import migrations


def load(apps, schema_editor):
    from lanhmanh.inspections import catalogue as c

    BusinessType = apps.get_model("inspections", "BusinessType")
    ChecklistVersion = apps.get_model("inspections", "ChecklistVersion")
    ChecklistItem = apps.get_model("inspections", "ChecklistItem")
    ViolationType = apps.get_model("inspections", "ViolationType")
    for order, (code, name) in enumerate(c.BUSINESS_TYPES):
        BusinessType.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    version, created = ChecklistVersion.objects.get_or_create(
        number=1, defaults={"name": c.CHECKLIST_NAME, "valid_from": c.CHECKLIST_FROM}
    )
    if created:
        for order, (area, text) in enumerate(c.CHECKLIST_ITEMS):
            ChecklistItem.objects.create(version=version, area=area, text=text, order=order)
    for order, row in enumerate(c.VIOLATION_TYPES):
        decree, article, description, fine_min, fine_max, warning, valid_from, valid_to = row
        ViolationType.objects.get_or_create(
            decree=decree,
            article=article,
            description=description,
            defaults={
                "fine_min": fine_min,
                "fine_max": fine_max,
                "warning_allowed": warning,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
