"""Prepared model variants: made once, cached, verified, reused.

A variant is written next to the provisioned model, in ``variants/``, under a name
that holds everything its content depends on::

    kokoro-float-3f2a9c1e0b7d4a55-ort1.32.0-r1.onnx
    kokoro-float-3f2a9c1e0b7d4a55-ort1.32.0-r1.onnx.json   stamp: size, mtime, SHA-256

(variant, the source model's SHA-256, the onnxruntime version, the recipe number).
Preparing a file removes the one it supersedes: the same variant of the same source
under another onnxruntime version or recipe. A later load reuses the file when its
SHA-256, hashed on every load, is the one its stamp recorded (a flipped byte is
caught even with the size and modification time put back); otherwise the variant is
prepared afresh. Anything that goes wrong (``onnx`` not installed, an unexpected
graph, a failed check) leaves the original model in use, with the reason logged as a
warning.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Final

import numpy as np
from attrs import frozen

from litetts.assets.packages import sha256_file
from litetts.audio import trim_silence
from litetts.errors import InvalidInputError, LiteTTSError, MissingDependencyError, ModelError
from litetts.files import atomic_path, atomic_write
from litetts.kokoro.model import Feed
from litetts.kokoro.variants.durations import with_durations_if_found, write_with_durations
from litetts.kokoro.variants.similarity import SpectralDistance, spectral_distance
from litetts.model_options import DEFAULT_VARIANT, VARIANTS, Variant

if TYPE_CHECKING:
    import onnx

__all__ = [
    "DEFAULT_VARIANT",
    "MIN_CORRELATION",
    "RECIPE",
    "VARIANTS",
    "FeedSource",
    "PreparedModel",
    "Variant",
    "VariantCache",
    "check_variant",
]

logger = logging.getLogger(__name__)


RECIPE: Final = 4
"""2: the decoder's norms and Snakes fused (`vocoder`), the pads' durations capped
(`edges`); 3: every variant also outputs its per-token durations (`durations`);
4: ``int8-static`` calibrates to percentiles and quantizes vocoder block 5 (`quantize`).
Bumped whenever a rewrite changes its output, so that old cached files are not reused."""

MIN_CORRELATION: Final = 0.9
"""Lowest log-spectrogram correlation with the original model's output on the check
feed for a prepared variant to be used. A sanity check that catches a broken
rewrite; the quality gate proper (Whisper WER) is ``benchmarks/model_variants.py``."""

_FILE_MODE: Final = 0o644  # like the provisioned model, not mkstemp's private 0o600

FeedSource = Callable[[], Iterable[Feed]]
"""Makes model inputs: the first checks a prepared variant, all calibrate static int8."""


def check_variant(name: str) -> str:
    """`name` if it is a known variant.

    Raises:
        InvalidInputError: unknown variant; the message lists the known ones.
    """
    if name not in VARIANTS:
        known = ", ".join(VARIANTS)
        raise InvalidInputError(
            f"unknown model variant {name!r}; use one of {known}", field="variant"
        )
    return name


@frozen
class PreparedModel:
    """The model file to load and what it is.

    Attributes:
        path: the ``.onnx`` file.
        variant: the variant `path` holds (``original`` after a fallback).
        requested: the variant asked for.
        reason: why `variant` differs from `requested`, empty otherwise.
        check: the prepared file's output against the original's, when it was checked now.
    """

    path: Path
    variant: str
    requested: str
    reason: str = ""
    check: SpectralDistance | None = None

    @property
    def fell_back(self) -> bool:
        """True when the requested variant could not be prepared."""
        return self.variant != self.requested


def _onnxruntime_version() -> str:
    import onnxruntime

    return str(onnxruntime.__version__)


class VariantCache:
    """Prepares variants of one source model into a cache folder.

    Args:
        source: the original (int8) Kokoro model.
        folder: where prepared files and their stamps live.
        source_sha256: the source's digest when already known (the asset store
            verified it); hashed here otherwise.
    """

    def __init__(self, source: Path, folder: Path, *, source_sha256: str | None = None) -> None:
        self.source = Path(source)
        self.folder = Path(folder)
        self._source_sha256 = source_sha256

    @property
    def source_sha256(self) -> str:
        """The source model's SHA-256 (hashed once per cache object)."""
        if self._source_sha256 is None:
            self._source_sha256 = sha256_file(self.source)
        return self._source_sha256

    def path(self, variant: str) -> Path:
        """Where `variant` of the source is (or would be) cached."""
        check_variant(variant)
        key = f"{variant}-{self.source_sha256[:16]}-ort{_onnxruntime_version()}-r{RECIPE}"
        return self.folder / f"kokoro-{key}.onnx"

    def cached(self, variant: str) -> bool:
        """True when `variant` is on disk and its stamp vouches for it."""
        return self._stamp_matches(self.path(variant))

    def prepare(self, variant: str, feeds: FeedSource) -> PreparedModel:
        """The model file for `variant`, made now if not cached; the original on failure.

        Never raises for a variant that cannot be prepared: the result says why it fell
        back to the original model, and the reason is logged as a warning.

        Raises:
            InvalidInputError: `variant` is not one of `VARIANTS`.
        """
        check_variant(variant)
        try:
            return self._prepare(variant, feeds)
        except (LiteTTSError, OSError, ImportError) as err:
            if variant == "original":  # the shipped file itself, without durations
                logger.info("using the original model without a durations output: %s", err)
                return PreparedModel(self.source, "original", variant)
            logger.warning(
                "model variant %r unavailable, using the original model: %s", variant, err
            )
            fallback = self.prepare("original", feeds).path
            return PreparedModel(fallback, "original", variant, reason=str(err))

    def _prepare(self, variant: str, feeds: FeedSource) -> PreparedModel:
        target = self.path(variant)
        if self._stamp_matches(target):
            logger.debug("reusing prepared %s model %s", variant, target)
            return PreparedModel(target, variant, variant)
        started = time.perf_counter()
        self.folder.mkdir(parents=True, exist_ok=True)
        _remove_stale(self.folder, target)
        with atomic_path(target, mode=_FILE_MODE) as temporary:
            if variant == "original":
                write_with_durations(self.source, temporary)
            elif variant == "float":
                self._write_float(temporary)
            else:
                from litetts.kokoro.variants.quantize import quantize_convolutions

                prefix = f".{target.name}."
                with tempfile.TemporaryDirectory(dir=self.folder, prefix=prefix) as work:
                    floating = Path(work) / "float.onnx"
                    self._write_float(floating, finish=False)
                    quantize_convolutions(floating, temporary, feeds())
                _finish(temporary)
            check = self._check(temporary, feeds)
        self._write_stamp(target, variant)
        _remove_superseded(self.folder, target, f"kokoro-{variant}-{self.source_sha256[:16]}-")
        logger.info(
            "prepared %s model %s in %.1f s (spectral correlation %.3f with the original)",
            variant,
            target,
            time.perf_counter() - started,
            check.correlation,
        )
        return PreparedModel(target, variant, variant, check=check)

    def _write_float(self, output: Path, *, finish: bool = True) -> None:
        try:
            import onnx
        except ImportError as err:
            raise MissingDependencyError("preparing model variants", "optimize", "onnx") from err
        from litetts.kokoro.variants.rewrite import dequantize_convolutions

        try:
            model = onnx.load(str(self.source))
        except Exception as err:  # onnx raises DecodeError and friends
            raise ModelError(f"could not read {self.source} as ONNX: {err}") from err
        floating = dequantize_convolutions(model)
        onnx.save(_finished(floating) if finish else floating, str(output))

    def _check(self, candidate: Path, feeds: FeedSource) -> SpectralDistance:
        """Run the first feed through the original and `candidate`; compare the audio."""
        import onnxruntime as ort

        probe = next(iter(feeds()), None)
        if probe is None:
            raise ModelError("no input to check the prepared model with")
        outputs = []
        for path in (self.source, candidate):
            options = ort.SessionOptions()
            options.log_severity_level = 3
            try:
                session = ort.InferenceSession(
                    str(path), options, providers=["CPUExecutionProvider"]
                )
                audio = session.run(None, dict(probe))[0]
            except Exception as err:  # onnxruntime's own error types
                raise ModelError(f"prepared model {candidate.name} does not run: {err}") from err
            outputs.append(np.asarray(audio, dtype=np.float32).reshape(-1))
            del session
        reference, result = outputs
        if not np.all(np.isfinite(result)):
            raise ModelError(f"prepared model {candidate.name} produced non-finite samples")
        # The variant renders less edge silence (`edges`): compare what synthesis keeps.
        distance = spectral_distance(trim_silence(result, 24_000), trim_silence(reference, 24_000))
        if distance.correlation < MIN_CORRELATION or abs(distance.length_ratio - 1) > 0.02:
            raise ModelError(
                f"prepared model {candidate.name} strays from the original "
                f"(spectral correlation {distance.correlation:.3f}, "
                f"length ratio {distance.length_ratio:.3f})"
            )
        return distance

    # -- stamps -------------------------------------------------------------------------

    def _stamp(self, path: Path) -> Path:
        return path.with_name(path.name + ".json")

    def _stamp_matches(self, path: Path) -> bool:
        """True when `path` holds what its stamp recorded, by SHA-256 (0.3 s for the
        94 MiB ``int8-static`` file on a quiet 2-core machine)."""
        try:
            recorded = json.loads(self._stamp(path).read_text(encoding="utf-8"))
            info = path.stat()
        except (OSError, ValueError):
            return False
        if not isinstance(recorded, dict) or recorded.get("size") != info.st_size:
            return False
        if sha256_file(path) != recorded.get("sha256"):
            logger.warning("prepared model %s does not match its recorded SHA-256", path.name)
            return False
        if recorded.get("mtime_ns") != info.st_mtime_ns:  # touched since, same content
            self._write_stamp(path, str(recorded.get("variant", "")))
        return True

    def _write_stamp(self, path: Path, variant: str) -> None:
        info = path.stat()
        stamp = {
            "variant": variant,
            "size": info.st_size,
            "mtime_ns": info.st_mtime_ns,
            "sha256": sha256_file(path),
            "source_sha256": self.source_sha256,
            "onnxruntime": _onnxruntime_version(),
            "recipe": RECIPE,
        }
        atomic_write(self._stamp(path), json.dumps(stamp, indent=1), mode=_FILE_MODE)


def _finished(model: onnx.ModelProto) -> onnx.ModelProto:
    """The rewrites that follow the float (or quantized) convolutions: the durations
    output (first, so that it reads the capped durations the decoder renders), fewer
    passes in the decoder's norms and Snakes, less edge silence rendered."""
    from litetts.kokoro.variants.edges import cap_edge_durations
    from litetts.kokoro.variants.vocoder import fuse_norms_and_snakes

    for rewrite in (with_durations_if_found, fuse_norms_and_snakes, cap_edge_durations):
        try:
            model = rewrite(model)
        except ModelError as err:  # a graph without that part: the rewrite is optional
            logger.warning("%s skipped: %s", rewrite.__name__, err)
    return model


def _finish(path: Path) -> None:
    """Apply `_finished` to the model file at `path`, in place."""
    import onnx

    onnx.save(_finished(onnx.load(str(path))), str(path))


_STALE_S: Final = 3600.0


def _remove_stale(folder: Path, target: Path) -> None:
    """Delete temporary files an interrupted preparation of `target` left behind."""
    now = time.time()
    for leftover in folder.glob(f".{target.name}.*"):
        try:
            if now - leftover.stat().st_mtime > _STALE_S:
                leftover.unlink()
        except OSError as err:  # another process may be cleaning up as well
            logger.debug("could not remove %s: %s", leftover, err)


def _remove_superseded(folder: Path, target: Path, prefix: str) -> None:
    """Delete the files (and stamps) that `target` replaces: those named `prefix`
    (one variant of one source) under another onnxruntime version or recipe. Each is
    as large as the model; an upgrade would otherwise leave them behind for good."""
    for old in folder.glob(f"{prefix}ort*-r*.onnx"):
        if old == target:
            continue
        try:
            old.unlink(missing_ok=True)
            old.with_name(old.name + ".json").unlink(missing_ok=True)
        except OSError as err:  # a read-only cache: harmless, the file is just kept
            logger.debug("could not remove %s: %s", old.name, err)
        else:
            logger.info("removed %s, superseded by %s", old.name, target.name)
