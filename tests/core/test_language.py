"""Vietnamese by default, whatever the browser asks for; English when chosen."""

from django.urls import reverse


def test_the_login_page_is_vietnamese_even_for_an_english_browser(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in page.content.decode()
    assert page.headers["Content-Language"] == "vi"


def test_choosing_english_switches_the_pages(world, client_for):
    client = client_for(world.th_admin)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("home"))
    assert page.headers["Content-Language"] == "en"
    back = client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert back.status_code == 302
    assert client.get(reverse("home")).headers["Content-Language"] == "vi"
