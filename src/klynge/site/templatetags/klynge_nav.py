"""The main navigation, with the current section marked from the request path (no queries)."""

from typing import Any

from django import template
from django.urls import reverse

register = template.Library()

# (label, url name, path prefixes that belong to the section)
SECTIONS: list[tuple[str, str, tuple[str, ...]]] = [
    ("Struktur", "web:structure", ("/struktur/",)),
    ("Klynger", "bodies:collaboration_list", ("/samarbejder/", "/organer/", "/parter/")),
    ("Møder", "meetings:meeting_list", ("/moeder/",)),
    ("Fokusområder", "work:focus_area_list", ("/fokusomraader/",)),
    ("Indsatser", "work:initiative_list", ("/indsatser/",)),
    ("Puljer", "work:fund_list", ("/puljer/",)),
    ("Nærsundhedsplaner", "healthplans:plan_list", ("/naersundhedsplaner/", "/maal/")),
    ("Følg klyngerne", "portal:overview", ("/foelg/",)),
    (
        "Beslutningsstøtte",
        "web:decision_support",
        (
            "/beslutningsstoette/",
            "/optageomraader/",
            "/laegedaekning/",
            "/midlertidige-pladser/",
            "/reform/",
            "/koordination/",
        ),
    ),
    ("Personer", "organisation:person_list", ("/personer/",)),
    ("Udvalg", "organisation:committee_list", ("/udvalg/",)),
    ("Notater", "memos:memo_list", ("/notater/",)),
    ("Kilder", "provenance:source_list", ("/kilder/",)),
]


def nav_items(path: str) -> list[dict[str, Any]]:
    items = []
    for label, url_name, prefixes in SECTIONS:
        href = reverse(url_name)
        items.append(
            {
                "label": label,
                "href": href,
                "active": any(path.startswith(p) for p in prefixes),
                "current": path == href,
            }
        )
    return items


@register.inclusion_tag("web/includes/main_nav.html", takes_context=True)
def main_nav(context: template.Context, variant: str = "desktop") -> dict[str, Any]:
    request = context.get("request")
    path = request.path if request is not None else ""
    return {"items": nav_items(path), "variant": variant}


@register.inclusion_tag("web/includes/breadcrumbs.html")
def breadcrumbs(*args: Any) -> dict[str, Any]:
    """{% breadcrumbs "Møder" "meetings:meeting_list" meeting_title %}

    Pairs of label and target (a URL name without arguments, or a path), then the current page's
    label. The front page comes first by itself.
    """
    crumbs: list[dict[str, str | None]] = [{"label": "Forside", "href": reverse("web:front")}]
    *pairs, current = args if args else ("",)
    for label, target in zip(pairs[::2], pairs[1::2], strict=True):
        target = str(target)
        crumbs.append({"label": str(label), "href": target if target.startswith("/") else reverse(target)})
    if current:
        crumbs.append({"label": str(current), "href": None})
    return {"crumbs": crumbs}


@register.inclusion_tag("web/includes/breadcrumbs.html")
def editing_breadcrumbs(crumbs: tuple[str, ...], current: str) -> dict[str, Any]:
    """Breadcrumbs from a tuple of (label, target) pairs built by the view, then the current page."""
    result: dict[str, Any] = breadcrumbs(*crumbs, current)
    return result
