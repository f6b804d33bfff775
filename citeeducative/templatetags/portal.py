"""Filters every room's templates use: dates in words, rich text as a short plain summary
(meta descriptions)."""

from django import template
from django.utils.safestring import mark_safe

from citeeducative import text

register = template.Library()


@register.filter
def long_date(value, weekday=""):
    """``{{ day|long_date }}`` → "1er décembre 2022"; ``{{ day|long_date:"weekday" }}`` →
    "jeudi 1er décembre 2022"."""
    if not value:
        return ""
    return text.long_date(value, weekday=weekday == "weekday")


@register.filter
def plain_summary(value, limit=200):
    """Rich text as plain text on one line (list items without their dash), within
    ``limit`` characters."""
    lines = (line.removeprefix("- ") for line in text.plain_text(value).splitlines())
    return text.summary(" ".join(lines), int(limit))


class CaptureNode(template.Node):
    # Blocks inside stay overridable: {% extends %} looks for them in these node lists.
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """``{% capture as name %}…{% endcapture %}``: what the tags inside render (blocks
    included), spaces collapsed, kept as ``name`` to be shown more than once, as a page's title
    is in ``<title>`` and in its Open Graph tags."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Syntaxe : {% capture as nom %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
