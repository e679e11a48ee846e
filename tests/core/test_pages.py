"""The shared pages: home, search, login, lockout, language switch; every template."""

from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.test.signals import template_rendered
from django.urls import reverse

from tests.world import PASSWORD

LOGIN_ERROR = "Tên đăng nhập hoặc mật khẩu không đúng."
LOCKED_OUT = "Tài khoản tạm khóa"


# --- home ----------------------------------------------------------------------------


def test_home_sends_anonymous_users_to_the_login_page(world, client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/"


def test_home_shows_the_users_memberships(world, client_for):
    response = client_for(world.th_coordinator).get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Xin chào, th_coordinator" in page
    assert "Cán bộ điều phối chương trình" in page
    assert world.thanh_hoa.get_absolute_url() in page
    assert world.th_health.get_absolute_url() in page


def test_home_tells_a_user_without_membership_to_ask_an_administrator(world, client_for):
    page = client_for(world.nobody).get("/").content.decode()
    assert "chưa được phân quyền vào đơn vị nào" in page


def test_home_tells_the_national_administrator_what_they_manage(world, client_for):
    page = client_for(world.national).get("/").content.decode()
    assert "Bạn quản trị toàn bộ hệ thống." in page


# --- search --------------------------------------------------------------------------


def _hits(response, key):
    return [h.label for s in response.context["sections"] if s.key == key for h in s.hits]


def test_search_finds_units_and_agencies_without_diacritics(world, client_for):
    response = client_for(world.th_admin).get("/search/", {"q": "thanh hoa"})
    assert response.context["query"] == "thanh hoa"
    assert str(world.thanh_hoa) in _hits(response, "units")
    assert str(world.old_tp_thanh_hoa) in _hits(response, "units")
    assert str(world.th_police) in _hits(response, "agencies")
    assert "trước 01/07/2025" in response.content.decode()


def test_search_finds_nothing_outside_the_scope(world, client_for):
    response = client_for(world.bn_coordinator).get("/search/", {"q": "thanh"})
    assert _hits(response, "units") == []
    assert _hits(response, "agencies") == []
    page = response.content.decode()
    assert "Hạc Thành" not in page
    assert "Không tìm thấy kết quả nào." in page


def test_search_without_a_query_lists_nothing(world, client_for):
    response = client_for(world.national).get("/search/")
    assert response.status_code == 200
    assert "Không tìm thấy" not in response.content.decode()


def test_search_takes_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    client = client_for(world.th_admin)
    # session, user, memberships (layout and scope), predecessors (2 steps back), units,
    # agencies, the session saved (3); then for plans, targets, hotspots, tips and
    # activities a scan of the searched columns and a fetch of what matched,
    # establishments, report forms and reports: one fixed number, whatever the data.
    with django_assert_max_num_queries(24):
        client.get("/search/", {"q": "a"})


# --- login and lockout ---------------------------------------------------------------


def test_the_login_page_is_in_vietnamese(db, client):
    response = client.get("/login/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="vi">' in page
    assert "Đăng nhập" in page
    assert "Tên đăng nhập" in page


def test_a_wrong_password_shows_the_error(world, client):
    response = client.post("/login/", {"username": "th_admin", "password": "sai"})
    assert response.status_code == 200
    assert LOGIN_ERROR in response.content.decode()


def test_the_right_password_leads_home(world, client):
    response = client.post("/login/", {"username": "th_admin", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_repeated_failures_lock_the_account(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/login/", {"username": "th_admin", "password": "sai"})
    assert LOCKED_OUT in response.content.decode()
    # Even the right password is refused while locked.
    response = client.post("/login/", {"username": "th_admin", "password": PASSWORD})
    assert LOCKED_OUT in response.content.decode()
    assert "_auth_user_id" not in client.session


# --- language ------------------------------------------------------------------------


def test_the_language_can_be_switched_to_english_and_back(world, client_for):
    client = client_for(world.th_admin)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/units/"})
    assert response.status_code == 302
    assert response["Location"] == "/units/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get("/units/").content.decode()
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert '<html lang="vi">' in client.get("/").content.decode()


def test_the_language_switch_works_before_login(db, client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert response["Location"] == "/login/"
    assert '<html lang="en">' in client.get("/login/").content.decode()


def test_the_language_switch_does_not_redirect_off_site(db, client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "https://example.com/"})
    assert response["Location"] == "/"


# --- every template ------------------------------------------------------------------

PACKAGE = Path(settings.BASE_DIR) / "lanhmanh"


def all_templates():
    """Template names of the whole project: the shared folder and each app's."""
    roots = [PACKAGE / "templates", *PACKAGE.glob("*/templates")]
    return sorted(str(path.relative_to(root)) for root in roots for path in root.rglob("*.html"))


@pytest.mark.parametrize("name", all_templates())
def test_every_template_compiles(name):
    # Loads tags and filters and parses the whole template (and what it extends).
    get_template(name)


@pytest.fixture
def rendered():
    names = set()

    def record(sender, template, context, **kwargs):
        names.add(template.name)

    template_rendered.connect(record)
    yield names
    template_rendered.disconnect(record)


def test_every_shared_and_unit_template_is_rendered_by_a_page(world, client, rendered):
    """The layout, the shared pages and the unit pages, each rendered for real."""
    client.get("/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "th_leader", "password": "sai"})
    client.force_login(world.th_admin)
    for url in (
        "/",
        "/search/?q=thanh",
        "/password/",
        "/units/",
        "/units/?era=2004",
        world.hac_thanh.get_absolute_url(),
        world.old_dien_bien.get_absolute_url(),
        f"/units/{world.thanh_hoa.pk}/children/",
        "/organizations/agencies/",
        world.th_health.get_absolute_url(),
        reverse("organizations:agency_update", args=[world.th_health.pk]),  # core/_field.html
        "/organizations/teams/",
        world.th_team.get_absolute_url(),
        "/accounts/users/",
    ):
        assert client.get(url).status_code == 200, url
    expected = {
        name
        for name in all_templates()
        if name.startswith(("core/", "registration/", "geography/"))
    } | {"base.html"}
    assert expected - rendered == set()
