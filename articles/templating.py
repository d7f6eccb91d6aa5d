"""Helpers of the readers' templates (newsroom/jinja2.py): dates, share links, pagination."""

import zoneinfo
from functools import lru_cache
from urllib.parse import quote as url_quote
from urllib.parse import urlencode

from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.html import format_html
from jinja2 import pass_context
from markupsafe import Markup

from articles.addresses import routing_key


@pass_context
def news_time(context, value, with_time=False):
    """A <time> element reading "13 Februari 2025", or "13 Februari 2025, 14:05 WIB".

    Written out rather than with Django's date formatting, which costs ten
    times more; and remembered, since the same few dates (the latest news)
    are on every page, some ten times each. The language and time zone are
    the page's, as its context processors read them once (the translation
    and time zone machinery costs more per call than the rest of this).
    """
    if value is None:
        return ""
    return _news_time(
        value,
        with_time,
        context.get("LANGUAGE_CODE") or translation.get_language(),
        context.get("TIME_ZONE") or timezone.get_current_timezone_name(),
    )


@lru_cache(maxsize=4096)
def _news_time(value, with_time, language, timezone_name):
    local = timezone.localtime(value, zoneinfo.ZoneInfo(timezone_name))
    text = f"{local.day} {month_names(language)[local.month]} {local.year}"
    if with_time:
        text = f"{text}, {local:%H:%M} {local.tzname()}"
    return format_html('<time datetime="{}">{}</time>', local.isoformat(timespec="seconds"), text)


@lru_cache(maxsize=16)
def month_names(language) -> dict[int, str]:
    with translation.override(language):
        return {number: str(name) for number, name in MONTHS.items()}


# Rendered HTML that many pages share (the site header, the latest news, the
# comments of a popular article), kept in each process under the data it shows.
_shared_fragments: dict[tuple, Markup] = {}
SHARED_FRAGMENTS_KEPT = 256


@pass_context
def shared_fragment(context, *shown, caller):
    """{% call shared_fragment(name, …) %}…{% endcall %}: the block, once per process and data.

    `shown` must hold all the block shows that may change (the values
    themselves, or a digest of them: never ids alone, whose text can change);
    the addresses' routing, the language and the time zone are added here. So
    a change shows at once, whoever wrote it, and nothing is kept that could
    go stale (articles/caching.py).
    """
    key = (
        routing_key(),
        context["LANGUAGE_CODE"],
        context["TIME_ZONE"],
        *(tuple(part) if isinstance(part, list) else part for part in shown),
    )
    html = _shared_fragments.get(key)
    if html is None:
        if len(_shared_fragments) >= SHARED_FRAGMENTS_KEPT:
            _shared_fragments.clear()  # mostly fragments of what pages no longer show
        html = _shared_fragments[key] = caller()
    return html


def quote(value) -> str:
    """Percent-encode all of a value (slashes too), for a share link's parameters."""
    return url_quote(str(value), safe="")


@pass_context
def page_query(context, number) -> str:
    """The query string of another page of a list, keeping its own parameters (a search's q)."""
    return urlencode({**context.get("pagination_params", {}), "page": number})
