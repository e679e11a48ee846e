"""The breakdowns as rows (they were a dictionary in code until now) and the drugs and
trafficking indicators of the catalogue, for databases created before they existed."""

from django.db import migrations

BREAKDOWNS = [
    ("sex", "Giới tính", "Sex", [("male", "Nam", "Male"), ("female", "Nữ", "Female")]),
    (
        "age_group",
        "Nhóm tuổi",
        "Age band",
        [
            ("under_16", "Dưới 16 tuổi", "Under 16"),
            ("16_17", "Từ 16 đến dưới 18 tuổi", "16 to 17"),
            ("18_29", "Từ 18 đến dưới 30 tuổi", "18 to 29"),
            ("30_plus", "Từ 30 tuổi trở lên", "30 and over"),
        ],
    ),
    (
        "establishment_type",
        "Loại hình cơ sở",
        "Establishment type",
        [
            ("hotel", "Khách sạn", "Hotel"),
            ("guesthouse", "Nhà nghỉ, nhà trọ", "Guesthouse"),
            ("restaurant", "Nhà hàng, quán ăn uống", "Restaurant"),
            ("karaoke", "Karaoke", "Karaoke"),
            ("massage", "Xoa bóp, xông hơi", "Massage, sauna"),
            ("hair_wash", "Cắt tóc, gội đầu", "Hair salon"),
            ("cafe", "Cà phê, giải khát", "Café"),
            ("dance_hall", "Vũ trường, quán bar", "Dance hall, bar"),
            ("other", "Khác", "Other"),
        ],
    ),
    (
        "service_type",
        "Loại dịch vụ hỗ trợ",
        "Service type",
        [
            ("health", "Y tế, HIV/STI", "Health, HIV/STI"),
            ("legal", "Trợ giúp pháp lý", "Legal aid"),
            ("counselling", "Tư vấn tâm lý", "Counselling"),
            ("vocational", "Học nghề, việc làm", "Vocational training, jobs"),
            ("loan", "Vay vốn", "Loans"),
            ("other", "Khác", "Other"),
        ],
    ),
    (
        "channel",
        "Hình thức tuyên truyền",
        "Channel",
        [
            ("meeting", "Hội nghị, nói chuyện chuyên đề", "Meetings, talks"),
            ("mobile", "Tuyên truyền lưu động", "Mobile campaign"),
            ("loudspeaker", "Loa truyền thanh cơ sở", "Loudspeakers"),
            ("press", "Báo, đài", "Press, radio, TV"),
            ("social_media", "Mạng xã hội", "Social media"),
            ("print", "Tờ rơi, pano, áp phích", "Leaflets, posters"),
        ],
    ),
    (
        "audience",
        "Đối tượng tuyên truyền",
        "Audience",
        [
            ("residents", "Nhân dân", "Residents"),
            ("students", "Học sinh, sinh viên", "Students"),
            ("workers", "Công nhân, người lao động", "Workers"),
            ("establishments", "Chủ, nhân viên cơ sở kinh doanh", "Establishment staff"),
            ("officials", "Cán bộ, công chức", "Officials"),
        ],
    ),
]


def load(apps, schema_editor):
    from lanhmanh.indicators.catalogue import INDICATORS

    CategorySet = apps.get_model("indicators", "CategorySet")
    CategoryOption = apps.get_model("indicators", "CategoryOption")
    Indicator = apps.get_model("indicators", "Indicator")
    for order, (code, name, name_en, options) in enumerate(BREAKDOWNS):
        category_set, _created = CategorySet.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "order": order}
        )
        for position, (option, label, label_en) in enumerate(options):
            CategoryOption.objects.get_or_create(
                category_set=category_set,
                code=option,
                defaults={"name": label, "name_en": label_en, "order": position},
            )
    present = set(Indicator.objects.values_list("code", flat=True))
    for order, row in enumerate(INDICATORS):
        if row["code"] not in present:
            Indicator.objects.create(**row, order=order)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0003_editions_and_breakdowns")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
