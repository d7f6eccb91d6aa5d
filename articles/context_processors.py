from django.conf import settings
from django.utils import timezone

from articles.caching import cached
from articles.models import Section


def section_links() -> list[tuple[str, str]]:
    """Each section's name and address, in navigation order."""
    return [(section.name, section.get_absolute_url()) for section in Section.objects.all()]


def navigation(request):
    """The sections for the site navigation, the site's name, and the year for its footer."""
    return {
        "navigation_sections": cached("sections", section_links),
        "site_name": settings.NEWSROOM_SITE_NAME,
        "content_language": settings.NEWSROOM_CONTENT_LANGUAGE,
        "current_year": timezone.localdate().year,
    }
