"""`assistant dossiers …`: load dossiers from files, load the demo data."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from assistant.dossiers.service import DossierService

__all__ = ["app"]

app = typer.Typer(no_args_is_help=True, add_completion=False)


def _service() -> "tuple[DossierService, Engine]":
    from assistant.database import create_db_engine, upgrade_to_head
    from assistant.dossiers.service import DossierService
    from assistant.logs import configure_logging
    from assistant.settings import Settings

    settings = Settings()
    configure_logging(settings.log_level, is_json=settings.log_format == "json")
    engine = create_db_engine(settings.effective_database_url)
    upgrade_to_head(engine)
    return DossierService.create(settings.dossiers, engine), engine


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A .csv or .json file of dossiers.")],
) -> None:
    """Upsert dossiers from FILE (idempotent) and report rejected rows with reasons."""
    from assistant.dossiers.errors import DossierImportError

    service, engine = _service()
    try:
        report = service.import_file(file)
    except DossierImportError as exc:
        typer.echo(exc.message_en, err=True)
        raise typer.Exit(2) from exc
    finally:
        engine.dispose()
    typer.echo(
        f"{report.imported} dossiers imported: {report.created} created, "
        f"{report.updated} updated, {report.unchanged} unchanged; "
        f"{len(report.rejected)} rows rejected."
    )
    for row in report.rejected:
        typer.echo(f"  row {row.row} ({row.code or 'no code'}): {'; '.join(row.reasons)}")
    if report.rejected:
        raise typer.Exit(1)


@app.command("demo")
def demo_command() -> None:
    """Load the bundled demo dossiers (fictitious, marked as demo data)."""
    from assistant.dossiers.service import DEMO_DATA

    service, engine = _service()
    try:
        report = service.import_file(DEMO_DATA, is_demo=True)
    finally:
        engine.dispose()
    typer.echo(f"{report.imported} demo dossiers loaded (DEMO DATA, fictitious).")
