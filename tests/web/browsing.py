"""Steps the browser tests share: logging in and keeping screenshots of each view."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
# Debian's Chromium offline: no sandbox (root), no GPU, and no name lookups beyond loopback.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def log_in(page: Page, password: str) -> None:
    page.goto("/#/login")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Projects").wait_for()


def screenshot(page: Page, name: str) -> Path:
    """Keep a full-page screenshot of the current view under test-results/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def drag(page: Page, target: Locator, x0: float, y0: float, x1: float, y1: float) -> None:
    """A mouse drag over `target`, in fractions of its box."""
    box = target.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + x0 * box["width"], box["y"] + y0 * box["height"])
    page.mouse.down()
    page.mouse.move(box["x"] + x1 * box["width"], box["y"] + y1 * box["height"], steps=6)
    page.mouse.up()
