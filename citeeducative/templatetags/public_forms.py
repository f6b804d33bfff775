from django import template
from django.utils.safestring import mark_safe

from citeeducative.csrf import CSRF_FIELD

register = template.Library()


@register.simple_tag
def personal_csrf_token():
    """The CSRF field of a form on a cached public page: see ``citeeducative.csrf``."""
    return mark_safe(CSRF_FIELD)
