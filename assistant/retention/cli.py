"""`assistant retention run`."""

import typer

from assistant.settings import Settings

__all__ = ["app"]

app = typer.Typer(no_args_is_help=True, add_completion=False)


@app.command("run")
def run() -> None:
    """Delete conversations, lookup audit rows and Rasa tracker events past their days."""
    from assistant.conversations.service import ConversationService
    from assistant.database import create_db_engine, upgrade_to_head
    from assistant.retention.service import RetentionService

    settings = Settings()
    engine = create_db_engine(settings.effective_database_url)
    upgrade_to_head(engine)
    conversations = ConversationService(engine, low_rating_max=settings.feedback.low_rating_max)
    report = RetentionService(
        engine, settings.retention, conversations=conversations,
        tracker_db=settings.tracker_db_path, tracker_url=settings.rasa.tracker_store_url,
    ).run()
    typer.echo(f"conversations: {report.conversations}")
    typer.echo(f"lookup audit rows: {report.lookup_audit_rows}")
    typer.echo(f"tracker events: {report.tracker_events}")
    engine.dispose()
