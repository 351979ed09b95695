"""``assistant index build|status`` and ``assistant search "…"``. Commands only call the
index build and the search service."""

import json
from typing import TYPE_CHECKING, Annotated

import typer

from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.search.models import SearchHit

__all__ = ["index_app", "search_command"]

index_app = typer.Typer(no_args_is_help=True, add_completion=False)


@index_app.command("build")
def build(
    force: Annotated[bool, typer.Option(help="Rebuild even when the index is up to date.")] = False,
) -> None:
    """Build the search index of the configured catalogue (skipped when up to date)."""
    from assistant.catalogue.service import CatalogueService
    from assistant.logs import configure_logging
    from assistant.search.index.build import build_index, stale_reasons

    settings = Settings()
    configure_logging(settings.log_level, is_json=settings.log_format == "json")
    catalogue = CatalogueService.load(settings.search.catalogue_path)
    reasons = stale_reasons(settings, catalogue)
    if not reasons and not force:
        typer.echo(f"Index up to date: {settings.index_dir}")
        return
    why = "; ".join(reasons) or "forced"
    typer.echo(f"Building the index of {len(catalogue)} procedures ({why}) …")
    folder = build_index(settings, catalogue, progress=True)
    typer.echo(f"Built: {folder}")


@index_app.command("status")
def status() -> None:
    """Print the index manifest and whether it matches the catalogue and model."""
    from assistant.catalogue.service import CatalogueService
    from assistant.search.index.build import stale_reasons
    from assistant.search.index.manifest import read_manifest

    settings = Settings()
    manifest = read_manifest(settings.index_dir)
    if manifest is None:
        typer.echo(f"No index at {settings.index_dir}; run `assistant index build`.")
        raise typer.Exit(1)
    typer.echo(json.dumps(manifest.model_dump(), ensure_ascii=False, indent=2))
    catalogue = CatalogueService.load(settings.search.catalogue_path)
    reasons = stale_reasons(settings, catalogue)
    typer.echo("stale: " + "; ".join(reasons) if reasons else "up to date")
    if reasons:
        raise typer.Exit(2)


def search_command(
    query: Annotated[str, typer.Argument(help="The question, in Vietnamese or English.")],
    k: Annotated[int, typer.Option(min=1, max=50, help="Number of results.")] = 5,
    level: Annotated[str | None, typer.Option(help="central/province/commune …")] = None,
    field: Annotated[str | None, typer.Option(help="Field (lĩnh vực) contains.")] = None,
    agency: Annotated[str | None, typer.Option(help="Agency contains.")] = None,
) -> None:
    """Search procedures and print the best matches as a table."""
    from assistant.catalogue.service import CatalogueService
    from assistant.errors import AssistantError
    from assistant.search.index.build import ensure_index
    from assistant.search.service import SearchService

    settings = Settings()
    try:
        ensure_index(settings)
        catalogue = CatalogueService.load(settings.search.catalogue_path)
        service = SearchService.load(settings, catalogue=catalogue)
        analysed = service.analyse(query)
        hits = service.search(query, k=k, level=level, field=field, agency=agency)
    except AssistantError as exc:
        typer.echo(exc.message_en, err=True)
        raise typer.Exit(1) from exc
    if analysed.dense_text != analysed.text:
        typer.echo(f"read as: {analysed.dense_text}")
    _print_hits(hits)


def _print_hits(hits: "list[SearchHit]") -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for column in ("#", "code", "score", "level", "title", "other levels"):
        table.add_column(column, overflow="fold")
    for rank, hit in enumerate(hits, 1):
        table.add_row(
            str(rank), hit.code, f"{hit.score:.3f}", hit.level, hit.title, ", ".join(hit.variants)
        )
    Console().print(table)
