"""`hypertuner users ...`: account administration (needs an administrator's login)."""

from __future__ import annotations

import getpass
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from hypertuner.cli import credentials
from hypertuner.cli.client import ApiClient, ApiError

app = typer.Typer(help="Administer accounts (administrators only).", no_args_is_help=True)
console = Console()


def _client() -> ApiClient:
    saved = credentials.load()
    if not saved.token:
        console.print("[red]Not logged in.[/] Run `hypertuner login` first.")
        raise typer.Exit(2)
    return ApiClient(saved)


def _call(action: str, path: str, body: object | None = None) -> object:
    client = _client()
    try:
        if action == "get":
            return client.get(path)
        if action == "patch":
            return client.patch(path, body)
        return client.post(path, body)
    except ApiError as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(1) from error


@app.command("list")
def list_users() -> None:
    """Every account, with whether it is active and an administrator."""
    table = Table("id", "username", "admin", "active", "created")
    rows = _call("get", "/admin/users")
    assert isinstance(rows, list)
    for user in rows:
        table.add_row(
            str(user["id"]),
            user["username"],
            str(user["is_admin"]),
            str(user["is_active"]),
            user["created_at"][:19],
        )
    console.print(table)


@app.command()
def create(
    username: Annotated[str, typer.Argument(help="Account name")],
    admin: Annotated[bool, typer.Option(help="Make an administrator")] = False,
    password: Annotated[str | None, typer.Option(help="Password (asked if not given)")] = None,
) -> None:
    """Create an account."""
    password = password or getpass.getpass(f"Password for {username}: ")
    created = _call(
        "post", "/admin/users", {"username": username, "password": password, "is_admin": admin}
    )
    assert isinstance(created, dict)
    console.print(f"created user {created['id']} {username!r}")


@app.command()
def disable(user_id: Annotated[int, typer.Argument(help="User id")]) -> None:
    """Disable an account: its sessions and tokens stop working at once."""
    _call("patch", f"/admin/users/{user_id}", {"is_active": False})
    console.print(f"user {user_id} disabled")


@app.command()
def enable(user_id: Annotated[int, typer.Argument(help="User id")]) -> None:
    """Re-enable an account."""
    _call("patch", f"/admin/users/{user_id}", {"is_active": True})
    console.print(f"user {user_id} enabled")
