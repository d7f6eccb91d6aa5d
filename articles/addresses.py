"""Addresses of the readers' pages and of static files, each worked out once per process.

An article page links some thirty articles, sections and tags, and reverse()
walks the URL patterns every time: a sixth of the page's time. An address
depends only on the route, its arguments, the script prefix, the URL
configuration and the language (English addresses start with /en/), which
together are the cache key. The last three are read once per request, not
once per address: each read costs as much as the lookup. So within a
request address() gives the page's language, whatever translation.override()
says; address_in() gives another's (a page links its other versions).

The static files' addresses depend only on the file and the storage's
manifest, which is read when the process starts.
"""

import hashlib
import re
from functools import lru_cache
from urllib.parse import quote, unquote

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import (
    NoReverseMatch,
    Resolver404,
    ResolverMatch,
    get_script_prefix,
    get_urlconf,
    resolve,
    reverse,
)
from django.urls.converters import SlugConverter
from django.utils import translation
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


def address_in(language: str, viewname: str, *args) -> str:
    """reverse(viewname, args=args) in `language`, remembered."""
    prefix, urlconf, _language = routing()
    return _remembered(viewname, args, prefix, urlconf, language)


def routing() -> tuple:
    """The script prefix, URL configuration and language the addresses are made with."""
    return remembered_during_request("routing", _routing)


def _routing() -> tuple:
    return get_script_prefix(), get_urlconf(), translation.get_language() or settings.LANGUAGE_CODE


def routing_key() -> str:
    """A part of cache keys for what holds addresses: empty for the site's usual routing.

    One process may serve the site under two script prefixes, or with another
    URL configuration for some hosts, and in two languages (/berita/… and
    /en/berita/…); what was rendered for one must not be served for another.
    """
    return _routing_key(*routing())


@lru_cache(maxsize=64)
def _routing_key(prefix, urlconf, language) -> str:
    if prefix == "/" and urlconf in (None, settings.ROOT_URLCONF):
        return "" if language == settings.LANGUAGE_CODE else f":{language}"
    return ":" + hashlib.sha256(repr((prefix, urlconf, language)).encode()).hexdigest()[:16]


@lru_cache(maxsize=20_000)
def _remembered(viewname, args, script_prefix, urlconf, language) -> str:
    slug = SLUG_ROUTES.get(viewname)
    if slug and all(isinstance(a, str) and slug.match(a) for a in args):
        parts = _route_parts(viewname, len(args), script_prefix, urlconf, language)
        if parts:
            # Percent-encoded as reverse() does: only a slug's non-ASCII letters change.
            args = [arg if arg.isascii() else quote(arg, safe=PATH_SAFE) for arg in args]
            return "".join(part + arg for part, arg in zip(parts, args, strict=False)) + parts[-1]
    return reverse_in(language, viewname, args=args or None, urlconf=urlconf)


def reverse_in(language: str, viewname: str, **kwargs) -> str:
    """reverse() in `language` (it reads the active language, which may be another)."""
    if language == translation.get_language():
        return reverse(viewname, **kwargs)
    with translation.override(language):
        return reverse(viewname, **kwargs)


@lru_cache(maxsize=64)
def _route_parts(viewname, arg_count, script_prefix, urlconf, language) -> list[str] | None:
    """The route's address cut where its arguments go, or None if it cannot be cut so."""
    markers = [MARKER.format(number) for number in range(arg_count)]
    try:
        text = reverse_in(language, viewname, args=markers, urlconf=urlconf)
    except NoReverseMatch:
        return None
    pattern = "(.*)".join(re.escape(marker) for marker in markers)
    found = re.fullmatch(f"(.*){pattern}(.*)", text, re.DOTALL)
    return list(found.groups()) if found else None


def equivalent_address(match: ResolverMatch, language: str) -> str | None:
    """The address of the page `match` found, in `language`; None if it has none there."""
    try:
        if match.args:
            return reverse_in(
                language, match.view_name, args=match.args, kwargs=match.captured_kwargs
            )
        # The route's arguments, in the order of its pattern (our routes name them all).
        return address_in(language, match.view_name, *match.captured_kwargs.values())
    except NoReverseMatch:
        return None


def page_match(path: str) -> ResolverMatch | None:
    """What `path` (a path under the script prefix, with it) leads to, in its own language."""
    prefix = get_script_prefix()
    if not path.startswith(prefix):
        return None
    path_info = "/" + path.removeprefix(prefix)
    language = translation.get_language_from_path(path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            return resolve(unquote(path_info))
        except Resolver404:
            return None


@lru_cache(maxsize=256)
def static_address(path: str) -> str:
    """static(path), remembered: with the manifest storage it costs as much as reverse()."""
    return static(path)


@receiver(setting_changed)
def forget_addresses(**kwargs):
    """Tests change the URL configuration and the static storage; addresses follow them."""
    _remembered.cache_clear()
    _route_parts.cache_clear()
    _routing_key.cache_clear()
    static_address.cache_clear()
