"""Round-trip CER, G2P speed, memory and import time, per language Kokoro speaks.

For each language: speaks everyday sentences (digits, counters, dates, times and money
among them) with one or two voices, transcribes each clip with Whisper base (language
forced) and prints the character error rate, scored as `litetts validate` scores it:
Japanese as katakana, Mandarin as pinyin without tones, Hindi as a romanised
consonant skeleton (`litetts.validation.readings`), so that kanji/kana,
simplified/traditional, homophones and Urdu/Devanagari script do not count; the other
languages on their normalised text (`normalize_for_scoring`). Then the G2P time per
sentence, the resident memory of a fresh process that speaks English only against one
that also speaks Japanese and Mandarin (their dictionaries loaded), and the time a
fresh process takes to ``import litetts``.

    python benchmarks/languages.py [--lang ja cmn hi es] [--voices 1] [--sentences 5]
        [--skip-speech] [--verbose] [--json out.json] [--no-rules]

``--no-rules`` speaks the text with the clean-up only (no number rules), the baseline
for the Spanish, French, Italian, Portuguese and Hindi number rules.

Needs the ``ja``, ``zh`` and ``validation`` extras, the model, voices and Whisper base
(``litetts assets fetch --whisper base``). Targets (issue 16): ja <= 0.15, cmn <= 0.05,
es/fr/it/pt <= 0.10.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from litetts import Synthesizer, WhisperValidator
from litetts.g2p import default_phonemizer
from litetts.text import normalize
from litetts.text.cleanup import clean
from litetts.validation import normalize_for_scoring
from litetts.validation.readings import READING_LANGUAGES, character_error_rate, spoken_reading

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
    "es": (
        "El tren sale a las 14:30 del andén 3.",
        "Compré 2 kilos de tomates por 3,50 €.",
        "Nací el 15/03/1990 en Sevilla.",
        "La inflación subió un 2,5 % este año.",
        "Vivo en el 3er piso del número 21.",
        "Había 1.500 personas en el concierto.",
        "Mañana hará -5 °C por la noche.",
        "Mi hermana llegó la 1ª en la carrera.",
        "Hoy hace un día precioso para pasear.",
        "El 1 de mayo de 2024 fue miércoles.",
    ),
    "fr-fr": (
        "Le train part à 14 h 30 du quai 3.",
        "J'ai acheté 2 kilos de pommes pour 3,50 €.",
        "Elle est née le 15/03/1990 à Lyon.",
        "L'inflation a augmenté de 2,5 % cette année.",
        "Il habite au 2e étage du numéro 21.",
        "Il y avait 1 500 personnes au concert.",
        "Demain, il fera -5 °C pendant la nuit.",
        "C'est la 1re fois que je viens ici.",
        "Il fait très beau aujourd'hui pour se promener.",
        "Le 1er mai 2024 était un mercredi.",
    ),
    "it": (
        "Il treno parte alle 14:30 dal binario 3.",
        "Ho comprato 2 chili di pomodori per 3,50 €.",
        "È nata il 15/03/1990 a Milano.",
        "L'inflazione è salita del 2,5 % quest'anno.",
        "Abito al 1º piano del numero 21.",
        "C'erano 1.500 persone al concerto.",
        "Domani ci saranno -5 °C di notte.",
        "Ho 25 anni e 2 fratelli.",
        "Oggi è una bella giornata per passeggiare.",
        "Il 1° maggio 2024 era mercoledì.",
    ),
    "pt-br": (
        "O trem sai às 14h30 da plataforma 3.",
        "Comprei 2 quilos de tomate por R$ 3,50.",
        "Ela nasceu em 15/03/1990 em Recife.",
        "A inflação subiu 2,5 % este ano.",
        "Moro no 3º andar do número 21.",
        "Havia 1.500 pessoas no show.",
        "Amanhã fará -5 °C durante a noite.",
        "Ela chegou em 1º lugar na corrida.",
        "Hoje está um dia lindo para passear.",
        "O dia 1 de maio de 2024 foi uma quarta-feira.",
    ),
    "hi": (
        "ट्रेन 14:30 बजे प्लेटफॉर्म 3 से जाएगी।",
        "मैंने ₹350 में 2 किलो टमाटर खरीदे।",
        "उसका जन्म 15/03/1990 को हुआ था।",
        "महंगाई इस साल 2.5% बढ़ी।",
        "कॉन्सर्ट में 1,500 लोग थे।",
        "मेरे पास 21 किताबें हैं।",
        "भारत 1947 में आज़ाद हुआ।",
        "आज मौसम बहुत अच्छा है।",
        "वह 25 साल का है।",
        "कल तापमान 40 डिग्री होगा।",
    ),
}
VOICES = {
    "ja": ("jf_alpha", "jm_kumo"),
    "cmn": ("zf_xiaobei", "zm_yunjian"),
    "es": ("ef_dora", "em_alex"),
    "fr-fr": ("ff_siwis",),
    "it": ("if_sara", "im_nicola"),
    "pt-br": ("pf_dora", "pm_alex"),
    "hi": ("hf_alpha", "hm_omega"),
}
WHISPER_LANGUAGE = {"ja": "ja", "cmn": "zh", "es": "es", "fr-fr": "fr", "it": "it"}
WHISPER_LANGUAGE |= {"pt-br": "pt", "hi": "hi"}
TARGET = {"ja": 0.15, "cmn": 0.05, "es": 0.10, "fr-fr": 0.10, "it": 0.10, "pt-br": 0.10}
TARGET |= {"hi": 0.34}

_RSS_PROBE = """
import sys, psutil
from litetts import Synthesizer
tts = Synthesizer.default()
tts.synthesize("The quick brown fox jumps over the lazy dog.", voice="af_heart")
spoken = {"ja": ("今日は良い天気です。", "jf_alpha"), "cmn": ("今天天气很好。", "zf_xiaobei")}
for lang in sys.argv[1:]:
    tts.synthesize(spoken[lang][0], voice=spoken[lang][1])
tts.synthesize("The quick brown fox jumps over the lazy dog.", voice="af_heart")
print(psutil.Process().memory_info().rss)
"""
_IMPORT_PROBE = (
    "import time; t = time.perf_counter(); import litetts; print(time.perf_counter() - t)"
)


def rss_mib(*langs: str) -> float:
    """Resident MiB of a fresh process that spoke English (and `langs`, then English again)."""
    out = subprocess.run(
        [sys.executable, "-c", _RSS_PROBE, *langs], capture_output=True, text=True, check=True
    )
    return int(out.stdout.split()[-1]) / 2**20


def import_ms(runs: int = 5) -> float:
    """Median wall time of ``import litetts`` in a fresh process."""
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", _IMPORT_PROBE], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times) * 1000


def reading(text: str, lang: str) -> str:
    """What is compared, the number rules applied to both sides ("3,50 €" and "tres
    euros con cincuenta" are one reading): a script-independent reading, or the
    normalised text."""
    if lang in ("ja", "cmn"):
        return spoken_reading(text, lang)  # the readings expand numbers themselves
    if lang in READING_LANGUAGES:
        return spoken_reading(normalize(text, lang), lang)
    return normalize_for_scoring(text, lang)


def g2p_ms(lang: str) -> float:
    """Mean normalisation + phonemization time per sentence, after one warm-up sentence."""
    phonemizer = default_phonemizer()
    phonemizer.phonemize(normalize(SENTENCES[lang][0], lang), lang)
    start = time.perf_counter()
    for sentence in SENTENCES[lang]:
        phonemizer.phonemize(normalize(sentence, lang), lang)
    return (time.perf_counter() - start) * 1000 / len(SENTENCES[lang])


def round_trip(
    tts: Synthesizer,
    whisper: WhisperValidator,
    lang: str,
    *,
    voices: int,
    sentences: int,
    verbose: bool,
) -> dict[str, float]:
    """Mean CER per voice over the language's sentences."""
    scores: dict[str, float] = {}
    for voice in VOICES[lang][:voices]:
        errors = []
        for sentence in SENTENCES[lang][:sentences]:
            audio = tts.synthesize(sentence, voice=voice)
            heard = whisper.transcribe(audio, language=WHISPER_LANGUAGE[lang]).text
            cer = character_error_rate(reading(sentence, lang), reading(heard, lang))
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
    parser.add_argument("--voices", type=int, default=2, help="voices per language (1 or 2)")
    parser.add_argument("--sentences", type=int, default=10, help="sentences per voice")
    parser.add_argument(
        "--no-rules", action="store_true", help="speak with the clean-up only (a baseline)"
    )
    args = parser.parse_args()

    report: dict[str, object] = {
        "import_litetts_ms": round(import_ms(), 1),
        "rss_mib_english_only": round(rss_mib(), 1),
        "rss_mib_english_ja_cmn": round(rss_mib("ja", "cmn"), 1),
    }
    print(f"import litetts: {report['import_litetts_ms']} ms (median of 5 fresh processes)")
    print(
        f"RSS after English synthesis: {report['rss_mib_english_only']} MiB English only, "
        f"{report['rss_mib_english_ja_cmn']} MiB after also speaking Japanese and Mandarin"
    )
    tts = None if args.skip_speech else Synthesizer.default()
    if tts is not None and args.no_rules:
        tts.normalizer = lambda text, lang="en-us": clean(text)
    whisper = WhisperValidator("base")
    for lang in args.lang:
        row: dict[str, object] = {"g2p_ms_per_sentence": round(g2p_ms(lang), 2)}
        if lang in ("ja", "cmn"):
            row["rss_mib_with_extra"] = round(rss_mib(lang), 1)
        if tts is not None:
            scores = round_trip(
                tts,
                whisper,
                lang,
                voices=args.voices,
                sentences=args.sentences,
                verbose=args.verbose,
            )
            row["cer_by_voice"] = {v: round(s, 4) for v, s in scores.items()}
            row["cer"] = round(sum(scores.values()) / len(scores), 4)
            row["target"] = TARGET.get(lang)
        report[lang] = row
        print(f"{lang}: {json.dumps(row, ensure_ascii=False)}")
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
