"""A stand-in for a cache's purge API, for the purgers' tests."""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    method: str
    path: str
    headers: dict
    body: bytes


@dataclass
class RecordingServer:
    """A local HTTP server standing in for a cache's purge API; it records what it is sent."""

    statuses: list = field(default_factory=list)  # answered in turn; 200 once they run out
    requests: list = field(default_factory=list)
    hold: threading.Event = field(default_factory=threading.Event)

    def start(self):
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                recorder.hold.wait(timeout=10)
                recorder.requests.append(Received(self.command, self.path, self.headers, body))
                status = recorder.statuses.pop(0) if recorder.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_PURGE = do_POST = answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.hold.set()
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.hold.set()
        self.server.shutdown()
        self.server.server_close()
