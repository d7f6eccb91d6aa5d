"""What the article page tells social networks and search engines about itself.

OpenGraph and Twitter card values, and schema.org JSON-LD (a NewsArticle and
its breadcrumb trail), all built from the article as the page already fetched
it (section, photos, authors and tags prefetched): no query of their own.
"""

import json

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles.addresses import address, static_address
from articles.models import DESK_BYLINE

SHARE_IMAGE_WIDTH = 1280
LOGO_PATH, LOGO_WIDTH, LOGO_HEIGHT = "img/logo.png", 600, 60
OPENGRAPH_LOCALES = {"id": "id_ID", "en": "en_US"}


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
    published, modified = iso(article.published_at), iso(article.updated_at)
    photos = article.photo_list  # lead photo first
    image = None
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
        "image": [absolute(photo.url_for_width(SHARE_IMAGE_WIDTH)) for photo in photos],
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
        "locale": OPENGRAPH_LOCALES.get(
            settings.NEWSROOM_CONTENT_LANGUAGE, settings.NEWSROOM_CONTENT_LANGUAGE
        ),
        "published": published,
        "modified": modified,
        "tags": tags,
        "json_ld": json_ld_script(graph),
    }


def json_ld_script(data) -> str:
    """A <script type="application/ld+json"> element that nothing in data can break out of."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    # As JSON escapes, "<", ">" and "&" cannot end the <script> element ("</script>")
    # nor open a comment in it ("<!--"), whatever a headline says.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # Safe: JSON with "<", ">" and "&" escaped has no markup left in it.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
