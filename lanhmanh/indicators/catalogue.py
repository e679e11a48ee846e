"""The programme's indicators as data: the rows a data migration loads into ``Indicator``.

Each row says what is counted (``definition``), how it is measured and how it adds up:

- ``sum``: flows over a period (activities held, inspections made): the value of a window
  is the sum over its periods and over the units below;
- ``ratio``: a percentage kept as a numerator and a denominator, both summed, divided last;
- ``last``: a stock (establishments at risk, hotspots active, communes classified healthy,
  or a year-to-date status such as 'the commune has run an awareness activity this year'):
  the value of a window is each unit's figure of its last period inside the window,
  summed over the units. A ratio may be a stock too (``last`` with a denominator).

``source`` says where the figures come from: ``entered`` in report forms, or ``computed``
by a module that registers a function under the same code (``registry.register``).
The codes below marked computed are registered by the inspections module. Drugs and
trafficking rows follow what the yearly plans of the programme report on (plan seed 004:
drug users managed, rehabilitation at home and in the community, drug-free communes,
victims of trafficking received and supported).

``SUGGESTIONS`` is the keyword table that proposes an indicator for a plan target from its
text (folded: lower case, no diacritics), see ``reporting.progress.suggest_indicator``.
"""

# Breakdowns are data (``CategorySet`` rows, loaded by migration 0004 and editable in the
# browser); the rows below name them by code.
SEX = ["sex"]
PEOPLE = ["sex", "age_group"]
PLACES = ["establishment_type"]


def _row(
    code,
    name,
    definition,
    *,
    measure="count",
    unit_of_measure="",
    numerator="",
    denominator="",
    aggregation="sum",
    source="entered",
    disaggregations=(),
    topic="prostitution",
):
    return {
        "code": code,
        "name": name,
        "definition": definition,
        "measure": measure,
        "unit_of_measure": unit_of_measure,
        "numerator_label": numerator,
        "denominator_label": denominator,
        "aggregation": aggregation,
        "source": source,
        "disaggregations": list(disaggregations),
        "topic": topic,
    }


INDICATORS = [
    # Awareness and training
    _row(
        "awareness_activities",
        "Số lần tổ chức tuyên truyền",
        "Số buổi, đợt tuyên truyền về phòng, chống mại dâm (hội nghị, nói chuyện chuyên đề, "
        "sân khấu hóa, tuyên truyền lưu động, trên mạng xã hội) tổ chức trong kỳ.",
        measure="times_per_period",
        unit_of_measure="lần",
    ),
    _row(
        "awareness_participants",
        "Số lượt người tham dự tuyên truyền",
        "Số lượt người tham dự các hoạt động tuyên truyền trong kỳ.",
        unit_of_measure="lượt người",
        disaggregations=SEX,
    ),
    _row(
        "communes_with_awareness_share",
        "Tỷ lệ xã, phường tổ chức tuyên truyền",
        "Xã, phường, đặc khu (trước 01/07/2025: cả thị trấn) đã tổ chức ít nhất một hình "
        "thức tuyên truyền về phòng, chống mại dâm từ đầu năm, trên tổng số xã, phường. "
        "Mỗi xã báo cáo 1/1 nếu đã tổ chức, 0/1 nếu chưa; số liệu lũy kế từ đầu năm.",
        measure="percent",
        numerator="Số xã, phường đã tổ chức tuyên truyền",
        denominator="Tổng số xã, phường",
        aggregation="last",
    ),
    _row(
        "broadcasts",
        "Số tin, bài, phóng sự trên báo, đài",
        "Số tin, bài, phóng sự về phòng, chống mại dâm phát trên đài phát thanh, truyền "
        "hình, báo in, báo điện tử và hệ thống loa truyền thanh cơ sở trong kỳ.",
        unit_of_measure="tin, bài",
    ),
    _row(
        "trainings",
        "Số lớp tập huấn",
        "Số lớp tập huấn, bồi dưỡng nghiệp vụ phòng, chống mại dâm tổ chức trong kỳ.",
        unit_of_measure="lớp",
    ),
    _row(
        "training_participants",
        "Số lượt cán bộ được tập huấn",
        "Số lượt cán bộ tham dự các lớp tập huấn, bồi dưỡng trong kỳ.",
        unit_of_measure="lượt người",
        disaggregations=SEX,
    ),
    # Establishments and inspections (computed by the inspections module)
    _row(
        "establishments_at_risk",
        "Số cơ sở kinh doanh dịch vụ dễ bị lợi dụng",
        "Số cơ sở kinh doanh dịch vụ dễ bị lợi dụng để hoạt động mại dâm đang hoạt động "
        "trên địa bàn vào cuối kỳ.",
        unit_of_measure="cơ sở",
        aggregation="last",
        source="computed",
        disaggregations=PLACES,
    ),
    _row(
        "establishments_inspected",
        "Số cơ sở được kiểm tra",
        "Số cơ sở kinh doanh dịch vụ khác nhau được kiểm tra ít nhất một lần trong kỳ.",
        unit_of_measure="cơ sở",
        source="computed",
        disaggregations=PLACES,
    ),
    _row(
        "establishments_inspected_share",
        "Tỷ lệ cơ sở được kiểm tra",
        "Số cơ sở được kiểm tra trong kỳ trên tổng số cơ sở kinh doanh dịch vụ dễ bị lợi "
        "dụng để hoạt động mại dâm trên địa bàn.",
        measure="percent",
        numerator="Số cơ sở được kiểm tra",
        denominator="Số cơ sở kinh doanh dịch vụ dễ bị lợi dụng",
        aggregation="ratio",
        source="computed",
    ),
    _row(
        "inspections",
        "Số lượt kiểm tra",
        "Số lượt kiểm tra cơ sở kinh doanh dịch vụ của các đoàn, đội kiểm tra trong kỳ.",
        unit_of_measure="lượt",
        source="computed",
        disaggregations=PLACES,
    ),
    _row(
        "inspections_unannounced",
        "Số lượt kiểm tra đột xuất",
        "Số lượt kiểm tra không báo trước (đột xuất, theo tin báo) trong kỳ.",
        unit_of_measure="lượt",
        source="computed",
    ),
    _row(
        "violations",
        "Số vụ vi phạm phát hiện qua kiểm tra",
        "Số vụ vi phạm hành chính phát hiện qua kiểm tra, lập biên bản trong kỳ.",
        unit_of_measure="vụ",
        source="computed",
        disaggregations=PLACES,
    ),
    _row(
        "fines_vnd",
        "Số tiền xử phạt vi phạm hành chính",
        "Tổng số tiền phạt theo các quyết định xử phạt vi phạm hành chính ban hành trong kỳ.",
        measure="amount",
        unit_of_measure="đồng",
        source="computed",
    ),
    _row(
        "establishments_committed",
        "Số cơ sở ký cam kết",
        "Số cơ sở kinh doanh dịch vụ ký cam kết không để xảy ra hoạt động mại dâm trong kỳ.",
        unit_of_measure="cơ sở",
        source="computed",
    ),
    _row(
        "followups_overdue",
        "Số vụ vi phạm quá hạn hậu kiểm",
        "Số vụ vi phạm đã đến hạn hậu kiểm nhưng chưa được hậu kiểm vào cuối kỳ.",
        unit_of_measure="vụ",
        aggregation="last",
        source="computed",
    ),
    _row(
        "establishments_surveyed",
        "Số cơ sở được khảo sát",
        "Số cơ sở kinh doanh dịch vụ được khảo sát, nắm tình hình hoạt động mại dâm trong kỳ.",
        unit_of_measure="cơ sở",
    ),
    _row(
        "violations_handled",
        "Số vụ vi phạm được xử lý",
        "Số vụ vi phạm pháp luật về phòng, chống mại dâm đã được xử lý (xử phạt, chuyển "
        "cơ quan có thẩm quyền) trong kỳ.",
        unit_of_measure="vụ",
    ),
    _row(
        "violations_handled_share",
        "Tỷ lệ vụ vi phạm được xử lý",
        "Số vụ vi phạm được xử lý trên số vụ vi phạm phát hiện trong kỳ.",
        measure="percent",
        numerator="Số vụ vi phạm được xử lý",
        denominator="Số vụ vi phạm phát hiện",
        aggregation="ratio",
    ),
    _row(
        "inspection_teams",
        "Số đội kiểm tra liên ngành 178 được thành lập",
        "Số đội kiểm tra liên ngành 178 đã thành lập và đang hoạt động trên địa bàn vào cuối kỳ.",
        unit_of_measure="đội",
        aggregation="last",
    ),
    # Hotspots (computed by the inspections module)
    _row(
        "hotspots_active",
        "Số tụ điểm mại dâm đang hoạt động",
        "Số tụ điểm mại dâm công cộng còn hoạt động vào cuối kỳ.",
        unit_of_measure="tụ điểm",
        aggregation="last",
        source="computed",
    ),
    _row(
        "hotspots_eliminated",
        "Số tụ điểm mại dâm được triệt xóa",
        "Số tụ điểm mại dâm công cộng được triệt xóa trong kỳ.",
        unit_of_measure="tụ điểm",
        source="computed",
    ),
    _row(
        "hotspots_reactivated",
        "Số tụ điểm mại dâm tái hoạt động",
        "Số tụ điểm đã triệt xóa nhưng hoạt động trở lại trong kỳ.",
        unit_of_measure="tụ điểm",
        source="computed",
    ),
    # Criminal cases
    _row(
        "criminal_cases_detected",
        "Số vụ án mại dâm phát hiện, triệt phá",
        "Số vụ phạm tội liên quan đến mại dâm (chứa, môi giới, tổ chức mại dâm, mua dâm "
        "người dưới 18 tuổi) được phát hiện, triệt phá trong kỳ.",
        unit_of_measure="vụ",
    ),
    _row(
        "criminal_cases_prosecuted",
        "Số vụ án mại dâm khởi tố",
        "Số vụ án liên quan đến mại dâm được khởi tố, xử lý hình sự trong kỳ.",
        unit_of_measure="vụ",
    ),
    _row(
        "criminal_defendants_prosecuted",
        "Số bị can bị khởi tố",
        "Số bị can bị khởi tố trong các vụ án liên quan đến mại dâm trong kỳ.",
        unit_of_measure="bị can",
        disaggregations=SEX,
    ),
    _row(
        "criminal_cases_tried",
        "Số vụ án mại dâm đưa ra xét xử",
        "Số vụ án liên quan đến mại dâm được đưa ra xét xử (kể cả xét xử lưu động) trong kỳ.",
        unit_of_measure="vụ",
    ),
    # Tips
    _row(
        "tips_received",
        "Số tin báo, tố giác tiếp nhận",
        "Số tin báo, tố giác, kiến nghị về hoạt động mại dâm tiếp nhận trong kỳ (đường dây "
        "nóng, hộp thư, trực tiếp, cơ quan khác chuyển đến).",
        unit_of_measure="tin",
    ),
    _row(
        "tips_handled_in_time",
        "Số tin báo được xác minh, xử lý đúng hạn",
        "Số tin báo, tố giác tiếp nhận trong kỳ đã được xác minh, xử lý trong thời hạn.",
        unit_of_measure="tin",
    ),
    _row(
        "tips_handled_share",
        "Tỷ lệ tin báo, tố giác được xử lý đúng hạn",
        "Số tin báo, tố giác được xác minh, xử lý đúng hạn trên số tin tiếp nhận trong kỳ.",
        measure="percent",
        numerator="Số tin được xử lý đúng hạn",
        denominator="Số tin tiếp nhận",
        aggregation="ratio",
    ),
    # Support for sex workers
    _row(
        "sex_workers_reached",
        "Số lượt người bán dâm được tiếp cận",
        "Số lượt người bán dâm được tiếp cận, tư vấn, cung cấp thông tin trong kỳ.",
        unit_of_measure="lượt người",
        disaggregations=PEOPLE,
    ),
    _row(
        "sex_workers_reached_share",
        "Tỷ lệ người bán dâm được tiếp cận",
        "Số người bán dâm đã được tiếp cận từ đầu năm trên số người bán dâm ước tính trên "
        "địa bàn (lũy kế từ đầu năm).",
        measure="percent",
        numerator="Số người bán dâm đã được tiếp cận",
        denominator="Số người bán dâm ước tính",
        aggregation="last",
    ),
    _row(
        "sex_workers_supported",
        "Số lượt người bán dâm sử dụng dịch vụ hỗ trợ",
        "Số lượt người bán dâm sử dụng dịch vụ hỗ trợ (y tế, HIV/STI, pháp lý, tư vấn, học "
        "nghề, việc làm, vay vốn) trong kỳ.",
        unit_of_measure="lượt người",
        disaggregations=PEOPLE,
    ),
    _row(
        "support_models_new",
        "Số mô hình hỗ trợ xây dựng mới",
        "Số mô hình phòng, chống mại dâm, hỗ trợ giảm hại, hòa nhập cộng đồng xây dựng mới "
        "trong kỳ.",
        unit_of_measure="mô hình",
    ),
    _row(
        "support_models_maintained",
        "Số mô hình hỗ trợ được duy trì",
        "Số mô hình phòng, chống mại dâm, hỗ trợ đang được duy trì hoạt động vào cuối kỳ.",
        unit_of_measure="mô hình",
        aggregation="last",
    ),
    # Healthy communes, plans and integration
    _row(
        "healthy_communes",
        "Số xã, phường lành mạnh không có tệ nạn mại dâm",
        "Số xã, phường được công nhận lành mạnh không có tệ nạn ma túy, mại dâm theo kết "
        "quả phân loại gần nhất.",
        unit_of_measure="xã, phường",
        aggregation="last",
    ),
    _row(
        "healthy_communes_new",
        "Số xã, phường lành mạnh xây dựng mới",
        "Số xã, phường lần đầu được công nhận lành mạnh không có tệ nạn mại dâm trong kỳ.",
        unit_of_measure="xã, phường",
    ),
    _row(
        "healthy_communes_share",
        "Tỷ lệ xã, phường lành mạnh không có tệ nạn mại dâm",
        "Số xã, phường được công nhận lành mạnh trên tổng số xã, phường (theo kết quả phân "
        "loại gần nhất).",
        measure="percent",
        numerator="Số xã, phường lành mạnh",
        denominator="Tổng số xã, phường",
        aggregation="last",
    ),
    _row(
        "units_with_integration_plan_share",
        "Tỷ lệ đơn vị lồng ghép nhiệm vụ phòng, chống mại dâm",
        "Số đơn vị có kế hoạch lồng ghép nhiệm vụ phòng, chống mại dâm với các chương trình "
        "kinh tế - xã hội khác trên tổng số đơn vị (lũy kế từ đầu năm).",
        measure="percent",
        numerator="Số đơn vị có kế hoạch lồng ghép",
        denominator="Tổng số đơn vị",
        aggregation="last",
    ),
    _row(
        "units_with_plan_share",
        "Tỷ lệ đơn vị ban hành kế hoạch phòng, chống mại dâm",
        "Số đơn vị đã ban hành kế hoạch phòng, chống mại dâm năm trên tổng số đơn vị.",
        measure="percent",
        numerator="Số đơn vị có kế hoạch",
        denominator="Tổng số đơn vị",
        aggregation="last",
    ),
    # Drugs (plan seed 004; Decision 28/2025/QĐ-TTg for drug-free communes)
    _row(
        "drug_users_managed",
        "Số người sử dụng trái phép chất ma túy, người nghiện được quản lý",
        "Số người sử dụng trái phép chất ma túy và người nghiện ma túy có hồ sơ quản lý trên "
        "địa bàn vào cuối kỳ.",
        unit_of_measure="người",
        aggregation="last",
        disaggregations=PEOPLE,
        topic="drugs",
    ),
    _row(
        "drug_users_new",
        "Số người nghiện ma túy mới phát hiện",
        "Số người nghiện ma túy lần đầu được phát hiện, lập hồ sơ trong kỳ.",
        unit_of_measure="người",
        disaggregations=SEX,
        topic="drugs",
    ),
    _row(
        "drug_rehab_community",
        "Số người cai nghiện ma túy tại gia đình, cộng đồng",
        "Số người được tổ chức cai nghiện ma túy tự nguyện tại gia đình, cộng đồng trong kỳ.",
        unit_of_measure="người",
        disaggregations=SEX,
        topic="drugs",
    ),
    _row(
        "drug_rehab_compulsory",
        "Số người được đưa vào cơ sở cai nghiện bắt buộc",
        "Số người có quyết định đưa vào cơ sở cai nghiện bắt buộc trong kỳ.",
        unit_of_measure="người",
        disaggregations=SEX,
        topic="drugs",
    ),
    _row(
        "drug_post_rehab_managed",
        "Số người được quản lý sau cai nghiện",
        "Số người đang được quản lý, hỗ trợ sau cai nghiện ma túy tại nơi cư trú vào cuối kỳ.",
        unit_of_measure="người",
        aggregation="last",
        topic="drugs",
    ),
    _row(
        "drug_cases_detected",
        "Số vụ phạm tội về ma túy phát hiện, bắt giữ",
        "Số vụ phạm tội về ma túy được phát hiện, bắt giữ trong kỳ.",
        unit_of_measure="vụ",
        topic="drugs",
    ),
    _row(
        "drug_free_communes_share",
        "Tỷ lệ xã, phường không có ma túy",
        "Số xã, phường được công nhận không có ma túy trên tổng số xã, phường (theo kết quả "
        "phân loại gần nhất).",
        measure="percent",
        numerator="Số xã, phường không có ma túy",
        denominator="Tổng số xã, phường",
        aggregation="last",
        topic="drugs",
    ),
    # Trafficking (Law 53/2024/QH15; plan seed 004)
    _row(
        "trafficking_victims_received",
        "Số nạn nhân bị mua bán được tiếp nhận",
        "Số người được xác định là nạn nhân bị mua bán được tiếp nhận, xác minh trong kỳ.",
        unit_of_measure="người",
        disaggregations=PEOPLE,
        topic="trafficking",
    ),
    _row(
        "trafficking_victims_supported",
        "Số nạn nhân bị mua bán được hỗ trợ",
        "Số nạn nhân bị mua bán được hưởng các chế độ hỗ trợ (nhu cầu thiết yếu, y tế, tâm "
        "lý, trợ giúp pháp lý, học nghề, trợ cấp khó khăn ban đầu, vay vốn) trong kỳ.",
        unit_of_measure="người",
        disaggregations=SEX,
        topic="trafficking",
    ),
    _row(
        "trafficking_cases_detected",
        "Số vụ mua bán người phát hiện",
        "Số vụ phạm tội mua bán người (Bộ luật Hình sự, điều 150, 151) phát hiện trong kỳ.",
        unit_of_measure="vụ",
        topic="trafficking",
    ),
    _row(
        "trafficking_awareness_activities",
        "Số lần tuyên truyền phòng, chống mua bán người",
        "Số buổi, đợt tuyên truyền về phòng, chống mua bán người tổ chức trong kỳ.",
        measure="times_per_period",
        unit_of_measure="lần",
        topic="trafficking",
    ),
]

COMPUTED_BY_INSPECTIONS = [
    "establishments_at_risk",
    "establishments_inspected",
    "establishments_inspected_share",
    "inspections",
    "inspections_unannounced",
    "violations",
    "fines_vnd",
    "establishments_committed",
    "followups_overdue",
    "hotspots_active",
    "hotspots_eliminated",
    "hotspots_reactivated",
]

# (keywords that must all appear in the folded target text, codes they point to). A
# target's candidates are scored by the keywords matched; the target's measure (count or
# percent) then picks between a count and its percentage.
SUGGESTIONS = [
    (
        ("tuyen truyen",),
        [
            "awareness_activities",
            "communes_with_awareness_share",
            "activities_awareness_held",
            "communes_with_awareness_activity",
        ],
    ),
    (("tuyen truyen", "xa"), ["communes_with_awareness_share", "communes_with_awareness_activity"]),
    (("tuyen truyen", "lan"), ["awareness_activities", "activities_awareness_held"]),
    (("phat thanh",), ["broadcasts"]),
    (("truyen hinh",), ["broadcasts"]),
    (("tin, bai",), ["broadcasts"]),
    (
        ("tap huan",),
        ["trainings", "training_participants", "activities_trainings_held", "activities_trainees"],
    ),
    (("kiem tra", "co so"), ["establishments_inspected", "establishments_inspected_share"]),
    # '20% số cơ sở', not any percentage near 'cơ sở' ('trên cơ sở' is 'on the basis of').
    (("%", "so co so"), ["establishments_inspected_share"]),
    (("kiem tra", "luot"), ["inspections"]),
    (("luot", "co so"), ["inspections"]),
    (("dot xuat",), ["inspections_unannounced"]),
    (("khao sat", "co so"), ["establishments_surveyed"]),
    (("cam ket",), ["establishments_committed"]),
    (("co so", "de bi loi dung"), ["establishments_at_risk", "establishments_inspected_share"]),
    (("vi pham",), ["violations", "violations_handled_share"]),
    (("vi pham", "xu ly"), ["violations_handled", "violations_handled_share"]),
    # '100% số đối tượng vi phạm bị phát hiện' are persons: the sanctions register's share.
    (("doi tuong", "vi pham", "phat hien", "xu ly"), ["sanctions_offenders_handled_share"]),
    (("xu phat", "nguoi"), ["sanctions_persons_sanctioned"]),
    (("xu phat",), ["fines_vnd", "violations_handled"]),
    (("tien phat",), ["fines_vnd"]),
    (("hau kiem",), ["followups_overdue"]),
    (("vu an",), ["criminal_cases_detected", "criminal_cases_prosecuted", "cases_instituted"]),
    (("triet pha", "vu"), ["criminal_cases_detected"]),
    (("phat hien", "vu an"), ["criminal_cases_detected"]),
    (("xu ly hinh su",), ["criminal_cases_prosecuted", "cases_instituted"]),
    (("khoi to",), ["criminal_cases_prosecuted", "criminal_defendants_prosecuted"]),
    (("xet xu",), ["criminal_cases_tried"]),
    (("xet xu", "vu"), ["criminal_cases_tried", "cases_tried"]),
    (("luu dong",), ["cases_mobile_trials"]),
    (("giai cuu",), ["cases_victims_rescued"]),
    (("duong day",), ["cases_rings_broken"]),
    (("o nhom",), ["cases_rings_broken"]),
    (("tin bao",), ["tips_handled_share", "tips_received", "tips_on_time_share", "tips_recorded"]),
    (("to giac",), ["tips_handled_share", "tips_received", "tips_on_time_share", "tips_recorded"]),
    (("nguoi ban dam", "tiep can"), ["sex_workers_reached_share", "sex_workers_reached"]),
    (("nguoi ban dam", "ho tro"), ["sex_workers_supported"]),
    (("mo hinh",), ["support_models_maintained", "support_models_new"]),
    (("mo hinh", "moi"), ["support_models_new"]),
    (("mo hinh", "duy tri"), ["support_models_maintained"]),
    (
        ("lanh manh",),
        [
            "healthy_communes",
            "healthy_communes_share",
            "assessed_healthy_communes",
            "assessed_healthy_communes_share",
        ],
    ),
    (
        ("khong co te nan",),
        [
            "healthy_communes_share",
            "healthy_communes",
            "assessed_healthy_communes_share",
            "assessed_healthy_communes",
        ],
    ),
    (("xay dung moi", "xa"), ["healthy_communes_new", "assessed_healthy_communes_new"]),
    (("long ghep",), ["units_with_integration_plan_share"]),
    (("ke hoach", "100%"), ["units_with_plan_share"]),
    (("doi kiem tra",), ["inspection_teams"]),
    (("tu diem",), ["hotspots_eliminated", "hotspots_active", "hotspots_reactivated"]),
    (("diem mai dam",), ["hotspots_eliminated", "hotspots_active", "hotspots_reactivated"]),
    (("triet xoa",), ["hotspots_eliminated"]),
    (("tai hoat dong",), ["hotspots_reactivated"]),
    (("tuan tra",), ["hotspot_patrols"]),
]
