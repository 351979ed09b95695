"""``assistant catalogue …``: build the cleaned catalogue and import the province's own."""

from pathlib import Path
from typing import Annotated

import typer

from assistant.catalogue.errors import CatalogueFormatError, CatalogueUnavailableError
from assistant.catalogue.importer import ImportReport, import_catalogue
from assistant.catalogue.service import CatalogueService
from assistant.catalogue.store import bundled_path

__all__ = ["app", "national_data_dir"]

app = typer.Typer(
    help="Import procedure sources into the cleaned catalogue (default: rebuild the bundled one).",
    no_args_is_help=True,
)


def national_data_dir() -> Path:
    """The national portal's raw data, kept in the checkout so a clone can rebuild the catalogue."""
    return Path(__file__).resolve().parent / "data" / "national"


@app.callback()
def _group() -> None:
    """Procedure catalogue commands."""


@app.command("import")
def import_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to import (.jsonl[.gz], .json, .csv, .xlsx); "
            "default: the national data in the checkout.",
            exists=True,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Catalogue file to write; default: the bundled one."),
    ] = None,
    merge: Annotated[
        bool | None,
        typer.Option(
            "--merge/--replace",
            help="Upsert into the existing output, or replace it. Default: merge when PATHS "
            "are given, replace when rebuilding from the national data.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Import sources, print the per-field parse report and write the catalogue."""
    sources = paths or [national_data_dir()]
    if not paths and not sources[0].is_dir():
        typer.echo(f"National data not found: {sources[0]}", err=True)
        raise typer.Exit(2)
    target = output or bundled_path()
    is_merge = bool(paths) if merge is None else merge
    try:
        result = import_catalogue(sources)
        catalogue = CatalogueService.load(target) if is_merge and target.exists() else None
    except (CatalogueFormatError, CatalogueUnavailableError) as exc:
        typer.echo(exc.message_en, err=True)
        raise typer.Exit(2) from exc
    if catalogue is None:
        catalogue = CatalogueService(result.procedures)
        summary = f"replaced with {len(catalogue)} procedures"
    else:
        upsert = catalogue.upsert(result.procedures)
        summary = (
            f"merged: {len(upsert.added)} added, {len(upsert.updated)} updated, "
            f"{len(upsert.unchanged)} unchanged; {len(catalogue)} procedures"
        )
    written = catalogue.save(target)
    if as_json:
        typer.echo(result.report.model_dump_json(indent=2))
    else:
        typer.echo(format_report(result.report))
    typer.echo(f"{written}: {summary} (sha256 {catalogue.content_hash[:16]}…)")


def format_report(report: ImportReport) -> str:
    """The report as a plain-text table (one row per field, then issues)."""
    sources = ", ".join(f"{name} {count}" for name, count in sorted(report.by_source.items()))
    lines = [
        f"records in: {report.records_in} ({sources}); records out: {report.records_out}",
        f"{'field':<18}{'clean':>8}{'empty':>8}{'failed':>8}",
    ]
    for name, counts in report.fields.items():
        lines.append(f"{name:<18}{counts.clean:>8}{counts.empty:>8}{counts.failed:>8}")
    if report.issues:
        lines.append("issues (records):")
        lines += [f"  {issue}: {count}" for issue, count in report.issues.items()]
    if report.filled_from_list:
        filled = ", ".join(f"{k} {v}" for k, v in sorted(report.filled_from_list.items()))
        lines.append(f"filled from official lists: {filled}")
    if report.restored_from_list:
        lines.append(f"rebuilt from official lists: {', '.join(report.restored_from_list)}")
    if report.duplicates:
        lines.append(f"duplicate codes (later source kept): {', '.join(report.duplicates)}")
    for code, reason in report.rejected.items():
        lines.append(f"rejected {code}: {reason}")
    return "\n".join(lines)
