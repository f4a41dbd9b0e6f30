"""Kokoro's phoneme vocabulary: 114 symbols, each one token id.

The table is Kokoro v1.0's (shipped as ``litetts/data/vocab.json``, see NOTICE).
Symbols outside it are dropped with a debug log, so an odd character from a
phonemizer never reaches the model.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType

from litetts.model_options import MAX_TOKENS

__all__ = ["MAX_TOKENS", "Vocabulary"]

logger = logging.getLogger(__name__)


class Vocabulary:
    """Maps phoneme symbols to Kokoro token ids."""

    def __init__(self, table: Mapping[str, int]) -> None:
        self.table: Mapping[str, int] = MappingProxyType(dict(table))

    @classmethod
    @cache
    def default(cls) -> Vocabulary:
        """Kokoro v1.0's vocabulary, from package data."""
        raw = resources.files("litetts.data").joinpath("vocab.json").read_text(encoding="utf-8")
        return cls(json.loads(raw)["vocab"])

    def __len__(self) -> int:
        return len(self.table)

    def __contains__(self, symbol: object) -> bool:
        return symbol in self.table

    def filter(self, phonemes: str) -> str:
        """`phonemes` without the symbols the model does not know."""
        kept = "".join(p for p in phonemes if p in self.table)
        if len(kept) != len(phonemes):
            dropped = sorted({p for p in phonemes if p not in self.table})
            logger.debug("dropped phonemes outside the vocabulary: %s", dropped)
        return kept

    def encode(self, phonemes: str) -> list[int]:
        """Token ids for `phonemes`, unknown symbols dropped (no pads added)."""
        table = self.table
        return [table[p] for p in phonemes if p in table]
