"""The Ray Tune launcher: one detached driver process per run.

Why a separate process: runs must outlive the web server (a restart or a deploy), and a
Tune driver blocks for the whole sweep. The driver reads its run from the database, drives
Ray Tune and writes run-level outcomes; each trial supervises one script process.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

from hypertuner.core.config import Settings
from hypertuner.launcher.base import DriverHandle
from hypertuner.launcher.ray_env import LOOPBACK_ENV, ray_tmpdir

log = logging.getLogger(__name__)


class RayTuneLauncher:
    """Starts `python -m hypertuner.launcher.driver RUN_ID` for each run."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._children: dict[int, subprocess.Popen[bytes]] = {}

    def submit(self, run_id: int) -> DriverHandle:
        logs = (self._settings.data_dir / "logs").resolve()
        logs.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "HYPERTUNER_DATABASE_URL": self._settings.resolved_database_url,
            "HYPERTUNER_DATA_DIR": str(self._settings.data_dir.resolve()),
            "HYPERTUNER_PUBLIC_URL": self._settings.base_url,
        }
        if not self._settings.ray_address:
            # Ray reads these when it is imported, so they must be set before the driver starts.
            env.update(LOOPBACK_ENV)
            env["RAY_TMPDIR"] = str(ray_tmpdir(self._settings))
        with (logs / f"run-{run_id}.log").open("ab") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "hypertuner.launcher.driver", str(run_id)],
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=Path.cwd(),
                start_new_session=True,
            )
        self._children[process.pid] = process
        log.info("run %s: driver started, pid %s", run_id, process.pid)
        return DriverHandle(pid=process.pid, host=socket.gethostname())

    def is_alive(self, handle: DriverHandle) -> bool | None:
        if handle.host != socket.gethostname():
            return None
        child = self._children.get(handle.pid)
        if child is not None:
            return child.poll() is None
        return _pid_alive(handle.pid)


def _pid_alive(pid: int) -> bool:
    """True for a running driver process (a zombie or a reused pid counts as dead)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    state = stat.rsplit(")", 1)[-1].split()[0]
    return state != "Z" and b"hypertuner.launcher.driver" in command
