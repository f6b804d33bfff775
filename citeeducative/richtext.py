"""Rich text written by coordinators is sanitised when it is saved, never trusted when shown."""

import re

import nh3

ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "sup", "sub", "a", "h3", "h4"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(value):
    return nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


HEADING = re.compile(r"<(/?)h([1-6])>")


def headings_from(value, level):
    """Sanitised rich text with its headings moved so that the highest one (``h3`` as
    written in the editor) is at ``level``: the page or PDF the text sits in decides where its
    headings stand, so that no level is skipped nor taken twice."""
    levels = [int(number) for _slash, number in HEADING.findall(value or "")]
    if not levels:
        return value
    shift = level - min(levels)
    return HEADING.sub(lambda match: f"<{match[1]}h{min(int(match[2]) + shift, 6)}>", value)
