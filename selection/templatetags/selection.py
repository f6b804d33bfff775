from django import template
from django.utils.safestring import mark_safe

from selection.toggle import toggle_form

register = template.Library()


@register.simple_tag
def selection_toggle(action):
    """The button that adds ``action`` to the visitor's selection (see ``selection.toggle``)."""
    return mark_safe(toggle_form(action))  # toggle_form escapes every value
