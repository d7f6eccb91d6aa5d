"""Admin logins: wrong passwords lock a user out from an address for a while."""

from datetime import timedelta

import pytest

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"
LOGIN = "/admin/login/?next=/admin/"
ATTACKER = "198.51.100.7"
READER = "203.0.113.9"


@pytest.fixture
def editor(db):
    return UserFactory(username="redaktur", is_staff=True)


@pytest.fixture
def log_in(client):
    """Post the admin's login form, from an address; returns the response."""

    def post(username, password, *, ip=ATTACKER, **headers):
        client.cookies.clear()
        return client.post(
            LOGIN,
            {"username": username, "password": password, "next": "/admin/"},
            REMOTE_ADDR=ip,
            **headers,
        )

    return post


def fail(log_in, times, username="redaktur", **kwargs):
    return [log_in(username, "salah-sandi", **kwargs).status_code for _ in range(times)]


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_the_right_password_logs_in(editor, log_in):
    assert logged_in(log_in("redaktur", PASSWORD))


def test_twenty_wrong_passwords_do_not_all_get_the_form_again(editor, log_in):
    statuses = fail(log_in, 20)

    assert statuses[:4] == [200] * 4
    assert set(statuses[5:]) == {429}


def test_a_locked_out_user_is_refused_even_with_the_right_password(editor, log_in):
    fail(log_in, 5)

    response = log_in("redaktur", PASSWORD)

    assert response.status_code == 429
    assert not logged_in(response)
    assert "_auth_user_id" not in response.client.session
    page = response.content.decode()
    assert "Terlalu banyak percobaan masuk" in page
    assert "Too many failed logins" in page
    assert "15 menit" in page
    assert response["Retry-After"] == str(15 * 60)


def test_the_lockout_ends_after_the_cool_off(editor, log_in, settings):
    import time

    settings.AXES_COOLOFF_TIME = timedelta(seconds=1)
    fail(log_in, 5)
    assert log_in("redaktur", PASSWORD).status_code == 429

    time.sleep(1.5)

    assert logged_in(log_in("redaktur", PASSWORD))


def test_the_same_user_from_another_address_is_not_locked_out(editor, log_in):
    fail(log_in, 10)

    assert logged_in(log_in("redaktur", PASSWORD, ip=READER))


def test_another_user_from_the_same_address_is_not_locked_out(editor, log_in):
    UserFactory(username="korektor", is_staff=True)
    fail(log_in, 10)

    assert logged_in(log_in("korektor", PASSWORD))


def test_a_successful_login_resets_the_count(editor, log_in):
    fail(log_in, 4)
    assert logged_in(log_in("redaktur", PASSWORD))
    fail(log_in, 4)

    assert logged_in(log_in("redaktur", PASSWORD))


def test_usernames_that_do_not_exist_are_counted_too(db, log_in):
    statuses = fail(log_in, 8, username="tidak-ada")

    assert set(statuses[5:]) == {429}


def test_a_forwarded_for_header_is_ignored_without_a_proxy(editor, log_in):
    statuses = [
        log_in("redaktur", "salah", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}").status_code
        for number in range(8)
    ]

    assert set(statuses[5:]) == {429}


@pytest.fixture
def behind_proxy(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXIES = ["127.0.0.0/8"]


def via_proxy(log_in, username, password, *, client_says, real):
    """Through our proxy at 127.0.0.1, which appends the address it saw to the client's header."""
    header = f"{client_says}, {real}" if client_says else real
    return log_in(username, password, ip="127.0.0.1", HTTP_X_FORWARDED_FOR=header)


def test_made_up_forwarded_addresses_do_not_dodge_the_lockout(editor, log_in, behind_proxy):
    claims = [f"192.0.2.{number}" for number in range(6)] + ["not-an-ip", "", "::zz", "1.2.3.4:x"]
    statuses = [
        via_proxy(log_in, "redaktur", "salah", client_says=claim, real=ATTACKER).status_code
        for claim in claims
    ]

    assert statuses[:4] == [200] * 4
    assert set(statuses[5:]) == {429}
    response = via_proxy(log_in, "redaktur", PASSWORD, client_says="192.0.2.99", real=ATTACKER)
    assert response.status_code == 429


def test_an_attacker_cannot_lock_out_someone_else_by_naming_their_address(
    editor, log_in, behind_proxy
):
    fail_count = 10
    for _ in range(fail_count):
        via_proxy(log_in, "redaktur", "salah", client_says=READER, real=ATTACKER)

    assert logged_in(via_proxy(log_in, "redaktur", PASSWORD, client_says=None, real=READER))


def test_the_real_client_behind_the_proxy_is_locked_out(editor, log_in, behind_proxy):
    for _ in range(5):
        via_proxy(log_in, "redaktur", "salah", client_says=None, real=ATTACKER)

    response = via_proxy(log_in, "redaktur", PASSWORD, client_says=None, real=ATTACKER)
    assert response.status_code == 429
    assert logged_in(via_proxy(log_in, "redaktur", PASSWORD, client_says=None, real=READER))


def test_the_test_client_can_still_log_in(editor, client):
    assert client.login(username="redaktur", password=PASSWORD)
    assert client.get("/admin/").status_code == 200
