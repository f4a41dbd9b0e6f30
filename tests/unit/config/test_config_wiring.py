"""The store in the user's path: `Synthesizer.default(store=)` and `litetts say`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.fakes import ToneModel, install_fake_parts
from tests.unit.config.support import write_json
from typer.testing import CliRunner

import litetts
from litetts.config import ConfigStore
from litetts.events import SynthesisEvent
from litetts.synthesizer import Synthesizer
from litetts_adapters.cli import app

Load = Callable[..., ConfigStore]


@pytest.fixture
def real_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> ToneModel:
    """`Synthesizer.default` as written, with fakes where it would load files."""
    model = ToneModel()
    install_fake_parts(monkeypatch, tmp_path)
    monkeypatch.setattr(litetts.Assembly, "model", lambda self, plan=None: model)
    return model


@pytest.mark.usefixtures("real_default")
def test_the_synthesizer_follows_synthesis_changes(config_dir: Path, load: Load) -> None:
    write_json(config_dir / "settings.json", {"synthesis": {"voice": "bf_emma"}})
    store = load()
    synthesizer = Synthesizer.default(store=store, warm_up=False)
    events: list[SynthesisEvent] = []
    synthesizer.subscribe(events.append)

    synthesizer.synthesize("Hello.")
    store.set("synthesis.voice", "af_bella")
    synthesizer.synthesize("Hello.")

    assert ["bf_emma", "af_bella"] == [event.voice for event in events]


@pytest.mark.usefixtures("real_default")
def test_a_synthesis_limit_applies_to_the_next_request(load: Load) -> None:
    store = load()
    synthesizer = Synthesizer.default(store=store, warm_up=False)

    store.set("synthesis.max_chars", 5)

    with pytest.raises(litetts.InvalidInputError, match="maximum is 5"):
        synthesizer.synthesize("Hello there.")


def test_the_model_speed_comes_from_the_store(real_default: ToneModel, load: Load) -> None:
    store = load(overrides={"synthesis.speed": 1.5})
    synthesizer = Synthesizer.default(store=store, warm_up=False)

    synthesizer.synthesize("Hi.")

    assert [1.5] == [speed for _, _, speed in real_default.calls]


def test_a_changed_dictionary_is_loaded_for_the_next_request(
    real_default: ToneModel, load: Load, tmp_path: Path
) -> None:
    words = tmp_path / "words.tsv"
    words.write_text("hello\txyz\n", encoding="utf-8")
    store = load(overrides={"synthesis.builtin_dictionary": False})
    synthesizer = Synthesizer.default(store=store, warm_up=False)
    assert synthesizer.lexicon is None

    store.set("synthesis.dictionary_path", str(words))

    assert synthesizer.lexicon is not None


def test_say_reads_the_users_settings_file_under_its_flags(
    real_default: ToneModel, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "user-config"
    write_json(config / "settings.json", {"synthesis": {"voice": "bf_emma", "speed": 1.5}})
    monkeypatch.setenv("LITETTS_CONFIG_DIR", str(config))
    monkeypatch.chdir(tmp_path)
    events: list[SynthesisEvent] = []
    default = Synthesizer.default

    def recording(**kwargs: object) -> Synthesizer:
        synthesizer = default(**kwargs)  # type: ignore[arg-type]
        synthesizer.subscribe(events.append)
        return synthesizer

    monkeypatch.setattr(Synthesizer, "default", recording)

    result = CliRunner().invoke(app, ["say", "Hello.", "--speed", "2"])

    assert 0 == result.exit_code, result.output
    assert ["bf_emma"] == [event.voice for event in events]
    assert 2.0 == real_default.calls[-1][2]  # --speed wins over settings.json


@pytest.mark.usefixtures("real_default")
def test_a_new_cache_budget_applies_at_once_and_the_rest_waits_for_a_restart(
    load: Load,
) -> None:
    store = load()
    synthesizer = Synthesizer.default(store=store, warm_up=False)
    assert synthesizer.cache is not None

    store.set("cache.max_bytes", 1024 * 1024)
    store.set("cache.disk", True)

    assert 1024 * 1024 == synthesizer.cache.max_bytes
    assert "cache.disk" in store.pending_restart
    assert not store.config.cache.disk
