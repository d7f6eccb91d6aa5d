"""Edit conflicts: an edit is saved only over the version of the article it started from.

Every form, service or script that lets a person change an article knows the
version it showed them (Article.version, kept by PostgreSQL). Saving checks
that the stored article is still at that version, with its row locked
(SELECT … FOR UPDATE) until the transaction ends, so that two saves of the same
version cannot both pass: the second waits for the first, then sees the new
version and is refused with who saved it and when.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from articles.models import Article


@dataclass(frozen=True)
class StoredEdit:
    """The article as stored, and who saved it last."""

    article: Article
    saved_by_name: str  # "" when nobody is known (a script, a deleted account)

    @property
    def version(self) -> int:
        return self.article.version

    @property
    def saved_at(self) -> datetime:
        return self.article.updated_at


class EditConflict(Exception):
    """Someone saved the article after the version an edit started from."""

    def __init__(self, stored: StoredEdit):
        super().__init__(f"Article {stored.article.pk} is at version {stored.version}")
        self.stored = stored


class ArticleGone(Exception):
    """The article was deleted while it was being edited."""


def user_name(user) -> str:
    """A person as the desk knows them: their full name, else their username."""
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


def lock_for_saving(article_id: int, *, based_on_version: int) -> StoredEdit:
    """Lock the article's row until the transaction ends; refuse an edit of an older version.

    Raises EditConflict when the stored version is not `based_on_version`, and
    ArticleGone when the article no longer exists. Must run inside the
    transaction that saves the edit (the lock ends with it).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_for_saving() needs the transaction that saves the article.")
    stored = Article.objects.select_for_update(of=("self",)).filter(pk=article_id).first()
    if stored is None:
        raise ArticleGone(article_id)
    saved_by = (
        get_user_model().objects.filter(pk=stored.updated_by_id).first()
        if stored.updated_by_id
        else None
    )
    edit = StoredEdit(article=stored, saved_by_name=user_name(saved_by))
    if stored.version != based_on_version:
        raise EditConflict(edit)
    return edit


@transaction.atomic
def save_article(article: Article, *, based_on_version: int, saved_by=None) -> None:
    """Save an edit of `article` unless someone saved it since `based_on_version`.

    For services and scripts; the admin makes the same check in its form
    (articles/forms.py). Raises EditConflict or ArticleGone, saving nothing.
    """
    lock_for_saving(article.pk, based_on_version=based_on_version)
    article.updated_by = saved_by
    article.save()


def conflict_message(stored: StoredEdit) -> str:
    """ "This article was already saved by X at …", for the person whose save was refused."""
    return _("This article was already saved by %(name)s at %(time)s, after you opened it.") % {
        "name": stored.saved_by_name or _("someone else"),
        "time": date_format(localtime(stored.saved_at), "DATETIME_FORMAT"),
    }
