"""Transcribe audio with Whisper (faster-whisper on CTranslate2) to hear what we said.

The model loads on the first `WhisperValidator.transcribe()` call and is cached per
(model folder, device, compute type) for the whole process, so many validators share
one model; a per-model lock keeps transcription thread-safe.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol

import attrs
import numpy as np
import numpy.typing as npt

from litetts.assets.store import AssetStore
from litetts.audio import Audio
from litetts.config.schema import ValidationSettings
from litetts.errors import AssetError, InvalidInputError, MissingDependencyError, ModelError
from litetts.validation.alignment import WINDOW_SECONDS, WhisperAligner, align_words
from litetts.validation.transcription import Segment, Transcriber, Transcription, Word

if TYPE_CHECKING:
    from litetts.assembly import Assembly

__all__ = ["WhisperValidator", "resolve_compute_type", "resolve_device"]

logger = logging.getLogger(__name__)

WHISPER_RATE: Final = 16_000
"""Whisper listens at 16 kHz; every input is resampled to it."""
BEAM_SIZE: Final = 5
"""Beam width of the decoder (faster-whisper's own default)."""
_FEATURE: Final = "Whisper validation"
_EXTRA: Final = "validation"


# -- the slice of faster-whisper we use (it ships no type hints) ------------------------


class _FwWord(Protocol):
    word: str
    start: float
    end: float
    probability: float


class _FwSegment(Protocol):
    text: str
    start: float
    end: float
    words: list[_FwWord] | None


class _FwInfo(Protocol):
    language: str


class _FwModel(WhisperAligner, Protocol):
    def transcribe(
        self,
        audio: npt.NDArray[np.float32],
        *,
        language: str | None,
        beam_size: int,
        word_timestamps: bool,
        vad_filter: bool,
        condition_on_previous_text: bool,
    ) -> tuple[Iterable[_FwSegment], _FwInfo]: ...


@attrs.frozen(eq=False)
class _SharedModel:
    """A loaded model and the lock that serialises its use."""

    model: _FwModel
    lock: threading.Lock = attrs.field(factory=threading.Lock)


_ModelKey = tuple[str, str, str]
_MODELS: dict[_ModelKey, _SharedModel] = {}
_MODELS_LOCK = threading.Lock()


# -- device and compute type ----------------------------------------------------------


def resolve_device(requested: str, cuda_devices: int) -> str:
    """The device to run on: `requested`, or for ``"auto"`` CUDA when a GPU is visible."""
    if requested != "auto":
        return requested
    if cuda_devices > 0:
        return "cuda"
    logger.info("Whisper runs on cpu: no CUDA device visible to CTranslate2")
    return "cpu"


def resolve_compute_type(requested: str, device: str) -> str:
    """The CTranslate2 compute type: `requested`, or for ``"auto"`` the device's natural one.

    ``"auto"`` means ``int8`` on cpu and ``float16`` on cuda.
    """
    if requested != "auto":
        return requested
    return "float16" if device == "cuda" else "int8"


def _cuda_device_count() -> int:
    try:
        import ctranslate2
    except ImportError as err:
        raise MissingDependencyError(_FEATURE, _EXTRA, "ctranslate2") from err
    count: int = ctranslate2.get_cuda_device_count()
    return count


# -- the process-wide model cache -----------------------------------------------------


def _load_model(folder: str, device: str, compute_type: str, cpu_threads: int) -> _FwModel:
    """Load the CTranslate2 Whisper model in `folder` (slow: seconds)."""
    try:
        from faster_whisper import WhisperModel
    except ImportError as err:
        raise MissingDependencyError(_FEATURE, _EXTRA, "faster_whisper") from err
    model: _FwModel = WhisperModel(
        folder, device=device, compute_type=compute_type, cpu_threads=cpu_threads
    )
    return model


def _shared_model(folder: Path, device: str, compute_type: str, cpu_threads: int) -> _SharedModel:
    """The cached model for this key, loading it once even under concurrent first calls."""
    key = (str(folder.resolve()), device, compute_type)
    with _MODELS_LOCK:
        shared = _MODELS.get(key)
        if shared is None:
            logger.info("loading Whisper model %s on %s (%s)", key[0], device, compute_type)
            shared = _SharedModel(_load_model(key[0], device, compute_type, cpu_threads))
            _MODELS[key] = shared
            logger.info("loaded Whisper model %s", key[0])
        return shared


# -- the validator --------------------------------------------------------------------


class WhisperValidator:
    """Transcribes audio with Whisper so tests can compare what was heard with what was meant.

    Every argument left as None comes from the layered settings (``validation.*`` and
    ``model.home``/``model.offline``, read through `litetts.assembly.Assembly` when
    first needed), as `WhisperValidator.default()` does.

    Args:
        model_size: Whisper size; ``tiny.en`` and ``base`` are provisioned by
            `AssetStore` (fetched on first use unless offline), any other needs
            `model_path`. A ``.en`` size always decodes English. Default
            ``validation.whisper_model``.
        device: ``"cpu"``, ``"cuda"`` or ``"auto"`` (CUDA when CTranslate2 sees a GPU).
        compute_type: CTranslate2 compute type, or ``"auto"`` (int8 on cpu, float16 on cuda).
        transcriber: a ready backend (tests pass a fake); Whisper is then never loaded.
        model_path: a local CTranslate2 Whisper folder to use instead of the provisioned one.
        store: where provisioned models live; default the settings' asset store.
        cpu_threads: CTranslate2 threads on cpu (0: its default); the first validator to
            load a shared model decides.
    """

    def __init__(
        self,
        model_size: str | None = None,
        device: str | None = None,
        compute_type: str | None = None,
        transcriber: Transcriber | None = None,
        *,
        model_path: Path | str | None = None,
        store: AssetStore | None = None,
        cpu_threads: int = 0,
    ) -> None:
        self._requested = (model_size, device, compute_type)
        self._transcriber = transcriber
        self._model_path = Path(model_path) if model_path is not None else None
        self._store = store
        self._cpu_threads = cpu_threads
        self._device: str | None = None

    @classmethod
    def default(cls, model_size: str | None = None) -> WhisperValidator:
        """The validator the layered settings describe (`model_size` wins)."""
        from litetts.assembly import Assembly  # the composition root sits above this layer

        return Assembly.create().whisper_validator(model_size)

    @cached_property
    def _assembly(self) -> Assembly:
        """The layered settings' assembly, read once, when a value was left to them."""
        from litetts.assembly import Assembly  # the composition root sits above this layer

        return Assembly.create()

    @property
    def _settings(self) -> ValidationSettings:
        return self._assembly.settings.validation

    def _chosen(self, index: int, name: str) -> str:
        value = self._requested[index]
        return value if value is not None else str(getattr(self._settings, name))

    @property
    def model_size(self) -> str:
        """The Whisper size asked for (e.g. ``tiny.en``)."""
        return self._chosen(0, "whisper_model")

    @property
    def device(self) -> str:
        """The resolved device, ``"cpu"`` or ``"cuda"`` unless set explicitly."""
        if self._device is None:
            requested = self._chosen(1, "device")
            count = _cuda_device_count() if requested == "auto" else 0
            self._device = resolve_device(requested, count)
        return self._device

    @property
    def compute_type(self) -> str:
        """The resolved CTranslate2 compute type."""
        return resolve_compute_type(self._chosen(2, "compute_type"), self.device)

    def transcribe(
        self, audio_or_path: Audio | str | os.PathLike[str], language: str | None = "en"
    ) -> Transcription:
        """What Whisper hears in `audio_or_path` (audio at any rate, or a sound file).

        Args:
            language: ISO code to decode as, or None to let Whisper detect it; ignored
                (always ``"en"``) for English-only sizes.

        Raises:
            InvalidInputError: the audio is empty or the file cannot be read.
            AssetError: the model is not provisioned, or `model_size` cannot be.
            MissingDependencyError: the ``validation`` extra is not installed.
        """
        audio = audio_or_path if isinstance(audio_or_path, Audio) else Audio.load(audio_or_path)
        if len(audio) == 0:
            raise InvalidInputError("cannot transcribe empty audio", field="audio")
        audio16k = audio.resample(WHISPER_RATE)
        if self._transcriber is not None:
            return self._transcriber.transcribe(audio16k, language=language)
        if self.model_size.endswith(".en"):
            language = "en"
        return self._transcribe_whisper(audio16k, language)

    def align(
        self, audio_or_path: Audio | str | os.PathLike[str], text: str, language: str | None = "en"
    ) -> tuple[Word, ...]:
        """When Whisper hears each word of `text` in `audio_or_path` (forced alignment).

        The text is not decoded but given: its tokens are aligned to the audio the way
        `transcribe` times the words it decodes (see `litetts.validation.alignment`).
        One `Word` per Whisper word: split at spaces, punctuation merged into the word
        beside it (``" ninety-two,"`` may come back as ``" ninety"``, ``"-two,"``); the
        texts joined are ``" " + text.strip()``.

        Args:
            text: what is said, as a transcript would write it.
            language: ISO code of `text` (None: ``"en"``); ignored for English-only sizes.

        Raises:
            InvalidInputError: the audio is empty, longer than Whisper's 30 s window
                (cut it first) or unreadable; the text is empty; unknown language.
            ModelError: the validator was given a `transcriber`, which cannot align.
            AssetError, MissingDependencyError: as for `transcribe`.
        """
        audio = audio_or_path if isinstance(audio_or_path, Audio) else Audio.load(audio_or_path)
        if len(audio) == 0:
            raise InvalidInputError("cannot align empty audio", field="audio")
        if audio.duration > WINDOW_SECONDS:
            raise InvalidInputError(
                f"audio lasts {audio.duration:.1f} s; Whisper aligns at most"
                f" {WINDOW_SECONDS:.0f} s at once: cut it at silences and align each part",
                field="audio",
            )
        if not isinstance(text, str) or not text.strip():
            raise InvalidInputError("text to align is empty", field="text")
        if self._transcriber is not None:
            raise ModelError("this validator's transcriber backend cannot align text")
        shared = _shared_model(
            self._model_folder(), self.device, self.compute_type, self._cpu_threads
        )
        samples = audio.resample(WHISPER_RATE).samples
        with shared.lock:
            return align_words(shared.model, samples, text, language)

    def _model_folder(self) -> Path:
        if self._model_path is not None:
            if not self._model_path.is_dir():
                # faster-whisper would take a non-folder for a hub name and try to download.
                raise AssetError(
                    f"Whisper model folder {self._model_path} does not exist",
                    path=self._model_path,
                    fix="pass the folder of a CTranslate2 Whisper model as model_path",
                )
            return self._model_path
        if self._store is not None:
            return self._store.ensure_whisper(self.model_size)
        return self._assembly.assets.ensure_whisper(self.model_size)

    def _transcribe_whisper(self, audio: Audio, language: str | None) -> Transcription:
        shared = _shared_model(
            self._model_folder(), self.device, self.compute_type, self._cpu_threads
        )
        with shared.lock:
            segments, info = shared.model.transcribe(
                audio.samples,
                language=language,
                beam_size=BEAM_SIZE,
                word_timestamps=True,
                vad_filter=False,
                condition_on_previous_text=False,
            )
            # The segments are a lazy generator: decoding happens while we consume it.
            decoded = tuple(_segment(segment) for segment in segments)
        text = " ".join(segment.text for segment in decoded if segment.text)
        return Transcription(text=text, language=info.language, segments=decoded)


def _segment(segment: _FwSegment) -> Segment:
    words = tuple(
        Word(
            text=word.word.strip(),
            start=float(word.start),
            end=float(word.end),
            probability=float(word.probability),
        )
        for word in segment.words or ()
    )
    return Segment(
        text=segment.text.strip(), start=float(segment.start), end=float(segment.end), words=words
    )
