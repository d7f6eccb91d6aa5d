"""A real Varnish with the shipped VCL in front of a test gunicorn.

varnishd and the xkey module come from Debian's varnish and varnish-modules,
installed with apt-get when missing and allowed (root). Where they cannot be
had, the tests skip with the reason; in CI (CI=true) they fail instead.
"""

import http.client
import os
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.server import ROOT, free_port

VCL = ROOT / "deploy" / "varnish.vcl"
VARNISHD = "varnishd"
XKEY = "libvmod_xkey.so"


def xkey_installed() -> bool:
    return any(Path("/usr/lib").glob(f"**/varnish/vmods/{XKEY}"))


def ensure_varnish() -> str | None:
    """None when varnishd and xkey are there (installing them if need be), else why not."""
    if shutil.which(VARNISHD) and xkey_installed():
        return None
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return "varnish and varnish-modules are missing and cannot be installed without root"
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "varnish", "varnish-modules"],
    ):
        result = subprocess.run(command, capture_output=True, text=True, env=environment)
        if result.returncode != 0:
            return f"installing Varnish failed: {result.stderr.strip()[-300:]}"
    if not (shutil.which(VARNISHD) and xkey_installed()):
        return "varnish was installed but varnishd or the xkey module is not found"
    return None


class VarnishServer:
    """varnishd with deploy/varnish.vcl (on a free port unless given), backend the given port."""

    def __init__(
        self, *, backend_port: int, workdir: Path, port: int | None = None, storage="malloc,64m"
    ):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # Where readers come through a TLS terminator speaking the PROXY protocol.
        self.proxy_port = free_port()
        workdir.mkdir(parents=True, exist_ok=True)
        vcl = VCL.read_text()
        shipped_backend = '.port = "8000";'
        assert shipped_backend in vcl, "the VCL's backend is no longer 127.0.0.1:8000"
        self.vcl = workdir / "varnish.vcl"
        self.vcl.write_text(vcl.replace(shipped_backend, f'.port = "{backend_port}";'))
        self.instance = workdir / "instance"  # varnishstat -n reads its counters there
        self.log = open(workdir / "varnishd.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                VARNISHD,
                "-F",  # in the foreground: this process is its parent
                "-j",
                "none",  # no privilege separation: a test's temporary files
                "-n",
                str(self.instance),
                "-a",
                f"127.0.0.1:{self.port}",
                "-a",
                f"127.0.0.1:{self.proxy_port},PROXY",
                "-T",
                f"127.0.0.1:{free_port()}",
                "-f",
                str(self.vcl),
                "-s",
                storage,
            ],  # fmt: skip
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_up()

    def _wait_until_up(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.flush()
                raise RuntimeError(
                    f"varnishd exited with {self.process.returncode}: "
                    + Path(self.log.name).read_text()[-2000:]
                )
            try:
                with urllib.request.urlopen(self.url + "/health/", timeout=5):  # noqa: S310
                    return
            except urllib.error.HTTPError:
                return  # Varnish answers (the backend may not, yet)
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("varnishd did not answer in time")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def get(site, path, *, method="GET", headers=None, source="127.0.0.1", body=None):
    """One request to Varnish from the given local address; the response, read."""
    address = urllib.parse.urlsplit(site.url)
    connection = http.client.HTTPConnection(
        address.hostname, address.port, timeout=10, source_address=(source, 0)
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        response.text = response.read().decode()
        return response
    finally:
        connection.close()
