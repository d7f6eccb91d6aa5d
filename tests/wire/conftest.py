"""A local HTTP server for the wire tests: documents, pictures, redirects and slow answers."""

import contextlib
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class WireServer:
    """Serves what a test puts at a path: bytes, or a function writing the answer itself."""

    def __init__(self, *, tls=None):
        """tls: an ssl.SSLContext to serve https with."""
        self.routes = {}
        self.fallback = None  # what any other path gets: (status, content type, body)
        self.requests = []  # the paths asked for, in order
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                route = server.routes.get(self.path, server.fallback)
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    if route is None:
                        self.send_error(404)
                    elif callable(route):
                        route(self)
                    else:
                        status, content_type, body = route
                        self.send_response(status)
                        self.send_header("Content-Type", content_type)
                        self.send_header("Content-Length", str(len(body)))
                        self.end_headers()
                        self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.scheme = "https" if tls else "http"
        if tls:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str, *, host="127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.httpd.server_port}{path}"

    def serve(self, path: str, body: bytes, *, content_type="application/octet-stream", status=200):
        self.routes[path] = (status, content_type, body)
        return self.url(path)

    def serve_with(self, path: str, answer):
        """answer(handler) writes the whole answer."""
        self.routes[path] = answer
        return self.url(path)

    def redirect(self, path: str, location: str, *, status=302):
        def answer(handler):
            handler.send_response(status)
            handler.send_header("Location", location)
            handler.send_header("Content-Length", "0")
            handler.end_headers()

        return self.serve_with(path, answer)

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def trickle(handler, *, seconds=10.0, interval=0.1):
    """Answer 200 and send a byte every interval, for seconds: a server too slow to wait for."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.end_headers()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(interval)


def endless(handler):
    """Answer 200 with no length and bytes that never end (until the client hangs up)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "image/jpeg")
    handler.end_headers()
    chunk = b"\xff" * 65536
    for _ in range(100_000):
        handler.wfile.write(chunk)


@pytest.fixture
def wire_server():
    server = WireServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def localhost_certificate(tmp_path_factory):
    """A self-signed certificate for the name "localhost" only: (certificate, key) paths."""
    folder = tmp_path_factory.mktemp("tls")
    certificate, key = folder / "localhost.pem", folder / "localhost.key"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
            "-keyout", str(key), "-out", str(certificate),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return certificate, key


@pytest.fixture
def tls_server(localhost_certificate):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*localhost_certificate)
    server = WireServer(tls=context)
    yield server
    server.stop()


@pytest.fixture
def private_allowed(settings):
    """The test's server is on 127.0.0.1: let the fetch reach it, as an agency on the LAN."""
    settings.WIRE_ALLOW_PRIVATE_ADDRESSES = True
    return settings
