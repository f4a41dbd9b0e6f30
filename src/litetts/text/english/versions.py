"""Version numbers: ``v1.2.3`` -> "version one point two point three", ``Python 3.11`` ->
"Python three point eleven".

Each part is a whole number ("eleven", not "one one"); a zero part after the
first reads "oh" ("two point oh"). Three or more dotted parts are always a
version; two parts only after ``v`` or a product or word that takes a version
("Python", "iOS", "version"), since ``3.11`` alone is a decimal.
"""

from __future__ import annotations

import re
from typing import Final

from litetts.text.english.numbers import cardinal, digits, has_digit, pad

__all__ = ["PRODUCTS", "expand_versions", "say_version"]

PRODUCTS: Final = (
    "Python Java Ruby Node Node.js Perl PHP Rust Go Swift Kotlin Scala Ubuntu Debian Fedora"
    " Android iOS iPadOS macOS Windows Firefox Chrome Safari Linux kernel Django Rails React"
    " Angular Vue TypeScript Kubernetes Docker Bluetooth HTTP USB Wi-Fi PostgreSQL MySQL"
    " Excel Office Photoshop version Version release Release update Update"
).split()
"""Words after which a two-part number is a version."""

_PART: Final = r"[0-9]{1,6}"
_PREFIXED: Final = re.compile(
    r"(?<![\w.])(?P<v>v|ver\.|Ver\.)\s?(?P<version>" + _PART + r"(?:\.[0-9A-Za-z]{1,6})*)"
    r"(?![\w]|\.[0-9])"
)
_AFTER_PRODUCT: Final = re.compile(
    r"(?<![\w.])(?P<product>"
    + "|".join(re.escape(p) for p in sorted(PRODUCTS, key=len)[::-1])
    + r")(?P<gap>\s+)(?P<version>"
    + _PART
    + r"(?:\."
    + _PART
    + r")+)(?![\w]|\.[0-9])"
)
_DOTTED: Final = re.compile(
    r"(?<![\w.,])(?P<version>" + _PART + r"(?:\." + _PART + r"){2,})(?![\w]|\.[0-9])"
)


def say_version(version: str) -> str:
    """``"3.11"`` -> "three point eleven", ``"2.0"`` -> "two point oh"."""
    spoken = []
    for index, part in enumerate(version.split(".")):
        if not part.isdigit():
            spoken.append(part)
        elif part == "0" and index:
            spoken.append("oh")
        elif len(part) > 1 and part.startswith("0"):
            spoken.append(digits(part, zero="oh"))
        else:
            spoken.append(cardinal(int(part)))
    return " point ".join(spoken)


def expand_versions(text: str, british: bool = False) -> str:
    """``v1.2.3``, ``Python 3.11`` and ``1.2.3`` as spoken versions."""
    del british

    def prefixed(match: re.Match[str]) -> str:
        words = "version " + say_version(match["version"])
        return pad(words, match.string, match.start(), match.end())

    def after_product(match: re.Match[str]) -> str:
        return match["product"] + match["gap"] + say_version(match["version"])

    def dotted(match: re.Match[str]) -> str:
        return pad(say_version(match["version"]), match.string, match.start(), match.end())

    if not has_digit(text):
        return text
    text = _PREFIXED.sub(prefixed, text)
    text = _AFTER_PRODUCT.sub(after_product, text)
    return _DOTTED.sub(dotted, text)
