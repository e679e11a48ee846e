"""The national frameworks and the module's computed indicators.

NQLT 01/2008/NQLT-BLĐTBXH-BCA-BVHTTDL-UBTUMTTQVN: the attachment with its criteria was
not retrieved, so the criteria and points below follow its structure as far as known and
are shipped unconfirmed (``confirmed=False``, said on screen), for a national
administrator to correct against the signed text. Decision 28/2025/QĐ-TTg: the classes it
names (drug-free communes, key areas of types I–III) with criteria to be confirmed.
"""

from django.db import migrations

UNCONFIRMED = " (chưa xác nhận theo văn bản)"
TO_CONFIRM = " (cần xác nhận theo Quyết định 28/2025/QĐ-TTg)"

FRAMEWORKS = [
    {
        "kind": "prostitution",
        "name": "Xã, phường lành mạnh không có tệ nạn mại dâm",
        "legal_basis": "Nghị quyết liên tịch số 01/2008/NQLT-BLĐTBXH-BCA-BVHTTDL-UBTUMTTQVN",
        "criteria": [
            (
                "no_hotspot",
                "Không có tụ điểm mại dâm công cộng hoạt động trên địa bàn",
                "pass_fail",
                None,
                True,
                "Sổ tụ điểm; biên bản kiểm tra, xác minh",
                "no_active_hotspot",
            ),
            (
                "establishments",
                "Các cơ sở kinh doanh dịch vụ dễ bị lợi dụng được quản lý, ký cam kết không để "
                "xảy ra hoạt động mại dâm",
                "points",
                25,
                False,
                "Sổ cơ sở, bản cam kết đã ký",
                "establishments_committed",
            ),
            (
                "awareness",
                "Tổ chức tuyên truyền phòng, chống mại dâm thường xuyên, ít nhất mỗi quý một lần",
                "points",
                25,
                False,
                "Danh sách hoạt động tuyên truyền, ảnh, biên bản",
                "awareness_each_quarter",
            ),
            (
                "tips",
                "Tin báo, tố giác về mại dâm được tiếp nhận, xác minh, giải quyết kịp thời",
                "points",
                15,
                False,
                "Sổ tin báo, kết quả giải quyết",
                "tips_closed",
            ),
            (
                "steering",
                "Có kế hoạch và Ban chỉ đạo phòng, chống tội phạm, tệ nạn xã hội hoạt động có "
                "hiệu quả",
                "points",
                15,
                False,
                "Kế hoạch năm, quyết định kiện toàn Ban chỉ đạo, biên bản họp",
                "",
            ),
            (
                "support",
                "Người bán dâm, người có nguy cơ được tiếp cận, hỗ trợ hòa nhập cộng đồng",
                "points",
                20,
                False,
                "Sổ theo dõi hỗ trợ, danh sách mô hình",
                "",
            ),
        ],
        "classes": [
            ("type_1", "Loại 1: Xã, phường lành mạnh không có tệ nạn mại dâm", 80, True, True),
            ("type_2", "Loại 2: Có tệ nạn mại dâm nhưng không phức tạp", 50, False, False),
            ("type_3", "Loại 3: Trọng điểm, phức tạp về tệ nạn mại dâm", 0, False, False),
        ],
        "suffix": UNCONFIRMED,
    },
    {
        "kind": "drugs",
        "name": "Xã, phường không ma túy",
        "legal_basis": "Quyết định số 28/2025/QĐ-TTg",
        "criteria": [
            (
                "no_drug_hotspot",
                "Không có điểm, tụ điểm, tổ chức sử dụng trái phép chất ma túy trên địa bàn",
                "pass_fail",
                None,
                True,
                "Báo cáo của Công an xã",
                "",
            ),
            (
                "no_drug_crime",
                "Không phát sinh tội phạm về ma túy trên địa bàn",
                "pass_fail",
                None,
                True,
                "Báo cáo của Công an xã",
                "",
            ),
            (
                "drug_users_managed",
                "Người sử dụng trái phép chất ma túy, người nghiện được quản lý, cai nghiện, "
                "hỗ trợ",
                "points",
                50,
                False,
                "Danh sách quản lý, hồ sơ cai nghiện",
                "",
            ),
            (
                "awareness",
                "Tổ chức tuyên truyền phòng, chống ma túy ít nhất mỗi quý một lần",
                "points",
                50,
                False,
                "Danh sách hoạt động tuyên truyền",
                "awareness_each_quarter",
            ),
        ],
        "classes": [
            ("drug_free", "Xã, phường không ma túy", 0, True, True),
            (
                "key_area",
                "Địa bàn trọng điểm về ma túy (loại I, II hoặc III)",
                0,
                False,
                False,
            ),
        ],
        "suffix": TO_CONFIRM,
    },
]

COMPUTED = {"source": "computed", "topic": "prostitution", "aggregation": "last"}
INDICATORS = [
    dict(
        COMPUTED,
        code="assessed_healthy_communes",
        name="Số xã, phường lành mạnh không có tệ nạn mại dâm (từ kết quả đánh giá)",
        definition="Số xã, phường, đặc khu có kết quả phân loại gần nhất đã phê duyệt (đến "
        "cuối kỳ) thuộc loại được công nhận lành mạnh.",
        measure="count",
        unit_of_measure="xã, phường",
    ),
    dict(
        COMPUTED,
        code="assessed_healthy_communes_share",
        name="Tỷ lệ xã, phường lành mạnh không có tệ nạn mại dâm (từ kết quả đánh giá)",
        definition="Số xã, phường được công nhận lành mạnh theo kết quả phân loại gần nhất "
        "trên tổng số xã, phường đang có hiệu lực vào cuối kỳ.",
        measure="percent",
        numerator_label="Số xã, phường lành mạnh",
        denominator_label="Tổng số xã, phường",
    ),
    dict(
        COMPUTED,
        code="assessed_healthy_communes_new",
        name="Số xã, phường lành mạnh xây dựng mới (từ kết quả đánh giá)",
        definition="Số xã, phường được công nhận lành mạnh trong kỳ mà năm trước chưa được "
        "công nhận.",
        measure="count",
        unit_of_measure="xã, phường",
        aggregation="sum",
    ),
    dict(
        COMPUTED,
        code="assessed_healthy_communes_lost",
        name="Số xã, phường không còn được công nhận lành mạnh (từ kết quả đánh giá)",
        definition="Số xã, phường được phân loại trong kỳ không còn lành mạnh mà năm trước "
        "đã được công nhận.",
        measure="count",
        unit_of_measure="xã, phường",
        aggregation="sum",
    ),
]


def load(apps, schema_editor):
    Framework = apps.get_model("assessments", "Framework")
    FrameworkVersion = apps.get_model("assessments", "FrameworkVersion")
    Criterion = apps.get_model("assessments", "Criterion")
    AssessmentClass = apps.get_model("assessments", "AssessmentClass")
    Indicator = apps.get_model("indicators", "Indicator")
    for spec in FRAMEWORKS:
        if Framework.objects.filter(kind=spec["kind"], unit__isnull=True).exists():
            continue
        framework = Framework.objects.create(
            kind=spec["kind"], name=spec["name"], legal_basis=spec["legal_basis"]
        )
        version = FrameworkVersion.objects.create(
            framework=framework, number=1, note="Bộ tiêu chí ban đầu" + spec["suffix"]
        )
        for order, (code, text, rule, max_points, must_pass, evidence, source) in enumerate(
            spec["criteria"], start=1
        ):
            Criterion.objects.create(
                framework_version=version,
                order=order,
                code=code,
                text=text,
                rule=rule,
                max_points=max_points,
                must_pass=must_pass,
                evidence_asked=evidence,
                source=source,
                confirmed=False,
            )
        for order, (code, name, min_points, needs, healthy) in enumerate(spec["classes"], 1):
            AssessmentClass.objects.create(
                framework_version=version,
                order=order,
                code=code,
                name=name,
                min_points=min_points,
                needs_all_required=needs,
                healthy=healthy,
            )
    for order, row in enumerate(INDICATORS, start=400):
        fields = {k: v for k, v in row.items() if k != "code"}
        if not Indicator.objects.filter(code=row["code"]).exists():
            Indicator.objects.create(code=row["code"], order=order, **fields)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("indicators", "0004_breakdowns_drugs_trafficking"),
    ]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
