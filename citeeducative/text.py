"""Text helpers every room uses: one way to fold accents, one way to make a free slug."""

import unicodedata

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
