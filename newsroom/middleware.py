"""Site-wide middleware."""

from django.conf import settings
from django.utils import translation

from articles import request_memo


class SiteLanguageMiddleware:
    """Speak the language of the page's address: English under /en/, else Indonesian.

    Django's LocaleMiddleware would follow the language cookie and the browser's
    Accept-Language on the addresses without a prefix (and say Vary:
    Accept-Language): most visitors of an Indonesian news site would get an
    English page, and a shared cache could not keep one copy of a page. Here
    the address alone decides, so a page is the same for every reader.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Only for this request: what runs after it in the same thread (a task
        # after the response, the next test) starts in the site's language again.
        with translation.override(language):
            request_memo.forget("routing")  # addresses are made in this language
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
