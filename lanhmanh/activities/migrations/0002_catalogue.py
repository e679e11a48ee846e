from django.db import migrations

# (code, name, group)
KINDS = [
    ("communication_event", "Truyền thông trực tiếp tại cộng đồng", "awareness"),
    ("loudspeaker", "Phát thanh trên loa truyền thanh cơ sở", "awareness"),
    ("media_piece", "Tin, bài, phóng sự trên báo, đài phát thanh, truyền hình", "awareness"),
    ("online_post", "Bài đăng trên mạng xã hội, trang thông tin điện tử", "awareness"),
    ("leaflets", "Phát tờ rơi, treo pa nô, áp phích", "awareness"),
    ("school_session", "Tuyên truyền trong trường học", "awareness"),
    ("peak_campaign", "Đợt cao điểm tuyên truyền", "awareness"),
    ("club_meeting", "Sinh hoạt câu lạc bộ, nhóm cộng đồng", "awareness"),
    ("peer_outreach", "Tiếp cận cộng đồng, đồng đẳng", "awareness"),
    ("training", "Tập huấn, bồi dưỡng nghiệp vụ", "training"),
    ("conference", "Hội nghị, hội thảo", "meeting"),
    ("review_meeting", "Hội nghị sơ kết, tổng kết", "meeting"),
    ("other", "Hoạt động khác", "other"),
]
AUDIENCES = [
    ("residents", "Nhân dân tại khu dân cư"),
    ("students", "Học sinh, sinh viên"),
    ("youth", "Đoàn viên, thanh niên"),
    ("women", "Hội viên phụ nữ"),
    ("business_owners", "Chủ cơ sở kinh doanh dịch vụ"),
    ("workers", "Người lao động tại cơ sở kinh doanh dịch vụ"),
    ("officials", "Cán bộ, công chức"),
    ("team_members", "Thành viên đội kiểm tra liên ngành"),
    ("reporters", "Phóng viên, biên tập viên"),
    ("judicial", "Cán bộ tư pháp, tòa án, kiểm sát"),
    ("at_risk", "Người có nguy cơ cao"),
    ("other", "Đối tượng khác"),
]
MATERIALS = [
    ("leaflet", "Tờ rơi, tờ gấp"),
    ("poster", "Pa nô, áp phích, băng rôn"),
    ("booklet", "Sổ tay, tài liệu"),
    ("news_item", "Tin, bài"),
    ("broadcast", "Lượt phát thanh"),
    ("video", "Phóng sự, video clip"),
    ("other", "Sản phẩm khác"),
]
COUNT = {"measure": "count", "aggregation": "sum", "source": "computed", "topic": "general"}
INDICATORS = [
    dict(
        COUNT,
        code="activities_awareness_held",
        name="Số hoạt động tuyên truyền đã tổ chức (từ sổ hoạt động)",
        definition="Số hoạt động tuyên truyền ghi trong sổ hoạt động có ngày bắt đầu trong kỳ; "
        "có thể giới hạn theo cơ quan tổ chức, cấp hoặc loại hoạt động.",
        measure="times_per_period",
        unit_of_measure="lần",
    ),
    dict(
        COUNT,
        code="activities_awareness_reached",
        name="Số lượt người tham gia tuyên truyền (từ sổ hoạt động)",
        definition="Tổng số người tham gia các hoạt động tuyên truyền bắt đầu trong kỳ.",
        unit_of_measure="lượt người",
        disaggregations=["sex", "age_group"],
    ),
    dict(
        COUNT,
        code="communes_with_awareness_activity",
        name="Xã, phường có ít nhất một hoạt động tuyên truyền (từ sổ hoạt động)",
        definition="Số xã, phường, đặc khu có ít nhất một hoạt động tuyên truyền trong kỳ, trên "
        "tổng số xã, phường đang có hiệu lực vào cuối kỳ.",
        measure="percent",
        numerator_label="Số xã, phường có hoạt động tuyên truyền",
        denominator_label="Tổng số xã, phường",
        aggregation="ratio",
    ),
    dict(
        COUNT,
        code="activities_trainings_held",
        name="Số lớp tập huấn đã tổ chức (từ sổ hoạt động)",
        definition="Số lớp tập huấn, bồi dưỡng nghiệp vụ bắt đầu trong kỳ.",
        unit_of_measure="lớp",
    ),
    dict(
        COUNT,
        code="activities_trainees",
        name="Số lượt người được tập huấn (từ sổ hoạt động)",
        definition="Tổng số người tham gia các lớp tập huấn bắt đầu trong kỳ.",
        unit_of_measure="lượt người",
        disaggregations=["sex", "age_group"],
    ),
    dict(
        COUNT,
        code="activities_meetings_held",
        name="Số hội nghị, cuộc họp, sơ kết, tổng kết (từ sổ hoạt động)",
        definition="Số hội nghị, hội thảo, hội nghị sơ kết, tổng kết bắt đầu trong kỳ.",
        unit_of_measure="hội nghị",
    ),
    dict(
        COUNT,
        code="activities_materials",
        name="Số tài liệu, sản phẩm truyền thông đã phát hành (từ sổ hoạt động)",
        definition="Tổng số tài liệu, sản phẩm ghi kèm các hoạt động bắt đầu trong kỳ.",
        unit_of_measure="sản phẩm",
    ),
    dict(
        COUNT,
        code="activities_spending",
        name="Kinh phí đã chi cho hoạt động (từ sổ hoạt động)",
        definition="Tổng kinh phí ghi kèm các hoạt động bắt đầu trong kỳ.",
        measure="amount",
        unit_of_measure="đồng",
    ),
]


def load(apps, schema_editor):
    ActivityKind = apps.get_model("activities", "ActivityKind")
    AudienceGroup = apps.get_model("activities", "AudienceGroup")
    MaterialKind = apps.get_model("activities", "MaterialKind")
    Indicator = apps.get_model("indicators", "Indicator")
    for order, (code, name, group) in enumerate(KINDS):
        ActivityKind.objects.update_or_create(
            code=code, defaults={"name": name, "group": group, "order": order}
        )
    for order, (code, name) in enumerate(AUDIENCES):
        AudienceGroup.objects.update_or_create(code=code, defaults={"name": name, "order": order})
    for order, (code, name) in enumerate(MATERIALS):
        MaterialKind.objects.update_or_create(code=code, defaults={"name": name, "order": order})
    for order, row in enumerate(INDICATORS, start=200):
        fields = {k: v for k, v in row.items() if k != "code"}
        Indicator.objects.update_or_create(code=row["code"], defaults={**fields, "order": order})


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial"), ("indicators", "0002_catalogue")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
