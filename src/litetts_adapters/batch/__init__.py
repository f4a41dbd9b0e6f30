"""Rendering many texts to audio files with a resumable manifest: ``litetts batch``.

>>> from litetts_adapters.batch import Defaults, DefaultSynthesizer, local_engine
>>> from litetts_adapters.batch import read_jobs, run_batch
>>> jobs = read_jobs(Path("jobs.csv"), Defaults(voice="af_heart"))  # doctest: +SKIP
>>> run_batch(jobs, Path("out"), local_engine(DefaultSynthesizer(), workers=2))  # doctest: +SKIP

The same jobs, records and manifest serve the Ray Data engine
(`litetts_adapters.ray.ray_engine`).
"""

from litetts_adapters.batch.jobs import COLUMNS, ID_PATTERN, Defaults, Job, check_voices, read_jobs
from litetts_adapters.batch.manifest import MANIFEST_NAME, Manifest, Record, file_sha256
from litetts_adapters.batch.render import (
    DefaultSynthesizer,
    Engine,
    Failure,
    Outcome,
    Summary,
    SynthesizerFactory,
    default_workers,
    local_engine,
    render,
    render_safely,
    run_batch,
)

__all__ = [
    "COLUMNS",
    "ID_PATTERN",
    "MANIFEST_NAME",
    "DefaultSynthesizer",
    "Defaults",
    "Engine",
    "Failure",
    "Job",
    "Manifest",
    "Outcome",
    "Record",
    "Summary",
    "SynthesizerFactory",
    "check_voices",
    "default_workers",
    "file_sha256",
    "local_engine",
    "read_jobs",
    "render",
    "render_safely",
    "run_batch",
]
