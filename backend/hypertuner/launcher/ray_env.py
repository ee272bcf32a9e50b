"""Ray settings that keep a local Ray on loopback, and the shared local Ray head.

Left alone, Ray binds to the machine's network address, probes cloud metadata services and
may post usage reports. HyperTuner's local mode must not send anything off the machine.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

from hypertuner.core.config import Settings

log = logging.getLogger(__name__)

LOOPBACK_ENV = {
    "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0",
    "RAY_USAGE_STATS_ENABLED": "0",
    "RAY_USAGE_STATS_REPORT_URL": "http://127.0.0.1:9/",
    "RAY_AUTH_MODE": "disabled",
    "RAY_DEDUP_LOGS": "0",
}


def ray_tmpdir(settings: Settings) -> Path:
    """A short private folder for Ray's sockets (their paths must stay under ~100 chars)."""
    return Path(os.environ.get("RAY_TMPDIR") or f"/tmp/hypertuner-ray-{settings.local_ray_port}")


def apply_loopback_env(settings: Settings) -> None:
    """Set the variables above in this process (and so in every child it starts)."""
    for key, value in LOOPBACK_ENV.items():
        os.environ.setdefault(key, value)
    tmpdir = ray_tmpdir(settings)
    tmpdir.mkdir(parents=True, exist_ok=True)
    os.environ["RAY_TMPDIR"] = str(tmpdir)

    # The presence of this file stops Ray from probing cloud metadata addresses.
    (Path.home() / "ray_bootstrap_config.yaml").touch(exist_ok=True)


def local_address(settings: Settings) -> str:
    return f"127.0.0.1:{settings.local_ray_port}"


def ensure_local_head(settings: Settings) -> str:
    """Start the shared single-node Ray head unless it already runs; answer its address."""
    apply_loopback_env(settings)
    address = local_address(settings)
    lock_path = ray_tmpdir(settings) / "head.lock"
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _listening(settings.local_ray_port):
            _start_head(settings)
    return address


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _start_head(settings: Settings) -> None:
    ray = shutil.which("ray", path=str(Path(sys.executable).parent)) or "ray"
    command = [
        ray,
        "start",
        "--head",
        f"--port={settings.local_ray_port}",
        "--node-ip-address=127.0.0.1",
        "--include-dashboard=false",
        "--disable-usage-stats",
        f"--num-cpus={settings.max_concurrent_experiments}",
        f"--temp-dir={ray_tmpdir(settings)}",
        *_side_ports(settings.local_ray_port),
    ]
    log.info("starting the local Ray head on 127.0.0.1:%s", settings.local_ray_port)
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"ray start failed: {done.stderr.strip()[-2000:]}")


def _side_ports(port: int) -> list[str]:
    """Ports next to the GCS port, so that two local heads (say, tests and a user) coexist."""
    names = (
        "dashboard-port",
        "dashboard-agent-listen-port",
        "dashboard-agent-grpc-port",
        "metrics-export-port",
        "runtime-env-agent-port",
        "node-manager-port",
        "object-manager-port",
    )
    return [f"--{name}={port + offset}" for offset, name in enumerate(names, start=1)]


def stop_local_head(settings: Settings) -> int:
    """Stop the local Ray head of these settings, and only it; answer how many were signalled.

    `ray stop` would end every Ray on the machine, including other users' and other tests'.
    Our head's processes are the ones whose command line or environment names our private
    temp folder (agents rename their command line, but keep the environment).
    """
    marker = str(ray_tmpdir(settings)).encode()
    signalled = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            environment = (entry / "environ").read_bytes()
        except OSError:
            continue
        if any(marker + end in command + environment for end in (b"/", b"\0")):
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(entry.name), signal.SIGKILL)
                signalled += 1
    return signalled
