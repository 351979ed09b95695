"""`assistant …`: the one command line. Commands only call services."""

from typing import Annotated

import typer

from assistant.catalogue.cli import app as catalogue_app
from assistant.dossiers.cli import app as dossiers_app
from assistant.feedback.cli import app as feedback_app
from assistant.feedback.cli import qr_command
from assistant.logs import configure_logging
from assistant.retention.cli import app as retention_app
from assistant.search.cli import index_app, search_command
from assistant.settings import Settings
from assistant.staff.cli import app as staff_app

__all__ = ["main"]

app = typer.Typer(
    help="Trợ lý ảo dịch vụ công / public-service virtual assistant.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(catalogue_app, name="catalogue", help="Import and rebuild the procedure catalogue.")
app.add_typer(index_app, name="index", help="Build and inspect the search index.")
app.add_typer(dossiers_app, name="dossiers", help="Load dossier status data (files, demo).")
app.add_typer(feedback_app, name="feedback", help="Feedback: QR codes, summary, CSV export.")
app.add_typer(staff_app, name="staff", help="Staff accounts and API tokens.")
app.add_typer(retention_app, name="retention", help="Delete old conversations and audit rows.")
app.command("qr", help="Make the feedback QR code / A6 sheet of a counter.")(qr_command)
app.command("search", help="Search procedures and print the best matches.")(search_command)


@app.command()
def run() -> None:
    """Set up what is missing, start Rasa and the gateway, stop both on Ctrl-C."""
    from assistant.runtime.launcher import run as run_stack

    settings = Settings()
    configure_logging(settings.log_level, is_json=settings.log_format == "json")
    raise typer.Exit(run_stack(settings, echo=typer.echo))


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """Run the gateway only (``ASSISTANT_SERVER__WORKERS`` workers; Rasa is expected at
    ASSISTANT_RASA__URLS)."""
    import uvicorn

    settings = Settings()
    configure_logging(settings.log_level, is_json=settings.log_format == "json")
    uvicorn.run(
        "assistant.server:app",
        host=host or settings.server.host,
        port=port or settings.server.port,
        proxy_headers=False,  # client addresses: ASSISTANT_SERVER__TRUSTED_PROXIES only
        workers=settings.server.workers,
    )


@app.command()
def train(
    force: Annotated[bool, typer.Option(help="Retrain even if the inputs did not change.")] = False,
) -> None:
    """Train the Rasa model from nlu_data/ and config.yml (skipped when unchanged)."""
    from assistant.runtime.training import ensure_model

    settings = Settings()
    configure_logging(settings.log_level, is_json=settings.log_format == "json")
    typer.echo(str(ensure_model(settings, force=force)))


@app.command()
def prepare() -> None:
    """Build everything the assistant needs offline: Rasa model, embedding model, index."""
    from assistant.runtime.training import ensure_model
    from assistant.search import ensure_index

    settings = Settings()
    configure_logging(settings.log_level, is_json=settings.log_format == "json")
    typer.echo(f"Rasa model:   {ensure_model(settings)}")
    typer.echo(f"Search index: {ensure_index(settings)}")


def main() -> None:
    app()
