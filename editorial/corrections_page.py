"""The corrections page (/koreksi/): every correction readers may see, newest first."""

from django.conf import settings
from django.views.generic import ListView

from editorial.corrections import CORRECTIONS_KEY
from editorial.models import Correction


class CorrectionListView(ListView):
    template_name = "editorial/corrections.html"
    context_object_name = "corrections"
    paginate_by = settings.NEWSROOM_PAGE_SIZE

    def get_queryset(self):
        return (
            Correction.objects.of_published_articles()
            .select_related("article")
            .only("text", "created_at", "article__headline", "article__slug")
            .newest_first()
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        # A new correction purges CORRECTIONS_KEY; a headline changed, its article's key.
        response.surrogate_keys = {
            CORRECTIONS_KEY,
            "sections",
            *(f"article-{correction.article_id}" for correction in context["corrections"]),
        }
        return response
