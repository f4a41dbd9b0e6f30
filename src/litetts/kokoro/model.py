"""The Kokoro acoustic model on ONNX Runtime.

Inputs: ``tokens`` int64 [1, N+2] (pads at both ends), ``style`` float32 [1, 256],
``speed`` float32 [1]. Output: float32 audio at 24 kHz. One `InferenceSession`
is shared by every thread; ONNX Runtime's ``run`` is thread-safe.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt
import psutil

from litetts.audio import Samples
from litetts.errors import InvalidInputError, ModelError
from litetts.heap import release_free_heap
from litetts.model_options import MAX_SPEED, MAX_TOKENS, MIN_SPEED

if TYPE_CHECKING:
    import onnxruntime as ort

__all__ = [
    "DURATIONS_OUTPUT",
    "HOP_SAMPLES",
    "MAX_SPEED",
    "MIN_SPEED",
    "AcousticModel",
    "KokoroModel",
    "Style",
    "TimedAcousticModel",
    "TimedSamples",
    "check_speed",
    "default_threads",
    "make_feed",
]

logger = logging.getLogger(__name__)

SHRINK_ABOVE_TOKENS = 200
"""A call on more tokens than this, divided by the speed, gives its share of ONNX
Runtime's memory arena back when it ends. The arena keeps its peak otherwise: 75
tokens at speed 0.25 left 601 MiB resident, 242 MiB with the shrink. Calls the size of
``synthesis.chunk_tokens`` (150) at speed 1 keep theirs, to be reused."""

Style = npt.NDArray[np.float32]
"""One voice style vector, float32 of shape (256,)."""

Feed = dict[str, npt.NDArray[np.generic]]
"""One session input: ``tokens``, ``style`` and ``speed`` arrays by name."""


HOP_SAMPLES: Final = 600
"""Audio samples per duration frame: the decoder's fixed hop at 24 kHz (40 frames a
second); Kokoro's audio is exactly ``HOP_SAMPLES * durations.sum()`` samples long."""

DURATIONS_OUTPUT: Final = "durations"
"""The graph output prepared models add: frames per token, pads included (see
`litetts.kokoro.variants.durations`)."""

Durations = npt.NDArray[np.int64]
"""Frames each token lasts, the two pads included (N + 2 values for N tokens)."""


class TimedSamples(NamedTuple):
    """Audio and how long each token of it lasts."""

    samples: Samples
    """Float32 mono samples at 24 kHz."""
    durations: Durations | None
    """Frames of `HOP_SAMPLES` samples per token, the leading and trailing pad
    included (N + 2 values); None when the model does not report them."""


def check_speed(speed: float) -> float:
    """`speed` as a float within [0.25, 4.0].

    Raises:
        InvalidInputError: speed is not a finite number in range.
    """
    try:
        value = float(speed)
    except (TypeError, ValueError) as err:
        raise InvalidInputError(f"speed must be a number, got {speed!r}", field="speed") from err
    if not (MIN_SPEED <= value <= MAX_SPEED):  # also rejects NaN
        raise InvalidInputError(
            f"speed {speed!r} is out of range; use {MIN_SPEED} to {MAX_SPEED}", field="speed"
        )
    return value


@runtime_checkable
class AcousticModel(Protocol):
    """Token ids plus a style vector in, float32 samples at 24 kHz out."""

    def infer(self, tokens: Sequence[int], style: Style, speed: float) -> Samples:
        """Audio for `tokens` (phoneme ids without pads), at most 510 of them."""
        ...


@runtime_checkable
class TimedAcousticModel(AcousticModel, Protocol):
    """An acoustic model that also says how long each token is spoken."""

    def infer_timed(self, tokens: Sequence[int], style: Style, speed: float) -> TimedSamples:
        """As `infer`, with the per-token durations (None if this model has none)."""
        ...


def make_feed(
    tokens: Sequence[int],
    style: Style,
    speed: float,
    *,
    tokens_name: str = "tokens",
    speed_dtype: type[np.generic] = np.float32,
) -> Feed:
    """The session input for `tokens` (without pads): pads added, arrays shaped."""
    return {
        tokens_name: np.array([[0, *tokens, 0]], dtype=np.int64),
        "style": np.asarray(style, dtype=np.float32).reshape(1, -1),
        "speed": np.array([speed], dtype=speed_dtype),
    }


def default_threads() -> int:
    """Intra-op threads by default: the physical cores this process may use."""
    physical = psutil.cpu_count(logical=False) or os.cpu_count() or 1
    try:
        allowed = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        allowed = physical
    return max(1, min(physical, allowed))


class KokoroModel:
    """Kokoro-82M on an ONNX Runtime session.

    Args:
        session: a ready session (see `from_path`), shared by all threads.
        variant: which prepared form of the model the session runs (see
            `litetts.kokoro.variants`), for reports.
    """

    def __init__(self, session: ort.InferenceSession, *, variant: str = "original") -> None:
        self.session = session
        self.variant = variant
        self._shrink: ort.RunOptions | None = None
        names = {i.name for i in session.get_inputs()}
        self._tokens_name = "tokens" if "tokens" in names else "input_ids"
        if self._tokens_name not in names or not {"style", "speed"} <= names:
            raise ModelError(f"not a Kokoro model: inputs are {sorted(names)}")
        speed_type = next(i.type for i in session.get_inputs() if i.name == "speed")
        self._speed_dtype = np.int32 if "int" in speed_type else np.float32
        outputs = [o.name for o in session.get_outputs()]
        self._audio_name = outputs[0]
        self.has_durations = DURATIONS_OUTPUT in outputs
        """True when the session outputs per-token durations (a prepared model)."""

    @classmethod
    def from_path(
        cls,
        path: Path | str,
        *,
        threads: int | None = None,
        options: ort.SessionOptions | None = None,
        variant: str = "original",
    ) -> KokoroModel:
        """Load the model with explicit session options.

        Args:
            path: the ``.onnx`` file.
            threads: intra-op threads; default `default_threads()`.
            options: full control over the session; `threads` is ignored when given.
            variant: the variant `path` holds, recorded on the model.

        Raises:
            ModelError: the file is not a loadable Kokoro model.
        """
        import onnxruntime as ort  # loaded here so that importing litetts stays cheap

        if options is None:
            options = ort.SessionOptions()
            options.intra_op_num_threads = threads or default_threads()
            options.inter_op_num_threads = 1
            options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            # Memory patterns pre-plan buffers for each input shape; Kokoro's shapes
            # change with every chunk, so they only add peak memory (measured: 735 ->
            # 627 MB on a 400-word text, same speed). The arena stays on: without it
            # glibc's heap fragments and peak RSS passes 2 GB.
            options.enable_mem_pattern = False
        options.log_severity_level = 3
        started = time.perf_counter()
        try:
            session = ort.InferenceSession(
                str(path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as err:  # onnxruntime raises its own Fail/InvalidGraph types
            raise ModelError(f"could not load Kokoro model {path}: {err}") from err
        release_free_heap()  # the parsed model is freed now; see `litetts.heap`
        logger.info(
            "Kokoro model (%s) loaded from %s in %.2f s (%d intra-op threads)",
            variant,
            path,
            time.perf_counter() - started,
            options.intra_op_num_threads,
        )
        return cls(session, variant=variant)

    def _shrinking(self) -> ort.RunOptions:
        if self._shrink is None:
            import onnxruntime as ort

            options = ort.RunOptions()
            options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
            self._shrink = options
        return self._shrink

    def infer(self, tokens: Sequence[int], style: Style, speed: float) -> Samples:
        """Audio for `tokens` (without pads) in the voice `style`, float32 at 24 kHz."""
        return self._run(tokens, style, speed, timed=False).samples

    def infer_timed(self, tokens: Sequence[int], style: Style, speed: float) -> TimedSamples:
        """As `infer`, with the frames each token lasts (None when `has_durations` is
        False: the model file was not prepared)."""
        return self._run(tokens, style, speed, timed=self.has_durations)

    def _run(
        self, tokens: Sequence[int], style: Style, speed: float, *, timed: bool
    ) -> TimedSamples:
        if not tokens:
            return TimedSamples(np.zeros(0, dtype=np.float32), np.zeros(2, dtype=np.int64))
        if len(tokens) > MAX_TOKENS:
            raise InvalidInputError(f"{len(tokens)} tokens exceed the model's {MAX_TOKENS}")
        feed = make_feed(
            tokens, style, speed, tokens_name=self._tokens_name, speed_dtype=self._speed_dtype
        )
        large = len(tokens) / speed > SHRINK_ABOVE_TOKENS
        names = [self._audio_name, DURATIONS_OUTPUT] if timed else [self._audio_name]
        try:
            results = self.session.run(names, feed, self._shrinking() if large else None)
        except Exception as err:  # onnxruntime's RuntimeException types
            raise ModelError(f"Kokoro inference failed on {len(tokens)} tokens: {err}") from err
        # What the run freed outside the arena goes back before the next chunk, so
        # that a long text's audio does not stack on top of it (measured: 12 MB lower
        # peak on 2,000 words, no change in speed; see docs/performance.md).
        release_free_heap()
        samples = np.ascontiguousarray(np.asarray(results[0], dtype=np.float32).reshape(-1))
        durations = np.asarray(results[1], dtype=np.int64).reshape(-1) if timed else None
        return TimedSamples(samples, durations)
