"""The settings schema: attrs classes, one per section, each field documented.

Every field has a default, so ``Settings()`` is a complete, working configuration.
Values are checked once, here, when a settings object is built.

Conventions that the rest of `litetts.config` reads (keep them when adding a field):

- the docstring under a field is its description (docs/configuration.md and
  ``litetts config schema`` are generated from it);
- constraints are attrs validators (``ge``, ``le``, ``gt``, ``in_``, ``min_len``);
- ``metadata=RESTART`` marks a key that takes effect only when the process restarts;
- ``metadata=SECRET`` marks a key whose value is never shown (``config show``, logs,
  backups listings print ``***``);
- a renamed key keeps its old name in `LEGACY_KEYS`, so older files still load.
"""

from __future__ import annotations

from pathlib import Path

from attrs import field, frozen, validators

from litetts.model_options import DEFAULT_VARIANT, MAX_SPEED, MAX_TOKENS, MIN_SPEED, VARIANTS

__all__ = [
    "LEGACY_KEYS",
    "RESTART",
    "SECRET",
    "CacheSettings",
    "DashboardSettings",
    "LoggingSettings",
    "ModelSettings",
    "PerformanceSettings",
    "ServerSettings",
    "Settings",
    "SynthesisSettings",
    "ValidationSettings",
]

RESTART = {"restart": True}
"""Field metadata for a key that takes effect only when the process restarts."""

SECRET = {"secret": True}
"""Field metadata for a key whose value is masked wherever settings are shown."""

LEGACY_KEYS: dict[str, str] = {
    "model.onnx_path": "model.model_path",
    "model.voices_file": "model.voices_path",
    "model.intra_op_threads": "model.threads",
    "synthesis.default_voice": "synthesis.voice",
    "synthesis.default_speed": "synthesis.speed",
    "synthesis.max_text_length": "synthesis.max_chars",
    "synthesis.lexicon_path": "synthesis.dictionary_path",
    "cache.max_size_bytes": "cache.max_bytes",
    "cache.disk_dir": "cache.directory",
    "server.workers": "server.worker_threads",
    "server.max_text_length": "server.max_input_chars",
    "server.api_key": "server.api_keys",
    "validation.model": "validation.whisper_model",
    "logging.log_level": "logging.level",
}
"""Dotted keys that older settings files used, mapped to their current names.

A file that still uses one loads with a logged notice naming the new key.
"""


def _optional_path(value: str | Path | None) -> Path | None:
    return None if value is None or value == "" else Path(value).expanduser()


@frozen
class ModelSettings:
    """Where the model and voices come from and how the model runs."""

    model_path: Path | None = field(default=None, converter=_optional_path, metadata=RESTART)
    """A Kokoro ``.onnx`` file to use instead of the provisioned one."""

    voices_path: Path | None = field(default=None, converter=_optional_path, metadata=RESTART)
    """A folder of ``NAME.bin`` voices or a kokoro-onnx ``voices-v1.0.bin`` npz."""

    home: Path | None = field(default=None, converter=_optional_path, metadata=RESTART)
    """Asset folder; default ``$LITETTS_HOME`` or the platform cache folder."""

    threads: int | None = field(
        default=None,
        metadata=RESTART,
        validator=validators.optional([validators.instance_of(int), validators.ge(1)]),
    )
    """ONNX Runtime intra-op threads; default: the physical cores available."""

    offline: bool = field(default=False, metadata=RESTART)
    """Never fetch a missing model, voice set or Whisper model on first use: fail with
    the `AssetError` that names ``litetts assets fetch`` instead (``LITETTS_OFFLINE=1``
    does the same)."""

    variant: str = field(
        default=DEFAULT_VARIANT, metadata=RESTART, validator=validators.in_(VARIANTS)
    )
    """Prepared form of the model to run: ``int8-static`` (static int8 convolutions,
    the fastest; default), ``float`` (integer convolutions back in float) or
    ``original`` (int8 as shipped). Made once and cached beside the model (minutes for
    ``int8-static``: run ``litetts assets prepare`` ahead); falls back to ``original``
    with a logged warning when it cannot be prepared. See docs/performance.md."""


@frozen
class SynthesisSettings:
    """Defaults for each request and the limits that protect the process."""

    voice: str = field(default="af_heart", validator=validators.min_len(1))
    """Voice id, OpenAI name or blend used when a request names none."""

    speed: float = field(
        default=1.0, converter=float, validator=[validators.ge(MIN_SPEED), validators.le(MAX_SPEED)]
    )
    """Speaking rate, 0.25 to 4.0."""

    max_chars: int = field(
        default=100_000, validator=[validators.instance_of(int), validators.ge(1)]
    )
    """Longest input accepted, in characters; longer text is an `InvalidInputError`."""

    first_chunk_tokens: int = field(
        default=20,
        validator=[validators.instance_of(int), validators.ge(1), validators.le(MAX_TOKENS)],
    )
    """Soft size of the first chunk in phoneme tokens (about four words): smaller gives
    faster first audio at the cost of a short pause after the first few words."""

    chunk_tokens: int = field(
        default=150,
        validator=[validators.instance_of(int), validators.ge(1), validators.le(MAX_TOKENS)],
    )
    """Size later chunks grow to by packing sentences, in phoneme tokens. A longer
    sentence stays whole up to 30 s of estimated audio (300 tokens at speed 1, never
    over the model's 510; see `litetts.cost`). Measured on a 400-word text: 150 peaks
    at 473 MB RSS against 627 MB at 250, at the same speed."""

    normalize: bool = True
    """Clean up text (Unicode, whitespace) before phonemization."""

    markup: bool = True
    """Read inline control in the text: ``[pause:0.5s]`` pauses and ``[word](/IPA/)``
    pronunciation overrides. Off, brackets are spoken as written."""

    dictionary_path: Path | None = field(default=None, converter=_optional_path)
    """A pronunciation dictionary (JSON ``{"word": "IPA"}`` or TSV ``word<TAB>IPA``)
    for English, applied on top of the built-in one; see docs/text.md."""

    builtin_dictionary: bool = True
    """Apply litetts' built-in corrections for words espeak-ng says wrong ("Kokoro")."""

    llm_cleanup: str = field(default="live", validator=validators.in_(("off", "live", "always")))
    """Read a language model's Markdown, emoji and web addresses the way a person would
    (docs/streaming.md): ``live`` for `Synthesizer.stream_text` only, ``always`` for
    every request, ``off`` never."""

    max_audio_seconds: float = field(default=1800.0, converter=float, validator=validators.gt(0))
    """Most audio one request may make, in seconds, estimated from its phoneme tokens
    and speed before any model work (an upper estimate: normal English comes out at
    0.55 to 0.8 of it); above it the request is an `AudioTooLongError`. 30 minutes
    of float32 audio is 165 MiB, well inside ``performance.memory_budget_mb``."""


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,) if value else ()
    return tuple(str(item) for item in value)  # type: ignore[attr-defined]


_positive_int = [validators.instance_of(int), validators.ge(1)]


@frozen
class CacheSettings:
    """The audio cache: repeated requests are served without synthesis."""

    enabled: bool = field(default=True, metadata=RESTART)
    """Keep synthesized audio and serve an identical request from memory."""

    max_bytes: int = field(default=256 * 1024 * 1024, validator=_positive_int)
    """Memory budget of the in-memory tier, in bytes of audio."""

    disk: bool = field(default=False, metadata=RESTART)
    """Also keep every entry on disk under `directory`, so it survives eviction from
    memory and restarts."""

    disk_max_bytes: int = field(
        default=1024 * 1024 * 1024, metadata=RESTART, validator=_positive_int
    )
    """Budget of the disk tier, in bytes."""

    directory: Path | None = field(default=None, metadata=RESTART, converter=_optional_path)
    """Disk tier folder; default the platform cache folder's ``audio/``."""

    warm_phrases: tuple[str, ...] = field(default=(), metadata=RESTART, converter=_strings)
    """Phrases synthesized into the cache at start (with each of `warm_voices`)."""

    warm_voices: tuple[str, ...] = field(default=(), metadata=RESTART, converter=_strings)
    """Voices used for `warm_phrases`; empty means the default voice."""


@frozen
class PerformanceSettings:
    """The optimizer and the memory monitor."""

    optimizer: str = field(
        default="conservative",
        metadata=RESTART,
        validator=validators.in_(("off", "conservative", "aggressive")),
    )
    """``off``, ``conservative`` (safe, reversible steps) or ``aggressive`` (opt-in)."""

    memory_budget_mb: int = field(default=1024, metadata=RESTART, validator=_positive_int)
    """Resident memory above which caches are trimmed and gc runs, in MiB."""

    monitor_interval_s: float = field(
        default=5.0, metadata=RESTART, converter=float, validator=validators.gt(0)
    )
    """Seconds between memory samples."""

    leak_threshold_mb_per_hour: float = field(
        default=50.0, metadata=RESTART, converter=float, validator=validators.gt(0)
    )
    """RSS growth trend above which a leak is reported, in MiB per hour."""


@frozen
class ValidationSettings:
    """Whisper round-trip checks."""

    whisper_model: str = field(default="base", validator=validators.min_len(1))
    """Whisper size (tiny.en, base, ...) or a folder holding a CTranslate2 model."""

    device: str = field(default="auto", validator=validators.in_(("auto", "cpu", "cuda")))
    """Where Whisper runs; ``auto`` uses CUDA when CTranslate2 sees a GPU."""

    compute_type: str = field(default="auto", validator=validators.min_len(1))
    """CTranslate2 compute type (``auto``, ``int8``, ``float16``, ...)."""

    min_accuracy: float = field(
        default=0.8, converter=float, validator=[validators.ge(0), validators.le(1)]
    )
    """Lowest accuracy (1 - WER) a report passes with."""


@frozen
class ServerSettings:
    """The OpenAI-compatible HTTP server."""

    host: str = field(default="127.0.0.1", metadata=RESTART)
    """Interface to listen on."""

    port: int = field(
        default=8354,
        metadata=RESTART,
        validator=[validators.instance_of(int), validators.ge(1), validators.le(65535)],
    )
    """TCP port to listen on."""

    worker_threads: int = field(default=2, metadata=RESTART, validator=_positive_int)
    """Synthesis worker threads (requests synthesized at once)."""

    queue_size: int = field(default=16, validator=[validators.instance_of(int), validators.ge(0)])
    """Requests allowed to wait for a worker; beyond it the server answers 503."""

    max_input_chars: int = field(default=4096, validator=_positive_int)
    """Longest ``input`` accepted, in characters (OpenAI's limit is 4096)."""

    max_body_bytes: int = field(default=1024 * 1024, validator=_positive_int)
    """Largest request body accepted, in bytes."""

    max_audio_seconds: float = field(default=600.0, converter=float, validator=validators.gt(0))
    """Most audio one speech request may make, in seconds (estimated before synthesis,
    as ``synthesis.max_audio_seconds``, which also applies); above it the answer is a
    400 naming ``input``. 600 lets every ``max_input_chars`` text of plain prose
    through at speed 1 and refuses 300 digits at speed 0.25."""

    api_keys: tuple[str, ...] = field(default=(), converter=_strings, metadata=SECRET)
    """Bearer tokens accepted; empty means no authentication."""

    protect_metrics: bool = True
    """With ``api_keys`` set, ``/metrics``, the dashboard's data (``/dashboard/metrics``,
    ``/dashboard/ws``), ``/openapi.json`` and ``/docs`` need a key too; false leaves them
    open (``/health`` and the dashboard page itself are always open)."""

    cors_origins: tuple[str, ...] = field(default=(), converter=_strings)
    """Origins allowed by CORS; empty means none."""


@frozen
class DashboardSettings:
    """The live dashboard at ``/dashboard``."""

    enabled: bool = True
    """Serve the dashboard page and its WebSocket."""

    snapshot_interval_s: float = field(
        default=0.5, converter=float, validator=[validators.gt(0), validators.le(10)]
    )
    """Seconds between metrics snapshots pushed to each client."""

    history_seconds: int = field(default=300, validator=_positive_int)
    """How far back the RTF and latency plot reaches."""

    heartbeat_s: float = field(default=15.0, converter=float, validator=validators.gt(0))
    """Seconds between heartbeats to an idle client."""

    client_queue: int = field(default=32, validator=_positive_int)
    """Messages queued per client before a slow client is dropped."""


@frozen
class LoggingSettings:
    """Log output."""

    level: str = field(
        default="INFO", validator=validators.in_(("DEBUG", "INFO", "WARNING", "ERROR"))
    )
    """Lowest level logged."""

    json: bool = False
    """One JSON object per line instead of plain text."""


@frozen
class Settings:
    """All of litetts' settings."""

    model: ModelSettings = field(factory=ModelSettings)
    synthesis: SynthesisSettings = field(factory=SynthesisSettings)
    cache: CacheSettings = field(factory=CacheSettings)
    performance: PerformanceSettings = field(factory=PerformanceSettings)
    validation: ValidationSettings = field(factory=ValidationSettings)
    server: ServerSettings = field(factory=ServerSettings)
    dashboard: DashboardSettings = field(factory=DashboardSettings)
    logging: LoggingSettings = field(factory=LoggingSettings)
