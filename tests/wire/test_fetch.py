"""Fetching documents and pictures: schemes, SSRF, redirects, deadlines and size limits."""

import time

import pytest

from tests.factories import image_bytes
from tests.wire.conftest import endless, trickle
from wire.fetch import fetch_picture, fetch_source, fetch_url, refused_address
from wire.items import WireError


@pytest.fixture
def private_refused(settings):
    settings.WIRE_ALLOW_PRIVATE_ADDRESSES = False
    return settings


def test_a_document_is_fetched_over_http(wire_server, private_allowed):
    url = wire_server.serve("/feed.json", b'{"uri": "1"}', content_type="application/json")

    fetched = fetch_source(url)

    assert fetched.content == b'{"uri": "1"}'
    assert fetched.content_type == "application/json"
    assert fetched.name == url


def test_a_file_is_read(tmp_path):
    path = tmp_path / "item.json"
    path.write_bytes(b"{}")

    assert fetch_source(str(path)).content == b"{}"


def test_a_file_over_the_limit_is_refused(tmp_path, settings):
    settings.WIRE_MAX_DOCUMENT_BYTES = 100
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 101)

    with pytest.raises(WireError, match="larger than the limit"):
        fetch_source(str(path))


def test_a_device_is_not_read_as_a_file():
    with pytest.raises(WireError, match="not a regular file"):
        fetch_source("/dev/zero")


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/feed.xml", "gopher://example.com/"]
)
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(WireError, match="only http and https"):
        fetch_source(url)


def test_a_picture_is_never_a_local_file(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(image_bytes())

    with pytest.raises(WireError, match="only http and https"):
        fetch_picture(str(path))


def test_the_local_server_is_refused_without_the_setting(wire_server, private_refused):
    url = wire_server.serve("/feed.json", b"{}")

    with pytest.raises(WireError, match="127.0.0.1, a local or private address"):
        fetch_source(url)
    assert wire_server.requests == []  # refused before connecting


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://127.0.0.1:9/", "127.0.0.1"),
        ("http://10.1.2.3/feed", "10.1.2.3"),
        ("http://192.168.0.10/feed", "192.168.0.10"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
        ("http://[::1]:9/", "::1"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:7f00:1"),
        ("http://[::ffff:169.254.169.254]/", "::ffff:a9fe:a9fe"),
        ("http://0.0.0.0/", "0.0.0.0"),  # noqa: S104 -- an address refused, not bound
        ("http://224.0.0.1/", "224.0.0.1"),
        ("http://localhost:9/", "127.0.0.1"),
    ],
)
def test_local_and_private_addresses_are_refused(url, address, private_refused):
    with pytest.raises(WireError, match=f"is at {address}, a local or private address"):
        fetch_url(url, max_bytes=1000)


@pytest.mark.parametrize(
    "address",
    ["64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "100.64.0.1", "fd00::1", "fe80::1", "240.0.0.1"],
)
def test_addresses_embedding_or_reserved_are_refused(address):
    import ipaddress

    assert refused_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["8.8.8.8", "2001:4860:4860::8888", "203.0.114.1"])
def test_public_addresses_pass(address):
    import ipaddress

    assert not refused_address(ipaddress.ip_address(address))


def test_a_redirect_to_this_machine_is_refused(wire_server, private_allowed):
    # The first answer stands for a public agency: the server withdraws the permission as
    # it redirects, so the second hop is checked as any address from outside would be.
    def redirect_to_localhost(handler):
        private_allowed.WIRE_ALLOW_PRIVATE_ADDRESSES = False
        handler.send_response(302)
        handler.send_header("Location", f"http://localhost:{wire_server.httpd.server_port}/x")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    url = wire_server.serve_with("/moved", redirect_to_localhost)
    wire_server.serve("/x", b"secret")

    with pytest.raises(WireError, match="localhost is at 127.0.0.1"):
        fetch_source(url)
    assert wire_server.requests == ["/moved"]


def test_a_redirect_to_a_file_is_refused(wire_server, private_allowed):
    url = wire_server.redirect("/moved", "file:///etc/passwd")

    with pytest.raises(WireError, match="only http and https"):
        fetch_source(url)


def test_redirects_are_followed_up_to_five(wire_server, private_allowed):
    wire_server.serve("/5", b"end")
    for hop in range(5):
        wire_server.redirect(f"/{hop}", f"/{hop + 1}")

    assert fetch_source(wire_server.url("/0")).content == b"end"


def test_a_sixth_redirect_is_refused(wire_server, private_allowed):
    wire_server.serve("/6", b"end")
    for hop in range(6):
        wire_server.redirect(f"/{hop}", f"/{hop + 1}")

    with pytest.raises(WireError, match="more than 5 redirects"):
        fetch_source(wire_server.url("/0"))


def test_only_a_2xx_answer_is_accepted(wire_server, private_allowed):
    url = wire_server.serve("/gone", b"gone", status=410)

    with pytest.raises(WireError, match="the server answered 410"):
        fetch_source(url)
    with pytest.raises(WireError, match="the server answered 404"):
        fetch_source(wire_server.url("/missing"))


def test_a_slow_server_is_cut_off_at_the_deadline(wire_server, private_allowed):
    private_allowed.WIRE_FETCH_TIMEOUT = 1
    url = wire_server.serve_with("/slow", trickle)
    started = time.monotonic()

    with pytest.raises(WireError, match="no complete answer within 1 s"):
        fetch_source(url)
    assert time.monotonic() - started < 3  # the server would trickle for 10 s


def test_a_document_announced_over_the_limit_is_refused(wire_server, private_allowed):
    private_allowed.WIRE_MAX_DOCUMENT_BYTES = 1000
    url = wire_server.serve("/big.xml", b"x" * 1001)

    with pytest.raises(WireError, match="announced; the limit is 1000"):
        fetch_source(url)


def test_a_picture_without_length_is_cut_off_at_the_limit(wire_server, private_allowed):
    private_allowed.WIRE_MAX_PICTURE_BYTES = 200_000
    url = wire_server.serve_with("/endless.jpg", endless)
    started = time.monotonic()

    with pytest.raises(WireError, match="larger than the limit of 195"):
        fetch_picture(url)
    assert time.monotonic() - started < 3  # refused while reading, not after 6 GB


def test_a_picture_is_fetched_within_its_own_limit(wire_server, private_allowed):
    private_allowed.WIRE_MAX_DOCUMENT_BYTES = 10
    photo = image_bytes()
    url = wire_server.serve("/photo.jpg", photo, content_type="image/jpeg")

    assert fetch_picture(url).content == photo


def test_an_unresolvable_host_is_refused_in_one_line(private_refused):
    with pytest.raises(WireError, match="cannot be resolved"):
        fetch_url("http://no-such-host.invalid/feed", max_bytes=1000)


def test_a_refused_connection_is_one_line(private_allowed):
    from tests.server import free_port

    with pytest.raises(WireError, match="cannot connect"):
        fetch_url(f"http://127.0.0.1:{free_port()}/", max_bytes=1000)


def test_https_is_checked_against_the_name_though_the_address_is_dialled(
    tls_server, private_allowed, localhost_certificate, monkeypatch
):
    monkeypatch.setenv("SSL_CERT_FILE", str(localhost_certificate[0]))
    tls_server.serve("/feed.json", b"{}")

    assert fetch_source(tls_server.url("/feed.json", host="localhost")).content == b"{}"
    # The certificate names "localhost", not 127.0.0.1.
    with pytest.raises(WireError, match="TLS failed"):
        fetch_source(tls_server.url("/feed.json"))


def test_an_untrusted_certificate_is_refused(tls_server, private_allowed):
    tls_server.serve("/feed.json", b"{}")

    with pytest.raises(WireError, match="TLS failed: CERTIFICATE_VERIFY_FAILED"):
        fetch_source(tls_server.url("/feed.json", host="localhost"))


def test_an_address_outside_ascii_is_sent_encoded(wire_server, private_allowed):
    wire_server.serve("/berita%C3%A9.json?q=%C3%A9", b"{}")

    assert fetch_source(wire_server.url("/beritaé.json?q=é")).content == b"{}"


def test_an_unusable_host_name_is_one_line(private_refused):
    with pytest.raises(WireError, match="not a usable address"):
        fetch_url("http://" + "a" * 64 + ".example/", max_bytes=1000)
