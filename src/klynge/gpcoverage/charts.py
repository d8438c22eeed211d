"""The GP coverage chart: server-rendered SVG (pygal), no script; the page shows the same figures as a table."""

import re

import pygal
from pygal.style import Style

from klynge.gpcoverage.forecast import AreaForecast

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#747474",
    font_family='"IBM Plex Sans", Arial, sans-serif',
    title_font_size=16,
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    value_font_size=12,
    colors=("#0059b3", "#b35900", "#358000"),
)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def capacities_chart(areas: list[AreaForecast], target_year: int) -> str:
    """A horizontal bar chart per area: capacities available and needed in the target year, and the GPs to
    recruit. Areas without figures for the target year are left out (the table says why)."""
    shown = [(a, y) for a in areas if (y := a.in_year(target_year)) is not None]
    chart = pygal.HorizontalBar(
        style=STYLE,
        js=[],
        disable_xml_declaration=True,
        width=760,
        height=max(260, 90 + 58 * len(shown)),
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        print_values=True,
        print_zeroes=True,
        show_y_guides=False,
        margin=12,
        title=f"Lægekapaciteter i {target_year}",
        x_title="Kapaciteter",
    )
    chart.x_labels = [a.name for a, _ in reversed(shown)]
    chart.add("Til rådighed", [y.available for _, y in reversed(shown)])
    chart.add("Behov efter normen", [y.needed for _, y in reversed(shown)])
    chart.add("Skal rekrutteres", [y.to_recruit for _, y in reversed(shown)])
    svg = str(chart.render(is_unicode=True))
    return _SCRIPT.sub("", svg)
