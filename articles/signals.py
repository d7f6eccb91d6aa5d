"""Signals the content core sends for other apps (delivery purges its HTTP cache on them)."""

from django.dispatch import Signal

content_changed = Signal()  # sent after commit with keys: set[str]
