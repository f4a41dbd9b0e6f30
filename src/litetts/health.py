"""What this installation can do: optional dependencies and the capabilities they give.

    >>> from litetts.health import DependencyHealth, capabilities
    >>> [(c.name, c.status) for c in capabilities()]  # doctest: +SKIP
    [('phonemizer', 'available'), ('aac', 'available'), ('mp3', 'available'), ...]
    >>> DependencyHealth().validate_and_recover().to_dict()["status"]  # doctest: +SKIP
    'ok'

Each `Capability` says whether it is available, degraded (works, less well) or
missing, and for the last two the command that fixes it. `DependencyHealth` adds
Whisper and CUDA to the encoders and the phonemizer, and tries a failed optional
backend again on each `validate_and_recover()` instead of giving up on it for good.
The core (Kokoro on ONNX Runtime, English through CMUdict) speaks without any of them.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Final, Literal

from attrs import asdict, frozen

from litetts.g2p.auto import ESPEAK_FIX, AutoPhonemizer, default_phonemizer

__all__ = [
    "INFORMATIONAL",
    "Capability",
    "DependencyHealth",
    "HealthReport",
    "OverallStatus",
    "Status",
    "capabilities",
]

logger = logging.getLogger(__name__)

Status = Literal["available", "degraded", "missing"]
OverallStatus = Literal["ok", "degraded"]

INFORMATIONAL: Final = frozenset({"cuda"})
"""Capabilities reported but never counted against health: litetts is CPU-first."""


@frozen
class Capability:
    """One feature and whether this installation has it."""

    name: str
    """Short name: ``phonemizer``, ``aac``, ``mp3``, ``opus``."""
    status: Status
    """``available``; ``degraded``: works, less well; ``missing``: does not work."""
    detail: str
    """What is there, or what is wrong, in one sentence."""
    fix: str | None = None
    """The command or step that makes it available; None when it already is."""


def capabilities(phonemizer: AutoPhonemizer | None = None) -> list[Capability]:
    """The phonemizer and the optional audio encoders, in that order.

    Args:
        phonemizer: the phonemizer to report on; default the process-wide one
            (`litetts.g2p.default_phonemizer`), which this call may load.
    """
    auto = phonemizer if phonemizer is not None else default_phonemizer()
    return [_phonemizer(auto), _aac(), *_libsndfile()]


def _phonemizer(auto: AutoPhonemizer) -> Capability:
    if auto.backend == "espeak":
        return Capability("phonemizer", "available", "espeak-ng phonemizes every Kokoro language")
    return Capability(
        "phonemizer",
        "degraded",
        f"espeak-ng is unavailable ({auto.espeak_error}); English uses CMUdict "
        "and other languages cannot be spoken",
        ESPEAK_FIX,
    )


def _aac() -> Capability:
    fix = "pip install 'litetts[aac]'"
    try:
        import av
    except ImportError:
        return Capability("aac", "missing", "AAC encoding needs PyAV, which is not installed", fix)
    try:
        av.codec.Codec("aac", "w")
    except ValueError:  # av's UnknownCodecError
        return Capability(
            "aac",
            "missing",
            f"PyAV {av.__version__} has no AAC encoder",
            "reinstall PyAV from its wheels, which bundle FFmpeg's aac encoder: "
            "pip install --force-reinstall av",
        )
    return Capability("aac", "available", f"AAC through PyAV {av.__version__}")


def _libsndfile() -> list[Capability]:
    import soundfile as sf

    version = sf.__libsndfile_version__
    fix = "use libsndfile 1.1.0 or later: pip install --upgrade soundfile (its wheels bundle one)"
    formats = {
        "mp3": "MP3" in sf.available_formats() and "MPEG_LAYER_III" in sf.available_subtypes("MP3"),
        "opus": "OPUS" in sf.available_subtypes("OGG"),
    }
    return [
        Capability(name, "available", f"{name} through libsndfile {version}")
        if ok
        else Capability(name, "missing", f"libsndfile {version} cannot write {name}", fix)
        for name, ok in formats.items()
    ]


def _whisper() -> Capability:
    fix = "pip install 'litetts[validation]'"
    try:
        import faster_whisper
    except ImportError as err:
        return Capability(
            "whisper", "missing", f"self-validation needs faster-whisper ({err})", fix
        )
    except OSError as err:  # CTranslate2's native library did not load
        return Capability(
            "whisper",
            "missing",
            f"faster-whisper is installed but its CTranslate2 library did not load: {err}",
            "pip install --force-reinstall ctranslate2",
        )
    version = getattr(faster_whisper, "__version__", "?")
    return Capability("whisper", "available", f"faster-whisper {version} for self-validation")


def _cuda() -> Capability:
    import onnxruntime as ort

    if "CUDAExecutionProvider" in ort.get_available_providers():
        return Capability("cuda", "available", "ONNX Runtime has the CUDA execution provider")
    return Capability(
        "cuda",
        "missing",
        f"no CUDA provider in onnxruntime {ort.__version__}: litetts runs on the CPU, as designed",
        "for a GPU, install onnxruntime-gpu with a CUDA driver; nothing is needed for the CPU",
    )


_LATEST: list[HealthReport] = []
"""The process's latest report from any `DependencyHealth` (one item at most), so that a
new instance still knows what failed before and can say what recovered."""
_LATEST_LOCK = threading.Lock()


def _remember(report: HealthReport) -> None:
    with _LATEST_LOCK:
        _LATEST[:] = [report]


Check = Callable[[], Capability]
"""One capability check; it reports problems in its result and does not raise."""


@frozen
class HealthReport:
    """The capabilities at one moment, and which of them recovered since the last check."""

    capabilities: tuple[Capability, ...]
    recovered: tuple[str, ...] = ()
    """Names that were degraded or missing on the previous check and are available now."""
    checked_at: float = 0.0
    """Unix time of the check."""

    @property
    def status(self) -> OverallStatus:
        """``ok`` when every counted capability is available, else ``degraded``.

        The core keeps speaking either way; CUDA is not counted (see `INFORMATIONAL`).
        """
        counted = [c for c in self.capabilities if c.name not in INFORMATIONAL]
        return "ok" if all(c.status == "available" for c in counted) else "degraded"

    def get(self, name: str) -> Capability | None:
        """The capability called `name`, or None."""
        return next((c for c in self.capabilities if c.name == name), None)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict: ``status``, ``checked_at``, ``recovered``, ``capabilities``."""
        return {
            "status": self.status,
            "checked_at": self.checked_at,
            "recovered": list(self.recovered),
            "capabilities": [asdict(c) for c in self.capabilities],
        }


class DependencyHealth:
    """Checks the optional capabilities and retries failed backends on later calls.

    Checked: the phonemizer (espeak-ng or the CMUdict fallback), Whisper
    (faster-whisper), AAC (PyAV), mp3 and opus (libsndfile) and CUDA. Thread-safe.

    Args:
        phonemizer: the phonemizer to check and retry; default the process-wide one.
        checks: extra or replacement checks by name, run after the phonemizer's
            (tests pass fakes); default the built-in ones.
        clock: Unix time, for `HealthReport.checked_at`.
    """

    def __init__(
        self,
        phonemizer: AutoPhonemizer | None = None,
        *,
        checks: Sequence[Check] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._phonemizer = phonemizer
        self._checks: tuple[Check, ...] = (
            tuple(checks) if checks is not None else (_whisper, _aac, *_encoders(), _cuda)
        )
        self._clock = clock
        self._lock = threading.Lock()
        self._last: HealthReport | None = None

    @property
    def last(self) -> HealthReport | None:
        """The most recent report, or None before the first check."""
        return self._last

    def report(self) -> HealthReport:
        """Check every capability as things stand, retrying nothing."""
        with self._lock:
            return self._check()

    def validate_and_recover(self) -> HealthReport:
        """Retry what failed before (espeak-ng, imports of optional packages), then check.

        Call it at start and again later (the server does on ``/health``): a backend
        installed or repaired in between is picked up without a restart. A new instance
        compares with the latest report of any instance in this process.
        """
        with self._lock:
            previous = self._last
            if previous is None:
                with _LATEST_LOCK:
                    previous = _LATEST[0] if _LATEST else None
            failed = (
                {c.name for c in previous.capabilities if c.status != "available"}
                if previous is not None
                else set()
            )
            if failed:
                importlib.invalidate_caches()  # see packages installed since the last check
            if self._auto().retry():  # only when espeak-ng failed before
                logger.info("retrying espeak-ng, which failed to load before")
            report = self._check()
            if failed:
                recovered = tuple(
                    c.name
                    for c in report.capabilities
                    if c.name in failed and c.status == "available"
                )
                if recovered:
                    logger.info("recovered: %s", ", ".join(recovered))
                    report = HealthReport(report.capabilities, recovered, report.checked_at)
                    self._last = report
            _remember(report)
            return report

    def _auto(self) -> AutoPhonemizer:
        if self._phonemizer is None:
            self._phonemizer = default_phonemizer()
        return self._phonemizer

    def _check(self) -> HealthReport:
        results = [_phonemizer(self._auto())]
        for check in self._checks:
            try:
                results.append(check())
            except Exception as err:  # a broken optional package must not break the report
                name = getattr(check, "__name__", "check").lstrip("_")
                logger.warning("health check %s failed: %s", name, err)
                results.append(Capability(name, "missing", f"the check itself failed: {err}"))
        report = HealthReport(tuple(results), (), self._clock())
        self._last = report
        for c in report.capabilities:
            if c.status != "available" and c.name not in INFORMATIONAL:
                logger.debug("%s is %s: %s", c.name, c.status, c.detail)
        return report


def _encoders() -> list[Check]:
    """One check per libsndfile-backed encoder (mp3, opus)."""

    def pick(name: str) -> Check:
        def check() -> Capability:
            return next(c for c in _libsndfile() if c.name == name)

        check.__name__ = name
        return check

    return [pick("mp3"), pick("opus")]
