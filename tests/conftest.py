"""Shared fixtures: a real HyperTuner server (subprocess, real database, real local Ray).

PostgreSQL tests use the server at 127.0.0.1:5432 (`HYPERTUNER_TEST_PG_URL` to change it).
Where it is down they skip, except in CI (`CI` set), where a missing PostgreSQL fails.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest

from hypertuner.core.config import Settings
from hypertuner.launcher.ray_env import stop_local_head

REPO = Path(__file__).resolve().parents[1]
PG_ADMIN_URL = os.environ.get("HYPERTUNER_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
ADMIN_PASSWORD = "test-admin-password"
# One Ray head per test session, on ports no other session (or a user's service) shares.
TEST_RAY_PORT = str(20000 + (os.getpid() % 2000) * 10)
IN_CI = bool(os.environ.get("CI"))


@dataclass
class Server:
    """A running HyperTuner service."""

    url: str
    token: str
    client: httpx.Client
    data_dir: Path
    database_url: str
    process: subprocess.Popen[bytes]

    def log(self) -> str:
        return (self.data_dir / "server.log").read_text(errors="replace")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_env(data_dir: Path, database_url: str, port: int) -> dict[str, str]:
    # Only the test's own HYPERTUNER_LOGIN_* and _SQLITE_* overrides pass; others are set here.
    passed = ("HYPERTUNER_LOGIN_", "HYPERTUNER_SQLITE_")
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("HYPERTUNER_", "RAY_")) or k.startswith(passed)
    }
    return {
        **inherited,
        "HYPERTUNER_DATA_DIR": str(data_dir),
        "HYPERTUNER_DATABASE_URL": database_url,
        "HYPERTUNER_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "HYPERTUNER_PORT": str(port),
        "HYPERTUNER_LOCAL_RAY_PORT": TEST_RAY_PORT,
        "HYPERTUNER_MAX_CONCURRENT_EXPERIMENTS": "2",
        "HYPERTUNER_STOP_GRACE_SECONDS": "3",
    }


def start_server(data_dir: Path, database_url: str, port: int | None = None) -> Server:
    """Start `hypertuner serve` and log in with a personal token."""
    data_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    output = (data_dir / "server.log").open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "hypertuner.cli.main", "serve"],
        env=server_env(data_dir, database_url, port),
        stdout=output,
        stderr=subprocess.STDOUT,
        cwd=REPO,
    )
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(url, process, data_dir)
    token = login_token(url, "admin", ADMIN_PASSWORD)
    client = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    return Server(url, token, client, data_dir, database_url, process)


def _wait_healthy(url: str, process: subprocess.Popen[bytes], data_dir: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (data_dir / "server.log").read_text(errors="replace")
            raise RuntimeError(f"the server exited:\n{log[-4000:]}")
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not become healthy within 60 s")


def login_token(url: str, username: str, password: str) -> str:
    with httpx.Client(base_url=url, timeout=30) as browser:
        browser.post("/api/auth/login", json={"username": username, "password": password})
        csrf = {"x-csrf-token": browser.cookies.get("hypertuner_csrf", "")}
        answer = browser.post("/api/tokens", json={"name": "tests"}, headers=csrf)
        answer.raise_for_status()
        return str(answer.json()["token"])


def stop_server(server: Server) -> None:
    server.client.close()
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()


def postgres_available() -> bool:
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def require_postgres() -> None:
    """Skip without PostgreSQL on a laptop; fail in CI, where it must run."""
    if postgres_available():
        return
    if IN_CI:
        pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN_URL} (required in CI)")
    pytest.skip(f"PostgreSQL is not reachable at {PG_ADMIN_URL}")


@pytest.fixture(scope="session")
def new_postgres_database() -> Iterator[Callable[[], str]]:
    """A factory of fresh, empty PostgreSQL databases, all dropped at the end."""
    require_postgres()
    created: list[str] = []
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")

    def create() -> str:
        name = f"hypertuner_test_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return f"{base}/{name}"

    yield create
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        for name in created:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_url(new_postgres_database: Callable[[], str]) -> str:
    """A fresh PostgreSQL database for one test."""
    return new_postgres_database()


@pytest.fixture(scope="session")
def ray_cleanup() -> Iterator[None]:
    """Stop the test Ray head (started on demand by the first run's driver) at the end."""
    yield
    stop_local_head(Settings(local_ray_port=int(TEST_RAY_PORT)))


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, ray_cleanup: None) -> Iterator[Server]:
    """A HyperTuner server on a fresh SQLite database, shared by the session."""
    data_dir = tmp_path_factory.mktemp("server-sqlite")
    running = start_server(data_dir, f"sqlite:///{data_dir / 'hypertuner.db'}")
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def pg_server(
    tmp_path_factory: pytest.TempPathFactory,
    new_postgres_database: Callable[[], str],
    ray_cleanup: None,
) -> Iterator[Server]:
    """A HyperTuner server on a fresh PostgreSQL database, shared by the session."""
    running = start_server(tmp_path_factory.mktemp("server-pg"), new_postgres_database())
    yield running
    stop_server(running)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_server(request: pytest.FixtureRequest) -> Server:
    """Each test using this runs once per database."""
    name = "server" if request.param == "sqlite" else "pg_server"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]
