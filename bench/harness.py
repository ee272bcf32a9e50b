"""What every benchmark needs: a real HyperTuner server on a scratch database, and CPU clocks.

The server runs as `hypertuner serve` in a subprocess, exactly as deployed; nothing here
reaches into the backend package.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg

REPO = Path(__file__).resolve().parents[1]
PG_ADMIN_URL = os.environ.get(
    "HYPERTUNER_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
ADMIN_PASSWORD = "bench-admin-password"
RAY_PORT = "6397"  # never started: the benchmarks launch no runs
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Database:
    """A scratch database: the URL the service takes and the one psycopg or sqlite3 takes."""

    kind: str
    service_url: str
    driver_url: str


@dataclass
class Server:
    """A running service with an admin token."""

    url: str
    pid: int
    client: httpx.Client
    log_path: Path

    def log_tail(self, chars: int = 4000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:]


@contextmanager
def scratch_database(kind: str, folder: Path) -> Iterator[Database]:
    """A fresh SQLite file in `folder`, or a fresh PostgreSQL database dropped afterwards."""
    if kind == "sqlite":
        path = folder / "hypertuner.db"
        yield Database(kind, f"sqlite:///{path}", str(path))
        return

    name = f"hypertuner_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    driver_url = f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    try:
        yield Database(
            kind, driver_url.replace("postgresql://", "postgresql+psycopg://"), driver_url
        )
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def running_server(database: Database) -> Iterator[Server]:
    """Start `hypertuner serve` on `database`, log in, and stop it (and its folder) at the end."""
    data_dir = Path(tempfile.mkdtemp(prefix="ht-bench-"))
    port = _free_port()
    log_path = data_dir / "server.log"
    with log_path.open("ab") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "hypertuner.cli.main", "serve"],
            env=_server_env(data_dir, database.service_url, port),
            stdout=output,
            stderr=subprocess.STDOUT,
            cwd=REPO,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, log_path)
        client = httpx.Client(base_url=url, headers=_login(url), timeout=60)
        with client:
            yield Server(url, process.pid, client, log_path)
    finally:
        _stop(process)
        shutil.rmtree(data_dir, ignore_errors=True)


def _server_env(data_dir: Path, database_url: str, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "HYPERTUNER_DATA_DIR": str(data_dir),
        "HYPERTUNER_DATABASE_URL": database_url,
        "HYPERTUNER_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "HYPERTUNER_PORT": str(port),
        "HYPERTUNER_LOCAL_RAY_PORT": RAY_PORT,
        "RAY_TMPDIR": str(data_dir / "ray"),
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = log_path.read_text(errors="replace")[-4000:]
            raise RuntimeError(f"the server exited:\n{log}")
        try:
            if httpx.get(f"{url}/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not become healthy within 60 s")


def _login(url: str) -> dict[str, str]:
    """Log in as the bootstrap admin and answer the header carrying a personal token."""
    with httpx.Client(base_url=url, timeout=30) as browser:
        credentials = {"username": "admin", "password": ADMIN_PASSWORD}
        browser.post("/api/auth/login", json=credentials).raise_for_status()
        # A cookie session writes only with its CSRF token echoed in a header.
        csrf = {"X-CSRF-Token": browser.cookies.get("hypertuner_csrf", "")}
        answer = browser.post("/api/tokens", json={"name": "bench"}, headers=csrf)
        answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def postgres_pids(driver_url: str) -> list[int]:
    """The server processes serving this database, and the cluster's background processes."""
    query = (
        "SELECT pid FROM pg_stat_activity"
        " WHERE (datname = current_database() OR datname IS NULL) AND pid <> pg_backend_pid()"
    )
    with psycopg.connect(driver_url) as connection:
        return [int(pid) for (pid,) in connection.execute(query).fetchall()]


@dataclass(frozen=True)
class CpuReading:
    """CPU seconds used so far by the server, some database processes and the machine."""

    at: float
    server: float | None
    database: dict[int, float]
    machine: tuple[float, float] | None


def read_cpu(server_pid: int, database_pids: list[int]) -> CpuReading:
    """A reading of the CPU clocks in /proc (None or empty where there is no /proc)."""
    database = {pid: _process_cpu_seconds(pid) for pid in database_pids}
    return CpuReading(
        at=time.monotonic(),
        server=_process_cpu_seconds(server_pid),
        database={pid: seconds for pid, seconds in database.items() if seconds is not None},
        machine=_machine_cpu_seconds(),
    )


def cores_busy(before: CpuReading, after: CpuReading) -> dict[str, float | None]:
    """Average cores used between two readings by the server, the database and the machine."""
    seconds = after.at - before.at
    server = None
    if before.server is not None and after.server is not None:
        server = (after.server - before.server) / seconds
    both = before.database.keys() & after.database.keys()
    database = sum(after.database[pid] - before.database[pid] for pid in both) / seconds
    machine = None
    if before.machine is not None and after.machine is not None:
        busy = after.machine[0] - before.machine[0]
        machine = busy / (after.machine[1] - before.machine[1]) * (os.cpu_count() or 1)
    return {"server": server, "database": database if both else None, "machine": machine}


def _process_cpu_seconds(pid: int) -> float | None:
    """User plus system CPU time of a process and all its threads."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _machine_cpu_seconds() -> tuple[float, float] | None:
    """(busy, total) CPU seconds of the whole machine since boot."""
    try:
        first = Path("/proc/stat").read_text().splitlines()[0].split()
    except OSError:
        return None
    ticks = [int(value) for value in first[1:9]]
    idle = ticks[3] + ticks[4]
    return (sum(ticks) - idle) / CLOCK_TICKS, sum(ticks) / CLOCK_TICKS
