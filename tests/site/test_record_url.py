"""{% record_url %} (the meeting page's links to its items, decisions and attachments) gives exactly what
{% url %} gives, for ids and slugs, and refuses what {% url %} refuses."""

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse


def render(source: str, **context: object) -> str:
    return Template("{% load klynge_urls %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("viewname", "arg"),
    [
        ("meetings:agenda_item_edit", 1),
        ("meetings:agenda_item_edit", 987_654_321),
        ("attachments:download", 42),
        ("provenance:source_detail", "region-nord_2024"),
        ("provenance:source_detail", "7"),
    ],
)
def test_the_same_url_as_reverse(viewname: str, arg: object) -> None:
    expected = reverse(viewname, args=[arg])
    assert render("{% record_url name arg %}", name=viewname, arg=arg) == expected
    assert render("{% record_url name arg as u %}[{{ u }}]", name=viewname, arg=arg) == f"[{expected}]"
    assert render("{% url name arg %}", name=viewname, arg=arg) == expected


def test_what_reverse_refuses_is_refused() -> None:
    for viewname, arg in [
        ("meetings:agenda_item_edit", "a-slug"),
        ("meetings:agenda_item_edit", -1),
        ("provenance:source_detail", "æ ø"),
    ]:
        with pytest.raises(NoReverseMatch):
            reverse(viewname, args=[arg])
        with pytest.raises(NoReverseMatch):
            render("{% record_url name arg %}", name=viewname, arg=arg)


def assert_prefix_followed(viewname: str, arg: int) -> None:
    """Outside `fixed_urls`, `record_url_of` follows a changed script prefix as `reverse` does."""
    from django.urls import set_script_prefix

    from klynge.site.templatetags.klynge_urls import record_url_of

    set_script_prefix("/klynge/")
    try:
        url = record_url_of(viewname, arg)
        assert url == reverse(viewname, args=[arg]) and url.startswith("/klynge/")
    finally:
        set_script_prefix("/")


def test_within_fixed_urls_the_same_urls_and_after_it_the_prefix_is_read_again() -> None:
    """The agenda's render keeps each view's pattern by name (`fixed_urls`); outside it, a changed script
    prefix is followed as `reverse` follows it."""
    from klynge.site.templatetags.klynge_urls import fixed_urls, record_url_of

    with fixed_urls():
        for arg in (1, 987_654_321, 1):
            assert record_url_of("meetings:agenda_item_edit", arg) == reverse(
                "meetings:agenda_item_edit", args=[arg]
            )
        assert record_url_of("provenance:source_detail", "kilde-1") == reverse(
            "provenance:source_detail", args=["kilde-1"]
        )
    assert_prefix_followed("meetings:agenda_item_edit", 5)


def test_fixed_urls_nested_keep_the_outer_ones_patterns_until_it_ends() -> None:
    """The row tags each run within `fixed_urls`, and call one another (a fund's row its source cell): an
    inner one leaves the outer one's patterns in place, and after the outer one the prefix is read again."""
    from klynge.site.templatetags.klynge_urls import _fixed, fixed_urls, record_url_of

    with fixed_urls():
        outer = _fixed.get()
        with fixed_urls():
            assert _fixed.get() is outer
            assert record_url_of("meetings:meeting_detail", 3) == reverse("meetings:meeting_detail", args=[3])
        assert _fixed.get() is outer and outer is not None and "meetings:meeting_detail" in outer
    assert _fixed.get() is None
    assert_prefix_followed("meetings:meeting_detail", 3)
