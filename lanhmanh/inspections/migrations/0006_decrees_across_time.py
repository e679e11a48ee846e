"""The catalogue across time: each decree's rows valid for its own dates, so an act is
judged by the decree in force on its date.

- Decree 167/2013/NĐ-CP until 31 Dec 2021: new rows. Their ranges are not in the sources
  the catalogue was checked against, so they are marked to be confirmed (an administrator
  corrects them on the catalogue page).
- Decree 144/2021/NĐ-CP from 1 Jan 2022 until 14 Dec 2025, when Decree 282/2025/NĐ-CP
  replaced it: the rows seeded open-ended now end on 14 Dec 2025 (unless an
  administrator has set an end already). Its buying and selling ranges were seeded as
  those of 282/2025 without a source: to be confirmed.
- Decree 282/2025/NĐ-CP from 15 Dec 2025: the acts around prostitution get rows of their
  own, seeded with the ranges of 144/2021 and marked to be confirmed.

Buying and selling sex are acts of a person, never of the establishment where they
happen; the other acts may be committed by a person or an organisation.
"""

import datetime

from django.db import migrations

D167, D144, D282 = "167/2013/NĐ-CP", "144/2021/NĐ-CP", "282/2025/NĐ-CP"
UNTIL_167 = datetime.date(2021, 12, 31)
FROM_144, UNTIL_144 = datetime.date(2022, 1, 1), datetime.date(2025, 12, 14)
FROM_282 = datetime.date(2025, 12, 15)
BUYING, SELLING = "Hành vi mua dâm", "Hành vi bán dâm"
AROUND = "Hành vi khác liên quan đến hoạt động mại dâm"
PERSON, ANY = "person", "any"
PERSON_ACTS = ("Mua dâm", "Bán dâm")

# (decree, article, description, fine_min, fine_max, warning, offender, from, to)
NEW_ROWS = [
    (D167, BUYING, "Mua dâm", 500_000, 1_000_000, False, PERSON, None, UNTIL_167),
    (D167, BUYING, "Mua dâm hai người trở lên cùng một lúc",
     1_000_000, 2_000_000, False, PERSON, None, UNTIL_167),
    (D167, SELLING, "Bán dâm", 100_000, 300_000, True, PERSON, None, UNTIL_167),
    (D167, SELLING, "Bán dâm cho hai người trở lên cùng một lúc",
     300_000, 500_000, False, PERSON, None, UNTIL_167),
    (D167, AROUND, "Che giấu, bảo kê hoạt động mại dâm",
     5_000_000, 10_000_000, False, ANY, None, UNTIL_167),
    (D167, AROUND, "Giúp sức, lôi kéo, dụ dỗ, ép buộc người khác bán dâm",
     10_000_000, 20_000_000, False, ANY, None, UNTIL_167),
    (D167, AROUND, "Dùng vũ lực bảo kê, góp tiền, môi giới hoạt động mại dâm",
     30_000_000, 50_000_000, False, ANY, None, UNTIL_167),
    (D282, AROUND, "Che giấu, bảo kê hoạt động mại dâm",
     5_000_000, 10_000_000, False, ANY, FROM_282, None),
    (D282, AROUND, "Giúp sức, lôi kéo, dụ dỗ, ép buộc người khác bán dâm",
     10_000_000, 20_000_000, False, ANY, FROM_282, None),
    (D282, AROUND, "Dùng vũ lực bảo kê, góp tiền, môi giới hoạt động mại dâm",
     30_000_000, 50_000_000, False, ANY, FROM_282, None),
    (D282, AROUND, "Lợi dụng chức vụ, quyền hạn bảo kê hoạt động mại dâm",
     50_000_000, 75_000_000, False, PERSON, FROM_282, None),
]  # fmt: skip


def forward(apps, schema_editor):
    ViolationType = apps.get_model("inspections", "ViolationType")
    for row in ViolationType.objects.all():
        if row.description.startswith(PERSON_ACTS) or row.description.startswith("Lợi dụng chức"):
            row.offender = PERSON
        if row.decree == D144 and row.article in (BUYING, SELLING):
            row.to_confirm = True
        if row.decree == D144 and row.valid_to is None:
            row.valid_to = UNTIL_144
        row.save(update_fields=["offender", "to_confirm", "valid_to"])
    for order, row in enumerate(NEW_ROWS, start=100):
        decree, article, description, low, high, warning, offender, start, end = row
        ViolationType.objects.get_or_create(
            decree=decree,
            description=description,
            defaults={
                "article": article,
                "fine_min": low,
                "fine_max": high,
                "warning_allowed": warning,
                "offender": offender,
                "valid_from": start,
                "valid_to": end,
                "to_confirm": True,
                "order": order,
            },
        )


def backward(apps, schema_editor):
    ViolationType = apps.get_model("inspections", "ViolationType")
    for decree, _a, description, *_rest in NEW_ROWS:
        ViolationType.objects.filter(decree=decree, description=description).delete()
    ViolationType.objects.filter(decree=D144, valid_to=UNTIL_144).update(valid_to=None)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0005_violation_type_validity")]
    operations = [migrations.RunPython(forward, backward)]
