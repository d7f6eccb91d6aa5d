"""Corrections and withdrawals: published mistakes corrected in public, and articles taken back.

An editor (who holds articles.publish_article) adds a correction to a
published article: it is shown under the body ("Koreksi"), dates the page's
"Updated" time and its JSON-LD dateModified, goes into the JSON-LD as a
schema.org CorrectionComment, and is listed on /koreksi/. An editor may
withdraw a published article: its address then answers 410 Gone with a notice
(articles/views.py) and it leaves every list, as it is no longer published;
the withdrawal is recorded with who, when and why, and can be undone, which
brings the article back as it was (its publication time kept), recorded too.

The article page gets the corrections in its one query (also_fetch) and shows
them through the hooks articles/ offers (registered in editorial/apps.py).
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.caching import articles_changed, changed
from articles.models import Article
from editorial.models import Correction, Withdrawal

PUBLISH_RIGHT = "articles.publish_article"
# The surrogate key of the corrections page (/koreksi/), purged by every correction.
CORRECTIONS_KEY = "corrections"


def may_correct_and_withdraw(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH_RIGHT)


def check_editor(user) -> None:
    if not may_correct_and_withdraw(user):
        raise PermissionDenied(_("Only editors may correct or withdraw an article."))


def add_correction(*, article: Article, text: str, editor) -> Correction:
    """Record a correction of a published article, shown at once under it and on /koreksi/."""
    check_editor(editor)
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the correction readers will read."))
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.status != Article.Status.PUBLISHED:
            raise ValidationError(_("Only a published article can be corrected."))
        if article.is_scheduled:  # no reader has read what would be corrected
            raise ValidationError(
                _(
                    "This article is not yet visible to readers (it is scheduled): "
                    "correct its text itself, no correction is needed."
                )
            )
        return Correction.objects.create(article=article, text=text, created_by=editor)


def withdraw_article(*, article: Article, reason: str, editor) -> Withdrawal:
    """Take a published article back: 410 Gone at its address, out of every list; recorded."""
    check_editor(editor)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the article is withdrawn."))
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        if article.status != Article.Status.PUBLISHED:
            raise ValidationError(_("Only a published article can be withdrawn."))
        if article.is_scheduled:
            # Scheduled: its 410 notice would reveal an address still under embargo.
            raise ValidationError(
                _(
                    "This article is not yet visible to readers (it is scheduled): "
                    "to hold it back, return it to draft."
                )
            )
        article.status = Article.Status.WITHDRAWN
        article.save()  # announces the article and its lists (articles/caching.py)
        changed(CORRECTIONS_KEY)  # its corrections leave the corrections page
        return Withdrawal.objects.create(article=article, reason=reason, withdrawn_by=editor)


def undo_withdrawal(*, article: Article, editor, note: str = "") -> Withdrawal:
    """Publish a withdrawn article again, as it was, at its first publication time; recorded."""
    check_editor(editor)
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article.pk)
        withdrawal = Withdrawal.objects.filter(article=article, undone_at__isnull=True).first()
        if article.status != Article.Status.WITHDRAWN or withdrawal is None:
            raise ValidationError(_("This article is not withdrawn."))
        article.status = Article.Status.PUBLISHED  # published_at is kept
        article.save()
        changed(CORRECTIONS_KEY)
        withdrawal.undone_at = timezone.now()
        withdrawal.undone_by = editor
        withdrawal.undo_note = note.strip()
        withdrawal.save(update_fields=["undone_at", "undone_by", "undo_note"])
        return withdrawal


def standing_withdrawal(article) -> Withdrawal | None:
    """The withdrawal in force on the article, if it is withdrawn."""
    return (
        Withdrawal.objects.filter(article=article, undone_at__isnull=True)
        .select_related("withdrawn_by")
        .first()
    )


def correction_saved(sender, instance, using=None, **kwargs) -> None:
    """post_save and post_delete of a correction: its article's page and /koreksi/ changed."""
    articles_changed([instance.article_id], using=using)
    changed(CORRECTIONS_KEY, using=using)


# --- On the article page (registered in editorial/apps.py) -------------------------------

# The article's corrections, oldest first, in the article page's one query
# (articles/article_page.py); `article` is the page's row.
CORRECTIONS_JSON_SQL = """
SELECT json_agg(json_build_object('id', correction.id, 'text', correction.text,
                                  'created_at', correction.created_at)
                ORDER BY correction.created_at, correction.id)
  FROM editorial_correction AS correction
 WHERE correction.article_id = article.id
"""

LATEST_CORRECTION_SQL = """
SELECT max(correction.created_at)
  FROM editorial_correction AS correction
 WHERE correction.article_id = article.id
"""


def page_corrections(article) -> list[dict]:
    """The article's corrections as its page fetched them: id, text, created_at."""
    return [
        {**item, "created_at": datetime.fromisoformat(item["created_at"])}
        for item in getattr(article, "page_extras", {}).get("corrections") or []
    ]


def corrections_json_ld(article) -> dict:
    """The NewsArticle's `correction`: a schema.org CorrectionComment for each correction."""
    corrections = page_corrections(article)
    if not corrections:
        return {}
    return {
        "correction": [
            {
                "@type": "CorrectionComment",
                "text": item["text"],
                "datePublished": timezone.localtime(item["created_at"]).isoformat(
                    timespec="seconds"
                ),
            }
            for item in corrections
        ]
    }
