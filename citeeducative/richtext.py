"""Rich text written by coordinators: what the editor offers, the same allowlist when it is
saved (never trusted when shown), and the plain text of a spreadsheet cell or a paste turned into
paragraphs and lists, and back."""

import html
import re

import nh3

# The description editor's features (django-prose-editor): paragraphs, bold, italic, bulleted
# and numbered lists, links, line breaks and superscripts (the livret writes "1<sup>er</sup>").
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "HardBreak": True,
    "Superscript": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
}
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "sup", "a"}
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


TAG = re.compile(r"<[a-zA-Z/][^>]*>")
BLANK_LINES = re.compile(r"\n\s*\n")
BULLET = re.compile(r"^[-•*]\s+")
NUMBERED = re.compile(r"^\d+[.)]\s+")
# Paragraphs written as list items ("- …"), as the editor makes them from pasted lines.
ITEM_PARAGRAPH = re.compile(r"<p>\s*(?:[-•*]|&bull;)\s+(.*?)</p>")
ITEM_PARAGRAPHS = re.compile(r"(?:<p>\s*(?:[-•*]|&bull;)\s+.*?</p>\s*)+")
# A list item of one paragraph, as the editor writes it: stored as the item alone, as the
# livret's own items are, so that no paragraph spacing opens inside a list.
ITEM_OF_ONE_PARAGRAPH = re.compile(r"<li>\s*<p>((?:(?!</?p>).)*)</p>\s*</li>", re.DOTALL)


def rich_text(value):
    """The description as stored, from what a coordinator gave: sanitised HTML, or plain text
    (a spreadsheet cell, text pasted without formatting) where a blank line starts a paragraph
    and lines starting with "- " or "• " (or "1. ") are list items. Paragraphs that are list
    items ("<p>- …</p>") become a list, an item of one paragraph the item alone."""
    value = (value or "").replace("\r\n", "\n").strip()
    if not TAG.search(value):
        value = "".join(_block(block) for block in BLANK_LINES.split(value) if block.strip())
    else:
        value = ITEM_OF_ONE_PARAGRAPH.sub(r"<li>\1</li>", sanitize_html(value))
    if not html.unescape(TAG.sub("", value)).strip():
        # The editor's empty document is "<p></p>": nothing written.
        return ""
    return ITEM_PARAGRAPHS.sub(
        lambda run: "<ul>" + ITEM_PARAGRAPH.sub(r"<li>\1</li>", run[0].strip()) + "</ul>", value
    )


def _block(block):
    """One block of plain text: its runs of list items as lists, its other lines as
    paragraphs whose line breaks are kept."""
    parts, lines_, items, kind = [], [], [], None

    def close():
        nonlocal items, lines_, kind
        if lines_:
            parts.append("<p>" + "<br>".join(lines_) + "</p>")
        if items:
            parts.append(f"<{kind}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{kind}>")
        lines_, items, kind = [], [], None

    for line in (" ".join(line.split()) for line in block.splitlines()):
        if not line:
            continue
        marker = BULLET.match(line) or NUMBERED.match(line)
        if marker:
            line_kind = "ul" if BULLET.match(line) else "ol"
            if lines_ or (items and kind != line_kind):
                close()
            kind = line_kind
            items.append(html.escape(line[marker.end() :], quote=False))
        else:
            if items:
                close()
            lines_.append(html.escape(line, quote=False))
    close()
    return "".join(parts)


BLOCK = re.compile(r"<(p|ul|ol)>(.*?)</\1>", re.DOTALL)
ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)
LINE_BREAK = re.compile(r"<br\s*/?>")


def readable_text(value):
    """Stored rich text as a person reads it in a spreadsheet cell: paragraphs separated by a
    blank line, list items starting with "- " (or their number), what ``rich_text`` reads back."""
    blocks = []
    for kind, content in BLOCK.findall(value or ""):
        if kind == "p":
            blocks.append("\n".join(_inline(line) for line in LINE_BREAK.split(content)))
        else:
            items = [_inline(item) for item in ITEM.findall(content)]
            blocks.append(
                "\n".join(
                    f"{number}. {item}" if kind == "ol" else f"- {item}"
                    for number, item in enumerate(items, start=1)
                )
            )
    return "\n\n".join(block for block in blocks if block.strip())


def _inline(fragment):
    return " ".join(html.unescape(TAG.sub("", fragment)).split())
