"""The editors' count of articles waiting for review, in the admin's header."""

from django import template

from editorial.workflow import may_publish, waiting_for_review

register = template.Library()


@register.simple_tag(takes_context=True)
def articles_waiting_for_review(context):
    """How many articles wait, for staff who may publish them; else None."""
    request = context.get("request")
    if request is None or not may_publish(request.user):
        return None
    return waiting_for_review().count()
