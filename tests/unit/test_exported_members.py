"""The public surface: `litetts.__all__` is pinned, complete, importable and cheap."""

from __future__ import annotations

import subprocess
import sys

import litetts

EXPECTED = {
    "Assembly",
    "AssetError",
    "AssetStore",
    "Audio",
    "AudioQualityValidator",
    "AudioTooLongError",
    "ConfigError",
    "ConfigStore",
    "ConservativeOptimizer",
    "FLUSH",
    "InvalidInputError",
    "LiteTTSError",
    "MissingDependencyError",
    "ModelError",
    "PhonemizerError",
    "QualityReport",
    "Settings",
    "SynthesisEvent",
    "Synthesizer",
    "VoiceInfo",
    "VoiceNotFoundError",
    "WhisperValidator",
    "Word",
    "__version__",
    "phonemize",
    "voices",
    "write_captions",
}


def test_all_is_pinned() -> None:
    assert EXPECTED == set(litetts.__all__)


def test_all_is_sorted() -> None:
    assert sorted(litetts.__all__) == litetts.__all__


def test_every_exported_name_resolves() -> None:
    missing = [name for name in litetts.__all__ if getattr(litetts, name, None) is None]

    assert [] == missing


def test_every_exported_name_has_a_docstring() -> None:
    undocumented = [
        name
        for name in litetts.__all__
        if name != "__version__" and not getattr(litetts, name).__doc__
    ]

    assert [] == undocumented


def test_errors_share_one_root() -> None:
    errors = [getattr(litetts, n) for n in litetts.__all__ if n.endswith("Error")]

    assert all(issubclass(e, litetts.LiteTTSError) for e in errors)


def test_import_is_cheap_and_needs_no_extras() -> None:
    code = (
        "import sys, litetts\n"
        "heavy = {'onnxruntime', 'phonemizer', 'soundfile', 'av', 'faster_whisper', 'fastapi',"
        " 'jiwer', 'ctranslate2'}\n"
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert "[]" == out.stdout.strip()


def test_validation_loads_without_its_extra_until_used() -> None:
    code = (
        "import sys, litetts\n"
        "litetts.WhisperValidator, litetts.AudioQualityValidator\n"
        "print(sorted({'faster_whisper', 'ctranslate2', 'jiwer'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert "[]" == out.stdout.strip()
