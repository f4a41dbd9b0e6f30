"""Rendering jobs: one job into one file, and a whole batch on a local process pool.

Each worker process builds its synthesizer once, on its first job, through a picklable
`SynthesizerFactory` (the real one is `DefaultSynthesizer`); `run_batch` skips what the
manifest says is done and records each finished item as it arrives.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from attrs import field, frozen

from litetts import ConfigStore, Synthesizer
from litetts.captions import captions_to_string
from litetts.errors import LiteTTSError
from litetts.files import atomic_write
from litetts_adapters.batch.jobs import Job
from litetts_adapters.batch.manifest import Manifest, Record

__all__ = [
    "DefaultSynthesizer",
    "Engine",
    "Failure",
    "Outcome",
    "Summary",
    "SynthesizerFactory",
    "default_workers",
    "local_engine",
    "render",
    "render_safely",
    "run_batch",
]

SynthesizerFactory = Callable[[int], Synthesizer]
"""Builds a synthesizer with this many ONNX Runtime threads; picklable, so that each
worker process (or Ray actor) builds its own."""


@frozen
class DefaultSynthesizer:
    """The real synthesizer from the layered settings, with `overrides` on top."""

    overrides: Mapping[str, object] = field(factory=dict)

    def __call__(self, threads: int) -> Synthesizer:
        store = ConfigStore.load(overrides={**self.overrides, "model.threads": threads})
        return Synthesizer.default(store=store)


@frozen
class Failure:
    """A job that could not be rendered (its text or voice was refused)."""

    id: str
    row: str
    message: str


Outcome = Record | Failure
Engine = Callable[[Sequence[Job], Path], Iterator[Outcome]]
"""Renders jobs into a folder, yielding each outcome as it is ready (any order)."""


def render(synthesizer: Synthesizer, job: Job, folder: Path) -> Record:
    """Speak `job` and write its file (and caption file) atomically; returns its
    manifest record.

    Raises:
        LiteTTSError: the synthesizer refused the text, voice or speed.
    """
    audio = synthesizer.synthesize(job.text, voice=job.voice, speed=job.speed, lang=job.lang)
    data = audio.to_bytes(job.format)
    captions = job.captions_name
    captions_sha256 = None
    if job.captions and captions:
        text = captions_to_string(audio.words, job.captions, job.text).encode("utf-8")
        atomic_write(folder / captions, text)
        captions_sha256 = hashlib.sha256(text).hexdigest()
    atomic_write(folder / job.file_name, data)
    return Record(
        id=job.id,
        file=job.file_name,
        format=job.format,
        voice=job.voice,
        speed=job.speed,
        duration=round(audio.duration, 4),
        sample_rate=audio.sample_rate,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        request=job.request_key,
        captions=captions,
        captions_sha256=captions_sha256,
    )


def render_safely(synthesizer: Synthesizer, job: Job, folder: Path) -> Outcome:
    """`render`, with a refused job as a `Failure` instead of an exception."""
    try:
        return render(synthesizer, job, folder)
    except LiteTTSError as err:
        return Failure(job.id, job.row, str(err))


_worker_synthesizer: Synthesizer | None = None


def _work(factory: SynthesizerFactory, threads: int, row: dict[str, Any], folder: str) -> Outcome:
    """One job in a pool process, which builds its synthesizer on its first job."""
    global _worker_synthesizer  # noqa: PLW0603 - one synthesizer per worker process
    if _worker_synthesizer is None:
        _worker_synthesizer = factory(threads)
    return render_safely(_worker_synthesizer, Job.from_row(row), Path(folder))


def local_engine(factory: SynthesizerFactory, workers: int, threads: int = 1) -> Engine:
    """Render on `workers` processes (1: in this process), each with `threads` threads.

    Processes are spawned, not forked: a fork of a process running ONNX Runtime's
    threads can deadlock.
    """

    def in_process(jobs: Sequence[Job], folder: Path) -> Iterator[Outcome]:
        synthesizer = factory(threads)
        for job in jobs:
            yield render_safely(synthesizer, job, folder)

    def pooled(jobs: Sequence[Job], folder: Path) -> Iterator[Outcome]:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            pending: set[Future[Outcome]] = {
                pool.submit(_work, factory, threads, job.to_row(), str(folder)) for job in jobs
            }
            try:
                while pending:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        yield future.result()
            finally:
                for future in pending:
                    future.cancel()

    return in_process if workers <= 1 else pooled


@frozen
class Summary:
    """What one `run_batch` did."""

    total: int
    skipped: int
    rendered: int
    failures: tuple[Failure, ...]
    audio_seconds: float
    elapsed_s: float


def default_workers() -> int:
    """One worker per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_batch(
    jobs: Sequence[Job],
    folder: Path,
    engine: Engine,
    *,
    on_outcome: Callable[[Outcome], None] = lambda _: None,
    on_start: Callable[[int, int], None] = lambda _total, _skipped: None,
) -> Summary:
    """Render the jobs of `jobs` that ``folder/manifest.jsonl`` does not list as done.

    Each record is appended to the manifest as soon as its file is in place, so an
    interrupted run (even kill -9) resumes where it stopped, without duplicates.

    Args:
        on_start: called with the number of jobs and of those already done.
        on_outcome: called after each rendered (or refused) job.
    """
    started = time.perf_counter()
    with Manifest.open(folder, jobs) as manifest:
        todo = [job for job in jobs if not manifest.done(job)]
        on_start(len(jobs), len(jobs) - len(todo))
        failures: list[Failure] = []
        seconds = 0.0
        for outcome in engine(todo, folder) if todo else iter(()):
            if isinstance(outcome, Record):
                manifest.add(outcome)
                seconds += outcome.duration
            else:
                failures.append(outcome)
            on_outcome(outcome)
    return Summary(
        total=len(jobs),
        skipped=len(jobs) - len(todo),
        rendered=len(todo) - len(failures),
        failures=tuple(failures),
        audio_seconds=seconds,
        elapsed_s=time.perf_counter() - started,
    )
