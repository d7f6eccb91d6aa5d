"""Template helpers of the readers' site: photo renditions and pagination."""

from django import template

register = template.Library()


@register.filter
def rendition(photo, width):
    """The URL of the photo's smallest copy at least `width` pixels wide."""
    return photo.url_for_width(int(width))


@register.simple_tag
def elided_page_range(page_obj, on_each_side=1, on_ends=1):
    """Page numbers around the current page, with the paginator's ellipsis for gaps."""
    return page_obj.paginator.get_elided_page_range(
        page_obj.number, on_each_side=on_each_side, on_ends=on_ends
    )
