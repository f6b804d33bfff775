"""Horizontal bars, each with its label above it and its value at its end: long labels stay
whole on a phone, and no axis needs reading."""

from dataclasses import dataclass

from .base import GLYPH_WIDTH, MUTED, PALETTE, RULE, Chart, Table, fitted, svg_rect, svg_text

LABEL_SIZE = 14
VALUE_SIZE = 13
# A bold digit, in font-size units: the room after the bars fits the longest value written.
BOLD_GLYPH_WIDTH = 0.62
BAR_HEIGHT = 14
BAR_GAP = 3
LEGEND_SIZE = 12
LEGEND_LINE = 20


@dataclass
class Series:
    name: str
    values: list
    colour: str = ""


class BarChart(Chart):
    """``categories`` and, for each series, one value per category.

    Several series are drawn side by side (planned and reached), or end to end when
    ``stacked`` (the fiches of a sector, then those for the whole city), with a legend.
    ``colours`` gives one colour per category to a single series (each axe its colour)."""

    def __init__(
        self,
        *,
        categories,
        series,
        stacked=False,
        colours=None,
        category_header="",
        total_header="",
        **options,
    ):
        super().__init__(**options)
        self.categories = [str(category) for category in categories]
        self.series = [
            Series(str(item.name), list(item.values), item.colour or PALETTE[index % 5])
            for index, item in enumerate(series)
        ]
        self.stacked = stacked
        self.colours = colours
        self.category_header = str(category_header)
        self.total_header = str(total_header)

    @property
    def table(self):
        headers = [self.category_header, *(item.name for item in self.series)]
        with_total = self.stacked and len(self.series) > 1
        if with_total:
            headers.append(self.total_header)
        rows = []
        for index, category in enumerate(self.categories):
            values = [item.values[index] for item in self.series]
            cells = [self.format_value(value) for value in values]
            if with_total:
                cells.append(self.format_value(sum(values)))
            rows.append([category, *cells])
        return Table(self.title, headers, rows)

    def value_space(self):
        """The room the longest value written at the end of a bar takes."""
        if self.stacked:
            values = [sum(values) for values in zip(*(s.values for s in self.series), strict=True)]
        else:
            values = [value for item in self.series for value in item.values]
        longest = max((len(self.format_value(value)) for value in values), default=1)
        return 10 + longest * VALUE_SIZE * BOLD_GLYPH_WIDTH

    def _legend_places(self):
        """Where each series' key goes: (x, line), flowing onto new lines as needed."""
        places, x, line = [], 0.0, 0
        for item in self.series:
            width = 17 + len(item.name) * LEGEND_SIZE * GLYPH_WIDTH + 18
            if x and x + width > self.width:
                x, line = 0.0, line + 1
            places.append((x, line))
            x += width
        return places

    def _legend_height(self):
        if len(self.series) < 2:
            return 0
        return (self._legend_places()[-1][1] + 1) * LEGEND_LINE + 6

    def _bars_height(self):
        count = 1 if self.stacked else len(self.series)
        return count * BAR_HEIGHT + (count - 1) * BAR_GAP

    def _row_height(self):
        return LABEL_SIZE + 8 + self._bars_height() + 12

    def height(self):
        return self._legend_height() + len(self.categories) * self._row_height() + 4

    def _largest(self):
        if self.stacked:
            totals = [sum(values) for values in zip(*(s.values for s in self.series), strict=True)]
        else:
            totals = [value for item in self.series for value in item.values]
        return float(max([*totals, 0]))

    def body(self):
        parts = self._legend()
        largest = self._largest()
        room = self.width - self.value_space()
        scale = room / largest if largest else 0
        top = self._legend_height()
        for index, category in enumerate(self.categories):
            label_y = top + LABEL_SIZE
            parts.append(svg_text(0, label_y, fitted(category, self.width, LABEL_SIZE)))
            bar_y = label_y + 6
            parts.append(svg_rect(0, bar_y, room, self._bars_height(), "none", stroke=RULE))
            parts.extend(self._bars(index, bar_y, scale))
            top += self._row_height()
        return "".join(parts)

    def _bars(self, index, bar_y, scale):
        parts = []
        x = 0.0
        for number, item in enumerate(self.series):
            value = item.values[index]
            colour = item.colour
            if self.colours and len(self.series) == 1:
                colour = self.colours[index % len(self.colours)]
            length = float(value) * scale
            y = bar_y if self.stacked else bar_y + number * (BAR_HEIGHT + BAR_GAP)
            parts.append(svg_rect(x if self.stacked else 0, y, length, BAR_HEIGHT, colour))
            if self.stacked:
                x += length
            else:
                parts.append(self._value(length, y, value))
        if self.stacked:
            total = sum(item.values[index] for item in self.series)
            parts.append(self._value(x, bar_y, total))
        return parts

    def _value(self, end, y, value):
        return svg_text(
            end + 6, y + BAR_HEIGHT - 3, self.format_value(value), size=VALUE_SIZE, weight="700"
        )

    def _legend(self):
        if len(self.series) < 2:
            return []
        parts = []
        for item, (x, line) in zip(self.series, self._legend_places(), strict=True):
            top = line * LEGEND_LINE
            parts.append(svg_rect(x, top + 4, 12, 12, item.colour))
            label = fitted(item.name, self.width - 17, LEGEND_SIZE)
            parts.append(svg_text(x + 17, top + 15, label, size=LEGEND_SIZE, fill=MUTED))
        return parts
