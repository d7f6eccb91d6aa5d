"""The article page's head: OpenGraph, Twitter card and JSON-LD."""

from django import template

from articles.structured_data import article_metadata

register = template.Library()


@register.inclusion_tag("includes/article_meta.html", takes_context=True)
def article_meta(context, article):
    return {
        "article": article,
        "site_name": context.get("site_name"),
        "meta": article_metadata(article, context["request"]),
    }
