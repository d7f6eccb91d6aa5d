"""Readers send comments; they are stored for moderation before the reader is answered."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from articles.article_page import article_for_page
from articles.models import Article
from articles.views import render_article_page
from comments.defences import (
    RateLimited,
    Refused,
    check_form_token,
    check_rate,
    forgive_interval,
    form_token,
    record_refusal,
)
from comments.forms import CommentForm
from comments.models import Refusal
from comments.services import comments_are_open, submit_comment
from newsroom.client_address import client_address

MESSAGES = {
    "closed": _("Comments are closed on this article."),
    "honeypot": _("Your comment could not be sent."),
    "too_fast": _("That was quick! Please take a moment to read, then send your comment again."),
    "expired": _("The form was open for too long. Please send your comment again."),
    "bad_token": _("The form could not be checked. Please reload the page and send again."),
    "invalid": _("Please correct the errors below."),
    "rate_limited": _("You have sent several comments just now. Please wait a little."),
}

# Refusals a reader fixes and sends again at once; they count in the hour all the same.
READERS_MISTAKES = {Refusal.Reason.INVALID, Refusal.Reason.TOO_FAST, Refusal.Reason.EXPIRED}


# No CSRF cookie: a comment carries no account's authority (readers are
# anonymous), the signed form token and the rate limit stand guard, and the
# article pages stay free of cookies and so cacheable.
@csrf_exempt
@require_POST
def post_comment(request, slug):
    ip_address = client_address(request)
    over_limit = None
    try:
        check_rate(ip_address, MESSAGES["rate_limited"])  # first: every post counts
    except RateLimited as refusal:
        if refusal.again:  # a flood: no page, no row, no log line
            return turned_away_again(refusal)
        over_limit = refusal
    article = article_for_page(slug)  # what the page shows again if the comment is refused
    if article is None:
        if over_limit:  # the hour's one refusal, which later posts add to
            record_refusal(
                reason=over_limit.reason, ip_address=ip_address, limit_key=over_limit.key
            )
            return turned_away_again(over_limit)
        raise Http404
    form = CommentForm(request.POST, article=article)
    try:
        if over_limit:
            raise over_limit
        if not comments_are_open(article):
            raise Refused(Refusal.Reason.CLOSED, 403, MESSAGES["closed"])
        if request.POST.get("website"):
            raise Refused(Refusal.Reason.HONEYPOT, 400, MESSAGES["honeypot"])
        check_form_token(request.POST.get("token", ""), article.pk, MESSAGES)
        if not form.is_valid():
            raise Refused(Refusal.Reason.INVALID, 400, MESSAGES["invalid"])
        submit_comment(
            article=article,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            body=form.cleaned_data["body"],
            parent=form.cleaned_data["parent"],
            ip_address=ip_address,
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
        )
    except Refused as refusal:
        if refusal.reason in READERS_MISTAKES:
            forgive_interval(ip_address)
        record_refusal(
            reason=refusal.reason,
            article=article,
            ip_address=ip_address,
            detail="; ".join(f"{field}: {errors[0]}" for field, errors in form.errors.items()),
            limit_key=getattr(refusal, "key", None),
        )
        response = render_article_page(
            request,
            article,
            extra_context={"comment_form": form, "comment_error": refusal.message},
            status=refusal.status,
        )
        if isinstance(refusal, RateLimited):
            response["Retry-After"] = str(refusal.retry_after)
        return quietly(response)
    # Post/redirect/get; the message lives in the address, so no cookie is needed.
    response = redirect(f"{article.get_absolute_url()}?komentar=terkirim#komentar-form")
    response.status_code = 303  # See Other: the browser follows with a GET
    return response


@require_GET
def fresh_form_token(request, slug):
    """A new form token for the article, asked for by the page when a reader starts writing.

    The article page is kept by the HTTP cache for up to a minute, and its
    token with it: a token carries the time it was made, and the time a reader
    took to write is counted from there (check_form_token). A reader's browser
    asks for a token of its own when they first step into the form
    (static/js/site.js), so the time counts from then. Never cached: a view with
    no surrogate keys is `private, no-store` (delivery/middleware.py).
    """
    article = (
        Article.objects.published()
        .filter(slug=slug)
        .only("pk", "comments_open", "published_at")
        .first()
    )
    if article is None:
        raise Http404
    if not comments_are_open(article):
        return HttpResponse(
            str(MESSAGES["closed"]), status=403, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse(form_token(article.pk), content_type="text/plain; charset=utf-8")


def turned_away_again(refusal: RateLimited) -> HttpResponse:
    """The short answer to a post over the limit: no page is rendered for a flood."""
    response = HttpResponse(
        str(refusal.message), status=429, content_type="text/plain; charset=utf-8"
    )
    response["Retry-After"] = str(refusal.retry_after)
    return quietly(response)


def quietly(response: HttpResponse) -> HttpResponse:
    """Keep Django from logging a refusal again (the defences log each, an hour's flood once)."""
    response._has_been_logged = True  # read by django.utils.log.log_response
    return response
