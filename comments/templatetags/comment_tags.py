"""The moderators' count of comments waiting, in the admin's header."""

from django import template

from comments.models import Comment

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_comment_count(context):
    """How many comments wait, for staff who may moderate them; else None."""
    user = context["request"].user
    if not user.has_perm("comments.change_comment"):
        return None
    return Comment.objects.pending().count()
