"""Written text -> speakable text -> model-sized chunks."""

from litetts.text.chunking import PAUSES, Chunk, chunk_text
from litetts.text.cleanup import normalize
from litetts.text.sentences import Sentence, split_sentences

__all__ = ["PAUSES", "Chunk", "Sentence", "chunk_text", "normalize", "split_sentences"]
