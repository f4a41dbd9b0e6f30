"""``litetts batch --ray ADDRESS``: the batch's jobs as a Ray Data job.

An actor pool renders the jobs, each actor holding one synthesizer; each writes its files
(atomically) into the output folder, which every node must see at the same path (NFS, a
mounted bucket). The driver alone appends to the manifest as the outcomes stream back,
so resuming works as for the local pool. A killed actor is restarted and its job retried.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

import numpy as np

from litetts_adapters.batch import (
    Engine,
    Failure,
    Job,
    Outcome,
    Record,
    SynthesizerFactory,
    render_safely,
)

__all__ = ["LOCAL", "connect", "ray_engine"]

LOCAL: Final = "local"
"""The address that starts a Ray instance on this machine instead of joining one."""


def connect(address: str | None) -> None:
    """Join the cluster at `address` (``auto``: the one this machine belongs to; ``local``
    or None: start one here), unless this process already did."""
    import ray

    if not ray.is_initialized():
        ray.init(address=None if address in (None, LOCAL) else address)


class _Renderer:
    """One Ray Data actor: one synthesizer, one job per batch.

    Jobs and outcomes travel as JSON text: a column of Nones would reach the actor as
    NaNs, and a record's fields must come back exactly."""

    def __init__(self, factory: SynthesizerFactory, threads: int, folder: str) -> None:
        self.synthesizer = factory(threads)
        self.folder = Path(folder)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, list[str]]:
        outcomes = []
        for text in batch["job"]:
            job = Job.from_row(json.loads(str(text)))
            outcome = render_safely(self.synthesizer, job, self.folder)
            kind = "record" if isinstance(outcome, Record) else "failure"
            fields = outcome.to_row() if isinstance(outcome, Record) else _failure_row(outcome)
            outcomes.append(json.dumps({"kind": kind, **fields}))
        return {"outcome": outcomes}


def _failure_row(failure: Failure) -> dict[str, str]:
    return {"id": failure.id, "row": failure.row, "message": failure.message}


def _outcome(text: str) -> Outcome:
    row = json.loads(text)
    if row.pop("kind") == "record":
        return Record.from_row(row)
    return Failure(row["id"], row["row"], row["message"])


def ray_engine(
    factory: SynthesizerFactory,
    *,
    address: str | None = None,
    actors: int | None = None,
    threads: int = 1,
) -> Engine:
    """Render on a pool of `actors` Ray actors (default: as many as the cluster's CPUs
    allow at `threads` CPUs each) through Ray Data."""

    def run(jobs: Sequence[Job], folder: Path) -> Iterator[Outcome]:
        import ray
        from ray.data import ActorPoolStrategy

        connect(address)
        cpus = ray.cluster_resources().get("CPU", 1)  # type: ignore[no-untyped-call]
        size = actors or max(1, int(cpus // threads))
        rendered = ray.data.from_items(
            [{"job": json.dumps(job.to_row())} for job in jobs]
        ).map_batches(
            _Renderer,
            batch_size=1,
            compute=ActorPoolStrategy(size=min(size, len(jobs))),
            fn_constructor_kwargs={"factory": factory, "threads": threads, "folder": str(folder)},
            # Ray Data restarts a killed actor and retries its job by default
            # (max_restarts=-1, max_task_retries=-1); the test kills one to check.
            num_cpus=threads,
        )
        for row in rendered.iter_rows():
            yield _outcome(row["outcome"])

    return run
