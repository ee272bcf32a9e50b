"""What the browser tests share: fixtures, logging in and keeping screenshots of each view.

Test modules import the fixtures by name. They live here rather than in a tests/web/conftest.py:
pytest imports every conftest.py as the module `conftest`, so a second one would stand in for
tests/conftest.py in the `from conftest import ...` of other test modules.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
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

REPO = Path(__file__).resolve().parents[2]
IN_CI = bool(os.environ.get("CI"))


def _missing(what: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} (required in CI)")
    pytest.skip(what)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch the `chromium` that Debian installs; Playwright's own browsers are not here."""
    executable = shutil.which("chromium")
    if executable is None:
        _missing("Chromium is not installed: apt-get install -y chromium")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def web_server(server: Any) -> Any:
    """The session's server, checked to serve the web app."""
    if not (REPO / "frontend" / "dist" / "index.html").is_file():
        _missing("the web app is not built: run `npm ci && npm run build` in frontend/")
    return server


@pytest.fixture(scope="session")
def browser_context_args(web_server: Any) -> dict[str, Any]:
    """Every page opens on the server, in a window wide enough for the scatter grid.

    Replaces pytest-playwright's own (which reads pytest-base-url's `base_url` fixture, and
    that one warns under pytest 9).
    """
    return {"base_url": web_server.url, "viewport": {"width": 1500, "height": 1100}}


@pytest.fixture(scope="session")
def admin_password(request: pytest.FixtureRequest) -> str:
    """The admin password of the session's server (read from the top-level conftest)."""
    root = request.config.pluginmanager.get_plugin(str(REPO / "tests" / "conftest.py"))
    return str(root.ADMIN_PASSWORD)


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
