"""The address a request came from, for rate limits and login lockouts.

Behind a proxy, REMOTE_ADDR is the proxy's address and the reader's is in a
header the proxy sets (CLIENT_IP_HEADER, e.g. X-Forwarded-For). Anything in
that header may have been written by the client, except what our own proxies
appended: so the list is read from the right, our proxies (TRUSTED_PROXIES)
are skipped, and the first address that is not one of them is the client.
A value that is not an address ends the walk: whatever stands left of it
cannot be vouched for, and the last address vouched for is used instead.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def client_address(request) -> str | None:
    """The client's address as text, or None when the server gave none (a test client)."""
    remote = parse_address(request.META.get("REMOTE_ADDR", ""))
    header = settings.CLIENT_IP_HEADER
    if remote is None or not header or not is_trusted_proxy(remote):
        return str(remote) if remote else None
    client = remote
    for entry in reversed(request.META.get(header, "").split(",")):
        address = parse_address(entry)
        if address is None:
            break
        client = address
        if not is_trusted_proxy(address):
            break
    return str(client)


def parse_address(value: str) -> Address | None:
    """An address from a header entry ("203.0.113.5", "[2001:db8::1]:443", "1.2.3.4:80")."""
    value = value.strip()
    if not value or len(value) > 64:
        return None
    if value.startswith("["):  # [IPv6]:port
        value = value[1 : value.find("]")] if "]" in value else ""
    elif value.count(":") == 1:  # IPv4:port
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_trusted_proxy(address: Address) -> bool:
    return any(address in network for network in trusted_networks(tuple(settings.TRUSTED_PROXIES)))


@lru_cache(maxsize=8)
def trusted_networks(proxies: tuple[str, ...]) -> list:
    return [ipaddress.ip_network(proxy, strict=False) for proxy in proxies]
