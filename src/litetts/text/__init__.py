"""Written text -> speakable text -> model-sized chunks.

Inline control (``[pause:0.5s]``, ``[word](/IPA/)``) is parsed by `parse_markup`;
a `Lexicon` pins the pronunciation of dictionary words.
"""

from litetts.text.chunking import PAUSES, Chunk, chunk_text
from litetts.text.ipa import kokoro_phonemes
from litetts.text.lexicon import Entry, Lexicon
from litetts.text.markup import Override, Pause, Plain, Segment, parse_markup
from litetts.text.normalize import normalize
from litetts.text.sentences import Sentence, split_sentences

__all__ = [
    "PAUSES",
    "Chunk",
    "Entry",
    "Lexicon",
    "Override",
    "Pause",
    "Plain",
    "Segment",
    "Sentence",
    "chunk_text",
    "kokoro_phonemes",
    "normalize",
    "parse_markup",
    "split_sentences",
]
