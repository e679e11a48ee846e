"""What a target says: its quote is the fragment that carries the figure (as GOLD.json
has it), its statement the sentence or list item around it, so that the plan page, the
Word export and the indicator suggestion know what the figure is about."""

import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanhmanh.plans.importer import parse_plan, read_document
from lanhmanh.plans.importer.statements import STATEMENT_MAX
from lanhmanh.plans.models import Plan, PlanImport

from .test_import_flow import review_data

SEEDS = Path(
    os.environ.get(
        "LANHMANH_SEEDS_DIR", Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
    )
)


def seed_targets(prefix: str) -> list[dict]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return parse_plan(read_document(path)).to_dict()["targets"]


def target_with(targets: list[dict], quote: str) -> dict:
    """The one target whose quote begins with ``quote`` (GOLD.json's quote)."""
    (found,) = [t for t in targets if t["quote"].startswith(quote)]
    return found


def targets_of(*items: str) -> list[dict]:
    """The targets read from a plan whose targets section holds ``items``."""
    body = "\n".join(items)
    return parse_plan(f"KẾ HOẠCH\nPhòng, chống mại dâm\nI. MỤC TIÊU, CHỈ TIÊU\n{body}\n").to_dict()[
        "targets"
    ]


def test_the_90_percent_of_communes_of_seed_000_says_what_the_communes_do():
    target = target_with(seed_targets("000"), "90% số xã, phường, thị trấn (573 xã)")
    assert target["statement"] == (
        "90% số xã, phường, thị trấn (573 xã) tổ chức được ít nhất một hình thức tuyên "
        "truyền về phòng, chống mại dâm và được duy trì thường xuyên."
    )
    assert (target["comparator"], target["value"], target["also"]) == (">=", 90, {"count": 573})


def test_at_least_one_form_of_awareness_is_what_the_90_percent_counts_not_a_target():
    quotes = [t["quote"] for t in seed_targets("000")]
    assert not [q for q in quotes if q.startswith("tổ chức được ít nhất một hình thức")]
    # alone, as in seed 003, it is a target
    (target,) = seed_targets("003")
    assert (target["comparator"], target["value"], target["unit"]) == (">=", 1, "count")


def test_each_figure_of_a_list_item_of_seed_002_gets_its_own_clause():
    targets = seed_targets("002")
    inspect = target_with(targets, "Tổ chức kiểm tra ít nhất 20% số cơ sở kinh doanh dịch vụ")
    handled = target_with(
        targets,
        "100% số vụ việc vi phạm pháp luật về phòng, chống mại dâm được xử lý nghiêm minh",
    )
    assert inspect["statement"] == (
        "Tổ chức kiểm tra ít nhất 20% số cơ sở kinh doanh dịch vụ để phát sinh tệ nạn mại "
        "dâm trên địa bàn"
    )
    assert handled["statement"] == (
        "100% số vụ việc vi phạm pháp luật về phòng, chống mại dâm được xử lý nghiêm minh "
        "theo đúng quy định của pháp luật"
    )


def test_a_list_item_with_one_figure_is_the_statement_without_its_mark():
    (target,) = targets_of(
        "- Phấn đấu   ít nhất 70% số xã, phường tổ chức tuyên truyền về phòng, chống mại dâm."
    )
    assert target["quote"] == (
        "Phấn đấu   ít nhất 70% số xã, phường tổ chức tuyên truyền về phòng, chống mại dâm"
    )
    assert target["statement"] == (
        "Phấn đấu ít nhất 70% số xã, phường tổ chức tuyên truyền về phòng, chống mại dâm."
    )


def test_two_figures_of_one_item_each_keep_the_words_about_them():
    first, second = targets_of(
        "- Kiểm tra từ 30 đến 50 cơ sở kinh doanh dịch vụ lưu trú, karaoke trên địa bàn, "
        "100% số vụ vi phạm phát hiện qua kiểm tra được xử lý theo quy định."
    )
    assert (first["comparator"], first["low"], first["high"]) == ("between", 30, 50)
    assert first["statement"] == (
        "Kiểm tra từ 30 đến 50 cơ sở kinh doanh dịch vụ lưu trú, karaoke trên địa bàn"
    )
    assert (second["comparator"], second["value"], second["unit"]) == ("=", 100, "percent")
    assert second["statement"] == (
        "100% số vụ vi phạm phát hiện qua kiểm tra được xử lý theo quy định"
    )


def test_the_sentence_of_the_figure_not_the_whole_paragraph():
    (target,) = targets_of(
        "- Tăng cường tuyên truyền tại cộng đồng dân cư. Đài Phát thanh tỉnh phát tin về "
        "phòng, chống mại dâm ít nhất 2 lần/tháng. Các xã chủ động phối hợp thực hiện."
    )
    assert target["statement"] == (
        "Đài Phát thanh tỉnh phát tin về phòng, chống mại dâm ít nhất 2 lần/tháng."
    )


def test_a_very_long_sentence_is_cut_at_commas_around_its_figure():
    villages = ("Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Tiền", "Hậu", "Ngoại")
    places = ", ".join(f"khu dân cư thôn {v} của xã Quảng Lợi" for v in villages)
    duties = ", ".join(f"lập danh sách người có nguy cơ ở thôn {v} và báo cáo" for v in villages)
    item = (
        f"- Tăng cường tuyên truyền tại {places}, phấn đấu ít nhất 85% số hộ gia đình được "
        f"tiếp cận thông tin về phòng, chống mại dâm, {duties}."
    )
    assert len(item) > 2 * STATEMENT_MAX
    (target,) = targets_of(item)
    statement = target["statement"]
    assert len(statement) <= STATEMENT_MAX
    assert "phấn đấu ít nhất 85% số hộ gia đình được tiếp cận thông tin" in statement
    # cut where a clause ends, never inside a phrase
    clauses = item[2:].rstrip(".").split(", ")
    assert statement.split(", ")[0] in clauses
    assert statement.split(", ")[-1] in clauses
    assert statement in item


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_saved_plan_shows_the_statement_and_keeps_the_quote(world, client_for, media):
    client = client_for(world.th_coordinator)
    content = (SEEDS / "000_4d5a477da53a21d3.txt").read_bytes()
    client.post(reverse("plans:import_upload"), {"file": SimpleUploadedFile("kh.txt", content)})
    record = PlanImport.objects.get()
    review = client.get(record.get_absolute_url())
    # the quote holds the whole commitment, the qualifying 'ít nhất một' with it
    assert 'data-target="1">90% số xã, phường, thị trấn (573 xã) tổ chức được ít nhất một' in (
        review.content.decode()
    )
    # the sentence the figure was read from is shown with the quote
    assert "Câu trong văn bản: 90% số xã, phường, thị trấn (573 xã) tổ chức được" in (
        review.content.decode()
    )
    data = review_data(review, world.old_thanh_hoa)
    # the reviewer rewrites one quote: the rewritten words become its statement
    last = len(review.context["targets"].initial) - 1
    data[f"t-{last}-quote"] = "Công an tỉnh xử lý hình sự từ 55 đến 60 vụ án mại dâm"
    assert client.post(record.get_absolute_url(), data).status_code == 302

    plan = Plan.objects.get()
    target = plan.targets.get(quote__startswith="90% số xã, phường, thị trấn (573 xã)")
    assert target.statement.startswith("90% số xã, phường, thị trấn (573 xã) tổ chức được ít")
    rewritten = plan.targets.get(order=last)
    assert rewritten.statement == rewritten.quote
    assert rewritten.statement == "Công an tỉnh xử lý hình sự từ 55 đến 60 vụ án mại dâm"
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "(573 xã) tổ chức được ít nhất một hình thức tuyên truyền" in page
