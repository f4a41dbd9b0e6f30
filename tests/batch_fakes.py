"""Picklable synthesizer factories for the batch and Ray tests: worker processes and Ray
actors import this module and build their own fake synthesizer."""

from __future__ import annotations

import time
from collections.abc import Sequence

from attrs import frozen
from tests.fakes import LetterPhonemizer, ToneModel, fake_voices

from litetts import Synthesizer
from litetts.audio import Samples
from litetts.kokoro.model import Style


class SlowModel(ToneModel):
    """A ToneModel that takes `delay` seconds a call, like a real model on a busy CPU."""

    def __init__(self, delay: float) -> None:
        super().__init__()
        self.delay = delay

    def infer(self, tokens: Sequence[int], style: Style, speed: float) -> Samples:
        time.sleep(self.delay)
        return super().infer(tokens, style, speed)


@frozen
class FakeFactory:
    """Builds a synthesizer on the tone model, `delay` seconds per model call."""

    delay: float = 0.0

    def __call__(self, threads: int) -> Synthesizer:
        model = SlowModel(self.delay) if self.delay else ToneModel()
        return Synthesizer(model, fake_voices(), LetterPhonemizer())


def main(argv: Sequence[str]) -> None:
    """``python -m tests.batch_fakes JOBS OUT DELAY WORKERS``: a batch on slow fakes, for
    the kill -9 test to interrupt."""
    from pathlib import Path

    from litetts_adapters.batch import Defaults, local_engine, read_jobs, run_batch

    source, out, delay, workers = argv
    jobs = read_jobs(Path(source), Defaults(voice="af_heart"))
    run_batch(jobs, Path(out), local_engine(FakeFactory(float(delay)), int(workers)))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
