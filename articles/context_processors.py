from functools import partial

from django.conf import settings
from django.utils import timezone

from articles.addresses import address
from articles.caching import cached
from articles.models import Section
from articles.structured_data import site_metadata


def section_links() -> list[tuple[str, str]]:
    """Each section's name and address, in navigation order."""
    return [(section.name, section.get_absolute_url()) for section in Section.objects.all()]


def navigation(request):
    """The sections for the site navigation, the site's name, and the year for its footer.

    navigation_current is the page's own address when the navigation links to it
    (home, a section), else empty: all other pages share one site header.
    """
    sections = cached("sections", section_links, every_page=True)
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
