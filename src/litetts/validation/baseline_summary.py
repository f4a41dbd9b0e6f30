"""Per-voice means of a baseline, and the Markdown table `litetts baseline` writes."""

from __future__ import annotations

from collections.abc import Sequence

from attrs import frozen

from litetts.validation.baseline_records import BaselineEntry

__all__ = ["VoiceSummary", "summarize", "summary_markdown"]


@frozen
class VoiceSummary:
    """One voice's figures in a baseline, averaged over its clips."""

    voice: str
    language: str
    clips: int
    passed: int
    """Clips that passed the language's absolute thresholds."""
    wer: float
    cer: float
    phonetic_similarity: float
    confidence: float


def summarize(entries: Sequence[BaselineEntry]) -> list[VoiceSummary]:
    """Per-voice means of `entries`, in recording order."""
    rows = []
    for voice in dict.fromkeys(entry.voice for entry in entries):
        mine = [entry for entry in entries if entry.voice == voice]
        count = len(mine)
        rows.append(
            VoiceSummary(
                voice=voice,
                language=mine[0].language,
                clips=count,
                passed=sum(entry.passed for entry in mine),
                wer=sum(entry.wer for entry in mine) / count,
                cer=sum(entry.cer for entry in mine) / count,
                phonetic_similarity=sum(entry.phonetic_similarity for entry in mine) / count,
                confidence=sum(entry.confidence for entry in mine) / count,
            )
        )
    return rows


def summary_markdown(entries: Sequence[BaselineEntry]) -> str:
    """`summarize` as a Markdown table, with the language means below it."""
    lines = [
        "| voice | language | clips | passed | WER | CER | phonetic similarity |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = summarize(entries)
    lines += [
        f"| {row.voice} | {row.language} | {row.clips} | {row.passed} | {row.wer:.1%} "
        f"| {row.cer:.1%} | {row.phonetic_similarity:.3f} |"
        for row in rows
    ]
    lines += ["", "| language | voices | mean WER | mean CER |", "| --- | ---: | ---: | ---: |"]
    for lang in dict.fromkeys(row.language for row in rows):
        mine = [entry for entry in entries if entry.language == lang]
        voices = len({entry.voice for entry in mine})
        wer = sum(entry.wer for entry in mine) / len(mine)
        cer = sum(entry.cer for entry in mine) / len(mine)
        lines.append(f"| {lang} | {voices} | {wer:.1%} | {cer:.1%} |")
    return "\n".join(lines) + "\n"
