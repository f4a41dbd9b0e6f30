"""Japanese and Mandarin voices speak their language: Whisper base hears the text back.

Scored by character error rate on readings (`litetts.validation.readings`): Japanese
as katakana, Mandarin as pinyin without tones, so that kanji/kana, simplified/
traditional and homophones are not errors. Bounds sit above the measured figures
(docs/text.md) so that only a real regression fails.
"""

from __future__ import annotations

import pytest

from litetts import Synthesizer, WhisperValidator
from litetts.validation.readings import character_error_rate, spoken_reading

pytest.importorskip("pyopenjtalk")
pytest.importorskip("jieba")
pytest.importorskip("faster_whisper")

CASES = [
    ("jf_alpha", "ja", "今日はとても良い天気ですね。"),
    ("jm_kumo", "ja", "明日の午後3時に会議があります。"),
    ("jf_alpha", "ja", "この本は1500円でした。"),
    ("zf_xiaobei", "cmn", "今天天气很好，我们去公园散步吧。"),
    ("zm_yunjian", "cmn", "我每天早上7点起床。"),
    ("zf_xiaobei", "cmn", "这本书的价格是25元。"),
]
MAX_CER = {"ja": 0.15, "cmn": 0.10}
WHISPER_LANGUAGE = {"ja": "ja", "cmn": "zh"}


@pytest.fixture(scope="module")
def whisper() -> WhisperValidator:
    return WhisperValidator("base", cpu_threads=2)


@pytest.mark.parametrize(("voice", "lang", "text"), CASES)
def test_whisper_hears_the_sentence(
    tts: Synthesizer, whisper: WhisperValidator, voice: str, lang: str, text: str
) -> None:
    audio = tts.synthesize(text, voice=voice)
    heard = whisper.transcribe(audio, language=WHISPER_LANGUAGE[lang]).text
    cer = character_error_rate(spoken_reading(text, lang), spoken_reading(heard, lang))
    assert cer <= MAX_CER[lang], f"{voice} heard {heard!r} for {text!r} (CER {cer:.3f})"


def test_no_pitch_or_unknown_mark_reaches_the_model(tts: Synthesizer) -> None:
    phonemes = tts.phonemizer.phonemize("橋と箸と端、雨と飴。", "ja")
    assert phonemes == tts.vocabulary.filter(phonemes)
    assert not set("↓↑→↗↘") & set(phonemes)
