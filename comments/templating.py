"""The comments under an article, for the readers' templates (newsroom/jinja2.py)."""

import hashlib
from functools import lru_cache

from django.utils.safestring import mark_safe
from django.utils.translation import ngettext
from jinja2 import pass_context

from articles.article_page import model_from_json
from comments.defences import form_token, linkify
from comments.forms import CommentForm
from comments.models import Comment
from comments.services import comments_are_open


@pass_context
def comment_section(context, article) -> dict:
    """Approved comments, oldest first, each with its approved replies; then the form."""
    approved = approved_comments(article)
    replies = {}
    for comment in approved:
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
    threads = [
        (comment, replies.get(comment.pk, [])) for comment in approved if not comment.parent_id
    ]
    request = context["request"]
    count = sum(1 + len(answers) for _comment, answers in threads)
    section = {
        "threads": threads,
        # All the list shows, the key of its rendered HTML (comments/article_comments.html);
        # as a digest, so that the process keeps a few bytes, not every comment's text.
        "shown": hashlib.sha256(
            repr(
                [(c.pk, c.parent_id, c.name, c.body, c.created_at.isoformat()) for c in approved]
            ).encode()
        ).hexdigest(),
        "count_label": ngettext("%(counter)s comment", "%(counter)s comments", count)
        % {"counter": count},
        "is_open": comments_are_open(article),
        "sent": request.GET.get("komentar") == "terkirim",
    }
    if section["is_open"] and not section["sent"]:  # the form is shown
        # A form sent with errors is shown again as sent; a new one is made only
        # when its fields are rendered, once per process (comments/form.html).
        sent_back = context.get("comment_form")
        wanted_parent = (sent_back and sent_back["parent"].value()) or request.GET.get("balas")
        section.update(
            sent_back=sent_back,
            new_form=lambda: CommentForm(article=article),
            token=form_token(article.pk),
            error=context.get("comment_error"),
            reply_to=next((c for c, _ in threads if str(c.pk) == str(wanted_parent)), None),
        )
    return section


# The approved comments of the article, oldest first, fetched with the article
# in the article page's one query (articles/article_page.py; registered in
# comments/apps.py). 'approved' is Comment.Status.APPROVED.
APPROVED_COMMENTS_JSON_SQL = """
SELECT json_agg(json_build_object(
           'id', comment.id, 'parent_id', comment.parent_id, 'name', comment.name,
           'body', comment.body, 'created_at', comment.created_at)
           ORDER BY comment.created_at, comment.id)
  FROM comments_comment AS comment
 WHERE comment.article_id = article.id AND comment.status = 'approved'
"""


def approved_comments(article) -> list[Comment]:
    """The approved comments of an article, oldest first (only what the page shows is loaded)."""
    extras = getattr(article, "page_extras", {})
    if "approved_comments" not in extras:  # an article not fetched for its page
        return list(
            Comment.objects.approved()
            .filter(article=article)
            .only("pk", "parent_id", "name", "body", "created_at")
        )
    return [
        model_from_json(Comment, data, article_id=article.pk)
        for data in extras["approved_comments"] or []
    ]


@lru_cache(maxsize=4096)
def comment_text(text):
    """A comment's plain text as HTML: escaped, line breaks kept, links marked as ugc.

    Remembered by text in each process: urlize() takes some 0.1 ms a comment,
    and the articles most read, those with the most comments, show the same
    comments to every reader.
    """
    html = linkify(text)  # what it links, count_links() counts (comments/defences.py)
    html = html.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')
    # Safe: urlize escaped everything the reader typed; only its own <a> tags remain.
    return mark_safe(html.replace("\n", "<br>"))  # noqa: S308
