from dataclasses import dataclass
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from articles.addresses import address, address_in, equivalent_address, page_match
from articles.models import Section
from articles.request_memo import remember, remembered_during_request
from articles.structured_data import site_metadata


def section_links() -> tuple[tuple[str, str], ...]:
    """Each section's name and address, in navigation order; read once per request."""
    return remembered_during_request(
        "navigation_sections", lambda: links_of(Section.objects.values_list("name", "slug"))
    )


def sections_fetched_with(article) -> None:
    """Take the sections the article page's query brought (articles/caching.py), if it did."""
    fetched = getattr(article, "page_extras", {}).get("navigation_sections")
    if fetched is not None:
        remember("navigation_sections", links_of(fetched))


def links_of(sections) -> tuple[tuple[str, str], ...]:
    return tuple((name, address("articles:section", slug)) for name, slug in sections)


def navigation(request):
    """The sections for the site navigation, the site's name, and the year for its footer.

    navigation_current is the page's own address when the navigation links to it
    (home, a section), else empty: all other pages share one site header.
    """
    sections = section_links()
    linked = {address("articles:home"), *(url for _name, url in sections)}
    return {
        "navigation_sections": sections,
        "navigation_current": request.path if request.path in linked else "",
        "site_name": settings.NEWSROOM_SITE_NAME,
        "content_language": settings.NEWSROOM_CONTENT_LANGUAGE,
        "default_language": settings.LANGUAGE_CODE,
        "current_year": timezone.localdate().year,
        # Called by pages that are not an article, for their share tags.
        "site_metadata": partial(site_metadata, request),
        "language_versions": partial(language_versions, request),
    }


@dataclass(frozen=True)
class LanguageVersion:
    """The page in one language: its address for links, and in full for hreflang."""

    path: str
    url: str


def language_versions(request, page_url=None) -> dict[str, LanguageVersion]:
    """The page in each of the site's languages, by language code.

    The page is the one the request found, or `page_url` when the request was
    not for the page itself (a comment refused is shown at the form's address,
    which takes posts only). The query string stays (a search, a page of a
    list). A page that has no address in a language is linked by that
    language's home page there.
    """
    query = ""
    if page_url:
        match = page_match(urlsplit(page_url).path)
    elif request.method in ("GET", "HEAD"):
        match = request.resolver_match
        # As Django writes it: a valid address whatever was sent.
        query = request.GET.urlencode() if request.META.get("QUERY_STRING") else ""
    else:
        match = None
    origin = request.build_absolute_uri("/")[:-1]  # the host is checked once, not per address
    versions = {}
    for code, _name in settings.LANGUAGES:
        found = match and equivalent_address(match, code)
        path = (f"{found}?{query}" if query else found) if found else home_address(code)
        versions[code] = LanguageVersion(path, origin + path)
    return versions


def home_address(language: str) -> str:
    return address_in(language, "articles:home")
