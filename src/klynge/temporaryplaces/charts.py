"""The settlement as a server-rendered SVG bar chart (pygal); the page shows the same figures as a table."""

from pygal import Bar
from pygal.style import Style

from klynge.formatting import danish_number
from klynge.organisation.models import Party
from klynge.temporaryplaces.settlement import Settlement

# DKFDS colours: primary blue, dark grey, and two accents for bought and sold.
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#747474",
    colors=("#0059b3", "#747474", "#b35900", "#008139"),
    font_family="IBM Plex Sans, Arial, sans-serif",
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
    title_font_size=15,
)


def settlement_chart(settlement: Settlement[Party], *, title: str) -> str:
    """Available vs. occupied place-days per municipality, with place-days bought and sold (inline SVG)."""
    chart = Bar(
        style=STYLE,
        title=title,
        width=960,
        height=480,
        x_label_rotation=35,
        legend_at_bottom=True,
        legend_at_bottom_columns=4,
        value_formatter=lambda value: danish_number(value),
        js=[],
        disable_xml_declaration=True,
        explicit_size=False,
        margin_bottom=10,
    )
    chart.x_labels = [b.municipality.short_name or b.municipality.name for b in settlement.balances]
    chart.add("Pladsdøgn til rådighed", [b.available_days for b in settlement.balances])
    chart.add("Belægningsdøgn", [b.used_days for b in settlement.balances])
    chart.add("Købt af andre", [b.bought_days for b in settlement.balances])
    chart.add("Solgt til andre", [b.sold_days for b in settlement.balances])
    svg: str = chart.render(is_unicode=True)
    return svg
