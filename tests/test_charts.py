"""Server-side SVG charts: an image with its title and description, the same data as a table,
labels escaped, and empty values drawn apart."""

import re
from decimal import Decimal

from charts import BarChart, GridChart, Series
from charts.base import INK, WHITE, contrast, fitted, readable_on


def axes_chart(**options):
    return BarChart(
        chart_id="axes",
        title="Fiches par axe",
        categories=["Axe 1", "Axe 2"],
        series=[Series("Fiches", [8, 11])],
        category_header="Axe",
        **options,
    )


def test_a_chart_is_an_image_titled_and_described():
    svg = str(axes_chart().svg)
    assert svg.startswith('<svg class="chart"')
    assert 'role="img" aria-labelledby="axes-titre axes-desc"' in svg
    assert '<title id="axes-titre">Fiches par axe</title>' in svg
    assert '<desc id="axes-desc">Axe 1 : 8 ; Axe 2 : 11.</desc>' in svg


def test_its_table_holds_the_same_data():
    table = axes_chart().table
    assert table.caption == "Fiches par axe"
    assert table.headers == ["Axe", "Fiches"]
    assert table.rows == [["Axe 1", "8"], ["Axe 2", "11"]]


def test_the_longest_bar_fills_the_room_and_the_others_are_in_proportion():
    bars = re.findall(r'<rect [^>]*width="([\d.]+)" [^>]*fill="#0b4f8a"', str(axes_chart().svg))
    chart = axes_chart()
    room = chart.width - chart.value_space()  # the chart's width less the room its values take
    assert bars == [f"{room * 8 / 11:.1f}", f"{room:.1f}"]


def test_the_room_after_the_bars_fits_the_longest_value():
    money = BarChart(
        chart_id="m",
        title="m",
        categories=["a"],
        series=[Series("n", [Decimal(12506100)])],
        format_value=lambda value: f"{value:,.2f} €",
    )
    assert money.value_space() > axes_chart().value_space() + 100


def test_labels_are_escaped():
    chart = BarChart(
        chart_id="x",
        title="<b>titre</b>",
        categories=["<script>alert(1)</script>"],
        series=[Series("n", [1])],
    )
    svg = str(chart.svg)
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;script&gt;" in svg


def test_stacked_series_are_totalled_in_the_table_and_described_by_series():
    chart = BarChart(
        chart_id="secteurs",
        title="Par secteur",
        categories=["Nord"],
        series=[Series("Nommé", [6]), Series("Toute la ville", [17])],
        stacked=True,
        category_header="Secteur",
        total_header="Total",
    )
    assert chart.table.rows == [["Nord", "6", "17", "23"]]
    assert "Nord : Nommé 6, Toute la ville 17, Total 23." in str(chart.svg)
    assert 'fill="#555e6e">Nommé</text>' in str(chart.svg)  # the legend


def test_decimal_values_are_drawn_and_formatted_by_the_given_function():
    chart = BarChart(
        chart_id="budget",
        title="Budget",
        categories=["Cité"],
        series=[Series("2021", [Decimal("1234.5")])],
        format_value=lambda value: f"{value} €",
    )
    assert "1234.5 €" in str(chart.svg)


def test_a_chart_of_zeros_draws_empty_bars():
    chart = BarChart(chart_id="z", title="Zéro", categories=["A"], series=[Series("n", [0])])
    assert 'width="0.0"' in str(chart.svg)


def test_a_print_font_is_written_on_the_chart_for_pdfs():
    assert 'font-family="Lato, sans-serif"' in str(axes_chart(font_family="Lato, sans-serif").svg)
    assert "font-family" not in str(axes_chart().svg)


def test_long_labels_are_cut_with_an_ellipsis():
    assert fitted("x" * 200, 100, 10) == "x" * 16 + "…"
    assert fitted("court", 100, 10) == "court"


def test_a_grid_marks_its_empty_cells_in_words():
    grid = GridChart(
        chart_id="couverture",
        title="Couverture",
        rows=["0-2 ans", "3-5 ans"],
        columns=["Nord", "Sud"],
        values=[[3, 0], [1, 2]],
        row_header="Âge",
        empty_label="aucune",
    )
    svg = str(grid.svg)
    assert svg.count(">aucune</text>") == 1
    assert 'stroke-dasharray="5 3"' in svg
    assert grid.table.rows == [["0-2 ans", "3", "0"], ["3-5 ans", "1", "2"]]
    assert "0-2 ans : Nord 3, Sud 0" in svg


def test_each_shade_of_a_grid_keeps_its_number_readable():
    grid = GridChart(chart_id="g", title="g", rows=["a"], columns=["b"], values=[[1]])
    for value in range(1, 9):
        background = grid.shade(value, 8)
        assert contrast(readable_on(background), background) >= 4.5, background


def test_text_on_a_dark_colour_is_white_and_on_a_light_one_ink():
    assert readable_on("#0b4f8a") == WHITE
    assert readable_on("#e8eef6") == INK
