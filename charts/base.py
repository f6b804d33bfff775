"""What every chart has: an id, a title, a description, its data as a table, and the SVG frame
around its drawing. Drawn with presentation attributes only (``fill``, ``font-size``): the
site's Content-Security-Policy allows no inline style, and WeasyPrint applies no stylesheet of
the page to an inline SVG."""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe

INK = "#1e2430"
MUTED = "#555e6e"
RULE = "#d5dae2"
WHITE = "#ffffff"
# Each at least 3:1 against white (WCAG 1.4.11), and told apart by more than their hue: a chart
# names its series in a legend and its table.
PALETTE = ("#0b4f8a", "#b35900", "#2e7d4f", "#7a3e9d", "#a2352a")
# An average glyph of the sans-serif fonts used, in font-size units: labels are cut to fit.
GLYPH_WIDTH = 0.56


def format_number(value):
    """12345 -> "12 345", Decimal("1234.5") -> "1 234,5", in the active language's format."""
    return number_format(value, use_l10n=True, force_grouping=True)


def fitted(text, width, size):
    """``text`` cut with an ellipsis so that it holds in ``width`` units at ``size``."""
    most = max(int(width / (size * GLYPH_WIDTH)), 4)
    text = str(text)
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def svg_text(x, y, content, *, size=13, anchor="start", weight=None, fill=INK):
    bold = f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}"{bold}>{escape(content)}</text>'
    )


def svg_rect(x, y, width, height, fill, **attributes):
    extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attributes.items())
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{height:.1f}" '
        f'fill="{fill}"{extra}/>'
    )


def relative_luminance(colour):
    def channel(hex_pair):
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[index : index + 2]) for index in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_on(background):
    """Ink or white, whichever reads better on ``background``."""
    return max((INK, WHITE), key=lambda colour: contrast(colour, background))


@dataclass
class Table:
    """A chart's data: ``headers`` name the columns (the first one heads the row labels), each
    row starts with its label."""

    caption: str
    headers: list
    rows: list


class Chart:
    """A chart; subclasses draw ``body()`` in a ``width`` × ``height()`` box and give ``table``.

    ``font_family`` is written on the SVG for documents that do not pass their font on to it
    (a PDF); on a web page the SVG takes the page's font."""

    width = 420

    def __init__(
        self, *, chart_id, title, description="", font_family=None, format_value=format_number
    ):
        self.chart_id = chart_id
        self.title = str(title)
        self.description = str(description)
        self.font_family = font_family
        self.format_value = format_value

    @property
    def table(self):
        raise NotImplementedError

    def height(self):
        raise NotImplementedError

    def body(self):
        raise NotImplementedError

    def describe(self):
        """The description given, else the table read out: "Label : 8 ; Label : 10"."""
        if self.description:
            return self.description
        table = self.table
        parts = []
        for label, *cells in table.rows:
            if len(cells) == 1:
                parts.append(f"{label} : {cells[0]}")
            else:
                named = ", ".join(
                    f"{header} {cell}"
                    for header, cell in zip(table.headers[1:], cells, strict=True)
                )
                parts.append(f"{label} : {named}")
        return " ; ".join(parts) + "."

    @property
    def svg(self):
        identifier = escape(self.chart_id)
        font = f' font-family="{escape(self.font_family)}"' if self.font_family else ""
        height = self.height()
        return mark_safe(
            f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" '
            f'viewBox="0 0 {self.width} {height}" width="{self.width}" height="{height}" '
            f'role="img" aria-labelledby="{identifier}-titre {identifier}-desc"{font}>'
            f'<title id="{identifier}-titre">{escape(self.title)}</title>'
            f'<desc id="{identifier}-desc">{escape(self.describe())}</desc>'
            f"{self.body()}</svg>"
        )

    def __str__(self):
        return self.svg
