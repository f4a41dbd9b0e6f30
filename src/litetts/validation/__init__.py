"""Hear ourselves: transcribe speech with Whisper and score what was heard.

`WhisperValidator` needs the ``validation`` extra (faster-whisper, jiwer) and a
Whisper model (``litetts assets fetch --whisper tiny.en``); it loads both on first use.
"""

from litetts.validation.baseline import BaselineMetrics
from litetts.validation.baseline_file import Baseline
from litetts.validation.baseline_records import BaselineCheck, BaselineEntry
from litetts.validation.fingerprint import SpeechProfile, speech_profile
from litetts.validation.quality import (
    AudioQualityValidator,
    Check,
    QualityReport,
    normalize_for_scoring,
)
from litetts.validation.thresholds import Thresholds, thresholds_for_language
from litetts.validation.tolerance import Tolerance
from litetts.validation.transcription import Segment, Transcriber, Transcription, Word
from litetts.validation.whisper import WhisperValidator

__all__ = [
    "AudioQualityValidator",
    "Baseline",
    "BaselineCheck",
    "BaselineEntry",
    "BaselineMetrics",
    "Check",
    "QualityReport",
    "Segment",
    "SpeechProfile",
    "Thresholds",
    "Tolerance",
    "Transcriber",
    "Transcription",
    "WhisperValidator",
    "Word",
    "normalize_for_scoring",
    "speech_profile",
    "thresholds_for_language",
]
