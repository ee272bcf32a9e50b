"""The command line against a real server: login, sweep files, tables, stop."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hypertuner.cli.sweep import SweepFileError, load_sweep

from conftest import ADMIN_PASSWORD, REPO, Server


def _cli(
    server: Server, *args: str, home: Path, token: bool = True, url: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HYPERTUNER_CONFIG_DIR": str(home), "COLUMNS": "160"}
    env.pop("HYPERTUNER_API_TOKEN", None)
    env.pop("HYPERTUNER_URL", None)
    if token:
        env |= {"HYPERTUNER_URL": server.url, "HYPERTUNER_API_TOKEN": server.token}
    if url:
        env["HYPERTUNER_URL"] = url
    return subprocess.run(
        [sys.executable, "-m", "hypertuner.cli.main", *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_login_saves_a_token(server: Server, tmp_path: Path) -> None:
    done = _cli(
        server,
        "login",
        "--url",
        server.url,
        "--username",
        "admin",
        "--password",
        ADMIN_PASSWORD,
        home=tmp_path,
        token=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "credentials.json").stat().st_mode & 0o077 == 0

    runs = _cli(server, "runs", "nonexistent", home=tmp_path, token=False)
    assert runs.returncode == 1 and "no project named" in runs.stdout


def test_wrong_password_is_a_clear_error(server: Server, tmp_path: Path) -> None:
    done = _cli(
        server,
        "login",
        "--url",
        server.url,
        "--username",
        "admin",
        "--password",
        "wrong",
        home=tmp_path,
        token=False,
    )
    assert done.returncode == 1
    assert "invalid username or password" in done.stdout


def test_login_reads_the_url_from_the_environment(server: Server, tmp_path: Path) -> None:
    env_login = ["login", "--username", "admin", "--password", ADMIN_PASSWORD]
    done = _cli(server, *env_login, home=tmp_path, token=False, url=server.url)
    assert done.returncode == 0, done.stdout + done.stderr
    assert server.url in (tmp_path / "credentials.json").read_text()


def test_an_unreachable_service_is_one_clear_line(server: Server, tmp_path: Path) -> None:
    unreachable = "http://127.0.0.1:9"
    login = ["login", "--url", unreachable, "--username", "admin", "--password", "x"]
    done = _cli(server, *login, home=tmp_path, token=False)
    assert done.returncode == 1
    assert f"cannot reach the service at {unreachable}" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.ray
def test_sweep_file_runs_and_lists(server: Server, tmp_path: Path) -> None:
    sweep = tmp_path / "sweep.yaml"
    sweep.write_text(
        "project: cli-demo\n"
        "run: from a file\n"
        f"command: {sys.executable} tests/fixtures/stdout_script.py --lr {{lr}}\n"
        f"workdir: {REPO}\n"
        "params:\n"
        "  lr: {from: 1e-3, to: 1e-1, count: 3, scale: log}\n"
        "objective: {metric: loss, mode: min}\n"
        "max_concurrent: 2\n"
    )
    done = _cli(server, "sweep", str(sweep), home=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 combinations" in done.stdout and "completed" in done.stdout

    runs = _cli(server, "runs", "cli-demo", home=tmp_path)
    assert "from a file" in runs.stdout
    project = server.client.get("/api/projects", params={"name": "cli-demo"}).json()[0]
    run_id = server.client.get(f"/api/projects/{project['id']}/runs").json()[0]["id"]
    listed = _cli(server, "experiments", str(run_id), home=tmp_path)
    assert "0.001" in listed.stdout and "0.01" in listed.stdout and "0.1" in listed.stdout

    again = _cli(server, "sweep", str(sweep), home=tmp_path)
    assert again.returncode == 1 and "already run" in again.stdout


def test_sweep_file_errors_are_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("project: x\ncommand: a\nparamz: {}\n")
    with pytest.raises(SweepFileError, match="paramz"):
        load_sweep(bad)
    bad.write_text("command: [unclosed\n")
    with pytest.raises(SweepFileError, match="YAML"):
        load_sweep(bad)


def test_a_sweep_file_may_choose_early_stopping(tmp_path: Path) -> None:
    sweep = tmp_path / "stop.yaml"
    sweep.write_text(
        "project: x\ncommand: python t.py --lr {lr}\nparams: {lr: [0.1]}\n"
        "early_stopping: {kind: flags, flags: [diverged]}\n"
    )
    _, request = load_sweep(sweep)
    assert request["early_stopping"] == {"kind": "flags", "flags": ["diverged"]}


def test_users_commands(server: Server, tmp_path: Path) -> None:
    created = _cli(
        server,
        "users",
        "create",
        "cli-person",
        "--password",
        "Plenty-Long-Passphrase-9",
        home=tmp_path,
    )
    assert created.returncode == 0, created.stdout + created.stderr
    user_id = created.stdout.split()[2]

    assert "cli-person" in _cli(server, "users", "list", home=tmp_path).stdout
    assert _cli(server, "users", "disable", user_id, home=tmp_path).returncode == 0
    listed = _cli(server, "users", "list", home=tmp_path).stdout
    assert "False" in listed.split("cli-person")[1].splitlines()[0]

    weak = _cli(server, "users", "create", "weak-person", "--password", "abc", home=tmp_path)
    assert weak.returncode == 1 and "password" in weak.stdout
