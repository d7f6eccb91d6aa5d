"""The health check answers over plain HTTP even where every other page is HTTPS only."""

import pytest


@pytest.fixture
def https_only(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def test_the_health_check_answers_over_plain_http(db, client, https_only):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_other_pages_are_redirected_to_https(db, client, https_only):
    response = client.get("/")

    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_pages_through_the_https_proxy_are_not_redirected(db, client, https_only):
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200
