"""Picklable synthesizer factories for the batch and Ray tests: worker processes and Ray
actors import this module and build their own fake synthesizer."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

from attrs import frozen
from tests.fakes import LetterPhonemizer, ToneModel, fake_voices

from litetts import Synthesizer
from litetts.audio import Samples
from litetts.kokoro.model import Style


class SlowModel(ToneModel):
    """A ToneModel that takes `delay` seconds a call, like a real model on a busy CPU.

    With a `log` folder it appends its process id to ``log/pids`` at each call; with
    `die_at` its process dies (exit without clean-up, like a kill) at that call, once
    across all processes sharing the `log` folder.
    """

    def __init__(self, delay: float, log: Path | None = None, die_at: int = 0) -> None:
        super().__init__()
        self.delay = delay
        self.log = log
        self.die_at = die_at
        self.count = 0

    def infer(self, tokens: Sequence[int], style: Style, speed: float) -> Samples:
        self.count += 1
        if self.log is not None:
            with (self.log / "pids").open("a", encoding="utf-8") as pids:
                pids.write(f"{os.getpid()}\n")
            if self.count == self.die_at:
                try:
                    (self.log / "died").touch(exist_ok=False)
                except FileExistsError:
                    pass
                else:
                    os._exit(9)
        time.sleep(self.delay)
        return super().infer(tokens, style, speed)


@frozen
class FakeFactory:
    """Builds a synthesizer on the tone model, `delay` seconds per model call (see
    `SlowModel` for `log` and `die_at`)."""

    delay: float = 0.0
    log: str | None = None
    die_at: int = 0

    def __call__(self, threads: int) -> Synthesizer:
        log = Path(self.log) if self.log is not None else None
        model = SlowModel(self.delay, log, self.die_at)
        return Synthesizer(model, fake_voices(), LetterPhonemizer())


def main(argv: Sequence[str]) -> None:
    """``python -m tests.batch_fakes JOBS OUT DELAY WORKERS``: a batch on slow fakes, for
    the kill -9 test to interrupt."""
    from litetts_adapters.batch import Defaults, local_engine, read_jobs, run_batch

    source, out, delay, workers = argv
    jobs = read_jobs(Path(source), Defaults(voice="af_heart"))
    run_batch(jobs, Path(out), local_engine(FakeFactory(float(delay)), int(workers)))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
