"""`DiskTier`: entries survive restarts, stay within budget, and bad files are dropped."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from litetts.audio import Audio
from litetts.cache import DiskTier, EntryMeta
from litetts.words import Word

META = EntryMeta("model", ("af_heart",))


def audio(samples: int) -> Audio:
    return Audio(np.linspace(-0.5, 0.5, samples, dtype=np.float32), 22_050)


def test_audio_round_trips_with_its_rate(tmp_path: Path) -> None:
    DiskTier(tmp_path, 10_000).put("d1", audio(100), META)

    assert audio(100) == DiskTier(tmp_path, 10_000).get("d1")


def test_bytes_round_trip(tmp_path: Path) -> None:
    tier = DiskTier(tmp_path, 10_000)
    tier.put("d1", b"ID3 mp3 bytes", META)

    assert b"ID3 mp3 bytes" == tier.get("d1")


def test_the_oldest_files_go_when_over_budget(tmp_path: Path) -> None:
    tier = DiskTier(tmp_path, 1000)
    for name in ("a", "b", "c"):
        tier.put(name, audio(100), META)  # ~450 bytes each with the header

    assert tier.total_bytes <= 1000
    assert tier.get("a") is None
    assert tier.get("c") is not None


def test_a_hit_makes_an_entry_the_newest(tmp_path: Path) -> None:
    tier = DiskTier(tmp_path, 1000)
    tier.put("a", audio(100), META)
    tier.put("b", audio(100), META)
    tier.get("a")
    tier.put("c", audio(100), META)

    assert tier.get("b") is None
    assert tier.get("a") is not None


def test_a_corrupt_file_is_a_miss_and_is_removed(tmp_path: Path) -> None:
    tier = DiskTier(tmp_path, 10_000)
    tier.put("a", audio(10), META)
    (tmp_path / "a.entry").write_bytes(b"not a header")

    assert tier.get("a") is None
    assert not (tmp_path / "a.entry").exists()


def test_remove_if_reads_the_metadata(tmp_path: Path) -> None:
    tier = DiskTier(tmp_path, 10_000)
    tier.put("a", audio(10), META)
    tier.put("b", audio(10), EntryMeta("other-model", ("bf_emma",)))

    removed = tier.remove_if(lambda meta: meta.model == "other-model")

    assert 1 == removed
    assert ["a.entry"] == sorted(p.name for p in tmp_path.iterdir())


def test_an_unwritable_folder_is_logged_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    tier = DiskTier(blocker / "cache", 10_000)  # a folder under a file cannot exist

    tier.put("a", audio(10), META)

    assert tier.get("a") is None


def test_audio_round_trips_with_its_words(tmp_path: Path) -> None:
    words = (Word("Hello", 0.0125, 0.3, 0, 5), Word("$3.50", 1 / 3, 0.9, 6, 11))
    DiskTier(tmp_path, 10_000).put("d1", Audio(audio(100).samples, 22_050, words), META)

    hit = DiskTier(tmp_path, 10_000).get("d1")

    assert isinstance(hit, Audio)
    assert words == hit.words
