"""Comparing texts word by word, for editors: an article's revisions, an agency's update.

Neutral ground: editorial/ and wire/ both use it, and neither depends on the other.
"""

import difflib
import html
import re

from django.utils.html import format_html, format_html_join, strip_tags

BLOCK_END = re.compile(r"<br\s*/?>|</(p|div|h[1-6]|li|blockquote|figure|figcaption|tr|pre)>", re.I)
BLANK_LINES = re.compile(r"\n\s*\n+")
# Words, punctuation marks and spaces: "utara." against "utara Jawa." changes only "Jawa".
WORDS = re.compile(r"\w+|[^\w\s]|\s+")


def body_text(body: str) -> str:
    """The body as plain text: a blank line between blocks, tags and entities gone."""
    text = html.unescape(strip_tags(BLOCK_END.sub("\n\n", body)))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def word_diff(old: str, new: str):
    """HTML of `new` with the words not in `old` in <ins> and those gone from it in <del>."""
    old_words, new_words = WORDS.findall(old), WORDS.findall(new)
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    parts = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        removed = "".join(old_words[old_start:old_end])
        added = "".join(new_words[new_start:new_end])
        if operation == "equal":
            parts.append(format_html("{}", added))
            continue
        if removed:
            parts.append(format_html("<del>{}</del>", removed))
        if added:
            parts.append(format_html("<ins>{}</ins>", added))
    return format_html_join("", "{}", ((part,) for part in parts))
