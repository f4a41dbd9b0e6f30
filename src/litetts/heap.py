"""Hand memory that the C heap holds free back to the operating system.

glibc keeps freed memory for reuse and returns it only from the top of the heap, so
a large temporary that something long-lived was allocated after stays resident.
Loading the model is the case that matters: ONNX Runtime parses the 99 MB model and
frees the parse, and whether those pages go back depended on allocation order (225
or 249 MB resident after loading, run to run); ``malloc_trim(0)`` after loading gives
188 MB every time. Elsewhere (macOS, Windows, musl) there is nothing to call.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
from collections.abc import Callable

__all__ = ["malloc_trim", "release_free_heap"]


@functools.cache
def malloc_trim() -> Callable[[], object] | None:
    """glibc's ``malloc_trim(0)`` as a function, or None where the C library has none."""
    name = ctypes.util.find_library("c")
    if name is None or "libc.so" not in name:
        return None
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int

    def release() -> object:
        return trim(0)

    return release


def release_free_heap() -> bool:
    """Return the heap's free pages to the system; False where that is not possible."""
    release = malloc_trim()
    if release is None:
        return False
    release()
    return True
