"""Corrections and withdrawals in the editors' admin.

On a published article's page, editors (articles.publish_article) find
"Add a correction…" and "Withdraw…" (a form asking why); on a withdrawn one,
"Undo withdrawal…". A correction once added stays as readers read it: the
public record. No one else sees them (a withdrawal keeps the desk's internal
reasons) nor the buttons, and a crafted request is refused
(editorial/corrections.py checks the right again).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from editorial.corrections import (
    add_correction,
    may_correct_and_withdraw,
    standing_withdrawal,
    undo_withdrawal,
    withdraw_article,
)
from editorial.models import Correction, Withdrawal


def may_see_records(user) -> bool:
    """Withdrawals keep the desk's internal reasons: they are the editors' (who may publish)."""
    return may_correct_and_withdraw(user)


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("Correction"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=Correction._meta.get_field("text").help_text,
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the article withdrawn?"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text=_("Kept with the record of the withdrawal, for the desk; readers see a notice."),
    )


class UndoWithdrawalForm(forms.Form):
    note = forms.CharField(
        label=_("Why is the withdrawal undone?"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        required=False,
    )


class CorrectionsArticleAdminMixin:
    """What ArticleAdmin gains: its corrections and withdrawals, and the pages to add them.

    They are pages of their own (…/correct/, …/withdraw/, …/undo-withdrawal/),
    not inlines: the article's form posts exactly what it posted before.
    """

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not may_see_records(request.user):
            return fieldsets
        fields = ["correction_controls", "withdrawal_controls"]
        return [*fieldsets, (_("Corrections and withdrawal"), {"fields": fields})]

    def get_readonly_fields(self, request, obj=None):
        readonly = [
            *super().get_readonly_fields(request, obj),
            "corrections",
            "correction_controls",
            "withdrawals",
            "withdrawal_controls",
        ]
        if obj is not None and obj.is_withdrawn:
            # Its address keeps the notice: the slug cannot be changed and given away.
            readonly.append("slug")
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        fields = super().get_prepopulated_fields(request, obj)
        if obj is not None and obj.is_withdrawn:
            return {name: sources for name, sources in fields.items() if name != "slug"}
        return fields

    @admin.display(description=_("corrections"))
    def corrections(self, article):
        records = list(article.corrections.select_related("created_by"))
        if not records:
            return _("No correction.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} ({}): {}</li>",
                (
                    (
                        admin_time(record.created_at),
                        record.created_by,
                        record.text,
                    )
                    for record in records
                ),
            ),
        )

    @admin.display(description=_("corrections"))
    def correction_controls(self, article):
        if not article.is_published():  # scheduled ones are corrected by editing them
            return self.corrections(article)
        return format_html(
            '{}<p><a class="button" href="{}">{}</a></p>',
            self.corrections(article),
            self.article_action_url(article, "correct"),
            _("Add a correction…"),
        )

    @admin.display(description=_("withdrawals"))
    def withdrawals(self, article):
        records = list(article.withdrawals.select_related("withdrawn_by", "undone_by"))
        if not records:
            return _("Never withdrawn.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}</li>", ((withdrawal_summary(r),) for r in records)),
        )

    @admin.display(description=_("withdrawals"))
    def withdrawal_controls(self, article):
        if article.is_withdrawn:
            url, label = self.article_action_url(article, "undo_withdrawal"), _("Undo withdrawal…")
        elif article.is_published():  # a scheduled one goes back to draft instead
            url, label = self.article_action_url(article, "withdraw"), _("Withdraw…")
        else:
            return self.withdrawals(article)
        return format_html(
            '{}<p><a class="button" href="{}">{}</a></p>', self.withdrawals(article), url, label
        )

    def article_action_url(self, article, action):
        return reverse(f"admin:articles_article_{action}", args=[article.pk])

    def get_urls(self):
        views = [
            ("correct", self.correct_view),
            ("withdraw", self.withdraw_view),
            ("undo-withdrawal", self.undo_withdrawal_view),
        ]
        own = [
            path(
                f"<path:object_id>/{action}/",
                self.admin_site.admin_view(view),
                name=f"articles_article_{action.replace('-', '_')}",
            )
            for action, view in views
        ]
        return own + super().get_urls()

    def editor_article(self, request, object_id):
        """The article an editor acts on; 403 for others, 404 for no article."""
        if not may_correct_and_withdraw(request.user):
            raise PermissionDenied
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404
        return article

    def correct_view(self, request, object_id):
        return self.editor_action(
            request,
            object_id,
            form_class=CorrectionForm,
            act=lambda article, data: add_correction(
                article=article, text=data["text"], editor=request.user
            ),
            done=_("The correction is published under “%(headline)s”."),
            title=_("Correct an article"),
            button=_("Publish the correction"),
        )

    def withdraw_view(self, request, object_id):
        return self.editor_action(
            request,
            object_id,
            form_class=WithdrawForm,
            act=lambda article, data: withdraw_article(
                article=article, reason=data["reason"], editor=request.user
            ),
            done=_("“%(headline)s” is withdrawn: its address answers with a notice."),
            title=_("Withdraw an article"),
            button=_("Withdraw"),
        )

    def undo_withdrawal_view(self, request, object_id):
        return self.editor_action(
            request,
            object_id,
            form_class=UndoWithdrawalForm,
            act=lambda article, data: undo_withdrawal(
                article=article, editor=request.user, note=data["note"]
            ),
            done=_("“%(headline)s” is published again."),
            title=_("Undo a withdrawal"),
            button=_("Publish it again"),
        )

    def editor_action(self, request, object_id, *, form_class, act, done, title, button):
        """A form page for one editor's action on an article; done, back to the article."""
        article = self.editor_article(request, object_id)
        form = form_class(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                act(article, form.cleaned_data)
            except ValidationError as error:  # the article changed state meanwhile
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, done % {"headline": article.headline}, messages.SUCCESS)
            return redirect(self.article_action_url(article, "change"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "subtitle": article.headline,
            "article": article,
            "form": form,
            "button": button,
            "standing": standing_withdrawal(article),
            "change_url": self.article_action_url(article, "change"),
        }
        return TemplateResponse(request, "admin/editorial/article_action_form.html", context)


def admin_time(moment) -> str:
    """A time as the admin shows times: local, in the site's language."""
    return date_format(localtime(moment), "DATETIME_FORMAT")


def withdrawal_summary(record: Withdrawal):
    withdrawn = format_html(
        "{} {} ({}): {}",
        _("Withdrawn"),
        admin_time(record.withdrawn_at),
        record.withdrawn_by,
        record.reason,
    )
    if record.is_standing:
        return withdrawn
    return format_html(
        "{}; {} {} ({}){}",
        withdrawn,
        _("undone"),
        admin_time(record.undone_at),
        record.undone_by,
        f": {record.undo_note}" if record.undo_note else "",
    )


class EditorsRecordAdmin(admin.ModelAdmin):
    """A read-only record, seen by who sees articles; written only through the services."""

    def has_module_permission(self, request):
        return may_see_records(request.user)

    def has_view_permission(self, request, obj=None):
        return may_see_records(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Correction)
class CorrectionAdmin(EditorsRecordAdmin):
    list_display = ["article", "text", "created_at", "created_by"]
    list_select_related = ["article", "created_by"]
    search_fields = ["article__headline", "text"]
    date_hierarchy = "created_at"


@admin.register(Withdrawal)
class WithdrawalAdmin(EditorsRecordAdmin):
    list_display = ["article", "withdrawn_at", "withdrawn_by", "reason", "undone_at", "undone_by"]
    list_select_related = ["article", "withdrawn_by", "undone_by"]
    search_fields = ["article__headline", "reason"]
    fields = [
        "article",
        "reason",
        "withdrawn_at",
        "withdrawn_by",
        "undone_at",
        "undone_by",
        "undo_note",
    ]
    readonly_fields = fields
