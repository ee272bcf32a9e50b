"""Browser tests: Debian's Chromium driven by pytest-playwright against the session's server.

The server serves the built web app (`frontend/dist`); build it first (`npm run build` in
`frontend/`). Without Chromium or the build these tests skip on a laptop and fail in CI.

Nothing here imports the top-level conftest by name: nested conftest modules replace one
another in `sys.modules`, so its values are read through pytest's plugin manager instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

REPO = Path(__file__).resolve().parents[2]
IN_CI = bool(os.environ.get("CI"))
WEB_DIST = REPO / "frontend" / "dist"
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
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def admin_password(request: pytest.FixtureRequest) -> str:
    """The admin password the session's server was started with."""
    root = request.config.pluginmanager.get_plugin(str(REPO / "tests" / "conftest.py"))
    return str(root.ADMIN_PASSWORD)


@pytest.fixture(scope="session")
def web_server(server: Any) -> Any:
    """The session's server, checked to serve the web app."""
    if not (WEB_DIST / "index.html").is_file():
        _missing(f"the web app is not built: run `npm ci && npm run build` in {REPO / 'frontend'}")
    return server


@pytest.fixture
def context(browser: Browser, web_server: Any) -> Iterator[BrowserContext]:
    """A fresh browser profile (no session cookie) pointed at the server."""
    context = browser.new_context(base_url=web_server.url, viewport={"width": 1500, "height": 1100})
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
