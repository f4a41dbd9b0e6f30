"""litetts on a local Ray cluster started here (2 CPUs), with fake synthesizers: two Serve
replicas answer the speech endpoint, streaming included, and a Ray Data batch survives
an actor that dies mid-way."""

from __future__ import annotations

import io
import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import soundfile as sf
from tests.batch_fakes import FakeFactory
from tests.server_fakes import LONG_TEXT

from litetts_adapters.batch import MANIFEST_NAME, Defaults, file_sha256, read_jobs, run_batch

ray = pytest.importorskip("ray")
serve = pytest.importorskip("ray.serve")

from litetts_adapters.ray import RayOptions, deployment, ray_engine  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]

pytestmark = [
    # A cluster short of CPUs waits for them forever; fail instead.
    pytest.mark.timeout(300),
    # Ray Data 2.60 copies its DataContext when a dataset runs, setting every option,
    # the deprecated ones too, and warns about each of those from ray.data.context;
    # nothing in litetts sets them.
    pytest.mark.filterwarnings(
        "ignore:`[a-z0-9_]+` is deprecated:DeprecationWarning:ray.data.context"
    ),
    pytest.mark.filterwarnings("ignore:`[a-z0-9_]+` is deprecated:UserWarning:ray.data.context"),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # The workers import this checkout's litetts and the tests' fakes, and read settings
    # from an empty folder (this fixture starts before the per-test isolation does).
    env = {
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "LITETTS_OFFLINE": "1",
        "LITETTS_CONFIG_DIR": str(tmp_path_factory.mktemp("ray-config")),
    }
    ray.init(
        num_cpus=2, include_dashboard=False, log_to_driver=False, runtime_env={"env_vars": env}
    )
    try:
        yield
    finally:
        serve.shutdown()
        ray.shutdown()


# First: the Serve replicas below hold both CPUs until the module ends.
def test_a_ray_data_batch_survives_an_actor_that_dies(cluster: None, tmp_path: Path) -> None:
    rows = [{"id": f"line{n:02d}", "text": f"Line {n} of the batch."} for n in range(8)]
    source = tmp_path / "jobs.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    jobs = read_jobs(source, Defaults(voice="af_heart"))
    log = tmp_path / "log"
    log.mkdir()
    out = tmp_path / "out"
    engine = ray_engine(FakeFactory(log=str(log), die_at=3), actors=2)

    summary = run_batch(jobs, out, engine)

    records = [json.loads(line) for line in (out / MANIFEST_NAME).read_text().splitlines()]
    assert (log / "died").exists()
    assert (8, ()) == (summary.rendered, summary.failures)
    assert sorted(row["id"] for row in rows) == sorted(r["id"] for r in records)
    for record in records:
        assert record["sha256"] == file_sha256(out / record["file"])


@pytest.fixture(scope="module")
def served(cluster: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    log = tmp_path_factory.mktemp("replicas")
    port = _free_port()
    serve.start(http_options={"host": "127.0.0.1", "port": port})
    app = deployment(
        RayOptions(replica_cpus=1, min_replicas=2, max_replicas=2, target_ongoing_requests=2),
        factory=FakeFactory(delay=0.05, log=str(log)),
    )
    serve.run(app, name="litetts", route_prefix="/")
    try:
        yield f"http://127.0.0.1:{port}", log
    finally:
        serve.delete("litetts")


def test_two_replicas_answer_the_speech_endpoint(served: tuple[str, Path]) -> None:
    url, log = served
    body = {"model": "tts-1", "voice": "af_bella", "response_format": "wav", "stream": False}

    with httpx.Client(base_url=url, timeout=60) as client:
        health = client.get("/health")
        answers = [
            client.post("/v1/audio/speech", json={**body, "input": f"Reply {n}."})
            for n in range(12)
        ]

    assert 200 == health.status_code
    assert [200] * 12 == [answer.status_code for answer in answers]
    assert {24_000} == {sf.info(io.BytesIO(a.content)).samplerate for a in answers}
    pids = set((log / "pids").read_text().split())
    assert 2 == len(pids), "every request went to one replica"


def test_speech_streams_through_the_serve_proxy(served: tuple[str, Path]) -> None:
    url, _ = served
    body = {"model": "tts-1", "voice": "af_heart", "input": LONG_TEXT, "response_format": "pcm"}
    arrivals: list[float] = []
    received = bytearray()

    with (
        httpx.Client(base_url=url, timeout=60) as client,
        client.stream("POST", "/v1/audio/speech", json=body) as response,
    ):
        started = time.perf_counter()
        for chunk in response.iter_raw():
            arrivals.append(time.perf_counter() - started)
            received.extend(chunk)

    assert 200 == response.status_code
    assert "chunked" == response.headers.get("transfer-encoding")
    assert len(received) > 0
    assert len(received) % 2 == 0
    # The first audio arrives while later chunks are still being made (0.05 s per call).
    assert len(arrivals) > 2
    assert arrivals[0] < arrivals[-1] - 0.1
