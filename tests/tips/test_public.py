"""The public tip form and receipt page: anonymous sending, receipt codes that cannot be
guessed, limits on floods, attachments cleaned, and no trace of the sender's address."""

import io
import logging

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from PIL import Image

from lanhmanh.tips import services, sources
from lanhmanh.tips.models import MessageKind, SourceCounter, Tip, TipAttachment
from lanhmanh.tips.receipt import receipt_normalise
from lanhmanh.tips.uploads import ATTACHMENT_TOO_LARGE, ATTACHMENT_WRONG_TYPE
from lanhmanh.tips.views.public import HONEYPOT_FILLED, RECEIPT_THROTTLED, RECEIPT_UNKNOWN

from .conftest import SENDER_IP, photo


def form_data(world, **extra):
    data = {
        "description": "Quán karaoke Sao Đêm có người môi giới mại dâm, thường sau 22 giờ.",
        "category": "establishment",
        "commune": world.hac_thanh.pk,
        "address": "12 Lê Lợi",
        "when_note": "tối thứ Bảy",
    }
    data.update(extra)
    return data


def send(client, data, **extra):
    return client.post(reverse("tips:public_form"), data, REMOTE_ADDR=SENDER_IP, **extra)


def receipt_of(response) -> str:
    code = response.context["code"].replace(" ", "")
    assert receipt_normalise(code) == code
    return code


def lookup(client, code, **extra):
    return client.post(
        reverse("tips:public_receipt"), {"code": code, **extra}, REMOTE_ADDR=SENDER_IP
    )


def test_a_resident_sends_a_tip_without_an_account_and_gets_a_receipt_once(world, client):
    page = client.get(reverse("tips:public_form"))
    assert page.status_code == 200
    assert "không lưu địa chỉ IP" in page.content.decode()
    response = send(client, form_data(world, attachments=[photo()]))
    assert response.status_code == 200
    code = receipt_of(response)
    html = response.content.decode()
    assert "Tôi đã lưu mã số này" in html and "chỉ hiện một lần" in html
    tip = Tip.objects.get()
    assert tip.channel == "online" and tip.unit == world.hac_thanh and tip.status == "received"
    assert code not in tip.receipt_hash and len(tip.receipt_hash) == 64
    assert tip.attachments.count() == 1
    assert response["Cache-Control"] == "no-store"


def test_the_saved_step_opens_the_tip_page(world, client):
    code = receipt_of(send(client, form_data(world)))
    refused = lookup(client, code, step="confirm")
    assert refused.status_code == 400
    assert "Hãy lưu mã số" in refused.content.decode()
    opened = lookup(client, code, step="confirm", saved="on")
    assert opened.status_code == 200
    assert "Đã tiếp nhận" in opened.content.decode()


def test_the_code_alone_opens_the_tip_with_spaces_or_without(world, tips, client):
    grouped = " ".join(tips.code[i : i + 4] for i in range(0, 16, 4))
    for typed in (tips.code, grouped):
        response = lookup(client, typed)
        assert response.status_code == 200
        assert response.context["tip"] == tips.tip


@pytest.mark.parametrize("typed", ["", "1234", "abcd" * 4, "0000000000000000", "9" * 16])
def test_a_forged_or_guessed_code_gets_the_same_answer_as_a_missing_one(world, tips, client, typed):
    response = lookup(client, typed)
    assert response.status_code == 404
    assert str(RECEIPT_UNKNOWN) in response.content.decode()
    assert "tip" not in response.context


def test_guessing_codes_is_throttled_even_for_a_right_code(world, tips, client):
    for n in range(sources.FAILED_LOOKUPS_PER_WINDOW):
        assert lookup(client, f"{n:016d}").status_code == 404
    response = lookup(client, tips.code)
    assert response.status_code == 429
    assert str(RECEIPT_THROTTLED) in response.content.decode()
    # another source is not affected
    other = client.post(
        reverse("tips:public_receipt"), {"code": tips.code}, REMOTE_ADDR="198.51.100.1"
    )
    assert other.status_code == 200


def test_a_flood_from_one_source_is_refused_and_a_second_source_still_sends(world, client):
    for _n in range(sources.SUBMISSIONS_PER_WINDOW):
        assert send(client, form_data(world)).status_code == 200
    refused = send(client, form_data(world))
    assert refused.status_code == 400
    assert "Đã nhận nhiều tin từ nơi bạn gửi" in refused.content.decode()
    assert "Quán karaoke Sao Đêm có người môi giới" in refused.content.decode()  # kept
    assert Tip.objects.count() == sources.SUBMISSIONS_PER_WINDOW
    other = client.post(reverse("tips:public_form"), form_data(world), REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 200
    # the counters hold hashes, never the addresses
    for row in SourceCounter.objects.all():
        assert SENDER_IP not in row.key and "198.51.100.9" not in row.key


def test_the_source_key_rotates_every_window():
    import datetime

    from django.utils import timezone

    now = timezone.now()
    assert sources.source_key(SENDER_IP, now) == sources.source_key(SENDER_IP, now)
    later = now + sources.WINDOW + datetime.timedelta(seconds=1)
    assert sources.source_key(SENDER_IP, now) != sources.source_key(SENDER_IP, later)


def test_the_honeypot_refuses_robots_with_a_clear_message(world, client):
    response = send(client, form_data(world, website="http://spam.example"))
    assert response.status_code == 400
    assert str(HONEYPOT_FILLED) in response.content.decode()
    assert not Tip.objects.exists()


@pytest.mark.parametrize(
    ("description", "message"),
    [("", "Hãy kể lại sự việc"), ("ngắn", "Hãy kể lại sự việc"), ("x" * 5001, "quá dài")],
)
def test_an_empty_or_oversized_tip_is_refused_with_what_was_typed_kept(
    world, client, description, message
):
    response = send(client, form_data(world, description=description))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "12 Lê Lợi" in html  # the address typed is still there
    assert not Tip.objects.exists()


def test_a_file_that_is_not_an_image_or_pdf_is_refused_and_nothing_is_stored(world, client):
    fake = SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 not a picture", content_type="image/jpeg")
    response = send(client, form_data(world, attachments=[fake]))
    assert response.status_code == 400
    assert str(ATTACHMENT_WRONG_TYPE) in response.content.decode()
    assert not Tip.objects.exists() and not TipAttachment.objects.exists()


def test_an_oversized_file_is_refused(world, client):
    big = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024), "application/pdf")
    response = send(client, form_data(world, attachments=[big]))
    assert response.status_code == 400
    assert str(ATTACHMENT_TOO_LARGE) in response.content.decode()
    assert not Tip.objects.exists()


def test_photo_metadata_is_removed(world, client):
    original = photo()
    with Image.open(io.BytesIO(original.read())) as before:
        assert before.getexif().get(0x8825)  # the test photo has a GPS position
    original.seek(0)
    send(client, form_data(world, attachments=[original]))
    stored = TipAttachment.objects.get()
    data = stored.file.read()
    with Image.open(io.BytesIO(data)) as after:
        assert not after.getexif()
        assert after.size == (40, 30)
    assert b"PhoneModel" not in data and b"Exif" not in data


def _all_text_in_database() -> str:
    """Every text column of every table, as the database returns it."""
    chunks = []
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - our own table names
            for row in cursor.fetchall():
                chunks.extend(str(v) for v in row if v is not None)
    return "\n".join(chunks)


def test_no_sender_address_reaches_the_database_or_the_logs(world, client, caplog):
    caplog.set_level(logging.DEBUG)
    headers = {"HTTP_USER_AGENT": "Mozilla/5.0 SenderPhone", "HTTP_X_FORWARDED_FOR": SENDER_IP}
    code = receipt_of(send(client, form_data(world, attachments=[photo()]), **headers))
    lookup(client, code, text="Bổ sung: có thêm hai người đứng ngoài cửa.")
    send(client, form_data(world, description=""), **headers)  # an error is logged too
    lookup(client, "1" * 16)  # and a wrong code
    text = _all_text_in_database()
    assert SENDER_IP not in text and "SenderPhone" not in text
    logged = caplog.text + "\n".join(str(r.__dict__) for r in caplog.records)
    for record in caplog.records:
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "META"):
            logged += str(request.META)
    assert SENDER_IP not in logged and "SenderPhone" not in logged


def test_the_sender_answers_and_adds_details_through_the_receipt_page(world, tips, client):
    services.tip_ask(tip=tips.tip, by=world.th_tips, text="Bạn thấy việc này vào giờ nào?")
    response = lookup(client, tips.code)
    assert "Bạn thấy việc này vào giờ nào?" in response.content.decode()
    sent = lookup(client, tips.code, text="Khoảng 22 giờ, tối thứ Bảy.")
    assert sent.status_code == 200
    assert "Đã gửi" in sent.content.decode()
    added = lookup(client, tips.code, text="Thêm: xe biển số lạ đỗ ở cổng.")
    assert added.status_code == 200
    kinds = list(tips.tip.messages.values_list("kind", flat=True))
    assert kinds == [MessageKind.QUESTION, MessageKind.ANSWER, MessageKind.ADDITION]


def test_the_commune_search_ignores_diacritics(world, client):
    response = client.get(reverse("tips:public_communes"), {"q": "quang ngoc"})
    assert [r["id"] for r in response.json()["results"]] == [world.quang_ngoc.pk]
    response = client.get(reverse("tips:public_communes"), {"q": "hac thanh, thanh hoa"})
    assert [r["label"] for r in response.json()["results"]] == ["Phường Hạc Thành, Tỉnh Thanh Hóa"]
    # only the current map: the old Điện Biên ward is gone
    assert client.get(reverse("tips:public_communes"), {"q": "dien bien"}).json()["results"] == []


def test_a_commune_of_the_old_map_is_refused(world, client):
    response = send(client, form_data(world, commune=world.old_dien_bien.pk))
    assert response.status_code == 400
    assert not Tip.objects.exists()


def test_the_find_button_reloads_the_form_with_the_communes_found(world, client):
    response = client.post(
        reverse("tips:public_form"), form_data(world, commune="", commune_query="quang", find="1")
    )
    assert response.status_code == 200
    assert "Xã Quảng Ngọc" in response.content.decode()
    assert not Tip.objects.exists()
