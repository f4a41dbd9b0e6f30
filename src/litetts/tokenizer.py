"""The tokenizer: speakable text -> phonemes -> token ids.

One named step shared by synthesis, warm-up and model calibration, so the three can
never tokenize differently. The phonemizer gives Kokoro symbols; the vocabulary
drops any it does not know and maps the rest to ids. Within a passage, words pinned
by markup or the dictionary keep their stored phonemes, and each distinct piece of
text is phonemized once (the chunker measures sentences and their halves in phoneme
tokens, and asks for the same text again when it cuts there).
"""

from __future__ import annotations

from collections.abc import Callable

from litetts.g2p.base import Phonemizer, backend_name
from litetts.g2p.onset import stress_lone_onsets
from litetts.kokoro.vocabulary import Vocabulary
from litetts.text.markup import Passage

__all__ = ["Tokenizer"]

Phonemize = Callable[[str], str]


class Tokenizer:
    """Text to Kokoro token ids through a phonemizer and the model's vocabulary.

    Args:
        phonemizer: speakable text -> phonemes in Kokoro's symbols.
        vocabulary: symbols -> token ids; default Kokoro v1.0's.
    """

    def __init__(self, phonemizer: Phonemizer, vocabulary: Vocabulary | None = None) -> None:
        self.phonemizer = phonemizer
        self.vocabulary = vocabulary if vocabulary is not None else Vocabulary.default()

    @property
    def backend(self) -> str:
        """The phonemizer backend speaking now (part of every cache key)."""
        return backend_name(self.phonemizer)

    def phonemes(self, text: str, lang: str) -> str:
        """The phonemes of `text` in `lang`, keeping only symbols the model knows, with
        a lone vowel that opens a sentence stressed so that it is heard
        (`litetts.g2p.onset`)."""
        return stress_lone_onsets(self.vocabulary.filter(self.phonemizer.phonemize(text, lang)))

    def ids(self, phonemes: str) -> list[int]:
        """Token ids of `phonemes` (one per symbol; no pads)."""
        return self.vocabulary.encode(phonemes)

    def encode(self, text: str, lang: str) -> list[int]:
        """Token ids of `text` in `lang`."""
        return self.ids(self.phonemes(text, lang))

    def for_passage(
        self, passage: Passage, lang: str, known: dict[str, str] | None = None
    ) -> Phonemize:
        """Phonemes for `passage`'s text and pieces of it, pinned words as stored.

        The function remembers what it returned, so each distinct piece is phonemized
        once; use one per request. `known` holds what was remembered, to share it
        between passages of one request (in one language) and passes over them.
        """
        known = {} if known is None else known

        def phonemes(text: str) -> str:
            found = known.get(text)
            if found is None:
                found = known[text] = self.phonemes(text, lang)
            return found

        return passage.phonemizer(phonemes)
