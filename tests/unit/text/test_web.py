"""URLs, e-mail addresses, bare domains and IP addresses."""

from __future__ import annotations

import pytest

from litetts.text import normalize

CASES = [
    ("https://www.example.com", "W W W dot example dot com"),
    ("Visit https://example.com/docs.", "Visit example dot com slash docs."),
    ("http://example.org/a/b", "example dot org slash a slash b"),
    ("www.python.org", "W W W dot python dot org"),
    ("example.com", "example dot com"),
    ("Go to github.com/user/repo now", "Go to github dot com slash user slash repo now"),
    ("jane.doe@example.org", "jane dot doe at example dot org"),
    (
        "Email me at bob_smith@mail.co.uk.",
        "Email me at bob underscore smith at mail dot co dot uk.",
    ),
    ("info@example.com", "info at example dot com"),
    ("x@y.io", "x at y dot io"),
    ("192.168.1.1", "one nine two dot one six eight dot one dot one"),
    (
        "https://example.com/page?id=42",
        "example dot com slash page question mark id equals four two",
    ),
    ("ftp://files.example.net/pub", "files dot example dot net slash pub"),
    ("see docs.python.org/3/ for more", "see docs dot python dot org slash three for more"),
    ("https://en.wikipedia.org/wiki/Kokoro", "en dot wikipedia dot org slash wiki slash Kokoro"),
    ("my-site.dev", "my dash site dot dev"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_addresses_are_read_symbol_by_symbol(written: str, spoken: str) -> None:
    assert spoken == normalize(written)


@pytest.mark.parametrize("text", ["e.g. this", "the end.Then", "U.S. army", "a.m. or p.m."])
def test_abbreviations_with_dots_are_not_domains(text: str) -> None:
    assert "dot" not in normalize(text)
