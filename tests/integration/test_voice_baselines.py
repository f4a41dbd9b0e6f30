"""One voice per language, checked against the committed all-voice baseline with Whisper base.

Each clip must pass its language's absolute thresholds (CER on readings for Japanese,
Mandarin and Hindi) and stay within the baseline's tolerance. The baseline itself
(tests/data/voices_baseline.json, every voice) is checked without the model in
tests/unit/test_voice_baseline_file.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.baseline_checks import explain, metrics_against

from litetts import Synthesizer
from litetts.validation import BaselineMetrics

pytest.importorskip("pyopenjtalk")
pytest.importorskip("jieba")
pytest.importorskip("uroman")
pytest.importorskip("faster_whisper")

BASELINE = Path(__file__).parents[1] / "data" / "voices_baseline.json"
VOICES = ("ef_dora", "ff_siwis", "im_nicola", "pm_alex", "hf_alpha", "jm_kumo", "zf_xiaobei")


@pytest.fixture(scope="module")
def metrics(tts: Synthesizer) -> BaselineMetrics:
    return metrics_against(tts, BASELINE)


@pytest.mark.parametrize("voice", VOICES)
def test_each_language_still_passes_its_baseline(metrics: BaselineMetrics, voice: str) -> None:
    results = metrics.check_voices([voice])

    failing = [r for r in results if r.degraded or not r.report.passed]
    assert results
    assert failing == [], explain(failing)
