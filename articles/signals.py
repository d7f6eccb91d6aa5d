"""Signals the articles app sends, for other apps (delivery's purgers) to act on."""

from django.dispatch import Signal

content_changed = Signal()  # sent after commit with keys: set[str]
