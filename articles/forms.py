"""Forms of the editors' admin."""

import re
from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField, TagWidget
from taggit.models import Tag

from articles.editing import (
    ArticleGone,
    EditConflict,
    StoredEdit,
    conflict_message,
    lock_for_saving,
)
from articles.editor import body_editor_widget
from articles.models import Article
from articles.sanitize import sanitize_html

TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length
# A blank tag between commas, at the start, or quoted: "a, , b", ", a", '""'.
EMPTY_TAG = re.compile(r'(^\s*,)|(,\s*,)|(""|\'\')')
VERSION = re.compile(r"[0-9]{1,9}")
STAYS_WITHDRAWN = _("This article is withdrawn: bring it back with “Undo withdrawal…”.")


class VersionField(forms.CharField):
    """The version an edit is based on: how the form checks for conflicts, never a change.

    Left out of the form's changed_data, so that the admin's log does not list it
    among what the editor changed.
    """

    def has_changed(self, initial, data):
        return False


class CheckedTagField(TagField):
    """taggit's tag field, with the checks it leaves out.

    taggit would pass a 300-character tag to the database (a 500) and accept
    tags made only of punctuation, which have no usable page address.
    """

    def clean(self, value):
        if value and EMPTY_TAG.search(value):
            raise ValidationError(_("One of the tags is empty. Remove the extra comma."))
        names = super().clean(value)
        errors = []
        for name in names:
            if len(name) > TAG_MAX_LENGTH:
                errors.append(
                    ValidationError(
                        _("The tag “%(start)s…” is %(length)s characters; the limit is %(limit)s."),
                        params={"start": name[:30], "length": len(name), "limit": TAG_MAX_LENGTH},
                    )
                )
            elif not any(character.isalnum() for character in name):
                errors.append(
                    ValidationError(
                        _("The tag “%(name)s” has no letters or digits."), params={"name": name}
                    )
                )
        if errors:
            raise ValidationError(errors)
        unique = {}
        for name in names:
            unique.setdefault(name.casefold(), name)  # tags are case-insensitive
        return list(unique.values())


class TagPickerWidget(TagWidget):
    """The tag box, with the most used tags offered below it: a click adds one."""

    template_name = "articles/widgets/tag_picker.html"
    suggestion_count = 30

    class Media:
        js = ["js/tag_picker.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["suggestions"] = list(
            Tag.objects.filter(usage__article_count__gt=0)
            .order_by("-usage__article_count", "name")
            .values_list("name", flat=True)[: self.suggestion_count]
        )
        return context


class ArticleAdminForm(forms.ModelForm):
    tags = CheckedTagField(
        label=_("Tags"),
        widget=TagPickerWidget(attrs={"size": 80}),
        required=False,
        help_text=Article._meta.get_field("tags").help_text,
    )
    # The version the form was opened at: saving over a later one is refused (clean()).
    # Checked by hand rather than as an IntegerField, whose error would sit on a
    # hidden field, out of sight.
    based_on_version = VersionField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "standfirst",
            "section",
            "authors",
            "tags",
            "dateline_place",
            "source_agencies",
            "body",
            "status",
            "published_at",
            "is_featured",
            "comments_open",
        ]
        widgets = {
            "headline": forms.TextInput(attrs={"size": 80}),
            "slug": forms.TextInput(attrs={"size": 80}),
            "standfirst": forms.Textarea(attrs={"rows": 2, "cols": 80}),
            "body": body_editor_widget(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A body written past save() (SQL, update()) reaches the editor's browser clean too.
        if "body" in self.initial:
            self.initial["body"] = sanitize_html(self.initial["body"])
        if self.instance.pk is not None:
            self.initial.setdefault("based_on_version", self.instance.version)
        status = self.fields.get("status")
        if status is not None and self.instance.is_withdrawn:
            # It leaves this state only by the recorded undo: offer no other.
            withdrawn = Article.Status.WITHDRAWN
            status.choices = [(withdrawn.value, withdrawn.label)]
            status.error_messages["invalid_choice"] = STAYS_WITHDRAWN

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            self.check_edit_is_based_on_stored_version(cleaned_data.get("based_on_version") or "")
        return cleaned_data

    def check_edit_is_based_on_stored_version(self, based_on: str) -> None:
        """Lock the stored article (until the admin's transaction ends) and compare versions."""
        if not VERSION.fullmatch(based_on):
            raise ValidationError(
                _(
                    "This form does not say which version of the article it was opened at, "
                    "so it could overwrite someone else's changes. Open the article again "
                    "and make your changes there."
                ),
                code="no_version",
            )
        try:
            lock_for_saving(self.instance.pk, based_on_version=int(based_on))
        except ArticleGone:
            raise ValidationError(
                _("This article was deleted after you opened it."), code="deleted"
            ) from None
        except EditConflict as conflict:
            # The form now carries the stored version: saving it again replaces
            # that version with this one, on purpose.
            self.data = self.data.copy()
            self.data[self.add_prefix("based_on_version")] = str(conflict.stored.version)
            raise ValidationError(self.explain_conflict(conflict.stored), code="conflict") from None

    def explain_conflict(self, stored: StoredEdit):
        """Who saved when, what differs, where to see it, and how to keep one's own text."""
        theirs = stored.article
        differing = get_text_list(
            [str(label) for label in self.fields_differing_from(theirs)], _("and")
        )
        return format_html(
            '{} {}<br>{} “{}”{}<br>{}{} <a href="{}" target="_blank" rel="noopener">{}</a><br>{}',
            conflict_message(stored),
            _("Your changes are not saved: they are still in the form below."),
            _("Their version:"),
            theirs.headline,
            format_html(" — {}", theirs.standfirst) if theirs.standfirst else "",
            format_html("{} {}.<br>", _("It differs from yours in:"), differing)
            if differing
            else "",
            _("Compare with your text below:"),
            reverse("admin:articles_article_change", args=[theirs.pk]),
            _("open their version in a new tab"),
            _("To replace their version with yours, save again."),
        )

    def fields_differing_from(self, stored: Article) -> list:
        """The labels of the fields whose value in this form is not the stored one."""
        differing = []
        for name, field in self.fields.items():
            if name not in self.cleaned_data or name == "based_on_version":
                continue
            mine, theirs = self.cleaned_data[name], self.stored_value(stored, name)
            if name == "tags":
                mine = {tag.casefold() for tag in mine}
            elif name == "authors":
                mine = {author.pk for author in mine}
            elif name == "body":
                mine = " ".join(sanitize_html(mine).split())
            elif isinstance(mine, datetime):  # the form's time has no microseconds
                mine, theirs = mine.replace(microsecond=0), theirs and theirs.replace(microsecond=0)
            if mine != theirs:
                differing.append(field.label)
        return differing

    @staticmethod
    def stored_value(stored: Article, name: str):
        if name == "tags":
            return {tag.name.casefold() for tag in stored.tags.all()}
        if name == "authors":
            return set(stored.authors.values_list("pk", flat=True))
        if name == "body":
            return " ".join(sanitize_html(stored.body).split())
        return getattr(stored, name)

    def clean_status(self):
        """Withdrawing, and undoing it, are recorded with who and why (editorial/): not here."""
        status = self.cleaned_data["status"]
        was = self.instance.status if self.instance.pk else None
        withdrawn = Article.Status.WITHDRAWN
        if status == withdrawn and was != withdrawn:
            raise ValidationError(
                _("Withdraw a published article with the “Withdraw…” button, which asks why.")
            )
        if was == withdrawn and status != withdrawn:
            raise ValidationError(STAYS_WITHDRAWN)
        return status

    def clean_published_at(self):
        """The stored time, if the form sent it back as shown (to the second, not the microsecond).

        Saving a published article unchanged must not move it in the lists: that
        would purge every list page from the HTTP cache (articles/caching.py).
        """
        published_at = self.cleaned_data["published_at"]
        stored = self.instance.published_at if self.instance.pk else None
        if stored is not None and published_at == stored.replace(microsecond=0):
            return stored
        return published_at


class PhotoInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        leads = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_lead") and not form.cleaned_data.get("DELETE")
        ]
        if len(leads) > 1:
            raise ValidationError(_("Tick “lead photo” on one photo only."))
