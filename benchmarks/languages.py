"""Round-trip CER, G2P speed and memory of the Japanese and Mandarin phonemizers.

For each language: speaks ten everyday sentences (digits, counters, dates, times and
money among them) with two voices, transcribes each clip with Whisper base (language
forced) and prints the character error rate of the readings: Japanese as katakana,
Mandarin as pinyin without tones (`litetts.validation.readings`), so that kanji/kana,
simplified/traditional and homophones do not count. Then the G2P time per sentence,
and the resident memory of a fresh process that speaks English only, and one that
also phonemizes Japanese / Mandarin (their dictionaries loaded).

    python benchmarks/languages.py [--lang ja cmn] [--verbose] [--json out.json]

Needs the ``ja``, ``zh`` and ``validation`` extras, the model, voices and Whisper base
(``litetts assets fetch --whisper base``). Targets (issue 16): ja <= 0.15, cmn <= 0.05.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from litetts import Synthesizer, WhisperValidator
from litetts.g2p import default_phonemizer
from litetts.validation.readings import character_error_rate, spoken_reading

SENTENCES = {
    "ja": (
        "今日はとても良い天気ですね。",
        "駅までは歩いて10分ぐらいかかります。",
        "りんごを3個とみかんを5個ください。",
        "明日の午後3時に会議があります。",
        "この本は1500円でした。",
        "私の誕生日は4月1日です。",
        "週末は家族と一緒に映画を見に行きました。",
        "すみません、トイレはどこですか？",
        "新しいコンピューターを買いたいと思っています。",
        "電車が20分遅れて、会社に遅刻しました。",
    ),
    "cmn": (
        "今天天气很好，我们去公园散步吧。",
        "请问，火车站怎么走？",
        "我每天早上7点起床。",
        "这本书的价格是25元。",
        "会议在下午3:30开始。",
        "我有2个哥哥和1个妹妹。",
        "他的电话号码是13812345678。",
        "周末我们一起去看电影好吗？",
        "这家餐厅的菜非常好吃。",
        "2024年3月15日是星期五。",
    ),
}
VOICES = {"ja": ("jf_alpha", "jm_kumo"), "cmn": ("zf_xiaobei", "zm_yunjian")}
WHISPER_LANGUAGE = {"ja": "ja", "cmn": "zh"}
TARGET = {"ja": 0.15, "cmn": 0.05}

_RSS_PROBE = """
import sys, psutil
from litetts.g2p import default_phonemizer
p = default_phonemizer()
p.phonemize("The quick brown fox jumps over the lazy dog.", "en-us")
for lang in sys.argv[1:]:
    p.phonemize({"ja": "今日は良い天気です。", "cmn": "今天天气很好。"}[lang], lang)
print(psutil.Process().memory_info().rss)
"""


def rss_mib(*langs: str) -> float:
    """Resident MiB of a fresh process that phonemized English (and `langs`)."""
    out = subprocess.run(
        [sys.executable, "-c", _RSS_PROBE, *langs], capture_output=True, text=True, check=True
    )
    return int(out.stdout.split()[-1]) / 2**20


def g2p_ms(lang: str) -> float:
    """Mean phonemization time per sentence, after one warm-up sentence."""
    phonemizer = default_phonemizer()
    phonemizer.phonemize(SENTENCES[lang][0], lang)
    start = time.perf_counter()
    for sentence in SENTENCES[lang]:
        phonemizer.phonemize(sentence, lang)
    return (time.perf_counter() - start) * 1000 / len(SENTENCES[lang])


def round_trip(
    tts: Synthesizer, whisper: WhisperValidator, lang: str, *, verbose: bool
) -> dict[str, float]:
    """Mean CER per voice over the language's sentences."""
    scores: dict[str, float] = {}
    for voice in VOICES[lang]:
        errors = []
        for sentence in SENTENCES[lang]:
            audio = tts.synthesize(sentence, voice=voice)
            heard = whisper.transcribe(audio, language=WHISPER_LANGUAGE[lang]).text
            cer = character_error_rate(spoken_reading(sentence, lang), spoken_reading(heard, lang))
            errors.append(cer)
            if verbose:
                print(f"  {voice} {cer:.3f} {sentence} -> {heard}")
        scores[voice] = sum(errors) / len(errors)
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", nargs="+", default=list(SENTENCES), choices=list(SENTENCES))
    parser.add_argument("--verbose", action="store_true", help="print every transcription")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--skip-speech", action="store_true", help="G2P time and memory only")
    args = parser.parse_args()

    report: dict[str, object] = {"rss_mib_english_only": round(rss_mib(), 1)}
    print(f"RSS, English only: {report['rss_mib_english_only']} MiB")
    tts = None if args.skip_speech else Synthesizer.default()
    whisper = WhisperValidator("base")
    for lang in args.lang:
        row: dict[str, object] = {
            "g2p_ms_per_sentence": round(g2p_ms(lang), 2),
            "rss_mib_with_extra": round(rss_mib(lang), 1),
        }
        if tts is not None:
            scores = round_trip(tts, whisper, lang, verbose=args.verbose)
            row["cer_by_voice"] = {v: round(s, 4) for v, s in scores.items()}
            row["cer"] = round(sum(scores.values()) / len(scores), 4)
            row["target"] = TARGET[lang]
        report[lang] = row
        print(f"{lang}: {json.dumps(row, ensure_ascii=False)}")
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
