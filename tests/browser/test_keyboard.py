"""Every control is reachable by keyboard, in reading order, with a visible focus."""

import pytest

pytestmark = pytest.mark.browser

MAX_TABS = 80

# What the focused element looks like: its name, and whether the focus ring shows.
FOCUS_STATE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName,
    name: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 60),
    top: box.top + window.scrollY,
    visibleFocus: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
}"""


def tab_through(page):
    """Press Tab until focus leaves the page or wraps around; return each stop."""
    stops = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state["tag"] == "BODY" or (stops and state == stops[0]):
            return stops
        stops.append(state)
    pytest.fail(f"focus never left the page after {MAX_TABS} tabs: a keyboard trap?")


@pytest.mark.parametrize(
    "path", ["/", "/blog/how-to-rebuild-trust-in-relationships/", "/book/"], ids=str
)
def test_tab_order_reaches_every_control_with_visible_focus(page, demo_content, path):
    assert page.goto(path).ok
    stops = tab_through(page)

    assert stops[0]["name"] == "Skip to main content"
    controls = page.locator("a[href], button, input:not([type=hidden]), select, textarea")
    # A group of radio buttons is one tab stop: the arrow keys move within it.
    focusable = controls.evaluate_all(
        """els => els
          .filter(el => el.tabIndex >= 0 && el.getClientRects().length)
          .filter((el, i, all) => el.type !== "radio"
            || all.findIndex(other => other.type === "radio" && other.name === el.name) === i)
          .length"""
    )
    assert len(stops) == focusable
    assert all(stop["visibleFocus"] for stop in stops), [s for s in stops if not s["visibleFocus"]]
    # Header, then main content, then footer: focus never jumps back up the page.
    tops = [stop["top"] for stop in stops[1:]]
    assert tops == sorted(tops)


def test_skip_link_moves_focus_to_main_content(page, demo_content):
    page.goto("/blog/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
