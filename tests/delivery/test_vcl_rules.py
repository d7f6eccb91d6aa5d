"""The VCL's own rules, in front of a stub backend that answers what each test needs."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.delivery.varnish import VarnishServer, get

ANSWERS = {
    "/public/": {"Cache-Control": "public, max-age=30, s-maxage=60"},
    "/sets-cookie/": {"Cache-Control": "public, max-age=30, s-maxage=60", "Set-Cookie": "a=b"},
    "/says-nothing/": {},
}


class Backend(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 -- http.server's naming
        body = b"ok"
        self.send_response(200)
        for name, value in ANSWERS.get(self.path, {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish_in_front_of_a_stub(varnish_installed, tmp_path):
    backend = ThreadingHTTPServer(("127.0.0.1", 0), Backend)
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    varnish = VarnishServer(backend_port=backend.server_port, workdir=tmp_path / "varnish")
    yield varnish
    varnish.stop()
    backend.shutdown()
    backend.server_close()


def test_a_public_answer_is_kept(varnish_in_front_of_a_stub):
    get(varnish_in_front_of_a_stub, "/public/")
    assert get(varnish_in_front_of_a_stub, "/public/").getheader("X-Cache") == "HIT"


@pytest.mark.parametrize("path", ["/sets-cookie/", "/says-nothing/"])
def test_an_answer_setting_a_cookie_or_not_public_is_never_kept(varnish_in_front_of_a_stub, path):
    for _ in range(3):
        response = get(varnish_in_front_of_a_stub, path)
        assert response.status == 200
        assert response.getheader("X-Cache") == "MISS"
