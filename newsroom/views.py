"""Site-wide views."""

import sys
from math import ceil
from urllib.parse import quote, urlsplit, urlunsplit

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from articles.addresses import address_in, equivalent_address, page_match

# Seconds a reader (or a crawler) is asked to wait when the database is away.
RETRY_AFTER_DATABASE = 5


def choose_language(request, language):
    """Send the reader to the page they were on, in the language they chose.

    The footer links each page's versions directly; this keeps the old links
    (/bahasa/en/?next=/berita/…/) working. Each language has its own
    addresses, so nothing is remembered: no cookie, and pages stay cacheable.
    """
    if language not in dict(settings.LANGUAGES):
        raise Http404("No such language.")
    next_url = request.GET.get("next", "")
    match = None
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(next_url)
        match = page_match(parts.path)
    page = match and equivalent_address(match, language)
    if not page:
        return HttpResponseRedirect(address_in(language, "articles:home"))
    # The query string as Django writes it, whatever the link held (spaces, quotes, controls).
    query = QueryDict(parts.query).urlencode()
    return HttpResponseRedirect(urlunsplit(("", "", page, query, quote(parts.fragment))))


@never_cache
def health(request):
    """Answer 200 when the site can reach its database, 503 when it cannot.

    For load balancers and service managers; answered over plain HTTP too
    (SECURE_REDIRECT_EXEMPT), as they ask from the internal network.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def login_locked_out(request, original_response=None, credentials=None):
    """The page a login refused by django-axes gets: 429, and when to try again."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = render(request, "lockout.html", {"minutes": max(1, ceil(seconds / 60))}, status=429)
    response["Retry-After"] = str(seconds)
    return response


@requires_csrf_token
def server_error(request):
    """The 500 page; or, when the database could not be reached, the 503 page.

    A database restart or failover makes the requests in flight fail with
    OperationalError or InterfaceError, wherever they were (a view, the
    session, a middleware): the reader is asked to come back in a few seconds,
    and a cache or crawler is told the same (503, Retry-After), never that the
    page is broken. Django has logged the exception already.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_DATABASE)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)
