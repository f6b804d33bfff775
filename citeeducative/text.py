"""Text helpers every room uses: one way to fold accents, to make a free slug, to turn rich
text into plain text or a summary, and to write a date in words."""

import html
import re
import unicodedata

from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import slugify

# Letters Unicode does not decompose into a base letter and an accent.
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l"})


def fold(text):
    """Lower case, without accents nor surrounding spaces: " Troïka Œuvre" -> "troika oeuvre"."""
    text = unicodedata.normalize("NFKD", str(text).strip().casefold().translate(LIGATURES))
    return "".join(char for char in text if not unicodedata.combining(char))


def unique_slug(text, model, *, max_length, taken=()):
    """A slug for a new ``model`` row named ``text``: used by no row of ``model`` nor in
    ``taken`` (slugs already promised, such as earlier lines of an import)."""
    base = slugify(text)[:max_length].strip("-") or "sans-titre"
    candidate, counter = base, 1
    while candidate in taken or model._default_manager.filter(slug=candidate).exists():
        counter += 1
        suffix = f"-{counter}"
        candidate = base[: max_length - len(suffix)].rstrip("-") + suffix
    return candidate


BLOCK_END = re.compile(r"</(?:p|li|ul|ol|h[1-6]|div|blockquote)>|<br\s*/?>", re.IGNORECASE)
LIST_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


def plain_text(rich_text):
    """Rich text as plain text: one paragraph or list item a line, entities decoded."""
    text = BLOCK_END.sub("\n", LIST_ITEM.sub("\n- ", rich_text or ""))
    text = html.unescape(strip_tags(text))
    text_lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in text_lines if line)


def summary(text, limit):
    """``text`` within ``limit`` characters: whole if it fits, else cut after its last
    sentence that fits (if that keeps at least half of the room), else after a word, with
    an ellipsis."""
    text = text.strip()
    if len(text) <= limit:
        return text
    room = text[: limit + 1]
    sentence_ends = [match.end() for match in SENTENCE_END.finditer(room)]
    if sentence_ends and sentence_ends[-1] >= limit // 2:
        return room[: sentence_ends[-1]].rstrip()
    cut = room[: limit - 1]
    return (cut.rsplit(None, 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"


def long_date(value, *, weekday=False):
    """A date as French writes it: "1er décembre 2022", "11 octobre 2022", with the weekday
    first if asked ("mardi 11 octobre 2022"). Month and day names follow the active language."""
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day} {date_format(value, 'F Y')}"
    return f"{date_format(value, 'l')} {text}" if weekday else text
