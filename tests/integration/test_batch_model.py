"""``litetts batch`` with the real model: two short items on a pool of two processes."""

from __future__ import annotations

import json
from pathlib import Path

import soundfile as sf
from typer.testing import CliRunner

from litetts import AssetStore
from litetts_adapters.batch import MANIFEST_NAME, file_sha256
from litetts_adapters.cli import app


def test_batch_renders_two_items_with_the_model(tmp_path: Path) -> None:
    store = AssetStore(offline=True)
    store.require_model()
    store.require_voices()
    source = tmp_path / "jobs.csv"
    source.write_text(
        "id,text,voice,format\ngreeting,Hello there.,af_heart,wav\nfarewell,Goodbye.,bf_emma,mp3\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"

    result = CliRunner().invoke(
        app, ["batch", str(source), "-o", str(out), "--workers", "2", "--threads", "1"]
    )

    assert 0 == result.exit_code, result.output
    records = {r["id"]: r for r in map(json.loads, (out / MANIFEST_NAME).read_text().splitlines())}
    assert {"greeting", "farewell"} == set(records)
    for record in records.values():
        path = out / record["file"]
        assert record["sha256"] == file_sha256(path)
        info = sf.info(path)
        assert 0.5 < info.duration < 3.0
        assert abs(info.duration - record["duration"]) < 0.1
