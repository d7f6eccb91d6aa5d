"""Caching headers for the HTTP cache in front (Varnish, Fastly, Cloudflare) and for browsers.

A page is public only when its view says what it shows: the view sets
`response.surrogate_keys`, a set of key names — `article-<pk>`, `section-<pk>`,
`tag-<pk>`, `author-<pk>`, `home`, `latest` (the latest-news list), `feeds`,
`sitemaps`, `search`, `sections` (the navigation), `corrections` (/koreksi/) —
and the cache in front keeps the page until one of those keys is purged (delivery/purge.py, on
articles' content_changed) or s-maxage runs out. Everything else — the admin,
previews, comment posts, errors (but the 410 notice of a withdrawn article,
the same for every reader), redirects, a page that sets a cookie or
depends on one, a view that named nothing — is `private, no-store`: a view
that forgets its keys is slower, never stale. A readers' page asked for by an
editor signed in is `private, no-cache`: their browser checks it each time.
"""

from django.conf import settings
from django.utils.cache import (
    get_conditional_response,
    has_vary_header,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import http_date
from django.utils.translation import get_language, get_language_from_path

CACHEABLE_METHODS = {"GET", "HEAD"}
# 410: a withdrawn article's notice, the same for every reader, purged by the article's key.
PUBLIC_STATUSES = {200, 410}


class HttpCacheMiddleware:
    """Mark readers' pages public with their surrogate keys; everything else no-store.

    Placed before the session and CSRF middleware, so that it sees the cookies
    and the `Vary: Cookie` they add on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        keys = getattr(response, "surrogate_keys", None)
        if self.is_readers_page(request, response, keys):
            if self.is_signed_in(request):
                # An editor's browser asks again each time (304 while unchanged): it
                # never shows a copy older than the correction just saved. Varnish
                # passes them anyway.
                patch_cache_control(response, private=True, no_cache=True)
            else:
                self.make_public(response, keys)
            return self.answer_conditionally(request, response)
        if "Cache-Control" not in response:
            # The view's own (a preview's `private, no-store`, the admin's never_cache) stays.
            patch_cache_control(response, private=True, no_store=True)
        return response

    def is_readers_page(self, request, response, keys) -> bool:
        """Whether the answer is the page every reader gets at this address."""
        return (
            keys is not None
            and request.method in CACHEABLE_METHODS
            and response.status_code in PUBLIC_STATUSES
            and not response.cookies
            # The session or the CSRF token was read: the page is someone's own.
            and not has_vary_header(response, "Cookie")
            and "Cache-Control" not in response
            and not response.streaming
            and self.language_follows_the_address(request, response)
        )

    def is_signed_in(self, request) -> bool:
        cookies = request.COOKIES
        return settings.SESSION_COOKIE_NAME in cookies or settings.CSRF_COOKIE_NAME in cookies

    def language_follows_the_address(self, request, response) -> bool:
        """Whether the page speaks its address's language, not one a cookie chose.

        A shared cache keys a page by its address only: English chosen by a
        cookie at an Indonesian address must not be kept and served to others.
        """
        address_language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        return response.get("Content-Language", get_language()) == address_language

    def make_public(self, response, keys):
        patch_cache_control(
            response,
            public=True,
            max_age=settings.CACHE_MAX_AGE,
            s_maxage=settings.CACHE_S_MAXAGE,
        )
        for header in settings.CACHE_SURROGATE_HEADERS:
            value = surrogate_header_value(header, keys)
            if value:
                response.headers[header] = value

    def answer_conditionally(self, request, response):
        last_modified = getattr(response, "last_modified", None)
        if last_modified is not None:
            response.headers["Last-Modified"] = http_date(last_modified.timestamp())
        set_response_etag(response)
        # 304 by the ETag only: Last-Modified is the article's own time, and the
        # page also shows lists (latest, related, comments) that change without it.
        return get_conditional_response(request, etag=response["ETag"], response=response)


def surrogate_header_value(header: str, keys) -> str:
    """The keys as the header carries them: comma-separated for Cloudflare, else spaces."""
    separator = "," if header.lower() == "cache-tag" else " "
    return separator.join(sorted(keys))
