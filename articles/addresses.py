"""Addresses of the readers' pages and of static files, each worked out once per process.

An article page links some thirty articles, sections and tags, and reverse()
walks the URL patterns every time: a sixth of the page's time. An address
depends only on the route, its arguments, the script prefix and the URL
configuration, which together are the cache key. The last two are read once
per request, not once per address: each read costs as much as the lookup.

The static files' addresses depend only on the file and the storage's
manifest, which is read when the process starts.
"""

import hashlib
import re
from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.urls.converters import SlugConverter
from django.utils.http import RFC3986_SUBDELIMS

from articles.request_memo import remembered_during_request


class UnicodeSlugConverter:
    """<unicode_slug:…>: a slug whose letters and digits may be of any script.

    taggit makes tag slugs so ("Café" → "café", "北京" → "北京"), and Django's
    validate_unicode_slug accepts the same: hyphens, underscores and word
    characters of any script. In addresses they are percent-encoded (UTF-8),
    as reverse() writes them: /tag/caf%C3%A9/.
    """

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


# Routes whose arguments are all slugs, with the pattern of their slugs: an
# address of theirs is the route's address with the slugs put in, which costs
# a tenth of reverse(). An article page links some articles it has never
# linked before (its related news), so this is the path most misses take.
# tests/articles/test_addresses.py checks that it gives what reverse() gives.
SLUG = re.compile(SlugConverter.regex + r"\Z")
UNICODE_SLUG = re.compile(UnicodeSlugConverter.regex + r"\Z")
SLUG_ROUTES = {
    "articles:detail": SLUG,
    "articles:section": SLUG,
    "articles:author": SLUG,
    "articles:tag": UNICODE_SLUG,
}
MARKER = "0slug{}marker0"
# What reverse() leaves as it is in a path: RFC 3986's pchar.
PATH_SAFE = RFC3986_SUBDELIMS + "/~:@"


def address(viewname: str, *args) -> str:
    """reverse(viewname, args=args), remembered."""
    return _remembered(viewname, args, *routing())


def routing() -> tuple:
    """The script prefix and URL configuration the addresses are made with."""
    return remembered_during_request("routing", _routing)


def _routing() -> tuple:
    return get_script_prefix(), get_urlconf()


def routing_key() -> str:
    """A part of cache keys for what holds addresses: empty for the site's usual routing.

    One process may serve the site under two script prefixes, or with another
    URL configuration for some hosts; what was rendered for one must not be
    served for the other.
    """
    return remembered_during_request("routing_key", _routing_key)


def _routing_key() -> str:
    prefix, urlconf = routing()
    if prefix == "/" and urlconf in (None, settings.ROOT_URLCONF):
        return ""
    return ":" + hashlib.sha256(repr((prefix, urlconf)).encode()).hexdigest()[:16]


@lru_cache(maxsize=20_000)
def _remembered(viewname, args, script_prefix, urlconf) -> str:
    slug = SLUG_ROUTES.get(viewname)
    if slug and all(isinstance(a, str) and slug.match(a) for a in args):
        parts = _route_parts(viewname, len(args), script_prefix, urlconf)
        if parts:
            # Percent-encoded as reverse() does: only a slug's non-ASCII letters change.
            args = [arg if arg.isascii() else quote(arg, safe=PATH_SAFE) for arg in args]
            return "".join(part + arg for part, arg in zip(parts, args, strict=False)) + parts[-1]
    return reverse(viewname, args=args or None, urlconf=urlconf)


@lru_cache(maxsize=64)
def _route_parts(viewname, arg_count, script_prefix, urlconf) -> list[str] | None:
    """The route's address cut where its arguments go, or None if it cannot be cut so."""
    markers = [MARKER.format(number) for number in range(arg_count)]
    try:
        text = reverse(viewname, args=markers, urlconf=urlconf)
    except NoReverseMatch:
        return None
    pattern = "(.*)".join(re.escape(marker) for marker in markers)
    found = re.fullmatch(f"(.*){pattern}(.*)", text, re.DOTALL)
    return list(found.groups()) if found else None


@lru_cache(maxsize=256)
def static_address(path: str) -> str:
    """static(path), remembered: with the manifest storage it costs as much as reverse()."""
    return static(path)


@receiver(setting_changed)
def forget_addresses(**kwargs):
    """Tests change the URL configuration and the static storage; addresses follow them."""
    _remembered.cache_clear()
    _route_parts.cache_clear()
    static_address.cache_clear()
