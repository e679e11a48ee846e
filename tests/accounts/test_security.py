"""Login lockout, login audit, password hashing and session expiry."""

from auditlog.models import LogEntry
from django.conf import settings
from django.urls import reverse

from tests.world import PASSWORD


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_an_account_is_locked_after_repeated_failures(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "th_admin", "sai-mat-khau").status_code == 200
    assert login(client, "th_admin", "sai-mat-khau").status_code == 429
    locked = login(client, "th_admin", PASSWORD)  # even the right password, for now
    assert locked.status_code == 429
    assert "Tài khoản tạm khóa" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_successful_login_and_logout_are_audited(world, client):
    assert login(client, "th_admin", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    events = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_id=world.th_admin.pk
    ).order_by("timestamp")
    assert [e.changes_dict.get("event") for e in events] == ["login", "logout"]
    assert all(e.actor == world.th_admin for e in events)


def test_a_wrong_password_shows_a_vietnamese_message(world, client):
    page = login(client, "th_admin", "sai")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in page.content.decode()


def test_production_hashes_passwords_with_argon2_and_sessions_expire():
    import lanhmanh.settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert production.SESSION_SAVE_EVERY_REQUEST is True
    assert production.SESSION_COOKIE_AGE == 30 * 60
    assert production.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_pages_require_login(db, client):
    for name in ("home", "geography:unit_list", "organizations:agency_list", "plans:plan_list"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
