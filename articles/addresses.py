"""Addresses of the readers' pages, each worked out once per process.

An article page links some thirty articles, sections and tags, and reverse()
walks the URL patterns every time: a sixth of the page's time. An address
depends only on the route, its arguments, the script prefix and the URL
configuration, which together are the cache key.
"""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse


def address(viewname: str, *args) -> str:
    """reverse(viewname, args=args), remembered."""
    return _remembered(viewname, args, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=20_000)
def _remembered(viewname, args, script_prefix, urlconf) -> str:
    return reverse(viewname, args=args or None, urlconf=urlconf)
