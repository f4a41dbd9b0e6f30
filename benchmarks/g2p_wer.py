"""Round-trip intelligibility of espeak-ng and CMUdict phonemes, measured by Whisper.

Speaks ten varied English sentences with an American (af_heart, en-us) and a
British (bf_emma, en-gb) voice, once through `EspeakPhonemizer` and once through
`CmudictPhonemizer`, transcribes every clip with Whisper and prints the word
error rate of each pair (case and punctuation ignored). Lower is better; Whisper
tiny.en itself errs on a few words, so compare the columns, not the zero.

    python benchmarks/g2p_wer.py [--whisper PATH/TO/whisper-model] [--verbose] [--json out.json]

Needs the ``espeak`` and ``validation`` extras and the provisioned model and voices.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

import jiwer
from faster_whisper import WhisperModel

from litetts import AssetStore, Synthesizer
from litetts.g2p import CmudictPhonemizer, EspeakPhonemizer, Phonemizer
from litetts.kokoro.model import KokoroModel
from litetts.kokoro.voices import VoiceBank

SENTENCES = (
    "The quick brown fox jumps over the lazy dog near the river bank.",
    "Please remember to bring your umbrella, because it'll rain this afternoon.",
    "The committee postponed its decision until the engineers finished their investigation.",
    "Would you like a cup of tea, or would you prefer a glass of cold water?",
    "Our friends adopted a playful kitten that chases shadows across the kitchen floor.",
    "I can't believe she didn't tell anyone about the surprise party on Friday.",
    "The archaeologist's notebook described ancient pottery, tools and weapons.",
    "Margaret and Jonathan drove from Boston to Philadelphia through the heavy snow.",
    "The influencer's livestream about cryptocurrency attracted thousands of viewers.",
    "Read the instructions carefully, or you will live with the consequences.",
)
"""Plain prose, contractions, possessives, names, words CMUdict lacks (``livestream``,
``cryptocurrency``: letter rules) and homographs it reads one way (``read``, ``live``)."""
VOICES = ("af_heart", "bf_emma")
WHISPER_RATE = 16_000


def normalise(text: str) -> str:
    """Lower case, words only: punctuation, apostrophes and extra spaces removed."""
    plain = re.sub(r"['’]", "", text.lower())
    return " ".join(re.sub(r"[^\w\s]", " ", plain).split())


def transcribe(whisper: WhisperModel, tts: Synthesizer, text: str, voice: str) -> str:
    audio = tts.synthesize(text, voice=voice).resample(WHISPER_RATE)
    segments, _ = whisper.transcribe(audio.samples, language="en", beam_size=5)
    return " ".join(s.text.strip() for s in segments)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--whisper",
        type=Path,
        help="Whisper CTranslate2 folder (default: the provisioned tiny.en)",
    )
    parser.add_argument("--verbose", action="store_true", help="print every transcript")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    store = AssetStore()
    model = KokoroModel.from_path(store.require_model())
    voices = VoiceBank.from_path(store.require_voices())
    folder = args.whisper or AssetStore().require_whisper("tiny.en")
    whisper = WhisperModel(str(folder), device="cpu", compute_type="int8")
    phonemizers: dict[str, Phonemizer] = {
        "espeak": EspeakPhonemizer(),
        "cmudict": CmudictPhonemizer(),
    }
    references = [normalise(s) for s in SENTENCES]

    results: dict[str, dict[str, float]] = {}
    started = time.perf_counter()
    for voice in VOICES:
        results[voice] = {}
        for name, phonemizer in phonemizers.items():
            tts = Synthesizer(model, voices, phonemizer)
            heard = [normalise(transcribe(whisper, tts, s, voice)) for s in SENTENCES]
            results[voice][name] = float(jiwer.wer(references, heard))
            if args.verbose:
                for ref, hyp in zip(references, heard, strict=True):
                    mark = " " if ref == hyp else "*"
                    print(f"{mark} {voice:9} {name:8} {hyp}")

    words = sum(len(r.split()) for r in references)
    print(f"word error rate over {len(SENTENCES)} sentences ({words} words), Whisper")
    print(f"{'voice':10} {'espeak':>8} {'cmudict':>8}")
    for voice, row in results.items():
        print(f"{voice:10} {row['espeak']:8.1%} {row['cmudict']:8.1%}")
    print(f"({time.perf_counter() - started:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
