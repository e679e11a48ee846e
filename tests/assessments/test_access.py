"""Every view of the module: 404 outside the scope (or without the module), 403 for the
read-only leader on every page that writes, and lists that show nothing of Thanh Hóa to
an outsider. ``ln_officer_th_tips`` (data officer of xã Lục Nam, tip handler of Thanh Hóa)
assesses Lục Nam and sees nothing of Thanh Hóa's assessments."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanhmanh.assessments import services
from lanhmanh.assessments.models import Assessment
from tests.assessments.conftest import frame_build
from tests.conftest import kept

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@kept()
def objects(world):
    """One of each record the routes open, built once for the tests of the grid: their
    keys."""
    frame = frame_build(world)
    a = frame.submit(frame.fill(frame.create()))
    document = services.document_add(
        assessment=a,
        by=world.hac_thanh_officer,
        upload=SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"),
        title="Biên bản họp Ban chỉ đạo",
    )
    criterion = frame.criteria["steering"]
    klass = frame.version.classes.get(code="type_1")
    return {
        "k": klass.pk,
        "a": a.pk,
        "d": document.pk,
        "u": world.hac_thanh.pk,
        "f": frame.framework.pk,
        "c": criterion.pk,
    }


OBJECT_READS = [
    ("assessment_detail", "a"),
    ("assessment_docx", "a"),
    ("assessment_xlsx", "a"),
    ("document_file", "d"),
    ("commune_history", "u"),
]
OBJECT_WRITES = [
    ("assessment_edit", "a"),
    ("answer_adjust", "a"),
    ("assessment_return", "a"),
    ("assessment_approve", "a"),
]
POST_ONLY = [("document_add", "a")]
LISTS = ["assessment_list", "classification_docx", "classification_xlsx", "framework_list"]
CREATES = ["assessment_create"]
FRAMEWORK = [("framework_detail", "f")]
FRAMEWORK_WRITES = [("criterion_edit", "c"), ("class_edit", "k")]

COVERED_ROUTES = (
    {
        f"assessments:{name}"
        for name, _key in OBJECT_READS + OBJECT_WRITES + POST_ONLY + FRAMEWORK + FRAMEWORK_WRITES
    }
    | {f"assessments:{name}" for name in LISTS + CREATES}
    | {"assessments:framework_adopt"}
)

OUTSIDERS = ["bn_coordinator", "nobody", "th_tips", "ln_officer_th_tips"]


def url(name, objects, key=None):
    return reverse(f"assessments:{name}", args=[objects[key]] if key else [])


@pytest.mark.parametrize(("name", "key"), OBJECT_READS + OBJECT_WRITES + POST_ONLY)
@pytest.mark.parametrize("who", OUTSIDERS)
def test_it_returns_404_outside_the_scope(world, objects, client_for, name, key, who):
    client = client_for(getattr(world, who))
    if (name, key) not in POST_ONLY:
        assert client.get(url(name, objects, key)).status_code == 404
    assert client.post(url(name, objects, key), {}).status_code == 404


@pytest.mark.parametrize("name", LISTS + CREATES)
@pytest.mark.parametrize("who", ["nobody", "th_tips"])
def test_the_module_does_not_exist_for_roles_without_it(world, objects, client_for, name, who):
    assert client_for(getattr(world, who)).get(url(name, objects)).status_code == 404


@pytest.mark.parametrize(("name", "key"), FRAMEWORK + FRAMEWORK_WRITES)
@pytest.mark.parametrize("who", ["nobody", "th_tips"])
def test_frameworks_do_not_exist_without_the_module(world, objects, client_for, name, key, who):
    assert client_for(getattr(world, who)).get(url(name, objects, key)).status_code == 404


@pytest.mark.parametrize(("name", "key"), OBJECT_WRITES + POST_ONLY + FRAMEWORK_WRITES)
def test_it_refuses_writes_to_the_read_only_leader(world, objects, client_for, name, key):
    client = client_for(world.th_leader)
    if (name, key) not in POST_ONLY:
        assert client.get(url(name, objects, key)).status_code == 403
    assert client.post(url(name, objects, key), {}).status_code == 403


@pytest.mark.parametrize("name", CREATES)
def test_it_refuses_creating_to_the_read_only_leader(world, objects, client_for, name):
    client = client_for(world.th_leader)
    assert client.get(url(name, objects)).status_code == 403
    assert client.post(url(name, objects), {}).status_code == 403


@pytest.mark.parametrize(("name", "key"), OBJECT_READS + FRAMEWORK)
def test_the_leader_reads_every_page(world, objects, client_for, name, key):
    assert client_for(world.th_leader).get(url(name, objects, key)).status_code == 200


@pytest.mark.parametrize("name", LISTS)
def test_the_leader_reads_the_lists(world, objects, client_for, name):
    assert client_for(world.th_leader).get(url(name, objects)).status_code == 200


@pytest.mark.parametrize("name", ["assessment_list", "framework_list"])
@pytest.mark.parametrize("who", ["bn_coordinator", "ln_officer_th_tips"])
def test_lists_show_an_outsider_nothing_of_thanh_hoa(world, objects, client_for, name, who):
    response = client_for(getattr(world, who)).get(url(name, objects))
    assert response.status_code == 200
    for secret in ("Hạc Thành", "Quảng Ngọc"):
        assert secret not in response.content.decode()


def test_a_coordinator_of_thanh_hoa_cannot_edit_the_national_framework(world, objects, client_for):
    client = client_for(world.th_coordinator)
    assert client.get(url("framework_detail", objects, "f")).status_code == 200
    assert client.get(url("criterion_edit", objects, "c")).status_code == 403


def test_the_commune_reads_but_does_not_review_its_own(world, objects, client_for):
    client = client_for(world.hac_thanh_officer)
    assert client.get(url("assessment_detail", objects, "a")).status_code == 200
    for name in ("answer_adjust", "assessment_return", "assessment_approve"):
        assert client.post(url(name, objects, "a"), {}).status_code == 403


def test_the_two_membership_user_assesses_lucnam_only(world, frame, client_for):
    client = client_for(world.ln_officer_th_tips)
    response = client.get(reverse("assessments:assessment_create"))
    options = response.content.decode()
    assert "Lục Nam" in options and "Hạc Thành" not in options
    response = client.post(
        reverse("assessments:assessment_create"),
        {"unit": world.luc_nam.pk, "year": frame.year, "kind": "prostitution"},
    )
    assert response.status_code == 302
    assert Assessment.objects.get().unit == world.luc_nam
    response = client.post(
        reverse("assessments:assessment_create"),
        {"unit": world.hac_thanh.pk, "year": frame.year, "kind": "prostitution"},
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("bn_coordinator", 404),
        ("nobody", 404),
        ("th_tips", 404),
        ("ln_officer_th_tips", 404),
        ("th_leader", 403),
        ("hac_thanh_officer", 404),  # the province is above its scope
    ],
)
def test_adopting_a_framework_for_thanh_hoa(world, objects, client_for, who, status):
    response = client_for(getattr(world, who)).post(
        reverse("assessments:framework_adopt", args=[objects["f"]]), {"unit": world.thanh_hoa.pk}
    )
    assert response.status_code == status
