"""Fetching a wire document or picture: a file, or an http(s) address checked against SSRF.

An address given by a feed is hostile until checked: only http and https are
followed; the host is resolved here and every address it resolves to must be
public (not loopback, private, link-local such as the cloud metadata service
169.254.169.254, multicast, reserved or unspecified, nor an IPv6 address
embedding one of those), and the connection is made to the address checked,
with the name kept for the Host header and TLS (SNI and certificate), so a
second resolution cannot swap in another. Each redirect is checked again.
WIRE_ALLOW_PRIVATE_ADDRESSES lifts the address check, for an agency on the
newsroom's own network and for tests.

The whole fetch has a deadline (WIRE_FETCH_TIMEOUT): a server that trickles
its bytes is cut off when it passes, however often it sends. The size limit
is enforced while reading. Every failure is a WireError with a one-line reason.
"""

import contextlib
import http.client
import ipaddress
import os
import socket
import ssl
import stat
import threading
import time
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from wire.items import WireError

ALLOWED_SCHEMES = {"http", "https"}
MAX_REDIRECTS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
CHUNK_BYTES = 64 * 1024
USER_AGENT = "Newsroom wire ingest"

# IPv6 prefixes that carry an IPv4 address in their last 32 bits (NAT64).
NAT64_PREFIXES = [ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48")]


@dataclass(frozen=True)
class Fetched:
    content: bytes
    content_type: str  # as the server sent it ("" for a file)
    name: str  # the final address, after redirects, or the file's path


def fetch_source(source: str, *, max_bytes: int | None = None) -> Fetched:
    """Fetch a document: an http(s) address, or else a file on this machine (a path)."""
    max_bytes = settings.WIRE_MAX_DOCUMENT_BYTES if max_bytes is None else max_bytes
    if looks_like_address(source):
        return fetch_url(source, max_bytes=max_bytes)
    return read_file(source, max_bytes=max_bytes)


def fetch_picture(url: str) -> Fetched:
    """Fetch a picture a document links to: over http(s) only, never a local file."""
    return fetch_url(url, max_bytes=settings.WIRE_MAX_PICTURE_BYTES)


def looks_like_address(source: str) -> bool:
    """Whether source is meant as an address ("scheme:…"), checked or refused as one."""
    scheme = urlsplit(source).scheme
    return len(scheme) > 1  # "C:\…" is a path, "file:", "ftp:", "http:" are addresses


def read_file(path: str, *, max_bytes: int) -> Fetched:
    """Read a regular file, refusing it once it passes max_bytes."""
    try:
        with open(path, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise WireError(f"{path} is not a regular file")
            content = file.read(max_bytes + 1)
    except OSError as error:
        raise WireError(f"cannot read {path}: {error.strerror or error}") from error
    if len(content) > max_bytes:
        raise WireError(f"the file is larger than the limit of {filesizeformat(max_bytes)}")
    return Fetched(content=content, content_type="", name=path)


def fetch_url(url: str, *, max_bytes: int, timeout: float | None = None) -> Fetched:
    """GET url, following up to MAX_REDIRECTS redirects, each checked; only 2xx is accepted."""
    timeout = settings.WIRE_FETCH_TIMEOUT if timeout is None else timeout
    deadline = time.monotonic() + timeout
    for _hop in range(MAX_REDIRECTS + 1):
        with Exchange(url, deadline=deadline, timeout=timeout) as exchange:
            response = exchange.response
            if response.status in REDIRECT_STATUSES:
                location = response.getheader("Location")
                if not location:
                    raise WireError(f"a redirect ({response.status}) without a Location")
                url = urljoin(url, location.strip())
                continue
            if not 200 <= response.status < 300:
                raise WireError(f"the server answered {response.status} {response.reason}".strip())
            content = exchange.read_body(max_bytes)
            return Fetched(
                content=content, content_type=response.getheader("Content-Type", ""), name=url
            )
    raise WireError(f"more than {MAX_REDIRECTS} redirects")


class Exchange:
    """One request and its response, within the fetch's deadline."""

    def __init__(self, url: str, *, deadline: float, timeout: float):
        self.url = url
        self.deadline = deadline
        self.timeout = timeout
        self.connection = None
        self.response = None
        self.cut_off = False
        self.watchdog = None

    def __enter__(self):
        parts = checked_parts(self.url)
        remaining = self.remaining()
        if parts.scheme == "https":
            self.connection = CheckedHTTPSConnection(
                parts.hostname, parts.port or 443, timeout=remaining
            )
        else:
            self.connection = CheckedHTTPConnection(
                parts.hostname, parts.port or 80, timeout=remaining
            )
        # At the deadline the socket is shut, whatever call is waiting on it: a
        # read that a trickling server keeps feeding never reaches its own timeout.
        self.watchdog = threading.Timer(remaining, self.cut)
        self.watchdog.daemon = True
        self.watchdog.start()
        try:
            self.connection.request(
                "GET",
                request_target(parts),
                headers={
                    "Host": host_header(parts),
                    "User-Agent": USER_AGENT,
                    "Accept-Encoding": "identity",
                    "Connection": "close",
                },
            )
            self.response = self.connection.getresponse()
        except Exception as error:
            self.__exit__(None, None, None)
            raise self.failure(error) from error
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info):
        if self.watchdog:
            self.watchdog.cancel()
        if self.connection:
            self.connection.close()
        return False

    def remaining(self) -> float:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise WireError(f"no complete answer within {self.timeout:g} s")
        return remaining

    def cut(self):
        self.cut_off = True
        # The connection's own reference is dropped once the response holds the socket.
        sock = getattr(self.connection, "checked_socket", None)
        if sock is not None:
            with contextlib.suppress(OSError):  # closed already
                sock.shutdown(socket.SHUT_RDWR)

    def read_body(self, max_bytes: int) -> bytes:
        length = self.response.getheader("Content-Length")
        if length and length.strip().isdigit() and int(length) > max_bytes:
            raise WireError(
                f"{filesizeformat(int(length))} announced; the limit is {filesizeformat(max_bytes)}"
            )
        chunks, size = [], 0
        try:
            while chunk := self.response.read1(CHUNK_BYTES):
                size += len(chunk)
                if size > max_bytes:
                    raise WireError(f"larger than the limit of {filesizeformat(max_bytes)}")
                chunks.append(chunk)
        except WireError:
            raise
        except Exception as error:
            raise self.failure(error) from error
        if self.cut_off:
            raise WireError(f"no complete answer within {self.timeout:g} s")
        return b"".join(chunks)

    def failure(self, error: Exception) -> Exception:
        """The one-line WireError for what went wrong on the wire."""
        if isinstance(error, WireError):
            return error
        if self.cut_off or isinstance(error, TimeoutError):
            return WireError(f"no complete answer within {self.timeout:g} s")
        if isinstance(error, ssl.SSLError):
            return WireError(f"TLS failed: {error.reason or error}")
        if isinstance(error, socket.gaierror):
            return WireError(f"the host name cannot be resolved ({error.strerror})")
        if isinstance(error, http.client.HTTPException):
            return WireError(f"not a usable HTTP answer ({type(error).__name__})")
        if isinstance(error, OSError):
            return WireError(f"cannot connect: {error.strerror or error}")
        if isinstance(error, ValueError):  # UnicodeError, http.client.InvalidURL
            return WireError(f"not a usable address ({error})")
        return error  # a bug of ours: let it show


def checked_parts(url: str):
    """The parts of an http(s) address, or WireError."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port out of range
    except ValueError as error:
        raise WireError(f"not a usable address ({error})") from error
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise WireError(f"only http and https addresses are fetched, not {parts.scheme or 'none'}:")
    if not parts.hostname:
        raise WireError("the address has no host")
    return parts


def host_header(parts) -> str:
    """The Host header: the name in ASCII (IDNA), the port if given, never credentials."""
    name = parts.hostname.encode("idna").decode("ascii")
    if ":" in name:
        name = f"[{name}]"
    return f"{name}:{parts.port}" if parts.port else name


def request_target(parts) -> str:
    """The path and query as sent: characters outside ASCII percent-encoded."""
    target = parts.path or "/"
    if parts.query:
        target = f"{target}?{parts.query}"
    return quote(target, safe="/?&=%:@!$'()*+,;-._~")


def allow_private_addresses() -> bool:
    return settings.WIRE_ALLOW_PRIVATE_ADDRESSES


def refused_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether address is on this machine, a private network or not routable at all."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if address.teredo:
            embedded = address.teredo[1]
        for prefix in NAT64_PREFIXES:
            if address in prefix:
                embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None and refused_address(embedded):
            return True
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def check_address(host: str, address: str) -> None:
    """Raise WireError if host's address may not be fetched from."""
    if allow_private_addresses():
        return
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone ("fe80::1%eth0")
    if refused_address(ip):
        raise WireError(f"{host} is at {ip}, a local or private address: refused")


def resolve(host: str, port: int, timeout: float) -> list:
    """getaddrinfo within the timeout (the resolver has none of its own that we can set)."""
    outcome = {}

    def look_up():
        try:
            outcome["found"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            outcome["error"] = error

    thread = threading.Thread(target=look_up, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise TimeoutError(f"resolving {host} took too long")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["found"]


def connect_checked(host: str, port: int, timeout: float) -> socket.socket:
    """Connect to host at an address checked first, and checked again once connected."""
    found = resolve(host, port, timeout)
    # Every address the name gives must pass, not only the first: a name that
    # also gives a private address is not an agency's.
    for *_rest, sockaddr in found:
        check_address(host, sockaddr[0])
    last_error = None
    for family, kind, proto, _name, sockaddr in found:
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            sock.connect(sockaddr)
            check_address(host, sock.getpeername()[0])
            return sock
        except WireError:
            sock.close()
            raise
        except OSError as error:
            sock.close()
            last_error = error
    raise last_error or OSError(f"no address for {host}")


class CheckedHTTPConnection(http.client.HTTPConnection):
    default_port = 80

    def connect(self):
        self.sock = self.checked_socket = connect_checked(self.host, self.port, self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class CheckedHTTPSConnection(http.client.HTTPSConnection):
    default_port = 443

    def __init__(self, host, port=None, *, timeout):
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)

    def connect(self):
        sock = connect_checked(self.host, self.port, self.timeout)
        # The certificate is checked against the name, though the address was dialled.
        self.sock = self.checked_socket = self.tls.wrap_socket(sock, server_hostname=self.host)
