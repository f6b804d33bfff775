"""A grid of counts (rows × columns), each cell shaded by its size and written out; a cell at
zero is drawn apart, outlined and labelled, so that gaps stand out without relying on colour."""

from .base import INK, PALETTE, WHITE, Chart, Table, fitted, readable_on, svg_rect, svg_text

ROW_LABEL_WIDTH = 110
HEADER_HEIGHT = 34
CELL_HEIGHT = 32
GAP = 3
EMPTY_OUTLINE = "#a2352a"
LIGHT = "#e8eef6"
# Shades from the lightest to the chart's colour, by quarter of the largest count: four steps
# rather than a continuous scale, so that each keeps its text readable (ink on the two light
# ones, white on the dark ones): (share of the largest count, share of the chart's colour).
STEPS = ((0.25, 0.12), (0.5, 0.35), (0.75, 0.75), (1.0, 1.0))


def _mix(light, dark, share):
    channels = (
        round(int(light[i : i + 2], 16) * (1 - share) + int(dark[i : i + 2], 16) * share)
        for i in (1, 3, 5)
    )
    return "#" + "".join(f"{channel:02x}" for channel in channels)


class GridChart(Chart):
    """``values[row][column]`` for the given ``rows`` and ``columns`` labels."""

    def __init__(
        self,
        *,
        rows,
        columns,
        values,
        row_header="",
        empty_label="0",
        colour=PALETTE[0],
        **options,
    ):
        super().__init__(**options)
        self.rows = [str(row) for row in rows]
        self.columns = [str(column) for column in columns]
        self.values = [list(row) for row in values]
        self.row_header = str(row_header)
        self.empty_label = str(empty_label)
        self.colour = colour

    @property
    def table(self):
        return Table(
            self.title,
            [self.row_header, *self.columns],
            [
                [row, *(self.format_value(value) for value in values)]
                for row, values in zip(self.rows, self.values, strict=True)
            ],
        )

    def height(self):
        return HEADER_HEIGHT + len(self.rows) * (CELL_HEIGHT + GAP)

    def shade(self, value, largest):
        if not largest:
            return LIGHT
        share = next(colour for limit, colour in STEPS if value / largest <= limit)
        return _mix(LIGHT, self.colour, share)

    def body(self):
        largest = max([value for row in self.values for value in row] + [0])
        cell_width = (self.width - ROW_LABEL_WIDTH) / max(len(self.columns), 1) - GAP
        parts = []
        for index, column in enumerate(self.columns):
            x = ROW_LABEL_WIDTH + index * (cell_width + GAP) + cell_width / 2
            label = fitted(column, cell_width, 12)
            parts.append(
                svg_text(x, HEADER_HEIGHT - 10, label, size=12, anchor="middle", weight="700")
            )
        for row_index, (row, values) in enumerate(zip(self.rows, self.values, strict=True)):
            y = HEADER_HEIGHT + row_index * (CELL_HEIGHT + GAP)
            parts.append(svg_text(0, y + CELL_HEIGHT / 2 + 5, fitted(row, ROW_LABEL_WIDTH - 6, 13)))
            for index, value in enumerate(values):
                parts.append(
                    self._cell(
                        ROW_LABEL_WIDTH + index * (cell_width + GAP), y, cell_width, value, largest
                    )
                )
        return "".join(parts)

    def _cell(self, x, y, width, value, largest):
        middle_x, middle_y = x + width / 2, y + CELL_HEIGHT / 2 + 5
        if not value:
            return svg_rect(
                x + 1,
                y + 1,
                width - 2,
                CELL_HEIGHT - 2,
                WHITE,
                stroke=EMPTY_OUTLINE,
                stroke_width="2",
                stroke_dasharray="5 3",
            ) + svg_text(
                middle_x,
                middle_y,
                self.empty_label,
                size=12,
                anchor="middle",
                weight="700",
                fill=EMPTY_OUTLINE,
            )
        background = self.shade(value, largest)
        return svg_rect(x, y, width, CELL_HEIGHT, background) + svg_text(
            middle_x,
            middle_y,
            self.format_value(value),
            size=13,
            anchor="middle",
            weight="700",
            fill=readable_on(background) if background != LIGHT else INK,
        )
