"""The provincial standing role moved from the labour to the health department on
1 March 2025 (Decree 45/2025/NĐ-CP), not on 1 July 2025: the usual-agency templates say
so, and a 2004-code province whose labour department was standing until 30 June 2025 gets
its health department as standing agency from 1 March."""

import datetime

from django.db import migrations

REORGANISATION = datetime.date(2025, 3, 1)
BEFORE = datetime.date(2025, 2, 28)
OLD_END = datetime.date(2025, 6, 30)
NEW_START = datetime.date(2025, 7, 1)


def forward(apps, schema_editor):
    AgencyTemplate = apps.get_model("organizations", "AgencyTemplate")
    StandingAgency = apps.get_model("organizations", "StandingAgency")
    Agency = apps.get_model("organizations", "Agency")
    AgencyTemplate.objects.filter(
        level="province", sector__code="labour", is_standing=True, valid_to=OLD_END
    ).update(valid_to=BEFORE)
    AgencyTemplate.objects.filter(
        level="province", sector__code="health", is_standing=True, valid_from=NEW_START
    ).update(valid_from=REORGANISATION)
    rows = StandingAgency.objects.filter(
        unit__level="province",
        agency__sector__code="labour",
        valid_from__lt=REORGANISATION,
        valid_to__gte=REORGANISATION,
    )
    for row in rows:
        health = Agency.objects.filter(unit=row.unit_id, sector__code="health").order_by("pk")
        health = health.first()
        if health is None:
            continue
        end, row.valid_to = row.valid_to, BEFORE
        row.save(update_fields=["valid_to"])
        StandingAgency.objects.create(
            unit_id=row.unit_id, agency=health, valid_from=REORGANISATION, valid_to=end
        )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0002_catalogue")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
