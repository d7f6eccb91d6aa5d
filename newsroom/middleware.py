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


class ContentSecurityPolicyMiddleware:
    """Tell browsers the readers' pages load nothing from elsewhere and run no inline script.

    The admin is left out: CKEditor and Django's admin widgets rely on inline code.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.NEWSROOM_CONTENT_SECURITY_POLICY
            and not request.path.startswith(self.admin_prefix)
            # The 500 page and Django's debug pages carry their own inline styles.
            and response.status_code < (400 if settings.DEBUG else 500)
            and response.get("Content-Type", "").startswith("text/html")
        ):
            response.headers.setdefault(
                "Content-Security-Policy", settings.NEWSROOM_CONTENT_SECURITY_POLICY
            )
        return response
