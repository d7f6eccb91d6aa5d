"""The client's address behind proxies: only what our own proxies vouch for is believed."""

import pytest
from django.test import RequestFactory

from newsroom.client_address import client_address


def request_from(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.fixture
def behind_proxy(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXIES = ["127.0.0.0/8", "10.0.0.0/8"]


def test_without_a_header_setting_the_header_is_ignored(settings):
    settings.CLIENT_IP_HEADER = None
    assert client_address(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@pytest.mark.usefixtures("behind_proxy")
@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("198.51.100.7", "198.51.100.7"),
        # A client's own entries stand left of what the proxy appended.
        ("6.6.6.6, 198.51.100.7", "198.51.100.7"),
        # Our proxies' entries are skipped, from the right.
        ("198.51.100.7, 10.1.2.3", "198.51.100.7"),
        ("[2001:db8::5]:443", "2001:db8::5"),
        ("198.51.100.7:5123", "198.51.100.7"),
        ("::ffff:198.51.100.7", "198.51.100.7"),
        # Junk is never an address: the last entry vouched for stands.
        ("not-an-ip", "127.0.0.1"),
        ("", "127.0.0.1"),
        ("198.51.100.7, not-an-ip", "127.0.0.1"),
        ("not-an-ip, 10.9.9.9", "10.9.9.9"),
        ("1" * 5000, "127.0.0.1"),
        ("198.51.100.7\x00", "127.0.0.1"),
    ],
)
def test_the_rightmost_untrusted_address_is_the_client(forwarded, expected):
    assert client_address(request_from("127.0.0.1", forwarded)) == expected


@pytest.mark.usefixtures("behind_proxy")
def test_a_request_not_from_our_proxy_cannot_claim_an_address():
    assert client_address(request_from("203.0.113.9", "198.51.100.7")) == "203.0.113.9"


def test_no_remote_address_gives_none():
    assert client_address(RequestFactory().get("/", REMOTE_ADDR="")) is None
