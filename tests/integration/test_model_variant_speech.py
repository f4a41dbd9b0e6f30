"""The default path runs the prepared model variant, and it sounds like the original."""

from __future__ import annotations

from litetts import AssetStore, Synthesizer
from litetts.kokoro import KokoroModel
from litetts.kokoro.variants import DEFAULT_VARIANT, VariantCache, spectral_distance


def test_the_default_synthesizer_runs_the_default_variant(tts: Synthesizer) -> None:
    assert isinstance(tts.model, KokoroModel)
    assert DEFAULT_VARIANT == tts.model.variant


def test_the_variant_is_cached_and_stamped(tts: Synthesizer) -> None:
    store = AssetStore()
    cache = VariantCache(
        store.require_model(), store.variants_dir, source_sha256=store.manifest.model.sha256
    )

    assert cache.cached(DEFAULT_VARIANT)


def test_the_variant_sounds_like_the_original_on_the_same_tokens(tts: Synthesizer) -> None:
    original = KokoroModel.from_path(AssetStore().require_model())
    tokens = tts.vocabulary.encode(
        tts.vocabulary.filter(tts.phonemizer.phonemize("The quick brown fox.", "en-us"))
    )
    style = tts.voices.style("af_heart", len(tokens))

    distance = spectral_distance(
        tts.model.infer(tokens, style, 1.0), original.infer(tokens, style, 1.0)
    )

    assert 1.0 == distance.length_ratio
    assert distance.correlation > 0.9
