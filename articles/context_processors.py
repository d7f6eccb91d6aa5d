from functools import partial

from django.conf import settings
from django.utils import timezone

from articles.addresses import address
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
        "current_year": timezone.localdate().year,
        # Called by pages that are not an article, for their share tags.
        "site_metadata": partial(site_metadata, request),
    }
