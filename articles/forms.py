"""Forms of the editors' admin."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles.editor import body_editor_widget
from articles.models import Article


class ArticleAdminForm(forms.ModelForm):
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
        widgets = {"body": body_editor_widget()}


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
