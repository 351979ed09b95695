"""`assistant staff …`: accounts and API tokens from the command line."""

import getpass
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.errors import AssistantError
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.staff.service import StaffService

__all__ = ["app"]

app = typer.Typer(no_args_is_help=True, add_completion=False)
token_app = typer.Typer(no_args_is_help=True, add_completion=False)
app.add_typer(token_app, name="token", help="API tokens for machine clients.")

RoleOption = Annotated[str, typer.Option("--role", help="admin or staff.")]


def _service() -> "StaffService":
    from assistant.database import create_db_engine, upgrade_to_head
    from assistant.staff.service import StaffService

    settings = Settings()
    engine = create_db_engine(settings.effective_database_url)
    upgrade_to_head(engine)
    return StaffService(engine, settings=settings.staff)


def _fail(exc: AssistantError) -> typer.Exit:
    typer.echo(f"{exc.message_vi} / {exc.message_en}", err=True)
    return typer.Exit(1)


def _read_password() -> str:
    """Asked twice on a terminal; otherwise the first line of stdin (scripts)."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mật khẩu / Password: ")
    if getpass.getpass("Nhập lại / Repeat: ") != first:
        typer.echo("Hai mật khẩu khác nhau / The passwords differ.", err=True)
        raise typer.Exit(1)
    return first


@app.command("add")
def add(username: str, role: RoleOption = "staff") -> None:
    """Create an account; the password is read from the terminal or stdin."""
    try:
        account = _service().add_account(username, _read_password(), role=role)
    except AssistantError as exc:
        raise _fail(exc) from exc
    typer.echo(f"{account.username} ({account.role})")


@app.command("list")
def list_accounts() -> None:
    """The accounts and their roles."""
    for account in _service().accounts():
        locked = " locked" if account.is_locked else ""
        typer.echo(f"{account.username}\t{account.role}{locked}")


@app.command("unlock")
def unlock(username: str) -> None:
    """End a lock-out after too many failed log-ins."""
    _service().unlock(username)


@token_app.command("create")
def create_token(name: str, role: RoleOption = "staff") -> None:
    """Create an API token; the token alone is the last line (shown only once)."""
    try:
        created = _service().create_token(name, role=role, created_by="cli")
    except AssistantError as exc:
        raise _fail(exc) from exc
    typer.echo(f"Mã truy cập / API token “{created.token.name}” ({created.token.role}):")
    typer.echo(created.secret)


@token_app.command("list")
def list_tokens() -> None:
    """Every token: name, role, first characters, state."""
    for token in _service().tokens():
        state = "revoked" if token.revoked_at else "active"
        typer.echo(f"{token.name}\t{token.role}\t{token.prefix}…\t{state}")


@token_app.command("revoke")
def revoke_token(name: str) -> None:
    """Revoke a token at once."""
    try:
        _service().revoke_token(name)
    except AssistantError as exc:
        raise _fail(exc) from exc
    typer.echo(f"revoked {name}")
