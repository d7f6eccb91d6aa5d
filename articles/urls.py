from django.urls import path, register_converter

from articles import feeds, search, sitemaps, views
from articles.addresses import UnicodeSlugConverter

app_name = "articles"

# Tag slugs keep the letters of every script, as taggit makes them ("北京").
register_converter(UnicodeSlugConverter, "unicode_slug")

urlpatterns = [
    path("", views.home, name="home"),
    path("berita/<slug:slug>/", views.article_detail, name="detail"),
    path("rubrik/<slug:slug>/", views.SectionView.as_view(), name="section"),
    path("penulis/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("tag/<unicode_slug:slug>/", views.TagView.as_view(), name="tag"),
    path("cari/", search.SearchView.as_view(), name="search"),
    path("rss/", feeds.LatestNewsFeed(), name="feed_rss"),
    path("atom/", feeds.LatestNewsAtomFeed(), name="feed_atom"),
    path("rubrik/<slug:slug>/rss/", feeds.SectionFeed(), name="section_feed_rss"),
    path("rubrik/<slug:slug>/atom/", feeds.SectionAtomFeed(), name="section_feed_atom"),
    path("tag/<unicode_slug:slug>/rss/", feeds.TagFeed(), name="tag_feed_rss"),
    path("tag/<unicode_slug:slug>/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
    path(
        "sitemap.xml",
        sitemaps.sitemap_index,
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "articles:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": sitemaps.SITEMAPS},
        name="sitemap_section",
    ),
    path("news-sitemap.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
]
