"""Filters every room's templates use: dates in words, rich text placed at a heading level,
rich text as a short plain summary (meta descriptions)."""

from django import template
from django.utils.safestring import mark_safe

from citeeducative import richtext, text

register = template.Library()


@register.filter
def long_date(value, weekday=""):
    """``{{ day|long_date }}`` → "1er décembre 2022"; ``{{ day|long_date:"weekday" }}`` →
    "jeudi 1er décembre 2022"."""
    if not value:
        return ""
    return text.long_date(value, weekday=weekday == "weekday")


@register.filter
def headings_from(value, level):
    """Sanitised rich text (saved through ``sanitize_html``) whose headings start at
    ``level``."""
    return mark_safe(richtext.headings_from(value, int(level)))


@register.filter
def plain_summary(value, limit=200):
    """Rich text as plain text, within ``limit`` characters."""
    return text.summary(" ".join(text.plain_text(value).split()), int(limit))
