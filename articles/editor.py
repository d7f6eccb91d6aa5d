"""The seam for the rich-text editor of article bodies.

The body is a plain TextField, sanitized on save; only the widget knows
CKEditor. To move to another editor, change this module alone.
"""

from ckeditor.widgets import CKEditorWidget


def body_editor_widget():
    return CKEditorWidget(config_name="article_body")
