"""`assistant feedback …` and `assistant qr`: QR codes and sheets for the counters, the
summary and the CSV export. Commands only call the feedback service."""

import json
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Literal

import typer
from pydantic import ValidationError

from assistant.channels.assembly import channel_links
from assistant.errors import AssistantError
from assistant.feedback.models import QrIn
from assistant.feedback.service import FeedbackService
from assistant.settings import Settings
from assistant.text import Language

__all__ = ["app", "qr_command"]

app = typer.Typer(no_args_is_help=True, add_completion=False)


def _service(settings: Settings, *, migrate: bool) -> FeedbackService:
    from assistant.database import create_db_engine, upgrade_to_head

    engine = create_db_engine(settings.effective_database_url)
    if migrate:
        upgrade_to_head(engine)
    return FeedbackService.create(
        engine, settings=settings.feedback, public_url=settings.effective_public_url,
        organisation_vi=settings.organisation_vi, salt_file=settings.feedback_salt_file,
        channel_links=channel_links(settings),
    )


def _fail(error: Exception) -> typer.Exit:
    message = error.message("en") if isinstance(error, AssistantError) else str(error)
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(2)


def qr_command(
    counter: Annotated[list[str] | None, typer.Option(
        "--counter", "-c", help="Counter code (repeat for one PDF page per counter).")] = None,
    agency: Annotated[str | None, typer.Option(help="Agency code, e.g. stp.")] = None,
    agency_name: Annotated[
        str | None, typer.Option(help="Agency name printed on the sheet.")
    ] = None,
    fmt: Annotated[Literal["png", "svg", "pdf"], typer.Option(
        "--format", "-f", help="png, svg or pdf (the printable A6 sheet).")] = "pdf",
    variant: Annotated[str, typer.Option(
        help="Which link the code opens (PNG/SVG): web, or a chat channel (telegram, zalo)."
    )] = "web",
    lang: Annotated[Language | None, typer.Option(help="Chat language.")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output file.")] = None,
) -> None:
    """Make the feedback QR code of a counter or agency (PNG, SVG or the A6 PDF sheet)."""
    try:
        query = QrIn(agency=agency, counter=counter or [], agency_name=agency_name,
                     lang=lang, format=fmt, variant=variant)
        service = _service(Settings(), migrate=False)
        targets = query.targets()
        links = service.links(targets[0])
        if fmt == "pdf":
            content = service.sheet(targets)
        else:
            content = service.qr_image(targets[0], kind=fmt, variant=variant)
    except (ValidationError, AssistantError) as exc:
        raise _fail(exc) from exc
    place = "-".join(p for p in (agency, *(counter or [])) if p)
    path = out or Path(f"feedback-{place}.{fmt}")
    path.write_bytes(content)
    typer.echo(f"web:      {links.web}")
    for name, url in links.channels.items():
        if url:
            typer.echo(f"{name + ':':<9} {url}")
    typer.echo(f"written:  {path}")


app.command("qr")(qr_command)


def _dates(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    try:
        return (
            datetime.strptime(since, "%Y-%m-%d").date() if since else None,
            datetime.strptime(until, "%Y-%m-%d").date() if until else None,
        )
    except ValueError as exc:
        raise _fail(ValueError("dates are YYYY-MM-DD")) from exc


@app.command()
def summary(
    since: Annotated[str | None, typer.Option(help="First local date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last local date, YYYY-MM-DD.")] = None,
) -> None:
    """Print the summary of a period as JSON (the staff API's answer)."""
    service = _service(Settings(), migrate=True)
    try:
        period = service.period(*_dates(since, until))
    except AssistantError as exc:
        raise _fail(exc) from exc
    typer.echo(json.dumps(service.summary(period).model_dump(mode="json"), ensure_ascii=False,
                          indent=2))


@app.command()
def export(
    since: Annotated[str | None, typer.Option(help="First local date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Last local date, YYYY-MM-DD.")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="CSV file to write.")] = Path(
        "feedback.csv"),
) -> None:
    """Write the raw feedback of a period as CSV."""
    service = _service(Settings(), migrate=True)
    try:
        period = service.period(*_dates(since, until))
    except AssistantError as exc:
        raise _fail(exc) from exc
    out.write_text(service.export_csv(period), encoding="utf-8")
    typer.echo(f"written: {out}")
