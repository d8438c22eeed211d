"""The settlement as server-rendered SVG bar charts (pygal); the page shows the same figures as a table.

Two charts, each on its own scale: place-days available and occupied (thousands), and place-days bought
and sold (hundreds), which would not show beside them."""

from pygal import HorizontalBar
from pygal.etree import etree
from pygal.style import Style

from klynge.kernel.formatting import danish_number
from klynge.organisation.models import Party
from klynge.temporaryplaces.settlement import MunicipalityBalance, Settlement

# DKFDS colours: primary blue and dark grey; two accents for bought and sold.
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#747474",
    colors=("#0059b3", "#747474", "#b35900", "#008139"),
    font_family="IBM Plex Sans, Arial, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=14,
    title_font_size=16,
    value_font_size=11,
)


def municipality_label(party: Party) -> str:
    """KK, Frederiksberg, Bornholm: short enough for a chart's axis."""
    if party.short_name:
        return party.short_name
    for suffix in ("s Regionskommune", " Regionskommune", " Kommune"):
        if party.name.endswith(suffix):
            return party.name.removesuffix(suffix)
    return party.name


def _chart(
    balances: list[MunicipalityBalance[Party]], *, title: str, series: list[tuple[str, list[int]]]
) -> str:
    chart = HorizontalBar(
        style=STYLE,
        title=title,
        width=720,
        height=110 + 34 * len(balances),
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        value_formatter=danish_number,
        js=[],
        disable_xml_declaration=True,
        explicit_size=False,
        print_values=False,
        spacing=6,
        truncate_label=-1,
        max_scale=7,
    )
    # Horizontal bars are drawn bottom-up: reversed, the first municipality is at the top, as in the table.
    chart.x_labels = [municipality_label(b.municipality) for b in reversed(balances)]
    for name, values in series:
        chart.add(name, list(reversed(values)))
    return _without_scripts(chart)


def _without_scripts(chart: HorizontalBar) -> str:
    """The SVG without pygal's inline configuration script: the page needs no JavaScript for its charts."""
    root = chart.render_tree()
    for parent in root.iter():
        for child in list(parent):
            if str(child.tag).endswith("script"):
                parent.remove(child)
    svg: str = etree.tostring(root, encoding="unicode")
    return svg


def settlement_charts(settlement: Settlement[Party], *, period_label: str) -> list[str]:
    """Available vs. occupied place-days per municipality, then place-days bought and sold (inline SVG)."""
    b = settlement.balances
    return [
        _chart(
            b,
            title=f"Pladsdøgn og belægning, {period_label}",
            series=[
                ("Pladsdøgn til rådighed", [x.available_days for x in b]),
                ("Belægningsdøgn", [x.used_days for x in b]),
            ],
        ),
        _chart(
            b,
            title=f"Købt og solgt mellem kommunerne, {period_label}",
            series=[
                ("Købt af andre kommuner (døgn)", [x.bought_days for x in b]),
                ("Solgt til andre kommuner (døgn)", [x.sold_days for x in b]),
            ],
        ),
    ]
