"""What this installation can do: optional dependencies and the capabilities they give.

    >>> from litetts.health import capabilities
    >>> [(c.name, c.status) for c in capabilities()]  # doctest: +SKIP
    [('phonemizer', 'available'), ('aac', 'available'), ('mp3', 'available'), ...]

Each `Capability` says whether it is available, degraded (works, less well) or
missing, and for the last two the command that fixes it.
"""

from __future__ import annotations

from typing import Literal

from attrs import frozen

from litetts.g2p.auto import ESPEAK_FIX, AutoPhonemizer, default_phonemizer

__all__ = ["Capability", "Status", "capabilities"]

Status = Literal["available", "degraded", "missing"]


@frozen
class Capability:
    """One feature and whether this installation has it."""

    name: str
    """Short name: ``phonemizer``, ``aac``, ``mp3``, ``opus``."""
    status: Status
    """``available``; ``degraded``: works, less well; ``missing``: does not work."""
    detail: str
    """What is there, or what is wrong, in one sentence."""
    fix: str | None = None
    """The command or step that makes it available; None when it already is."""


def capabilities(phonemizer: AutoPhonemizer | None = None) -> list[Capability]:
    """The phonemizer and the optional audio encoders, in that order.

    Args:
        phonemizer: the phonemizer to report on; default the process-wide one
            (`litetts.g2p.default_phonemizer`), which this call may load.
    """
    auto = phonemizer if phonemizer is not None else default_phonemizer()
    return [_phonemizer(auto), _aac(), *_libsndfile()]


def _phonemizer(auto: AutoPhonemizer) -> Capability:
    if auto.backend == "espeak":
        return Capability("phonemizer", "available", "espeak-ng phonemizes every Kokoro language")
    return Capability(
        "phonemizer",
        "degraded",
        f"espeak-ng is unavailable ({auto.espeak_error}); English uses CMUdict "
        "and other languages cannot be spoken",
        ESPEAK_FIX,
    )


def _aac() -> Capability:
    fix = "pip install 'litetts[aac]'"
    try:
        import av
    except ImportError:
        return Capability("aac", "missing", "AAC encoding needs PyAV, which is not installed", fix)
    try:
        av.codec.Codec("aac", "w")
    except ValueError:  # av's UnknownCodecError
        return Capability(
            "aac",
            "missing",
            f"PyAV {av.__version__} has no AAC encoder",
            "reinstall PyAV from its wheels, which bundle FFmpeg's aac encoder: "
            "pip install --force-reinstall av",
        )
    return Capability("aac", "available", f"AAC through PyAV {av.__version__}")


def _libsndfile() -> list[Capability]:
    import soundfile as sf

    version = sf.__libsndfile_version__
    fix = "use libsndfile 1.1.0 or later: pip install --upgrade soundfile (its wheels bundle one)"
    formats = {
        "mp3": "MP3" in sf.available_formats() and "MPEG_LAYER_III" in sf.available_subtypes("MP3"),
        "opus": "OPUS" in sf.available_subtypes("OGG"),
    }
    return [
        Capability(name, "available", f"{name} through libsndfile {version}")
        if ok
        else Capability(name, "missing", f"libsndfile {version} cannot write {name}", fix)
        for name, ok in formats.items()
    ]
