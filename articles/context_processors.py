from django.conf import settings
from django.utils import timezone

from articles.caching import cached
from articles.models import Section


def navigation(request):
    """The sections for the site navigation, the site's name, and the year for its footer."""
    return {
        "navigation_sections": cached("sections", lambda: list(Section.objects.all())),
        "site_name": settings.NEWSROOM_SITE_NAME,
        "content_language": settings.NEWSROOM_CONTENT_LANGUAGE,
        "current_year": timezone.localdate().year,
    }
