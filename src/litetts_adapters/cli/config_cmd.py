"""``litetts config show | validate | set | backups | restore | schema``.

Values are printed through `litetts.config.layers.shown`: a key the schema marks secret
(``server.api_keys``) appears as ``***``, whichever layer set it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from litetts.config import (
    ConfigStore,
    ConfigValidator,
    ValidationResult,
    default_config_dir,
    render_markdown,
    schema_fields,
    schema_records,
    shown,
    shown_settings,
    unstructure_settings,
)

__all__ = ["config_app"]

_DIR_KEY = "litetts.config_dir"

config_app = typer.Typer(
    help="Show, check, change and restore the settings (docs/configuration.md).",
    no_args_is_help=True,
)


@config_app.callback()
def _config_root(
    ctx: typer.Context,
    config_dir: Annotated[
        Path | None,
        typer.Option(
            "--config-dir",
            help="Folder of settings.json and override.json.",
            show_default="$LITETTS_CONFIG_DIR or the platform config folder",
            file_okay=False,
        ),
    ] = None,
) -> None:
    ctx.meta[_DIR_KEY] = config_dir


def _directory(ctx: typer.Context) -> Path:
    chosen: Path | None = ctx.meta.get(_DIR_KEY)
    return chosen if chosen is not None else default_config_dir()


def _store(ctx: typer.Context) -> ConfigStore:
    return ConfigStore.load(_directory(ctx))


def _shown(key: str, value: object) -> str:
    """`value` of `key` for a person to read: JSON, secrets masked."""
    return json.dumps(shown(key, value), default=str, ensure_ascii=False)


@config_app.command()
def show(
    ctx: typer.Context,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show where each value comes from.")
    ] = False,
) -> None:
    """Print the settings in effect (JSON), or with --explain a table of their sources."""
    store = _store(ctx)
    if not explain:
        typer.echo(json.dumps(shown_settings(unstructure_settings(store.config)), indent=2))
        return
    table = Table(title=f"settings ({store.config_dir})", title_justify="left")
    for column in ("key", "value", "layer", "from"):
        table.add_column(column, overflow="fold")
    for key in schema_fields():
        why = store.explain(key)
        value = _shown(key, why.value)
        if why.pending:
            value += f" ({_shown(key, why.pending_value)} after a restart)"
        source = why.source if why.source != "default" else "[dim]default[/]"
        table.add_row(key, value, source, "" if why.source == "default" else why.origin)
    Console(width=max(Console().width, 120)).print(table)


def _print_result(result: ValidationResult, label: str) -> None:
    for issue in result.issues:
        typer.echo(f"{issue.severity}: {issue}", err=issue.severity == "error")
    if result.ok:
        warned = f" ({len(result.warnings)} warnings)" if result.warnings else ""
        typer.echo(f"ok: {label}{warned}")


@config_app.command("validate")
def validate_config(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="A settings file to check; default the config folder's files and the"
            " LITETTS_* variables.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option(help="Fail on warnings (unknown keys) too.")] = False,
) -> None:
    """Check settings against the schema; every problem is listed. Status 1 on errors."""
    validator = ConfigValidator()
    results: list[ValidationResult] = []
    if path is not None:
        results.append(validator.validate_file(path))
        _print_result(results[-1], str(path))
    else:
        directory = _directory(ctx)
        for name in ("settings.json", "override.json"):
            if (directory / name).exists():
                results.append(validator.validate_file(directory / name))
                _print_result(results[-1], str(directory / name))
        results.append(validator.validate_environment(os.environ))
        _print_result(results[-1], "LITETTS_* environment variables")
    if any(not r.ok or (strict and r.warnings) for r in results):
        raise typer.Exit(1)


@config_app.command("set")
def set_value(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Dotted key, e.g. server.port.")],
    value: Annotated[str, typer.Argument(help="The value, written as for LITETTS_* variables.")],
) -> None:
    """Write one setting to override.json (a backup is made first)."""
    store = _store(ctx)
    change = store.set(key, value, persist=True)
    why = store.explain(key)
    target = store.config_dir / "override.json"
    typer.echo(f"{why.key} = {_shown(why.key, why.pending_value)} written to {target}")
    if why.source != "override":
        typer.echo(f"note: {why.origin} still sets it to {_shown(why.key, why.value)}", err=True)
    elif why.restart:
        typer.echo("note: takes effect when the server or process restarts", err=True)
    if not change.changed and not change.pending_restart and why.source == "override":
        typer.echo("(it already had this value)", err=True)


@config_app.command()
def backups(ctx: typer.Context) -> None:
    """List the backups of the settings files, newest first."""
    found = _store(ctx).backups.list_backups()
    if not found:
        typer.echo("no backups yet")
        return
    table = Table()
    table.add_column("id", no_wrap=True)
    for column in ("created (UTC)", "reason", "files"):
        table.add_column(column)
    for backup in found:
        files = ", ".join(name for name, text in backup.files.items() if text is not None)
        created = backup.created.strftime("%Y-%m-%d %H:%M:%S")
        table.add_row(backup.id, created, backup.reason, files or "(none)")
    Console().print(table)


@config_app.command()
def restore(
    ctx: typer.Context,
    backup_id: Annotated[str, typer.Argument(metavar="ID", help="A backup id from `backups`.")],
) -> None:
    """Validate a backup and put its files back (the current files are backed up first)."""
    change = _store(ctx).restore(backup_id)
    changed = ", ".join(change.changed + change.pending_restart) or "nothing"
    typer.echo(f"restored {backup_id}; changed: {changed}")
    if change.pending_restart:
        typer.echo(f"restart for: {', '.join(change.pending_restart)}", err=True)


@config_app.command()
def schema(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON records instead.")] = False,
) -> None:
    """Print every setting: type, default, constraints, restart, description (Markdown)."""
    if as_json:
        typer.echo(json.dumps(schema_records(), indent=2))
    else:
        typer.echo(render_markdown(), nl=False)
