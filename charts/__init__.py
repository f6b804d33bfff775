"""Charts drawn on the server as SVG, for web pages and PDFs alike: no script and no chart
library in the browser. Generic machinery: it knows labels and numbers, nothing of the domain.

Each chart is an image with a title and a description (``role="img"``, ``<title>``, ``<desc>``)
and carries the same data as a table (``Chart.table``), to show beside it: the figures stay
readable without the picture, by a screen reader, a search, or a copy into a spreadsheet.

- ``BarChart``: horizontal bars, one or more series, side by side or stacked;
- ``GridChart``: a table of counts shaded by size, its empty cells marked.
"""

from .bars import BarChart, Series
from .base import Chart, Table
from .grid import GridChart

__all__ = ["BarChart", "Chart", "GridChart", "Series", "Table"]
