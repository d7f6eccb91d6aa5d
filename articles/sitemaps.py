"""Sitemaps for search engines, the Google News sitemap and robots.txt."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation

from articles.addresses import address_in
from articles.models import Article, Section
from articles.tags import tags_with_published_articles

# Google News takes the articles of the last two days, at most 1,000 of them.
NEWS_SITEMAP_DAYS = 2
NEWS_SITEMAP_LIMIT = 1000


class InEveryLanguage:
    """Each page once in each language (/berita/… and /en/berita/…), with its alternates.

    Every entry names the page in each language and the default (hreflang
    x-default), as the pages' own <link rel="alternate"> do.
    """

    i18n = True
    alternates = True
    x_default = True
    view_name: str  # the route of the item's page, which takes its slug

    def location(self, item):
        # Django's Sitemap activates each language in turn; address() would give the
        # request's (the sitemap's own), remembered for the whole request.
        return address_in(translation.get_language(), self.view_name, item.slug)


class ArticleSitemap(InEveryLanguage, Sitemap):
    view_name = "articles:detail"
    # Entries (an article in one language) a page: well under the protocol's 50,000,
    # so that one page renders quickly.
    limit = 10_000

    def items(self):
        return Article.objects.published().only("slug", "updated_at").newest_first()

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # One aggregate rather than Django's default, a loop over every article.
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class SectionSitemap(InEveryLanguage, Sitemap):
    view_name = "articles:section"

    def items(self):
        return Section.objects.all()


# Slugs the tag route may take, as far as PostgreSQL can tell whatever its locale:
# not empty, and no ASCII character but letters, digits, "-" and "_". Every
# slug taggit or the admin makes passes; one written by hand as "a b" or "a/b"
# is left out rather than answer 500.
ROUTABLE_TAG_SLUG_SQL = r"^([-_0-9A-Za-z]|[^[:ascii:]])+$"


class TagSitemap(InEveryLanguage, Sitemap):
    view_name = "articles:tag"
    limit = 10_000

    def items(self):
        """Tags that lead to at least one published article."""
        return (
            tags_with_published_articles()
            .filter(slug__regex=ROUTABLE_TAG_SLUG_SQL)
            .only("slug")
            .order_by("name", "pk")
        )


SITEMAPS = {"articles": ArticleSitemap, "sections": SectionSitemap, "tags": TagSitemap}


def with_sitemaps_key(view):
    """The view, its answers marked for the HTTP cache in front (delivery/) as sitemaps.

    One key for all: a sitemap lists up to 10,000 articles, more keys than a header holds.
    """

    def marked(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.surrogate_keys = {"sitemaps"}
        return response

    return marked


sitemap_index = with_sitemaps_key(sitemap_views.index)
sitemap = with_sitemaps_key(sitemap_views.sitemap)


@with_sitemaps_key
def news_sitemap(request):
    """The Google News sitemap: the articles published in the last two days."""
    since = timezone.now() - timedelta(days=NEWS_SITEMAP_DAYS)
    articles = (
        Article.objects.published()
        .filter(published_at__gte=since)
        .only("headline", "slug", "published_at")
        .newest_first()[:NEWS_SITEMAP_LIMIT]
    )
    entries = [
        {
            "location": request.build_absolute_uri(article.get_absolute_url()),
            "published": timezone.localtime(article.published_at).isoformat(timespec="seconds"),
            "title": article.headline,
        }
        for article in articles
    ]
    return render(
        request,
        "articles/news_sitemap.xml",
        {
            "entries": entries,
            "publication_name": settings.NEWSROOM_SITE_NAME,
            "publication_language": settings.NEWSROOM_CONTENT_LANGUAGE,
        },
        content_type="application/xml; charset=utf-8",
    )


@with_sitemaps_key
def robots_txt(request):
    """Crawl everything readers see; point crawlers to the sitemaps."""
    sitemaps = [
        request.build_absolute_uri(reverse(name))
        for name in ["articles:sitemap", "articles:news_sitemap"]
    ]
    return render(
        request,
        "articles/robots.txt",
        {"sitemaps": sitemaps},
        content_type="text/plain; charset=utf-8",
    )
