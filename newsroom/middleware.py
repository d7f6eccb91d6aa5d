"""Site-wide middleware."""

from django.conf import settings
from django.utils import translation


class SiteLanguageMiddleware:
    """Speak the site's language unless the reader chose another one.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would
    show most visitors of an Indonesian news site an English page. Here only an
    explicit choice (the language cookie set by the switcher) changes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
