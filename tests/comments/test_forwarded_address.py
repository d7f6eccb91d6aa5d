"""Behind a proxy, a junk forwarded-for header is never a 500; only real addresses are kept."""

import ipaddress

import pytest

from comments.models import Comment, RateLimit, Refusal

pytestmark = pytest.mark.django_db

JUNK = {
    "not an address": "not-an-ip",
    "long junk": "x" * 5000,
    "list with junk": "198.51.100.7, not-an-ip",
    "junk in the middle": "198.51.100.7, ::zz::, 10.0.0.2",
    "NUL": "198.51.100.7\x00",
    "only commas": ", , ,",
}


@pytest.fixture(autouse=True)
def behind_proxy(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXIES = ["127.0.0.0/8", "10.0.0.0/8"]


def is_address(value) -> bool:
    ipaddress.ip_address(value)
    return True


@pytest.mark.parametrize("forwarded", JUNK.values(), ids=JUNK.keys())
def test_a_junk_header_on_the_accepted_path_stores_a_valid_address(
    send_comment, article, forwarded
):
    response = send_comment(article, ip="127.0.0.1", forwarded_for=forwarded)

    assert response.status_code == 303
    assert is_address(Comment.objects.get().ip_address)


@pytest.mark.parametrize("forwarded", JUNK.values(), ids=JUNK.keys())
def test_a_junk_header_on_the_refused_path_records_a_valid_address(
    send_comment, article, forwarded
):
    response = send_comment(article, ip="127.0.0.1", token="junk", forwarded_for=forwarded)

    assert response.status_code == 400
    assert is_address(Refusal.objects.get().ip_address)


@pytest.mark.parametrize("forwarded", JUNK.values(), ids=JUNK.keys())
def test_a_junk_header_over_the_limit_is_a_429(send_comment, article, forwarded):
    statuses = [
        send_comment(article, ip="127.0.0.1", forwarded_for=forwarded).status_code for _ in range(3)
    ]

    assert statuses == [303, 429, 429]
    assert is_address(Refusal.objects.get().ip_address)


def test_readers_behind_one_proxy_are_limited_each_by_their_own_address(send_comment, article):
    first = send_comment(article, ip="10.0.0.2", forwarded_for="198.51.100.7")
    second = send_comment(
        article, ip="10.0.0.2", forwarded_for="198.51.100.8", body="Pembaca lain."
    )
    # A client's own claim stands left of what our proxy appended: it is ignored.
    spoofed = send_comment(
        article,
        ip="10.0.0.2",
        forwarded_for="203.0.113.99, 198.51.100.7",
        body="Alamat palsu.",
    )

    assert [first.status_code, second.status_code, spoofed.status_code] == [303, 303, 429]
    assert set(RateLimit.objects.values_list("key", flat=True)) == {
        "198.51.100.7",
        "198.51.100.8",
    }
