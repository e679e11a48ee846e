"""Upload a plan document, review it, correct a target, save: through HTTP."""

import io
import os
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfWriter

from lanhmanh.plans.forms import ERR_BAD_EXTENSION, ERR_TOO_LARGE
from lanhmanh.plans.importer import MAX_DOCUMENT_BYTES
from lanhmanh.plans.importer.readers import (
    MSG_EMPTY,
    MSG_ENCRYPTED_OFFICE,
    MSG_ENCRYPTED_PDF,
    MSG_LEGACY_DOC,
    MSG_NOT_A_PLAN,
    MSG_SCANNED_PDF,
    MSG_TOO_LONG,
)
from lanhmanh.plans.models import Plan, PlanImport
from tests.world import Scheme, _unit

SEEDS = Path(
    os.environ.get(
        "LANHMANH_SEEDS_DIR", Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
    )
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, name, content):
    return client.post(reverse("plans:import_upload"), {"file": SimpleUploadedFile(name, content)})


def thanh_hoa_2018():
    return (SEEDS / "000_4d5a477da53a21d3.txt").read_bytes()


def test_a_coordinator_uploads_reviews_corrects_and_saves_a_plan(world, client_for):
    client = client_for(world.th_coordinator)
    response = upload(client, "ke-hoach-2018.txt", thanh_hoa_2018())
    record = PlanImport.objects.get()
    assert response.status_code == 302
    assert response.url == record.get_absolute_url()

    review = client.get(record.get_absolute_url())
    assert review.status_code == 200
    assert "<mark" in review.content.decode()  # recognised targets are highlighted
    form = review.context["form"]
    # A 2018 plan of 'tỉnh Thanh Hóa' belongs to the province as it was before 2025.
    assert form.initial["unit"] == world.old_thanh_hoa.pk

    targets = review.context["targets"]
    data = {
        "unit": world.old_thanh_hoa.pk,
        "kind": "plan",
        "number": "",
        "title": form.initial["title"],
        "year": 2018,
        "date": "",
        "signer": form.initial["signer"],
        "t-TOTAL_FORMS": len(targets.initial),
        "t-INITIAL_FORMS": len(targets.initial),
        "t-MIN_NUM_FORMS": 0,
        "t-MAX_NUM_FORMS": 1000,
    }
    for i, t in enumerate(targets.initial):
        for key, value in t.items():
            data[f"t-{i}-{key}"] = "" if value is None else value
    # The officer corrects the first target's value.
    data["t-0-value"] = "3"
    saved = client.post(record.get_absolute_url(), data)
    plan = Plan.objects.get()
    assert saved.status_code == 302
    assert saved.url == plan.get_absolute_url()
    assert plan.unit == world.old_thanh_hoa
    assert plan.year_from == 2018
    assert plan.targets.count() == len(targets.initial)
    assert plan.targets.order_by("order").first().value == 3
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Thanh Hóa" in page
    # The import cannot be saved twice.
    assert client.get(record.get_absolute_url()).status_code == 404


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504  # .doc, or an encrypted .docx


def pdf(password=None) -> bytes:
    """A one-page PDF with no text on it: what a scanner gives."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def unrelated_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Thực đơn tuần này: thứ Hai phở bò, thứ Ba bún chả, thứ Tư cơm gà.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


BAD_FILES = {
    "empty": ("trong.txt", lambda: b"", MSG_EMPTY),
    "scanned": ("ban-quet.pdf", pdf, MSG_SCANNED_PDF),
    "locked-pdf": ("co-mat-khau.pdf", lambda: pdf("mat-khau"), MSG_ENCRYPTED_PDF),
    "locked-docx": ("co-mat-khau.docx", lambda: OLE, MSG_ENCRYPTED_OFFICE),
    "doc": ("ke-hoach.doc", lambda: OLE, MSG_LEGACY_DOC),
    # exactly 50 MB: within the size limit, far beyond any plan's length
    "50MB": ("lon.txt", lambda: b"ke hoach " * (MAX_DOCUMENT_BYTES // 9), MSG_TOO_LONG),
    "over-50MB": ("qua-lon.pdf", lambda: b"%PDF" + b"0" * MAX_DOCUMENT_BYTES, ERR_TOO_LARGE),
    "csv": ("bang.csv", lambda: b"a,b\n1,2\n", ERR_BAD_EXTENSION),
    "not-a-plan-txt": ("thuc-don.txt", lambda: "Thực đơn: phở bò.".encode(), MSG_NOT_A_PLAN),
    "not-a-plan-docx": ("thuc-don.docx", unrelated_docx, MSG_NOT_A_PLAN),
}


@pytest.mark.parametrize("case", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_gets_a_clear_message_and_nothing_is_saved(world, client_for, tmp_path, case):
    name, content, message = case
    response = upload(client_for(world.th_coordinator), name, content())
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1
    assert errors[0].startswith(str(message).split("{")[0])
    assert escape(errors[0]) in response.content.decode()
    assert PlanImport.objects.count() == 0
    assert Plan.objects.count() == 0
    assert not any(path.is_file() for path in tmp_path.rglob("*"))  # no file kept either


LAM_SON_2021 = """ỦY BAN NHÂN DÂN
XÃ LAM SƠN
Số: 3/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lam Sơn, ngày 10 tháng 01 năm 2021
KẾ HOẠCH
Phòng, chống mại dâm trên địa bàn xã năm 2021
I. CHỈ TIÊU
- Kiểm tra ít nhất 5 cơ sở kinh doanh dịch vụ dễ bị lợi dụng.
II. TỔ CHỨC THỰC HIỆN
1. Công an xã: chủ trì kiểm tra các cơ sở kinh doanh dịch vụ.
"""


def test_a_unit_name_shared_by_several_units_is_asked_on_the_review(world, client_for):
    # In 2021 Thanh Hóa had a Lam Sơn ward in the city and a Lam Sơn commune elsewhere.
    other = _unit(Scheme.LEGACY, "16399", "Lam Sơn", "xa", "commune", world.old_quang_xuong)
    client = client_for(world.th_coordinator)
    upload(client, "lam-son.txt", LAM_SON_2021.encode())
    record = PlanImport.objects.get()
    review = client.get(record.get_absolute_url())
    assert review.context["ambiguous"]
    form = review.context["form"]
    assert form.initial["unit"] is None  # nothing chosen for the officer
    choices = dict(form.fields["unit"].choices)
    assert {world.old_lam_son.pk, other.pk} <= set(choices)
    assert choices[world.old_lam_son.pk] != choices[other.pk]
    page = review.content.decode()
    assert "Có nhiều đơn vị trùng tên" in page
    assert "không phải đơn vị nào trong phạm vi của bạn" not in page
    assert 'value="10/01/2021"' in page  # the date as officials write it
    assert page.index(choices[world.old_lam_son.pk]) < page.index(choices[world.old_thanh_hoa.pk])

    data = review_data(review, other)
    data["unit"] = ""
    refused = client.post(record.get_absolute_url(), data)
    assert refused.status_code == 200 and refused.context["form"].errors["unit"]
    assert not Plan.objects.exists()
    data["unit"] = other.pk
    assert client.post(record.get_absolute_url(), data).status_code == 302
    assert Plan.objects.get().unit == other


def test_someone_elses_import_is_404(world, client_for):
    client_for(world.th_coordinator)
    upload(client_for(world.th_coordinator), "kh.txt", thanh_hoa_2018())
    record = PlanImport.objects.get()
    other = client_for(world.th_admin)
    assert other.get(record.get_absolute_url()).status_code == 404


def test_read_only_and_unrelated_roles_cannot_import(world, client_for):
    for user in (world.th_leader, world.th_inspector, world.nobody):
        assert client_for(user).get(reverse("plans:import_upload")).status_code == 404


def test_an_outsider_cannot_save_a_plan_for_a_unit_outside_the_scope(world, client_for):
    client = client_for(world.bn_coordinator)
    upload(client, "kh.txt", thanh_hoa_2018())
    record = PlanImport.objects.get()
    review = client.get(record.get_absolute_url())
    units = [value for value, _ in review.context["form"].fields["unit"].choices if value]
    assert world.old_thanh_hoa.pk not in units
    # the officer is told why no unit is chosen for them
    assert "Văn bản do Thanh Hóa (tỉnh/thành phố) ban hành" in review.content.decode()
    response = client.post(
        record.get_absolute_url(),
        {
            "unit": world.old_thanh_hoa.pk,
            "kind": "plan",
            "title": "x",
            "year": 2018,
            "t-TOTAL_FORMS": 0,
            "t-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert Plan.objects.count() == 0


def review_data(review, unit):
    """Everything the review page posts back unchanged: header, targets and tasks."""
    form, targets, tasks = (review.context[k] for k in ("form", "targets", "tasks"))
    data = {
        "unit": unit.pk,
        "kind": "plan",
        "number": "",
        "title": form.initial["title"],
        "year": form.initial["year"],
        "date": "",
        "signer": form.initial["signer"],
    }
    for prefix, formset in (("t", targets), ("k", tasks)):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": len(formset.initial),
                f"{prefix}-INITIAL_FORMS": len(formset.initial),
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
        for i, row in enumerate(formset.initial):
            for key, value in row.items():
                data[f"{prefix}-{i}-{key}"] = "" if value is None else value
    return data


def test_the_review_shows_the_clean_text_and_the_tasks_by_lead_agency(world, client_for):
    client = client_for(world.th_coordinator)
    upload(client, "kh.txt", thanh_hoa_2018())
    review = client.get(PlanImport.objects.get().get_absolute_url())
    page = review.content.decode()
    source = page.split('id="lm-source">')[1].split("</div>")[0]
    # The document as read: no markdown marks, and every target still highlighted.
    assert "**" not in source and "###" not in source
    draft = review.context["draft"]
    assert source.count('<mark id="q') == len(draft["targets"]) >= 9
    groups = dict(review.context["task_groups"])
    # one group per agency, then the tasks of 'Nhiệm vụ, giải pháp' that name no lead,
    # proposed to the standing agency
    unled = [t for t in draft["tasks"] if not t["lead"]]
    assert unled
    assert len(groups) == len(draft["agencies"]) + 1 >= 16
    *_, (label, rows) = review.context["task_groups"]
    assert label.endswith("đề xuất cơ quan thường trực: Sở Lao động - Thương binh và Xã hội")
    assert len(rows) == len(unled)
    assert all(f.initial["lead"] == draft["standing_agency"] for _, f in rows)
    police = groups["Công an tỉnh"]
    assert len(police) == 4
    assert all(task["lead"] == "Công an tỉnh" for task, _ in police)
    assert page.count('class="list-group-item lm-task"') == len(draft["tasks"])
    heading = '<span class="flex-grow-1">{}</span>'
    # The figures read beside a target are shown with it ('90% … (573 xã)').
    assert "Số liệu kèm theo: số lượng 573" in page
    assert "mức hiện tại 92,6" in page
    assert page.index(heading.format("Công an tỉnh")) < page.index(heading.format("Sở Y tế"))


def test_a_dropped_task_is_not_saved_and_a_corrected_lead_is(world, client_for):
    client = client_for(world.th_coordinator)
    upload(client, "kh.txt", thanh_hoa_2018())
    record = PlanImport.objects.get()
    review = client.get(record.get_absolute_url())
    found = review.context["draft"]["tasks"]
    data = review_data(review, world.old_thanh_hoa)
    border = next(i for i, t in enumerate(found) if (t["lead"] or "").startswith("Bộ Chỉ huy"))
    data["k-0-DELETE"] = "on"
    data[f"k-{border}-lead"] = "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Thanh Hóa"

    saved = client.post(record.get_absolute_url(), data)
    plan = Plan.objects.get()
    assert saved.status_code == 302
    assert plan.tasks.count() == len(found) - 1
    assert not plan.tasks.filter(text=found[0]["text"]).exists()
    task = plan.tasks.get(text=found[border]["text"])
    assert task.lead_name == "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Thanh Hóa"
    # Names the unit's agencies carry are linked to them: the labour department of 2018.
    labour = plan.tasks.filter(lead_name="Sở Lao động - Thương binh và Xã hội")
    # its own 7 tasks and, as proposed, those of 'Nhiệm vụ, giải pháp' that name no lead
    assert labour.count() == 7 + sum(not t["lead"] for t in found[1:])
    assert {t.lead for t in labour} == {world.old_th_labour}
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Thanh Hóa" in page


def test_a_task_row_of_another_draft_adds_nothing(world, client_for):
    client = client_for(world.th_coordinator)
    upload(client, "kh.txt", thanh_hoa_2018())
    record = PlanImport.objects.get()
    review = client.get(record.get_absolute_url())
    data = review_data(review, world.old_thanh_hoa)
    count = data["k-TOTAL_FORMS"]
    data.update({"k-TOTAL_FORMS": count + 1, f"k-{count}-index": 9999, f"k-{count}-lead": "X"})
    assert client.post(record.get_absolute_url(), data).status_code == 302
    assert Plan.objects.get().tasks.count() == count


def test_dropping_every_task_saves_a_plan_without_tasks(world, client_for):
    client = client_for(world.th_coordinator)
    upload(client, "kh.txt", thanh_hoa_2018())
    record = PlanImport.objects.get()
    review = client.get(record.get_absolute_url())
    data = review_data(review, world.old_thanh_hoa)
    for i in range(data["k-TOTAL_FORMS"]):
        data[f"k-{i}-DELETE"] = "on"
    assert client.post(record.get_absolute_url(), data).status_code == 302
    plan = Plan.objects.get()
    assert plan.tasks.count() == 0
    assert plan.targets.count() == len(review.context["draft"]["targets"])


def test_a_second_upload_of_a_saved_document_is_recognised_and_can_replace_its_draft(
    world, client_for
):
    client = client_for(world.th_coordinator)
    upload(client, "kh.txt", thanh_hoa_2018())
    first = PlanImport.objects.get()
    review = client.get(first.get_absolute_url())
    assert not review.context["duplicates"]
    assert client.post(first.get_absolute_url(), review_data(review, world.old_thanh_hoa))
    saved = Plan.objects.get()

    upload(client, "kh-lan-2.txt", thanh_hoa_2018())
    second = PlanImport.objects.exclude(pk=first.pk).get()
    review = client.get(second.get_absolute_url())
    assert review.context["duplicates"] == [saved]
    page = review.content.decode()
    assert 'id="lm-duplicates"' in page and saved.get_absolute_url() in page
    assert f'name="replace" value="{saved.pk}"' in page
    data = review_data(review, world.old_thanh_hoa)
    data["replace"] = saved.pk
    assert client.post(second.get_absolute_url(), data).status_code == 302
    # the draft was replaced, not duplicated
    (plan,) = Plan.objects.all()
    assert plan.pk != saved.pk
    assert PlanImport.objects.get(pk=second.pk).plan == plan


def test_an_issued_plan_is_offered_to_open_but_never_replaced(world, client_for):
    client = client_for(world.th_coordinator)
    upload(client, "kh.txt", thanh_hoa_2018())
    first = PlanImport.objects.get()
    review = client.get(first.get_absolute_url())
    client.post(first.get_absolute_url(), review_data(review, world.old_thanh_hoa))
    Plan.objects.update(status="issued")
    upload(client, "kh-lan-2.txt", thanh_hoa_2018())
    second = PlanImport.objects.exclude(pk=first.pk).get()
    review = client.get(second.get_absolute_url())
    assert review.context["duplicates"] and not review.context["replaceable"]
    data = review_data(review, world.old_thanh_hoa)
    data["replace"] = Plan.objects.get().pk
    response = client.post(second.get_absolute_url(), data)
    assert response.status_code == 200
    assert Plan.objects.count() == 1


def test_without_a_standing_agency_in_the_document_the_units_own_is_proposed(world, client_for):
    client = client_for(world.th_coordinator)
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH THANH HÓA\nSố: 07/KH-UBND\n"
        "Thanh Hóa, ngày 10 tháng 01 năm 2026\nKẾ HOẠCH\n"
        "Phòng, chống mại dâm trên địa bàn tỉnh Thanh Hóa năm 2026\n"
        "I. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Tăng cường tuyên truyền về phòng, chống mại dâm tại cộng đồng.\n"
        "2. Kiểm tra các cơ sở kinh doanh dịch vụ dễ bị lợi dụng.\n"
    )
    upload(client, "kh.txt", text.encode())
    review = client.get(PlanImport.objects.get().get_absolute_url())
    assert review.context["draft"]["standing_agency"] is None
    *_, (label, rows) = review.context["task_groups"]
    assert label.endswith("đề xuất cơ quan thường trực: Sở Y tế")
    assert len(rows) == 2 and all(f.initial["lead"] == "Sở Y tế" for _, f in rows)
