"""`litetts.tokenizer.Tokenizer`: text -> phonemes -> ids, the one way litetts tokenizes."""

from __future__ import annotations

from tests.fakes import LetterPhonemizer

from litetts.g2p import AutoPhonemizer
from litetts.kokoro import Vocabulary
from litetts.text.markup import Override, Passage
from litetts.tokenizer import Tokenizer


def test_encode_is_phonemize_then_filter_then_ids() -> None:
    vocabulary = Vocabulary.default()
    tokenizer = Tokenizer(LetterPhonemizer(), vocabulary)

    assert vocabulary.encode("hi there.") == tokenizer.encode("Hi there.", "en-us")


def test_symbols_outside_the_vocabulary_never_reach_the_ids() -> None:
    class Odd:
        def phonemize(self, text: str, lang: str) -> str:
            return "h#i§"

    assert "hi" == Tokenizer(Odd()).phonemes("anything", "en-us")


def test_a_passage_phonemizes_each_distinct_piece_once() -> None:
    phonemizer = LetterPhonemizer()
    phonemize = Tokenizer(phonemizer).for_passage(Passage("One two. Three."), "en-us")

    first = phonemize("One two.")
    again = phonemize("One two.")
    phonemize("Three.")

    assert (first, ["One two.", "Three."]) == (again, [text for text, _ in phonemizer.calls])


def test_pinned_words_keep_their_stored_phonemes() -> None:
    passage = Passage("say \ue000\ue010\ue001 twice", (Override("tomato", "təmˈɑːtQ"),))

    phonemes = Tokenizer(LetterPhonemizer()).for_passage(passage, "en-gb")(passage.text)

    assert "say təmˈɑːtQ twice" == phonemes


def test_the_backend_is_the_phonemizer_class_unless_it_names_one() -> None:
    class Failing:
        def __call__(self) -> LetterPhonemizer:
            from litetts.errors import PhonemizerError

            raise PhonemizerError("no espeak here")

    assert ("LetterPhonemizer", "cmudict") == (
        Tokenizer(LetterPhonemizer()).backend,
        Tokenizer(AutoPhonemizer(espeak_factory=Failing())).backend,
    )
