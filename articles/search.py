"""Full-text search of the published articles, ranked and highlighted by PostgreSQL.

Each article's search vector is kept by a trigger (migration 0005): headline
weighted A, standfirst B, body C, in the NEWSROOM_SEARCH_CONFIG configuration.
Queries go through websearch_to_tsquery, which accepts anything a reader types
("quoted phrases", OR, -word) and never raises a syntax error.
"""

import html

from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, Func, TextField
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.views import ArticleListView

# ts_rank's weights for D, C, B, A: a word in the headline counts most.
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
# ts_headline marks matches with these private-use characters; the snippet is
# escaped first and only then are they turned into <mark> elements.
MARK_START = "\ue000"
MARK_STOP = "\ue001"


class SearchForm(forms.Form):
    # CharField refuses NUL characters, which PostgreSQL cannot take in text.
    q = forms.CharField(label=_("Search the news"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shortened = False

    def clean_q(self):
        query = self.cleaned_data["q"]
        limit = settings.NEWSROOM_SEARCH_MAX_LENGTH
        self.shortened = len(query) > limit
        return query[:limit].strip()


def search(articles, query: str):
    """Filter articles to those matching query, best first, with marked-up excerpts."""
    config = settings.NEWSROOM_SEARCH_CONFIG
    search_query = SearchQuery(query, search_type="websearch", config=config)
    marks = {"config": config, "start_sel": MARK_START, "stop_sel": MARK_STOP}
    # The body as text, stripped of its tags by the function the trigger uses.
    body_text = Func(F("body"), function="articles_html_to_text", output_field=TextField())
    return (
        articles.filter(search_vector=search_query)
        .annotate(
            rank=SearchRank(F("search_vector"), search_query, weights=RANK_WEIGHTS),
            marked_headline=SearchHeadline("headline", search_query, highlight_all=True, **marks),
            marked_standfirst=SearchHeadline(
                "standfirst", search_query, highlight_all=True, **marks
            ),
            marked_body=SearchHeadline(
                body_text,
                search_query,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
                **marks,
            ),
        )
        .order_by("-rank", "-published_at", "-pk")
    )


def highlight(marked: str, *, from_html: bool = False) -> SafeString:
    """Escape ts_headline's output, turning only its own markers into <mark>.

    from_html: the text comes from the (sanitized) body, whose character
    references ("&amp;") are decoded before everything is escaped again.
    """
    pieces = []
    for index, piece in enumerate(marked.split(MARK_START)):
        matched, _stop, rest = piece.partition(MARK_STOP) if index else ("", "", piece)
        if matched:
            pieces.append(format_html("<mark>{}</mark>", _plain(matched, from_html)))
        pieces.append(conditional_escape(_plain(rest, from_html)))
    return mark_safe("".join(pieces))  # noqa: S308 -- every piece is escaped above


def _plain(text: str, from_html: bool) -> str:
    text = text.replace(MARK_STOP, "")
    return html.unescape(text) if from_html else text


class SearchView(ArticleListView):
    """The search page: a form, and the matching published articles, best first."""

    template_name = "articles/search.html"

    def get(self, request, *args, **kwargs):
        self.form = SearchForm(request.GET)
        if self.form.is_valid():
            self.query = self.typed = self.form.cleaned_data["q"]
        else:
            # Shown back in the search box, without what made it invalid.
            self.query = ""
            typed = self.form.data.get("q", "").replace("\x00", "")
            self.typed = typed[: settings.NEWSROOM_SEARCH_MAX_LENGTH]
        response = super().get(request, *args, **kwargs)
        if self.form.errors:
            response.status_code = 400
        return response

    def subject_key(self):
        return "search"

    def filter_articles(self, articles):
        if not self.query:
            return articles.none()
        return search(articles, self.query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            form=self.form,
            query=self.query,
            typed=self.typed,
            pagination_params={"q": self.query},
            search_max_length=settings.NEWSROOM_SEARCH_MAX_LENGTH,
            **kwargs,
        )
        if self.query:
            count = context["paginator"].count
            context["found_label"] = ngettext(
                "%(counter)s article found for “%(query)s”.",
                "%(counter)s articles found for “%(query)s”.",
                count,
            ) % {"counter": count, "query": self.query}
        for article in context["articles"]:
            article.headline_html = highlight(article.marked_headline)
            article.standfirst_html = highlight(article.marked_standfirst)
            # Without a match in the body, ts_headline returns its first words: not shown.
            if MARK_START in article.marked_body:
                article.excerpt_html = highlight(article.marked_body, from_html=True)
        return context
