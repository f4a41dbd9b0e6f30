"""Running a batch: files and manifest agree, a rerun skips what is done, and a kill -9
loses and duplicates nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
import soundfile as sf
from tests.batch_fakes import FakeFactory

from litetts_adapters.batch import (
    MANIFEST_NAME,
    Defaults,
    Failure,
    Job,
    Outcome,
    file_sha256,
    local_engine,
    read_jobs,
    run_batch,
)

ROOT = Path(__file__).resolve().parents[3]
DEFAULTS = Defaults(voice="af_heart")


def _jobs(tmp_path: Path, count: int, **extra: str) -> list[Job]:
    rows = [{"id": f"item{n:03d}", "text": f"Sentence {n}, spoken.", **extra} for n in range(count)]
    source = tmp_path / "jobs.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return read_jobs(source, DEFAULTS)


def _manifest(folder: Path) -> list[dict[str, object]]:
    lines = (folder / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


class CountingEngine:
    """The in-process engine, remembering which jobs it was given."""

    def __init__(self) -> None:
        self.given: list[str] = []
        self.inner = local_engine(FakeFactory(), workers=1)

    def __call__(self, jobs: Sequence[Job], folder: Path) -> Iterator[Outcome]:
        self.given += [job.id for job in jobs]
        return self.inner(jobs, folder)


def test_every_job_gets_a_file_and_one_manifest_line_matching_it(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, 3)
    out = tmp_path / "out"

    summary = run_batch(jobs, out, local_engine(FakeFactory(), workers=1))

    records = _manifest(out)
    assert (3, 0, ()) == (summary.rendered, summary.skipped, summary.failures)
    assert [job.id for job in jobs] == [r["id"] for r in records]
    for record in records:
        path = out / str(record["file"])
        assert record["sha256"] == file_sha256(path)
        assert sf.info(path).duration == pytest.approx(record["duration"], abs=1e-3)


def test_a_rerun_renders_only_what_is_missing_changed_or_damaged(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, 4)
    out = tmp_path / "out"
    run_batch(jobs, out, local_engine(FakeFactory(), workers=1))
    (out / "item001.wav").write_bytes(b"damaged")
    (out / "item002.wav").unlink()
    with (out / MANIFEST_NAME).open("a", encoding="utf-8") as manifest:
        manifest.write('{"id": "item000", "fi')  # a line torn by a kill
    changed = [*jobs[:3], Job(**{**jobs[3].to_row(), "text": "Something else."})]
    engine = CountingEngine()

    summary = run_batch(changed, out, engine)

    assert ["item001", "item002", "item003"] == engine.given
    assert 1 == summary.skipped
    assert sorted(job.id for job in jobs) == sorted(str(r["id"]) for r in _manifest(out))


def test_a_refused_text_is_reported_and_left_out_of_the_manifest(tmp_path: Path) -> None:
    source = tmp_path / "jobs.csv"
    source.write_text("id,text\ngood,Hello.\nbad,Hello [pause:oops] there.\n", encoding="utf-8")
    out = tmp_path / "out"

    summary = run_batch(read_jobs(source, DEFAULTS), out, local_engine(FakeFactory(), 1))

    assert ["bad"] == [failure.id for failure in summary.failures]
    assert isinstance(summary.failures[0], Failure)
    assert "jobs.csv row 3" == summary.failures[0].row
    assert ["good"] == [r["id"] for r in _manifest(out)]


def test_a_process_pool_renders_each_job_once(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, 6)
    out = tmp_path / "out"

    summary = run_batch(jobs, out, local_engine(FakeFactory(), workers=2))

    assert 6 == summary.rendered
    assert sorted(job.id for job in jobs) == sorted(str(r["id"]) for r in _manifest(out))


def test_a_batch_killed_mid_way_resumes_without_losses_or_duplicates(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, 12)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "tests.batch_fakes", str(tmp_path / "jobs.jsonl"), str(out)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    # Its own session, so that the kill reaches the pool's processes too, like kill -9 of
    # a whole job.
    process = subprocess.Popen([*command, "0.15", "2"], cwd=ROOT, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            manifest = out / MANIFEST_NAME
            if manifest.exists() and len(manifest.read_bytes().splitlines()) >= 3:
                break
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    interrupted = len(_manifest(out))
    assert 3 <= interrupted < len(jobs), "the batch ended before it could be interrupted"

    rerun = subprocess.run([*command, "0", "2"], cwd=ROOT, env=env, check=False, timeout=120)

    records = _manifest(out)
    assert 0 == rerun.returncode
    assert sorted(job.id for job in jobs) == sorted(str(r["id"]) for r in records)
    for record in records:
        assert record["sha256"] == file_sha256(out / str(record["file"]))
    assert [] == [p.name for p in out.iterdir() if p.name.startswith(".")]


def test_captions_are_written_beside_each_file_recorded_and_checked_on_resume(
    tmp_path: Path,
) -> None:
    source = tmp_path / "jobs.jsonl"
    rows = [{"id": f"item{n}", "text": f"Sentence {n}, spoken."} for n in range(3)]
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    plain = read_jobs(source, DEFAULTS)
    captioned = read_jobs(source, Defaults(voice="af_heart", captions="vtt"))
    out = tmp_path / "out"
    run_batch(plain, out, local_engine(FakeFactory(), workers=1))
    assert all("captions" not in record for record in _manifest(out))  # lines as before

    engine = CountingEngine()
    run_batch(captioned, out, engine)  # asking for captions renders again
    (out / "item1.vtt").write_text("WEBVTT\n", encoding="utf-8")  # damaged
    (out / "item2.vtt").unlink()  # lost
    again = CountingEngine()
    summary = run_batch(captioned, out, again)

    records = {str(r["id"]): r for r in _manifest(out)}
    assert ["item0", "item1", "item2"] == engine.given
    assert (["item1", "item2"], 1) == (again.given, summary.skipped)
    for job in captioned:
        record = records[job.id]
        vtt = out / f"{job.id}.vtt"
        assert (f"{job.id}.vtt", file_sha256(vtt)) == (
            record["captions"],
            record["captions_sha256"],
        )
        assert vtt.read_text(encoding="utf-8").startswith("WEBVTT")
        assert f"Sentence {job.id[-1]}, spoken." in vtt.read_text(encoding="utf-8")


def test_an_unknown_caption_format_is_refused() -> None:
    from litetts import InvalidInputError

    with pytest.raises(InvalidInputError, match="caption format 'ass'"):
        Defaults(voice="af_heart", captions="ass")
