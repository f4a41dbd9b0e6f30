"""``litetts serve --ray`` and ``litetts batch --ray`` hand their settings to the Ray
adapter (the cluster itself is exercised in test_ray_cluster.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.batch_fakes import FakeFactory
from tests.fakes import install_fake_parts
from typer.testing import CliRunner

from litetts_adapters.batch import local_engine
from litetts_adapters.cli import app

pytest.importorskip("ray")
import litetts_adapters.ray

# Ray Serve 2.60's own config models pass extra keywords to pydantic's Field when
# ray.serve is first imported (here inside a test, through the lazy adapter).
pytestmark = pytest.mark.filterwarnings(
    "ignore:Using extra keyword arguments on `Field` is deprecated"
    ":pydantic.warnings.PydanticDeprecatedSince20"
)


def test_serve_with_ray_deploys_with_the_flags(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(litetts_adapters.ray, "run_on_ray", lambda *args: calls.append(args))
    model = tmp_path / "model.onnx"

    result = CliRunner().invoke(
        app,
        [
            "serve",
            "--ray",
            "auto",
            "--port",
            "9100",
            "--replicas",
            "3",
            "--replica-cpus",
            "2",
            "--model-path",
            str(model),
        ],
    )

    assert 0 == result.exit_code, result.output
    assert [
        (
            "auto",
            "127.0.0.1",
            9100,
            {"model.model_path": model},
            litetts_adapters.ray.RayOptions(replica_cpus=2, min_replicas=1, max_replicas=3),
        )
    ] == calls


def test_batch_with_ray_renders_through_the_ray_engine(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    install_fake_parts(monkeypatch, tmp_path)
    asked: list[dict[str, Any]] = []

    def engine(factory: object, **options: Any) -> Any:
        asked.append(options)
        return local_engine(FakeFactory(), workers=1)

    monkeypatch.setattr(litetts_adapters.ray, "ray_engine", engine)
    source = tmp_path / "jobs.csv"
    source.write_text("id,text\na,Hello.\n", encoding="utf-8")

    result = CliRunner().invoke(
        app, ["batch", str(source), "-o", str(tmp_path / "out"), "--ray", "ray://head:10001"]
    )

    assert 0 == result.exit_code, result.output
    assert [{"address": "ray://head:10001", "actors": None, "threads": 1}] == asked
    assert (tmp_path / "out" / "a.wav").is_file()
