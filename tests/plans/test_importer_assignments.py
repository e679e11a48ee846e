"""Tasks from 'one section per agency' assignments, on hand-written text, and on the two
seeds written that way (checked against what the importer itself lists, not GOLD.json)."""

import pytest

from lanhmanh.plans.importer import parse_plan
from lanhmanh.plans.importer.assignments import coordinating_in, when_in
from lanhmanh.plans.importer.text import dash_key
from tests.plans.test_importer_gold import SEEDS

DISTRICT_PLAN = """\
ỦY BAN NHÂN DÂN
HUYỆN ĐỒNG XUÂN

Số: 31/KH-UBND

KẾ HOẠCH
Phòng, chống mại dâm trên địa bàn huyện Đồng Xuân năm 2024

I. MỤC TIÊU
- Kiểm tra ít nhất 25 cơ sở lưu trú.

II. TỔ CHỨC THỰC HIỆN

1. Phòng Y tế huyện

- Chủ trì, phối hợp với Công an huyện, Trung tâm Y tế huyện kiểm tra điều kiện y tế của \
cơ sở lưu trú hằng quý.

- Tập huấn cho nhân viên y tế xã trong năm 2024.

2. Công an huyện: Phối hợp với Phòng Văn hóa và Thông tin huyện và các đơn vị liên quan \
triệt phá tụ điểm; thường xuyên tuần tra.

3. Đề nghị Hội Nông dân huyện, Huyện đoàn

Vận động hội viên tham gia tố giác tội phạm.

4. UBND các xã, thị trấn

- Rà soát cơ sở kinh doanh dịch vụ, báo cáo định kỳ 6 tháng.

- Chỉ đạo Công an xã:

+ Lập danh sách cơ sở lưu trú.

+ Kiểm tra đột xuất khi có tin báo.

Trên đây là Kế hoạch phòng, chống mại dâm năm 2024. Đề nghị các cơ quan, đơn vị thực \
hiện./.

Nơi nhận:
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Đinh Văn Hòa
"""


def tasks_of(draft, lead):
    return [t for t in draft.tasks if t.lead == lead]


def test_each_bullet_of_an_agency_section_is_a_task_of_that_agency():
    draft = parse_plan(DISTRICT_PLAN)
    first, second = tasks_of(draft, "Phòng Y tế huyện")
    assert first.text.startswith("Chủ trì, phối hợp với Công an huyện")
    assert first.coordinating == ["Công an huyện", "Trung tâm Y tế huyện"]
    assert first.when == "Hằng quý"
    assert second.text == "Tập huấn cho nhân viên y tế xã trong năm 2024."
    assert second.coordinating == []
    assert second.when == "Trong năm 2024"


def test_the_work_after_the_agency_and_a_colon_is_one_task():
    draft = parse_plan(DISTRICT_PLAN)
    [task] = tasks_of(draft, "Công an huyện")
    assert task.text.startswith("Phối hợp với Phòng Văn hóa và Thông tin huyện")
    # 'các đơn vị liên quan' names nobody: only the named office coordinates.
    assert task.coordinating == ["Phòng Văn hóa và Thông tin huyện"]
    assert task.when == "Thường xuyên"


def test_a_section_for_several_agencies_gives_the_work_to_each():
    draft = parse_plan(DISTRICT_PLAN)
    [farmers] = tasks_of(draft, "Hội Nông dân huyện")
    [youth] = tasks_of(draft, "Huyện đoàn")
    assert farmers.text == youth.text == "Vận động hội viên tham gia tố giác tội phạm."


def test_sub_bullets_keep_their_lead_in_and_the_closing_is_no_task():
    draft = parse_plan(DISTRICT_PLAN)
    texts = [t.text for t in tasks_of(draft, "UBND các xã, thị trấn")]
    assert texts == [
        "Rà soát cơ sở kinh doanh dịch vụ, báo cáo định kỳ 6 tháng.",
        "Chỉ đạo Công an xã: Lập danh sách cơ sở lưu trú.",
        "Chỉ đạo Công an xã: Kiểm tra đột xuất khi có tin báo.",
    ]
    assert tasks_of(draft, "UBND các xã, thị trấn")[0].when == "Định kỳ 6 tháng"
    assert not any(t.text.startswith("Trên đây") for t in draft.tasks)


def test_every_agency_listed_has_a_task_and_tasks_follow_the_document():
    draft = parse_plan(DISTRICT_PLAN)
    assert {t.lead for t in draft.tasks} == set(draft.agencies)
    assert [t.lead for t in draft.tasks][:3] == ["Phòng Y tế huyện"] * 2 + ["Công an huyện"]


def test_a_section_with_lead_and_coordinating_lines_is_not_read_twice():
    text = DISTRICT_PLAN.replace(
        "3. Đề nghị Hội Nông dân huyện, Huyện đoàn\n\nVận động hội viên tham gia tố giác tội phạm.",
        "3. Phòng Văn hóa và Thông tin huyện\n\na) Tuyên truyền trên loa truyền thanh\n\n"
        "- Chủ trì: Phòng Văn hóa và Thông tin huyện.\n- Phối hợp: Công an huyện.\n"
        "- Thời gian thực hiện: Quý III/2024.",
    )
    draft = parse_plan(text)
    [task] = tasks_of(draft, "Phòng Văn hóa và Thông tin huyện")
    assert task.text == "Tuyên truyền trên loa truyền thanh"
    assert (task.coordinating, task.when) == (["Công an huyện"], "Quý III/2024")


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Rà soát hàng năm các cơ sở.", "Hàng năm"),
        ("Hoàn thành trước ngày 30/6/2024.", "Trước ngày 30/6/2024"),
        ("Báo cáo định kỳ tháng, quý, năm.", "Định kỳ tháng, quý, năm"),
        ("Sơ kết 6 tháng đầu năm.", "6 tháng đầu năm"),
        ("Tổ chức trong quý II/2024.", "Trong quý II/2024"),
        ("Tổ chức hội nghị tổng kết.", None),
        ("Số 06 tháng trước", "06 tháng"),
    ],
)
def test_when_phrases(text, when):
    assert when_in(text) == when


def test_coordinating_agencies_end_at_the_verb_and_skip_vague_groups():
    assert coordinating_in(
        "Phối hợp với Sở Tư pháp và các sở, ngành liên quan tổ chức tuyên truyền."
    ) == ["Sở Tư pháp"]
    assert coordinating_in(
        "Chủ trì, phối hợp với Ủy ban nhân dân các xã, thị trấn, Đội Kiểm tra liên ngành huyện "
        "kiểm tra cơ sở."
    ) == ["Ủy ban nhân dân các xã, thị trấn", "Đội Kiểm tra liên ngành huyện"]
    assert coordinating_in("Phối hợp với Công an tỉnh lập hồ sơ.", lead="Công an tỉnh") == []
    assert coordinating_in("Phối hợp với các cơ quan chức năng triển khai.") == []
    assert coordinating_in("Phối hợp, tham gia hoạt động của đoàn kiểm tra.") == []


@pytest.fixture(scope="module", params=["000", "001"])
def section_per_agency_seed(request):
    [path] = SEEDS.glob(f"{request.param}_*.txt")
    return parse_plan(path.read_text(encoding="utf-8"))


def test_seeds_written_one_section_per_agency_give_every_listed_agency_tasks(
    section_per_agency_seed,
):
    draft = section_per_agency_seed
    leads = {dash_key(t.lead) for t in draft.tasks}
    assert len(draft.agencies) >= 14
    missing = [a for a in draft.agencies if dash_key(a) not in leads]
    assert not missing, f"agencies without tasks: {missing}"
    for task in draft.tasks:
        assert task.text and task.text[0].isupper()
        assert task.lead not in task.coordinating
        # the closing paragraph of the document is nobody's task
        assert not task.text.startswith(("Trên đây", "Yêu cầu các sở"))
