"""Strings of django-taggit's admin, which taggit does not translate into Indonesian.

Marked here so that makemessages keeps them in locale/id; never imported.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

TAGGIT_MESSAGES = [
    gettext_noop("Taggit"),
    gettext_noop("Tags"),
    gettext_noop("tag"),
    gettext_noop("tags"),
    pgettext_lazy("A tag name", "name"),
    pgettext_lazy("A tag slug", "slug"),
    gettext_noop("%(object)s tagged with %(tag)s"),
    gettext_noop("tagged item"),
    gettext_noop("tagged items"),
    gettext_noop("Please provide a comma-separated list of tags."),
    gettext_noop("A comma-separated list of tags."),
]
