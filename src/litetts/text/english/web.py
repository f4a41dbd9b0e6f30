"""Web addresses, e-mail addresses and IP addresses, read symbol by symbol.

``https://www.example.com/docs`` -> "W W W dot example dot com slash docs" (the
scheme is not read), ``jane.doe@example.org`` -> "jane dot doe at example dot
org", ``192.168.1.1`` -> "one nine two dot one six eight dot one dot one".
Digits are read one by one; a full stop that ends the sentence stays outside.
"""

from __future__ import annotations

import re
from typing import Final

from litetts.text.english.initialisms import spell
from litetts.text.english.numbers import digits, has_digit, pad

__all__ = ["expand_web", "say_address"]

_TLDS: Final = (
    "com|org|net|edu|gov|io|ai|dev|app|info|biz|co|uk|us|ca|de|fr|eu|au|nz|in|me|tv|ly|xyz"
)
_SAID: Final = {
    ".": " dot ",
    "/": " slash ",
    "@": " at ",
    "-": " dash ",
    "_": " underscore ",
    ":": " colon ",
    "?": " question mark ",
    "=": " equals ",
    "&": " and ",
    "#": " hash ",
    "%": " percent ",
    "+": " plus ",
    "~": " tilde ",
}
_URL: Final = re.compile(
    r"(?<![\w@/])(?:(?:https?|ftp)://|www\.)[^\s<>\"'“”‘’()\[\]{}]+?(?=[.,;:!?]*(?:\s|$|[\"'“”‘’()\[\]{}<>]))"
)
_EMAIL: Final = re.compile(
    r"(?<![\w.@+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w@]|\.[A-Za-z0-9])"
)
_DOMAIN: Final = re.compile(
    r"(?<![\w@/.])(?:[A-Za-z0-9-]+\.)+(?:" + _TLDS + r")(?:/[^\s<>\"'“”()]*?)?"
    r"(?=[.,;:!?]*(?:\s|$|[\"'“”‘’()\[\]{}<>]))"
)
_IP: Final = re.compile(r"(?<![\w.])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![\w]|\.[0-9])")
_PIECE: Final = re.compile(r"[0-9]+|[^\W\d_]+|.", re.S)
_SCHEME: Final = re.compile(r"^(?:https?|ftp)://", re.I)


def say_address(address: str) -> str:
    """Words for a URL, e-mail or IP address: symbols named, digits one by one."""
    address = _SCHEME.sub("", address)
    spoken: list[str] = []
    if address.lower().startswith("www."):
        spoken.append(spell("WWW") + " dot")
        address = address[4:]
    for piece in _PIECE.findall(address.rstrip("/")):
        if piece.isascii() and piece.isdigit():
            spoken.append(digits(piece))
        elif piece in _SAID:
            spoken.append(_SAID[piece].strip())
        elif not piece.isspace():
            spoken.append(piece)
    return " ".join(spoken)


def expand_web(text: str, british: bool = False) -> str:
    """Every URL, e-mail address, bare domain (``example.com``) and IPv4 address as words."""
    del british

    def spoken(match: re.Match[str]) -> str:
        return pad(say_address(match[0]), match.string, match.start(), match.end())

    if "://" in text or "www." in text:
        text = _URL.sub(spoken, text)
    if "@" in text:
        text = _EMAIL.sub(spoken, text)
    if "." in text:
        text = _DOMAIN.sub(spoken, text)
    if has_digit(text):
        text = _IP.sub(spoken, text)
    return text
