"""``litetts doctor``: what this installation can do, what is missing and how to fix it."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from litetts.health import INFORMATIONAL, DependencyHealth, HealthReport
from litetts.performance import ConservativeOptimizer, get_cpu_info

__all__ = ["doctor"]

_STYLES = {"available": "green", "degraded": "yellow", "missing": "red"}


def _table(report: HealthReport) -> Table:
    table = Table(title=f"litetts dependencies: {report.status}", title_justify="left")
    for column in ("capability", "status", "detail", "fix"):
        table.add_column(column, overflow="fold")
    for cap in report.capabilities:
        style = "dim" if cap.name in INFORMATIONAL else _STYLES[cap.status]
        table.add_row(
            cap.name, Text(cap.status, style=style), Text(cap.detail), Text(cap.fix or "")
        )
    return table


def _cpu_record() -> dict[str, object]:
    info = get_cpu_info()
    optimizer = ConservativeOptimizer(info)
    plan = optimizer.recommended_session_options()
    return {
        "model": info.model,
        "physical_cores": info.physical_cores,
        "logical_cores": info.logical_cores,
        "simd": list(info.simd),
        "cgroup_quota": info.cgroup_quota,
        "load_average": list(info.load_average),
        "load": optimizer.load_state(info),
        "intra_op_threads": plan.intra_op_threads,
    }


def doctor(
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON object instead.")] = False,
) -> None:
    """Check the optional dependencies (espeak-ng, Whisper, encoders, CUDA) and the CPU.

    Exit status 0 when every capability is available, 1 when one is degraded or
    missing (the core still speaks; CUDA is reported but not counted).
    """
    report = DependencyHealth().validate_and_recover()
    cpu = _cpu_record()
    if as_json:
        typer.echo(json.dumps({**report.to_dict(), "cpu": cpu}, indent=2))
    else:
        console = Console()
        console.print(_table(report))
        simd = ", ".join(cpu["simd"]) or "none"  # type: ignore[arg-type]  # a list of str
        console.print(
            f"CPU: {cpu['model']}, {cpu['physical_cores']} cores / {cpu['logical_cores']} "
            f"threads, SIMD {simd}; load {cpu['load']}; "
            f"ONNX Runtime gets {cpu['intra_op_threads']} intra-op threads",
            highlight=False,
        )
    if report.status != "ok":
        raise typer.Exit(1)
