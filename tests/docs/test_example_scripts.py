"""The plain scripts in examples/ work as their docstrings say, on the real model."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.docs.paths import EXAMPLES, SRC

import litetts

TIMEOUT_S = 300


def _run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.mark.integration
def test_speak_writes_the_file_named(tmp_path: Path) -> None:
    done = _run(
        str(EXAMPLES / "speak.py"),
        "Hello there.",
        "-o",
        "hi.flac",
        "--voice",
        "bf_emma",
        cwd=tmp_path,
    )

    assert 0 == done.returncode, done.stderr
    assert litetts.Audio.load(tmp_path / "hi.flac").duration > 0.3


@pytest.mark.integration
def test_speak_reports_an_unknown_voice_without_a_traceback(tmp_path: Path) -> None:
    done = _run(str(EXAMPLES / "speak.py"), "-", "--voice", "af_bela", cwd=tmp_path, stdin="Hi.")

    assert 1 == done.returncode
    assert "error: unknown voice 'af_bela'" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.integration
def test_batch_writes_one_numbered_file_per_line(tmp_path: Path) -> None:
    (tmp_path / "lines.txt").write_text("First line.\n\nSecond line.\n", encoding="utf-8")

    done = _run(
        str(EXAMPLES / "batch_to_files.py"), "lines.txt", "out", "--format", "mp3", cwd=tmp_path
    )

    assert 0 == done.returncode, done.stderr
    assert ["001.mp3", "002.mp3"] == sorted(p.name for p in (tmp_path / "out").iterdir())
    assert litetts.Audio.load(tmp_path / "out" / "002.mp3").duration > 0.3


@pytest.mark.integration
def test_batch_skips_an_unspeakable_line_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "lines.txt").write_text("Fine.\n[pause:1s]\n", encoding="utf-8")

    done = _run(str(EXAMPLES / "batch_to_files.py"), "lines.txt", "out", cwd=tmp_path)

    assert 1 == done.returncode
    assert "line 2 skipped" in done.stderr
    assert ["001.wav"] == sorted(p.name for p in (tmp_path / "out").iterdir())


def test_openai_client_explains_a_missing_server(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_free_port()}/v1"

    done = _run(str(EXAMPLES / "openai_client.py"), "Hi.", "--base-url", url, cwd=tmp_path)

    assert 1 == done.returncode
    assert "no litetts server at" in done.stdout
    assert not (tmp_path / "speech.mp3").exists()


@pytest.fixture
def server() -> Iterator[str]:
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "litetts_adapters.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + TIMEOUT_S
        while process.poll() is None and time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        assert process.poll() is None, "litetts serve exited"
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.integration
def test_openai_client_streams_speech_to_a_file(server: str, tmp_path: Path) -> None:
    done = _run(
        str(EXAMPLES / "openai_client.py"),
        "Hello there.",
        "-o",
        "hi.mp3",
        "--base-url",
        f"{server}/v1",
        cwd=tmp_path,
    )

    assert 0 == done.returncode, done.stdout + done.stderr
    assert litetts.Audio.load(tmp_path / "hi.mp3").duration > 0.3
