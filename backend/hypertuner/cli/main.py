"""The `hypertuner` command."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from hypertuner.cli import credentials, demo, sweep, tables, users
from hypertuner.cli.client import ApiClient, ApiError

app = typer.Typer(help="HyperTuner: hyperparameter sweeps on Ray Tune.", no_args_is_help=True)
app.add_typer(users.app, name="users")
console = Console()


def _client() -> ApiClient:
    saved = credentials.load()
    if not saved.token:
        console.print("[red]Not logged in.[/] Run `hypertuner login` first.")
        raise typer.Exit(2)
    return ApiClient(saved)


def _fail(error: Exception) -> typer.Exit:
    console.print(f"[red]error:[/] {error}")
    return typer.Exit(1)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address")] = None,
    port: Annotated[int | None, typer.Option(help="Port")] = None,
) -> None:
    """Start the web service (API, web app) on HYPERTUNER_HOST:HYPERTUNER_PORT."""
    import uvicorn

    from hypertuner.api.app import create_app
    from hypertuner.core.config import get_settings
    from hypertuner.core.logging import configure_logging

    configure_logging()
    settings = get_settings()
    if host:
        settings.host = host
    if port:
        settings.port = port
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")


@app.command()
def login(
    url: Annotated[
        str | None, typer.Option(help="Service URL [default: HYPERTUNER_URL, else the saved one]")
    ] = None,
    username: Annotated[str | None, typer.Option(help="Account name")] = None,
    password: Annotated[str | None, typer.Option(help="Password (asked if not given)")] = None,
) -> None:
    """Log in and save a personal API token for the other commands."""
    username = username or typer.prompt("Username", default="admin")
    password = password or getpass.getpass("Password: ")
    url = (url or credentials.load().url).rstrip("/")
    anonymous = ApiClient(credentials.Credentials(url=url, token=None))
    try:
        anonymous.post("/auth/login", {"username": username, "password": password})
        anonymous.use_session_csrf()
        created = anonymous.post("/tokens", {"name": "cli"})
    except ApiError as error:
        raise _fail(error) from error
    path = credentials.save(credentials.Credentials(url=url, token=created["token"]))
    console.print(f"Logged in as [bold]{username}[/]; token saved in {path}")


@app.command("sweep")
def sweep_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Sweep YAML")],
    detach: Annotated[bool, typer.Option(help="Submit and return at once")] = False,
    repeat: Annotated[bool, typer.Option(help="Run again combinations already run")] = False,
    yes: Annotated[bool, typer.Option(help="Confirm grids over 10,000 experiments")] = False,
) -> None:
    """Submit a sweep file and follow it with a progress bar."""
    try:
        project, request = sweep.load_sweep(file)
    except sweep.SweepFileError as error:
        raise _fail(error) from error
    _launch(project, request | {"repeat_existing": repeat, "confirm_large": yes}, detach)


def _launch(project: str, request: dict[str, Any], detach: bool) -> None:
    client = _client()
    try:
        project_id = client.project_id(project, create=True)
        preview = client.post(f"/projects/{project_id}/runs/preview", request)
        for warning in preview["warnings"]:
            console.print(f"[yellow]warning:[/] {warning}")
        to_run = preview["count"] if request.get("repeat_existing") else preview["to_run"]
        console.print(
            f"{preview['count']} combinations, {preview['already_run']} already run, "
            f"{to_run} to run"
        )
        run = client.post(f"/projects/{project_id}/runs", request)
    except ApiError as error:
        raise _fail(error) from error

    console.print(f"Run [bold]{run['id']}[/] launched in project {project!r}")
    if detach:
        return
    final = sweep.follow(client, int(run["id"]), console)
    console.print(f"Run {run['id']} {final['status']}")
    if final["status"] != "completed":
        raise typer.Exit(1)


@app.command()
def runs(project: Annotated[str, typer.Argument(help="Project name")]) -> None:
    """The runs of a project."""
    client = _client()
    try:
        project_id = client.project_id(project)
        console.print(tables.runs_table(client.get(f"/projects/{project_id}/runs")))
    except ApiError as error:
        raise _fail(error) from error


@app.command()
def experiments(
    run_id: Annotated[int, typer.Argument(help="Run id")],
    metric: Annotated[list[str] | None, typer.Option(help="Metric columns")] = None,
) -> None:
    """The experiments of a run, with the last value of each metric."""
    client = _client()
    try:
        rows = client.get(f"/runs/{run_id}/experiments")
    except ApiError as error:
        raise _fail(error) from error
    names = metric or sorted({name for row in rows for name in row["metrics"]})
    console.print(tables.experiments_table(rows, names))


@app.command()
def stop(
    run_id: Annotated[int | None, typer.Argument(help="Run to stop")] = None,
    experiment: Annotated[int | None, typer.Option(help="Stop only this experiment")] = None,
) -> None:
    """Stop a run, or one experiment."""
    if (run_id is None) == (experiment is None):
        console.print("give a run id, or --experiment ID")
        raise typer.Exit(2)
    client = _client()
    try:
        if experiment is not None:
            client.post(f"/experiments/{experiment}/stop")
        else:
            client.post(f"/runs/{run_id}/stop")
    except ApiError as error:
        raise _fail(error) from error
    console.print("stop requested")


@app.command("ray-stop")
def ray_stop() -> None:
    """Stop the local Ray head this service started (other Rays on the machine are left)."""
    from hypertuner.core.config import get_settings
    from hypertuner.launcher.ray_env import stop_local_head

    count = stop_local_head(get_settings())
    console.print(f"stopped {count} Ray processes" if count else "no local Ray head was running")


@app.command("demo")
def demo_command(
    quick: Annotated[bool, typer.Option(help="Fewer and shorter experiments")] = False,
    detach: Annotated[bool, typer.Option(help="Submit and return at once")] = False,
) -> None:
    """Create the `digits` project and sweep the digits CNN example."""
    project, request = demo.demo_request(quick, python=sys.executable)
    _launch(project, request, detach)


if __name__ == "__main__":
    app()
