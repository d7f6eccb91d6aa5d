"""The readers' site: home, article, section, author and tag pages."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.generic import ListView

from articles.addresses import UNICODE_SLUG, address
from articles.article_page import BELOW_BODY_TEMPLATES, article_for_page
from articles.context_processors import sections_fetched_with
from articles.feeds import feed_urls
from articles.models import Article, Author, Section
from articles.related import related_articles
from articles.structured_data import article_metadata
from articles.tags import tags_with_published_articles

FRONT_STORIES = 5  # the lead story and four top stories
HOME_LATEST = 8
HOME_PER_SECTION = 4


def home(request):
    published = Article.objects.published()
    # Featured stories lead, newest first; the newest of the rest fill the front.
    front = list(published.filter(is_featured=True).for_listing().newest_first()[:FRONT_STORIES])
    if len(front) < FRONT_STORIES:
        front += (
            published.exclude(pk__in=[a.pk for a in front])
            .for_listing()
            .newest_first()[: FRONT_STORIES - len(front)]
        )
    lead_story, top_stories = (front[0], front[1:]) if front else (None, [])
    latest = published.exclude(pk__in=[a.pk for a in front]).for_news_list().newest_first()
    section_blocks = {}
    for article in newest_in_each_section(HOME_PER_SECTION):
        section_blocks.setdefault(article.section, []).append(article)
    latest = news_links(latest[:HOME_LATEST])
    response = render(
        request,
        "articles/home.html",
        {
            "lead_story": lead_story,
            "top_stories": top_stories,
            "latest": latest,
            "section_blocks": section_blocks.items(),
        },
    )
    # What the page shows, for the HTTP cache in front to purge it by (delivery/).
    response.surrogate_keys = {
        "home",
        "latest",
        "sections",
        *article_keys([*front, *latest, *(a for block in section_blocks.values() for a in block)]),
        *(f"section-{section.pk}" for section in section_blocks),
    }
    return response


def article_keys(articles) -> set[str]:
    """The surrogate keys of articles (or news links) a page shows."""
    return {f"article-{article.pk}" for article in articles}


NEWEST_IN_EACH_SECTION_SQL = """
SELECT newest.id
  FROM articles_section AS section
 CROSS JOIN LATERAL (
        SELECT article.id
          FROM articles_article AS article
         WHERE article.section_id = section.id
           AND article.status = 'published' AND article.published_at <= %(now)s
         ORDER BY article.published_at DESC, article.id DESC
         LIMIT %(count)s
       ) AS newest
"""


def newest_in_each_section(count):
    """The newest published articles of every section, in section order, in two queries.

    Each section reads its own index range (LATERAL), so the cost does not grow
    with the number of articles, as a window over all of them would.
    """
    with connection.cursor() as cursor:
        cursor.execute(NEWEST_IN_EACH_SECTION_SQL, {"now": timezone.now(), "count": count})
        ids = [row[0] for row in cursor.fetchall()]
    return (
        Article.objects.filter(pk__in=ids)
        .for_listing()
        .order_by("section__order", "section__name", "-published_at", "-pk")
    )


def article_detail(request, slug):
    if len(slug) > Article._meta.get_field("slug").max_length:
        raise Http404  # no such article
    # Its related news come with the article, in the same query; nothing is cached.
    article = article_for_page(slug, with_related=True)
    if article is None:
        return article_withdrawn(request, slug) or article_preview(request, slug)
    return render_article_page(request, article)


def article_withdrawn(request, slug):
    """410 Gone and a short notice, without the text, where a withdrawn article was; else None.

    The same page for everyone (editors read the text in the admin), so it is
    kept by the HTTP cache like a reader's page, under the article's key: the
    readers of a withdrawn story's shared links do not all reach the app, and
    a withdrawal undone purges it (articles/caching.py).
    """
    withdrawn = (
        Article.objects.filter(slug=slug, status=Article.Status.WITHDRAWN)
        # One withdrawn before its time never showed: the notice would reveal its address.
        .exclude(published_at__gt=timezone.now())
        .values("pk", "updated_at")
        .first()
    )
    if withdrawn is None:
        return None
    response = render(request, "articles/withdrawn.html", status=410)
    response.surrogate_keys = {"sections", f"article-{withdrawn['pk']}"}
    response.last_modified = withdrawn["updated_at"]
    return response


def article_preview(request, slug):
    """An unpublished article (draft, in review, scheduled), for who may view or change articles.

    Everyone else gets the 404 of an address with no article at all, so an
    embargoed story's existence is not told. Only here is the session read,
    so published articles' pages vary by nothing.
    """
    if not may_preview(request.user):
        raise Http404
    article = article_for_page(slug, published_only=False, with_related=True)
    if article is None or not may_preview_article(request.user, article):
        raise Http404
    response = render_article_page(request, article, related=related_news_links(article))
    # For this user only: no proxy or CDN may keep it and serve it to readers.
    patch_cache_control(response, private=True, no_store=True)
    return response


def may_preview(user) -> bool:
    """Whether the user may read unpublished articles: one who may view or change them."""
    return user.is_staff and (
        user.has_perm("articles.view_article") or user.has_perm("articles.change_article")
    )


def may_preview_article(user, article) -> bool:
    """Who may publish previews any article; a reporter only their own (an embargo holds)."""
    return (
        user.has_perm("articles.publish_article")
        or Article.objects.filter(pk=article.pk).written_by(user).exists()
    )


def render_article_page(request, article, *, related=None, extra_context=None, status=200):
    """The article page; other apps (comments) render it again with their form's errors."""
    if related is None:
        related = related_news_links(article)
    sections_fetched_with(article)
    latest = [link for link in latest_news(article) if link.pk != article.pk]
    meta = article_metadata(article, request)
    context = {
        "article": article,
        "related": related,
        "latest": latest[: settings.NEWSROOM_LATEST_COUNT],
        "share_url": meta["url"],
        "meta": meta,
        "tag_links": tag_links(article.tag_list),
        # What other apps show under the body (articles/article_page.py: show_below_body()).
        "below_body_templates": BELOW_BODY_TEMPLATES,
        **(extra_context or {}),
    }
    response = render(request, "articles/article_detail.html", context, status=status)
    response.surrogate_keys = {
        "latest",
        "sections",
        f"section-{article.section_id}",
        *article_keys([article, *related, *context["latest"]]),
        *(f"tag-{tag.pk}" for tag in article.tag_list),
        *(f"author-{author.pk}" for author in article.author_list),
    }
    # A correction (another app's public update) dates the page too.
    response.last_modified = max(article.updated_at, meta["updated"] or article.updated_at)
    return response


def tag_links(tags) -> list[tuple[str, str | None]]:
    """Each tag's name and page address; None for a slug no address carries.

    taggit and the admin make slugs that route ("café", "北京"), and PostgreSQL
    names a tag whose slug would be empty (migration 0006); a slug written
    some other way ("a b") shows the tag's name without a link, not a 500.
    """
    return [
        (tag.name, address("articles:tag", tag.slug) if UNICODE_SLUG.match(tag.slug) else None)
        for tag in tags
    ]


def latest_news(article=None) -> list["NewsLink"]:
    """The newest published articles, one more than shown so the current one can be left out.

    The article page brings them, and the sections, with its article (articles/caching.py).
    """
    extras = getattr(article, "page_extras", {})
    if "latest_news" not in extras:
        return news_links(
            Article.objects.published()
            .for_news_list()
            .newest_first()[: settings.NEWSROOM_LATEST_COUNT + 1]
        )
    return [
        NewsLink(
            pk=item["id"],
            headline=item["headline"],
            url=address("articles:detail", item["slug"]),
            section_name=item["section_name"],
            published_at=datetime.fromisoformat(item["published_at"]),
        )
        for item in extras["latest_news"] or []
    ]


@dataclass(frozen=True)
class NewsLink:
    """An article in a list of news (related, latest): what the list shows, nothing more.

    Every article page reads two such lists from the cache; plain values cost
    a fraction of what model instances cost to store and read back.
    """

    pk: int
    headline: str
    url: str
    section_name: str
    published_at: datetime


def related_news_links(article) -> list[NewsLink]:
    """The article's related news: as fetched with it for its page, else by their own query."""
    if not hasattr(article, "related_news"):
        return news_links(item.article for item in related_articles(article))
    return [
        NewsLink(
            pk=item["id"],
            headline=item["headline"],
            url=address("articles:detail", item["slug"]),
            section_name=item["section_name"],
            published_at=item["published_at"],
        )
        for item in article.related_news
    ]


def news_links(articles) -> list[NewsLink]:
    return [
        NewsLink(
            pk=article.pk,
            headline=article.headline,
            url=article.get_absolute_url(),
            section_name=article.section.name,
            published_at=article.published_at,
        )
        for article in articles
    ]


class ArticleListView(ListView):
    """A paginated list of published articles, newest first, under a heading."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginate_by = settings.NEWSROOM_PAGE_SIZE

    def get_queryset(self):
        return self.filter_articles(Article.objects.published().for_listing().newest_first())

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response.surrogate_keys = {
            "sections",
            self.subject_key(),
            *article_keys(context["articles"]),
        }
        return response


class SectionView(ArticleListView):
    def filter_articles(self, articles):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return articles.filter(section=self.section)

    def subject_key(self):
        return f"section-{self.section.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.section.name,
            subject=self.section,
            feed_urls=feed_urls("section", self.section.slug),
            **kwargs,
        )


def authors_with_published_articles():
    """Authors readers may know of: those who signed at least one published article."""
    return Author.objects.filter(Exists(Article.objects.published().filter(authors=OuterRef("pk"))))


class AuthorView(ArticleListView):
    def filter_articles(self, articles):
        self.author = get_object_or_404(authors_with_published_articles(), slug=self.kwargs["slug"])
        return articles.filter(authors=self.author)

    def subject_key(self):
        return f"author-{self.author.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.author.name, subject=self.author, description=self.author.bio, **kwargs
        )


class TagView(ArticleListView):
    def filter_articles(self, articles):
        self.tag = get_object_or_404(tags_with_published_articles(), slug=self.kwargs["slug"])
        return articles.filter(tagged_items__tag=self.tag)

    def subject_key(self):
        return f"tag-{self.tag.pk}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=f"#{self.tag.name}",
            subject=self.tag,
            feed_urls=feed_urls("tag", self.tag.slug),
            **kwargs,
        )


def page_not_found(request, exception):
    return render(request, "404.html", status=404)
