"""The Jinja2 environment of the readers' pages.

Readers' pages are Jinja2 templates (articles/jinja2/, comments/jinja2/):
the article page, the page most requested, renders several times faster than
with Django's template language. The admin keeps Django's.

Translatable text is written `{{ _("…") }}`, and text with values
`{{ _("… %(name)s …")|fill(name=…) }}`: the one form that both Jinja2 and
`manage.py makemessages` read. Plurals are made in Python with ngettext.
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext
from jinja2 import Environment, pass_context
from markupsafe import escape

from articles import templating as article_helpers
from articles.addresses import address, static_address
from comments import templating as comment_helpers
from editorial import corrections as editorial_corrections


@pass_context
def translate(context, message: str) -> str:
    """_("…"): gettext in the page's language, remembered (a page has some twenty)."""
    return _translated(message, context.get("LANGUAGE_CODE") or translation.get_language())


@lru_cache(maxsize=1024)
def _translated(message: str, language: str) -> str:
    with translation.override(language):
        return gettext(message)


@receiver(setting_changed)
def forget_translations(**kwargs):
    """Tests change the languages and where translations are; the text follows them."""
    _translated.cache_clear()
    languages.cache_clear()


def fill(message: str, **values) -> str:
    """A translated message with its %(name)s placeholders filled; values are escaped."""
    return escape(message) % values


@lru_cache(maxsize=1)
def languages() -> tuple[tuple[str, str], ...]:
    """The site's languages: each one's code and its own name ("Bahasa Indonesia")."""
    codes = [code for code, _name in settings.LANGUAGES]
    return tuple((code, capfirst(get_language_info(code)["name_local"])) for code in codes)


def environment(**options) -> Environment:
    options.pop("autoescape", None)  # always on: every value is escaped unless marked safe
    env = Environment(autoescape=True, **options)
    env.globals.update(
        _=translate,
        url=address,
        static=static_address,
        languages=languages,
        news_time=article_helpers.news_time,
        page_query=article_helpers.page_query,
        shared_fragment=article_helpers.shared_fragment,
        comment_section=comment_helpers.comment_section,
        page_corrections=editorial_corrections.page_corrections,
    )
    env.filters.update(
        fill=fill,
        capfirst=capfirst,
        quote=article_helpers.quote,
        comment_text=comment_helpers.comment_text,
    )
    return env
