"""The article's history in the admin: its revisions, each compared with now, and restore."""

from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import get_content_type_for_model
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from articles.models import Article
from editorial import revisions
from editorial.models import Revision

LARGEST_ID = 2**63 - 1


class RevisionHistoryMixin:
    """For the article admin: "History" lists the revisions; each can be compared and restored.

    Every view that saves is wrapped in saved_by(request.user), so that the
    revisions of the admin's saves name the editor.
    """

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/<str:revision_id>/",
                self.admin_site.admin_view(self.revision_view),
                name="{}_{}_revision".format(*info),
            ),
            path(
                "<path:object_id>/history/<str:revision_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            *super().get_urls(),
        ]

    def changeform_view(self, request, *args, **kwargs):
        with revisions.saved_by(request.user):
            return super().changeform_view(request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        with revisions.saved_by(request.user):  # bulk actions and list editing
            return super().changelist_view(request, *args, **kwargs)

    def history_view(self, request, object_id, extra_context=None):
        article = self.article_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        paginator = Paginator(article.revisions.select_related("user", "restored_from"), 50)
        page = paginator.get_page(request.GET.get("p"))
        page.object_list = [
            {
                "revision": revision,
                "summary": revisions.summary(revision),
                "when": revisions.when(revision.created_at),
                "url": self.revision_url(revision),
            }
            for revision in page.object_list
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %s") % article,
            "subtitle": None,
            "opts": self.opts,
            "object": article,
            "page": page,
            # Django's own log: publishing and other changes that are not the text.
            "action_list": LogEntry.objects.filter(
                content_type=get_content_type_for_model(article), object_id=str(article.pk)
            )
            .select_related("user")
            .order_by("-action_time")[:50],
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/editorial/revision_history.html", context)

    def revision_view(self, request, object_id, revision_id):
        article = self.article_or_404(request, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        revision = self.revision_or_404(article, revision_id)
        current = revisions.snapshot_of(article.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Revision of %(time)s") % {"time": revisions.when(revision.created_at)},
            "subtitle": str(article),
            "opts": self.opts,
            "object": article,
            "revision": revision,
            "when": revisions.when(revision.created_at),
            "summary": revisions.summary(revision),
            "comparisons": revisions.compare(revision.snapshot, current),
            "is_current": revision.snapshot == current,
            "may_restore": self.may_restore(request, article),
            "restore_url": self.admin_url("restore", article.pk, revision.pk),
            "history_url": self.admin_url("history", article.pk),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/editorial/revision_detail.html", context)

    def restore_view(self, request, object_id, revision_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.article_or_404(request, object_id)
        if not self.may_restore(request, article):
            raise PermissionDenied
        revision = self.revision_or_404(article, revision_id)
        if revision.snapshot == revisions.snapshot_of(article.pk):
            self.message_user(request, _("This revision is the current text already."))
            return HttpResponseRedirect(self.admin_url("history", article.pk))
        outcome = revisions.restore_revision(revision=revision, user=request.user)
        when = revisions.when(revision.created_at)
        # Django's own log of the admin's actions keeps a line too.
        self.log_change(request, article, _("Restored the revision of %(time)s") % {"time": when})
        self.message_user(
            request,
            _("The text of %(time)s is back, as a new revision.") % {"time": when},
            messages.SUCCESS,
        )
        if outcome.not_restored:
            self.message_user(
                request,
                _("Could not be restored: %s.") % "; ".join(map(str, outcome.not_restored)),
                messages.WARNING,
            )
        return HttpResponseRedirect(self.admin_url("history", article.pk))

    def may_restore(self, request, article) -> bool:
        """Restoring changes the article; of a published one, what readers see."""
        if not self.has_change_permission(request, article):
            return False
        return article.status != Article.Status.PUBLISHED or request.user.has_perm(
            "articles.publish_article"
        )

    def article_or_404(self, request, object_id) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("No such article."))
        return article

    def revision_or_404(self, article, revision_id: str) -> Revision:
        if not revision_id.isdigit() or not 0 < int(revision_id) <= LARGEST_ID:
            raise Http404(_("No such revision."))
        revision = (
            Revision.objects.filter(article=article, pk=int(revision_id))
            .select_related("user", "restored_from")
            .first()
        )
        if revision is None:
            raise Http404(_("No such revision."))
        return revision

    def revision_url(self, revision) -> str:
        return self.admin_url("revision", revision.article_id, revision.pk)

    def admin_url(self, name: str, *args) -> str:
        """The address of one of this admin's views of the article ("history", "revision"…)."""
        opts = self.opts
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}", args=args
        )
