"""Presence: who else has an article open in the admin ("Being edited by …").

Opening an article's change page, and a heartbeat from that page while it
stays open (editorial/static/editorial/presence.js), record that the person
has it open. Whoever opens it in the next NEWSROOM_PRESENCE_MINUTES sees their
names on the form. Nobody is locked out: edit conflicts are refused on save
(articles/editing.py), presence only warns.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.editing import user_name
from editorial.models import Presence


def presence_window() -> timedelta:
    return timedelta(minutes=settings.NEWSROOM_PRESENCE_MINUTES)


def heartbeat_seconds() -> int:
    """How often an open page says it is still open: well within the window."""
    return max(5, min(60, int(presence_window().total_seconds() // 3)))


def record_presence(*, article, user) -> None:
    """Note that `user` has `article` open now, and forget everyone gone for too long."""
    now = timezone.now()
    Presence.objects.bulk_create(
        [Presence(article=article, user=user, seen_at=now)],
        update_conflicts=True,
        unique_fields=["article", "user"],
        update_fields=["seen_at"],
    )
    Presence.objects.filter(seen_at__lt=now - presence_window()).delete()


def others_editing(*, article, user) -> list[str]:
    """The names of the other people who had `article` open within the window."""
    present = (
        Presence.objects.filter(article=article, seen_at__gte=timezone.now() - presence_window())
        .exclude(user=user)
        .select_related("user")
        .order_by("seen_at")
    )
    return [user_name(presence.user) for presence in present]


def presence_notice(names: list[str]) -> str:
    """ "Being edited by Andi, Budi", or "" when nobody else is there."""
    return _("Being edited by %(names)s") % {"names": ", ".join(names)} if names else ""


class PresenceAdminMixin:
    """For the article admin: record presence on the change page, show who else is there."""

    change_form_template = "editorial/admin/article_change_form.html"

    def presence_url_info(self):
        return self.opts.app_label, self.opts.model_name

    def get_urls(self):
        return [
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name="{}_{}_presence".format(*self.presence_url_info()),
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None and self.has_change_permission(request, article):
            record_presence(article=article, user=request.user)
            names = others_editing(article=article, user=request.user)
            extra_context = {
                **(extra_context or {}),
                "presence_notice": presence_notice(names),
                "presence_url": reverse(
                    "{}:{}_{}_presence".format(self.admin_site.name, *self.presence_url_info()),
                    args=[article.pk],
                ),
                "presence_heartbeat_seconds": heartbeat_seconds(),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def presence_view(self, request, object_id):
        """The page's heartbeat (POST): still here; answers who else is."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        record_presence(article=article, user=request.user)
        names = others_editing(article=article, user=request.user)
        return JsonResponse({"editors": names, "notice": presence_notice(names)})
