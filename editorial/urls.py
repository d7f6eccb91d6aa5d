"""The readers' pages of the editorial app (under each language, as articles' are)."""

from django.urls import path

from editorial.corrections_page import CorrectionListView

app_name = "editorial"

urlpatterns = [
    # Corrections: every correction, newest first.
    path("koreksi/", CorrectionListView.as_view(), name="corrections"),
]
