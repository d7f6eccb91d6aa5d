"""What the article page tells social networks and search engines about itself.

OpenGraph and Twitter card values, and schema.org JSON-LD (a NewsArticle and
its breadcrumb trail), all built from the article as the page already fetched
it (section, photos, authors and tags prefetched): no query of their own.
An article without a photo is shared with the site's default share image
(NEWSROOM_DEFAULT_SHARE_IMAGE), whose size is read from its file once.
Other apps add to the NewsArticle with add_to_news_article() (editorial/: its
corrections), from what they fetched with the page (article.page_extras).
"""

import json
import logging
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from PIL import Image

from articles.addresses import address, static_address
from articles.article_page import updated_in_public
from articles.images import ALLOWED_FORMATS, MIME_TYPES
from articles.models import DESK_BYLINE

logger = logging.getLogger(__name__)

SHARE_IMAGE_WIDTH = 1280
LOGO_PATH, LOGO_WIDTH, LOGO_HEIGHT = "img/logo.png", 600, 60
OPENGRAPH_LOCALES = {"id": "id_ID", "en": "en_US"}
# The smallest image X shows as a large card; a smaller one gets the small card.
LARGE_CARD_MIN_WIDTH, LARGE_CARD_MIN_HEIGHT = 300, 157


@dataclass(frozen=True)
class StaticImage:
    url: str
    width: int
    height: int
    mime_type: str


@lru_cache(maxsize=8)
def static_image(path: str) -> StaticImage | None:
    """A static image's address, size and type, read once per process; None if unreadable."""
    try:
        url = static_address(path)  # a file missing from the manifest fails here, not per page
        # In the source tree (finders), else where collectstatic put it (the storage).
        found = finders.find(path)
        file = open(found, "rb") if found else staticfiles_storage.open(path)  # noqa: SIM115
        with file, Image.open(file) as image:
            width, height, image_format = image.width, image.height, image.format
    except Exception:  # missing, unreadable or not an image: the page is shared without it
        logger.warning("Cannot read the share image %s", path, exc_info=True)
        return None
    extension = ALLOWED_FORMATS.get(image_format, "")
    return StaticImage(url, width, height, MIME_TYPES.get(extension, f"image/{image_format}"))


@receiver(setting_changed)
def forget_static_images(**kwargs):
    """Tests change the static files' settings; the sizes read follow them."""
    static_image.cache_clear()


# Functions of the article giving values to add to its NewsArticle (a dict).
NEWS_ARTICLE_ADDITIONS: list = []


def add_to_news_article(function) -> None:
    """Merge what function(article) returns into the article's NewsArticle JSON-LD (ready()).

    It reads only what the page fetched (article.page_extras): no query.
    """
    if function not in NEWS_ARTICLE_ADDITIONS:
        NEWS_ARTICLE_ADDITIONS.append(function)


def twitter_card(image: dict | None) -> str:
    """The large card for an image big enough for it, else the small one."""
    if image is None:
        return "summary"
    width, height = image.get("width"), image.get("height")
    if width and height and (width < LARGE_CARD_MIN_WIDTH or height < LARGE_CARD_MIN_HEIGHT):
        return "summary"
    return "summary_large_image"


def iso(moment) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def article_metadata(article, request) -> dict:
    """The values of the article page's OpenGraph and Twitter tags, and its JSON-LD."""

    origin = request.build_absolute_uri("/")[:-1]  # the host is checked once, not per address

    def absolute(path):
        if path.startswith("/") and not path.startswith("//"):
            return origin + path
        return request.build_absolute_uri(path)  # already absolute (a CDN's MEDIA_URL)

    url = absolute(article.get_absolute_url())
    home = absolute(address("articles:home"))
    # A public update (a correction) may be later than the row's last save.
    updated = updated_in_public(article)
    published = iso(article.published_at)
    modified = iso(max(article.updated_at, updated) if updated else article.updated_at)
    photos = article.photo_list  # lead photo first
    if photos:
        lead = photos[0]
        copy = lead.copy_for_width(SHARE_IMAGE_WIDTH)
        image = {
            "url": absolute(lead.file_url(copy.name)),
            "width": copy.width,
            "height": copy.height,
            "type": copy.mime_type,
            "alt": lead.alt_text,
        }
        images = [absolute(photo.url_for_width(SHARE_IMAGE_WIDTH)) for photo in photos]
    else:
        image = default_share_image(absolute)
        images = [image["url"]] if image else []
    tags = [tag.name for tag in article.tag_list]
    authors = [
        {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
        for author in article.author_list
    ] or [{"@type": "Organization", "name": DESK_BYLINE, "url": home}]
    news_article = {
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "headline": article.headline,
        "description": article.standfirst or article.headline,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "image": images,
        "datePublished": published,
        "dateModified": modified,
        "author": authors,
        "publisher": {
            "@type": "Organization",
            "name": settings.NEWSROOM_SITE_NAME,
            "url": home,
            "logo": {
                "@type": "ImageObject",
                "url": absolute(static_address(LOGO_PATH)),
                "width": LOGO_WIDTH,
                "height": LOGO_HEIGHT,
            },
        },
        "articleSection": article.section.name,
        "keywords": tags,
        "inLanguage": settings.NEWSROOM_CONTENT_LANGUAGE,
    }
    if article.dateline_place.strip():
        news_article["locationCreated"] = {"@type": "Place", "name": article.dateline_place.strip()}
    for addition in NEWS_ARTICLE_ADDITIONS:
        news_article.update(addition(article))
    section_url = absolute(article.section.get_absolute_url())
    breadcrumbs = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": item}
            for position, (name, item) in enumerate(
                [(_("Home"), home), (article.section.name, section_url), (article.headline, url)],
                start=1,
            )
        ],
    }
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {key: value for key, value in news_article.items() if value not in (None, [])},
            breadcrumbs,
        ],
    }
    return {
        "url": url,
        "image": image,
        "twitter_card": twitter_card(image),
        "locale": opengraph_locale(),
        "published": published,
        "modified": modified,
        "updated": updated,
        "tags": tags,
        "json_ld": json_ld_script(graph),
    }


def site_metadata(request) -> dict:
    """The share values of a page that is not an article (home, section, tag, author, search)."""
    image = default_share_image(request.build_absolute_uri)
    return {
        "url": request.build_absolute_uri(request.path),
        "image": image,
        "twitter_card": twitter_card(image),
        "locale": opengraph_locale(),
    }


def opengraph_locale() -> str:
    """The page's locale: its interface language, which its address gives (en_US under /en/)."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return OPENGRAPH_LOCALES.get(language, language)


def default_share_image(absolute) -> dict | None:
    """The site's share image, for a page without a photo: og:image's values."""
    found = static_image(settings.NEWSROOM_DEFAULT_SHARE_IMAGE)
    if found is None:
        return None
    return {
        "url": absolute(found.url),
        "width": found.width,
        "height": found.height,
        "type": found.mime_type,
        "alt": settings.NEWSROOM_SITE_NAME,
    }


def json_ld_script(data) -> str:
    """A <script type="application/ld+json"> element that nothing in data can break out of."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    # As JSON escapes, "<", ">" and "&" cannot end the <script> element ("</script>")
    # nor open a comment in it ("<!--"), whatever a headline says.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # Safe: JSON with "<", ">" and "&" escaped has no markup left in it.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
