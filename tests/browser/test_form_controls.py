"""Every form control of every page can be seen and used, in Chromium: no checkbox or radio button drawn at
0 × 0 px, every control labelled, and a click on a checkbox's label ticks it (DKFDS draws the box from the
label, over a transparent input).

The pages are every page of the app an administrator can open (tests/every_page.py), with the demo data, so
also the forms on list and decision-support pages. `test_every_page_is_visited_or_is_no_page` keeps the
list complete."""

import pytest
from django.urls import get_resolver
from playwright.sync_api import Page

from klynge.accounts.models import Role
from klynge.accounts.services import account_create
from klynge.attendance.services import absence_record
from klynge.bodies.models import Collaboration, Membership
from klynge.healthplans.services import health_plan_goal_create, local_health_plan_create
from klynge.meetings.models import Meeting
from klynge.memos.models import Memo
from klynge.memos.services import memo_new_version
from tests.every_page import NO_PAGE, PAGES, url_names

PASSWORD = "et-langt-kodeord-til-test"


def _add_draft_memo_and_absence() -> None:
    """The demo has neither a draft memo nor an absence; their forms are pages too."""
    memo_new_version(memo=Memo.objects.get(status="final"))
    meeting = Meeting.objects.filter(status="planned").order_by("pk").first()
    assert meeting is not None
    absence_record(meeting=meeting, membership=Membership.objects.filter(body=meeting.body).order_by("pk")[0])
    # Nor a local health plan, or a subscription of the administrator's own. (Its coming meeting has a
    # proposal for the agenda awaiting the secretariat: its pages are `_open_proposal`'s.)
    council = Collaboration.objects.filter(kind="health_council").order_by("pk").first()
    assert council is not None
    plan = local_health_plan_create(council=council, name="Nærsundhedsplan (test)")
    health_plan_goal_create(plan=plan, title="Færre genindlæggelser")


def test_every_page_is_visited_or_is_no_page() -> None:
    names = {name for name in url_names(get_resolver()) if ":" in name}
    assert names - NO_PAGE - PAGES.keys() == set(), "new pages: add them to PAGES (or NO_PAGE)"
    assert (NO_PAGE | PAGES.keys()) - names == set(), "pages that no longer exist"


# In the page: every form control that is meant to be shown (no ancestor hidden), its size and label.
CONTROLS_JS = """() => {
  const hiddenAncestor = (element) => {
    for (let e = element.parentElement; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (e.hidden || style.display === "none" || style.visibility === "hidden") return true;
    }
    return false;
  };
  return Array.from(document.querySelectorAll("main input, main select, main textarea"))
    .filter((e) => !["hidden", "submit", "button", "reset", "image"].includes(e.type) && !hiddenAncestor(e))
    .map((e) => {
      const box = e.getBoundingClientRect();
      const label = e.id ? document.querySelector(`label[for="${CSS.escape(e.id)}"]`) : e.closest("label");
      return {id: e.id, name: e.name, type: e.type, width: box.width, height: box.height, labelled: !!label};
    });
}"""


# A click on each checkbox's and radio button's label, as the mouse gives it: at the middle of the label,
# scrolled into view, to whatever element is drawn on top there (if that is not the label, its content or
# its box, the user cannot reach it). In the page, all at once: a click through Playwright per control
# made this the suite's slowest test.
CLICKS_JS = """(ids) => ids.map((id) => {
  const box = document.getElementById(id);
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
  const click = () => {
    label.scrollIntoView({block: "center", inline: "center"});
    const r = label.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (hit === null || !(hit === label || label.contains(hit) || hit === box)) return false;
    hit.click();
    return true;
  };
  const before = box.checked;
  if (!click()) return "its label is covered or off the page";
  if (box.type === "radio") return box.checked ? null : "clicking its label does not choose it";
  if (box.checked === before) return "clicking its label does not tick it";
  if (!click() || box.checked !== before) return "clicking its label again does not untick it";
  return null;
})"""


def _check_page(page: Page, path: str, seen: set[str]) -> list[str]:
    response = page.goto(path)
    if response is None or response.status != 200:
        return [f"{path}: answered {response.status if response else 'nothing'}"]
    problems = []
    clickable = []
    for control in page.evaluate(CONTROLS_JS):
        seen.add(control["type"])
        what = f"{path}: {control['type']} {control['name']!r}"
        if control["width"] < 1 or control["height"] < 1:
            problems.append(f"{what} is {control['width']} × {control['height']} px")
        if not control["labelled"]:
            problems.append(f"{what} has no label")
        elif control["type"] in ("checkbox", "radio"):
            clickable.append((what, control["id"]))
    clicked = page.evaluate(CLICKS_JS, [id_ for _, id_ in clickable]) if clickable else []
    seen.update(
        f"{what.split()[1]} clicked"
        for (what, _), problem in zip(clickable, clicked, strict=True)
        if not problem
    )
    problems += [
        f"{what}: {problem}" for (what, _), problem in zip(clickable, clicked, strict=True) if problem
    ]
    return problems


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("demo_loaded")
def test_every_form_control_is_visible_labelled_and_clickable(page: Page) -> None:
    _add_draft_memo_and_absence()
    account_create(email="admin@kontrol.test", password=PASSWORD, role=Role.ADMIN)
    paths = {name: url() for name, url in PAGES.items()}

    # The login form is checked as the public sees it; the rest as an administrator.
    seen: set[str] = set()
    problems = _check_page(page, paths.pop("accounts:login"), seen)
    page.get_by_label("E-mail").fill("admin@kontrol.test")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: "/log-ind/" not in url)

    for path in paths.values():
        problems += _check_page(page, path, seen)
    assert problems == [], "\n".join(problems)
    assert {"text", "select-one", "textarea", "checkbox", "radio", "date", "file"} <= seen
    assert {"checkbox clicked", "radio clicked"} <= seen
