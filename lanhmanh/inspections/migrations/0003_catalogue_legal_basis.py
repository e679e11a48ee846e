"""The seeded violation rows cited article and clause numbers that were never confirmed
(144/2021: 'Điều 24, khoản 1', 'Điều 25, khoản 1', 'Điều 26'; 282/2025: 'khoản 1/2'). They
now name the act the decree punishes; rows an administrator has edited are left alone."""

from django.db import migrations

D144, D282 = "144/2021/NĐ-CP", "282/2025/NĐ-CP"
BUYING, SELLING = "Hành vi mua dâm", "Hành vi bán dâm"
AROUND = "Hành vi khác liên quan đến hoạt động mại dâm"
# (decree, article as seeded, description) → article
RENAMES = {
    (D282, "Hành vi mua dâm, khoản 1", "Mua dâm"): BUYING,
    (D282, "Hành vi mua dâm, khoản 2", "Mua dâm hai người trở lên cùng một lúc"): BUYING,
    (D282, "Hành vi bán dâm, khoản 1", "Bán dâm"): SELLING,
    (D282, "Hành vi bán dâm, khoản 2", "Bán dâm cho hai người trở lên cùng một lúc"): SELLING,
    (D144, "Điều 24, khoản 1", "Mua dâm"): BUYING,
    (D144, "Điều 25, khoản 1", "Bán dâm"): SELLING,
    (D144, "Điều 26", "Che giấu, bảo kê hoạt động mại dâm"): AROUND,
    (D144, "Điều 26", "Giúp sức, lôi kéo, dụ dỗ, ép buộc người khác bán dâm"): AROUND,
    (D144, "Điều 26", "Dùng vũ lực bảo kê, góp tiền, môi giới hoạt động mại dâm"): AROUND,
    (D144, "Điều 26", "Lợi dụng chức vụ, quyền hạn bảo kê hoạt động mại dâm"): AROUND,
}


def rename(apps, schema_editor):
    ViolationType = apps.get_model("inspections", "ViolationType")
    for (decree, article, description), new in RENAMES.items():
        ViolationType.objects.filter(
            decree=decree, article=article, description=description
        ).update(article=new)


class Migration(migrations.Migration):
    dependencies = [("inspections", "0002_catalogue")]
    operations = [migrations.RunPython(rename, migrations.RunPython.noop)]
