"""Shared by the tests that check speech against a committed baseline file."""

from __future__ import annotations

from pathlib import Path

from litetts import AssetStore, Synthesizer, WhisperValidator
from litetts.validation.baseline import Baseline, BaselineCheck, BaselineMetrics


def metrics_against(tts: Synthesizer, path: Path) -> BaselineMetrics:
    """`BaselineMetrics` for `tts`, judged against the baseline saved at `path` with the
    Whisper model it was recorded with."""
    baseline = Baseline.load(path)
    return BaselineMetrics(
        tts,
        WhisperValidator(baseline.whisper_model),
        baseline=baseline,
        model_sha256=AssetStore().manifest.model.sha256,
        whisper_model=baseline.whisper_model,
        model_variant=tts.model.variant,  # type: ignore[attr-defined]
    )


def explain(results: list[BaselineCheck]) -> str:
    """One line per check: the clip, what was heard and every failure's detail."""
    return "\n".join(
        f"{r.voice} {r.format} {r.phrase!r} heard {r.report.heard_text!r}: "
        + "; ".join(c.detail for c in (*r.failures, *r.report.failures))
        for r in results
    )
