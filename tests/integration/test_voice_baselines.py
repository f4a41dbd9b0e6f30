"""One voice per language, checked against the committed all-voice baseline with Whisper base.

Each clip must pass its language's absolute thresholds (CER on readings for Japanese,
Mandarin and Hindi) and stay within the baseline's tolerance. The baseline itself
(tests/data/voices_baseline.json, every voice) is checked without the model in
tests/unit/test_voice_baseline_file.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from litetts import AssetStore, Synthesizer, WhisperValidator
from litetts.validation import Baseline, BaselineCheck, BaselineMetrics

pytest.importorskip("pyopenjtalk")
pytest.importorskip("jieba")
pytest.importorskip("uroman")
pytest.importorskip("faster_whisper")

BASELINE = Path(__file__).parents[1] / "data" / "voices_baseline.json"
VOICES = ("ef_dora", "ff_siwis", "im_nicola", "pm_alex", "hf_alpha", "jm_kumo", "zf_xiaobei")


@pytest.fixture(scope="module")
def metrics(tts: Synthesizer) -> BaselineMetrics:
    baseline = Baseline.load(BASELINE)
    return BaselineMetrics(
        tts,
        WhisperValidator(baseline.whisper_model),
        baseline=baseline,
        model_sha256=AssetStore().manifest.model.sha256,
        whisper_model=baseline.whisper_model,
        model_variant=tts.model.variant,  # type: ignore[attr-defined]
    )


def _explain(results: list[BaselineCheck]) -> str:
    return "\n".join(
        f"{r.voice} {r.phrase!r} heard {r.report.heard_text!r}: "
        + "; ".join(c.detail for c in (*r.failures, *r.report.failures))
        for r in results
    )


@pytest.mark.parametrize("voice", VOICES)
def test_each_language_still_passes_its_baseline(metrics: BaselineMetrics, voice: str) -> None:
    results = metrics.check_voices([voice])

    failing = [r for r in results if r.degraded or not r.report.passed]
    assert results
    assert failing == [], _explain(failing)
