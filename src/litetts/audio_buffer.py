"""Collect a long rendition's audio in one growing array instead of a list of pieces.

Joining a list of pieces at the end holds the audio twice (the pieces and the joined
copy), and wrapping the result in `Audio` made it three times: 180 MB at the peak for
the 10 minutes of a 2,000-word text. `AudioBuffer` copies each piece into one array
as it arrives, so the piece can be freed at once, and grows that array with
`numpy.ndarray.resize`, which is ``realloc``: past glibc's mmap threshold that is
``mremap``, which moves no samples and never holds two copies. The finished array is
handed to `Audio` without another copy.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from litetts.audio import SAMPLE_RATE, Audio
from litetts.errors import InvalidInputError
from litetts.words import Word, merge_words, shift_words

__all__ = ["AudioBuffer"]

_MIN_GROWTH: Final = 1 << 20
"""Samples added at least per growth: 44 s at 24 kHz, 4 MiB."""
_GROWTH_FRACTION: Final = 16
"""Grow by 1/16 of the size (at least `_MIN_GROWTH`): ``resize`` zero-fills the new
room, so spare room is resident memory; with mremap a growth costs no copy."""


class AudioBuffer:
    """Audio appended piece by piece, taken out once as one `Audio`.

    Examples:
        >>> buffer = AudioBuffer()
        >>> buffer.append(Audio.silence(0.5))
        >>> buffer.append(Audio.silence(0.25))
        >>> buffer.to_audio().duration
        0.75
    """

    def __init__(self, sample_rate: int = SAMPLE_RATE) -> None:
        self.sample_rate = sample_rate
        self._data: npt.NDArray[np.float32] | None = np.empty(0, dtype=np.float32)
        self._size = 0
        self._words: list[Word] = []

    def __len__(self) -> int:
        return self._size

    @property
    def nbytes(self) -> int:
        """Bytes of audio held (not counting spare room)."""
        return self._size * np.dtype(np.float32).itemsize

    def append(self, piece: Audio) -> None:
        """Copy `piece` onto the end; its words move to where it lands (see
        `Audio.concatenate`).

        Raises:
            InvalidInputError: `piece` has another sample rate.
            RuntimeError: `to_audio` has already taken the audio out.
        """
        if piece.sample_rate != self.sample_rate:
            raise InvalidInputError(
                f"cannot append audio at {piece.sample_rate} Hz to a {self.sample_rate} Hz"
                " buffer; resample it first",
                field="piece",
            )
        data = self._taken_check()
        end = self._size + len(piece)
        if end > len(data):
            grown = max(end, len(data) + max(_MIN_GROWTH, len(data) // _GROWTH_FRACTION))
            # No view of the array exists between calls, so it may move.
            data.resize(grown, refcheck=False)
        data[self._size : end] = piece.samples
        self._words.extend(shift_words(piece.words, self._size / self.sample_rate - piece.offset))
        self._size = end

    def to_audio(self) -> Audio:
        """All the audio appended, as one `Audio`; the buffer is empty and spent after.

        Raises:
            RuntimeError: called a second time.
        """
        data = self._taken_check()
        self._data = None
        data.resize(self._size, refcheck=False)  # gives the spare room back
        return Audio._adopt(data, self.sample_rate, words=merge_words(self._words))

    def _taken_check(self) -> npt.NDArray[np.float32]:
        if self._data is None:
            raise RuntimeError("the audio was already taken out of this buffer")
        return self._data
