"""Forms of the editors' admin."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField, TagWidget
from taggit.models import Tag

from articles.editor import body_editor_widget
from articles.models import Article
from articles.sanitize import sanitize_html

TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length
# A blank tag between commas, at the start, or quoted: "a, , b", ", a", '""'.
EMPTY_TAG = re.compile(r'(^\s*,)|(,\s*,)|(""|\'\')')


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
            raise ValidationError(
                _("This article is withdrawn: bring it back with “Undo withdrawal…”.")
            )
        return status


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
