"""RSS 2.0 and Atom feeds: the latest news, each section's, each tag's."""

import logging

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure
from django.utils.html import escape
from django.utils.translation import gettext as _

from articles.models import Article, Author, Section, TaggedArticle
from articles.tags import tags_with_published_articles

logger = logging.getLogger(__name__)

FEED_SIZE = 20
ENCLOSURE_WIDTH = 1280
# A stored file never changes (a new upload gets a new name), so its size is kept.
FILE_SIZE_CACHE_SECONDS = 24 * 3600


class LatestNewsFeed(Feed):
    """The newest published articles, as RSS 2.0."""

    @property
    def language(self):
        return settings.NEWSROOM_CONTENT_LANGUAGE

    def title(self, obj):
        return settings.NEWSROOM_SITE_NAME

    def link(self, obj):
        return reverse("articles:home")

    def description(self, obj):
        return _("The latest news from %(site)s.") % {"site": settings.NEWSROOM_SITE_NAME}

    def items(self, obj):
        articles = (
            Article.objects.published()
            .for_listing()
            .prefetch_related(
                Prefetch(
                    "authors", queryset=Author.objects.order_by("name"), to_attr="author_list"
                ),
                Prefetch(
                    "tagged_items",
                    queryset=TaggedArticle.objects.select_related("tag").order_by("pk"),
                    to_attr="tag_links",
                ),
            )
        )
        return self.filter_articles(articles, obj).newest_first()[:FEED_SIZE]

    def filter_articles(self, articles, obj):
        return articles

    def item_description(self, item):
        # Both formats carry the description as HTML: the plain standfirst is escaped.
        return escape(item.standfirst)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.byline

    def item_categories(self, item):
        return [link.tag.name for link in item.tag_links]

    def item_enclosures(self, item):
        """The lead photo's large copy; left out if its file cannot be read."""
        photo = item.lead_photo
        if photo is None:
            return []
        copy = photo.copy_for_width(ENCLOSURE_WIDTH)
        storage = photo.image.storage
        size = stored_file_size(storage, copy.name)
        if size is None:
            return []
        return [Enclosure(storage.url(copy.name), str(size), copy.mime_type)]

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # What the feed shows, for the HTTP cache in front to purge it by (delivery/).
        response.surrogate_keys = {"feeds", *request.feed_keys}
        return response

    def subject_key(self, obj):
        return "latest"

    def item_extra_kwargs(self, item):
        return {**super().item_extra_kwargs(item), "pk": item.pk}

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        request.feed_keys = {
            self.subject_key(obj),
            *(f"article-{item['pk']}" for item in feed.items),
        }
        # Syndication leaves enclosure URLs as they are; readers need absolute ones.
        for item in feed.items:
            item["enclosures"] = [
                Enclosure(
                    request.build_absolute_uri(enclosure.url), enclosure.length, enclosure.mime_type
                )
                for enclosure in item["enclosures"]
            ]
        return feed


class AtomFeedMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)

    def item_title(self, item):
        # Atom titles are text: no double escaping (which RSS gets for readers that render HTML).
        return item.headline


class SectionFeed(LatestNewsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"{obj.name} — {settings.NEWSROOM_SITE_NAME}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return _("News about %(subject)s from %(site)s.") % {
            "subject": obj.name,
            "site": settings.NEWSROOM_SITE_NAME,
        }

    def filter_articles(self, articles, obj):
        return articles.filter(section=obj)

    def subject_key(self, obj):
        return f"section-{obj.pk}"


class TagFeed(LatestNewsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(tags_with_published_articles(), slug=slug)

    def title(self, obj):
        return f"#{obj.name} — {settings.NEWSROOM_SITE_NAME}"

    def link(self, obj):
        return reverse("articles:tag", kwargs={"slug": obj.slug})

    def description(self, obj):
        return _("News about %(subject)s from %(site)s.") % {
            "subject": f"#{obj.name}",
            "site": settings.NEWSROOM_SITE_NAME,
        }

    def filter_articles(self, articles, obj):
        return articles.filter(tagged_items__tag=obj)

    def subject_key(self, obj):
        return f"tag-{obj.pk}"


class LatestNewsAtomFeed(AtomFeedMixin, LatestNewsFeed):
    pass


class SectionAtomFeed(AtomFeedMixin, SectionFeed):
    pass


class TagAtomFeed(AtomFeedMixin, TagFeed):
    pass


def feed_urls(kind: str, slug: str) -> dict[str, str]:
    """The addresses of a section's or a tag's feeds, by format."""
    return {
        feed_format: reverse(f"articles:{kind}_feed_{feed_format}", kwargs={"slug": slug})
        for feed_format in ["rss", "atom"]
    }


def stored_file_size(storage, name: str) -> int | None:
    """The size in bytes of a stored file, or None (logged) if it cannot be read."""
    key = f"articles:file-size:{name}"
    size = cache.get(key)
    if size is None:
        try:
            size = storage.size(name)
        except Exception:  # Missing file, or an object store that cannot be reached.
            logger.warning("Cannot read the size of %s for a feed enclosure", name, exc_info=True)
            return None
        cache.set(key, size, timeout=FILE_SIZE_CACHE_SECONDS)
    return size
