"""Hindi numbers, money, dates and times read as Devanagari words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litetts.text import normalize
from litetts.text.hindi import hindi_number


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("0", "शून्य"),
        ("7", "सात"),
        ("21", "इक्कीस"),
        ("99", "निन्यानबे"),
        ("100", "एक सौ"),
        ("105", "एक सौ पाँच"),
        ("1500", "एक हज़ार पाँच सौ"),
        ("1,50,000", "एक लाख पचास हज़ार"),
        ("150,000", "एक लाख पचास हज़ार"),
        ("10000000", "एक करोड़"),
        ("3.5", "तीन दशमलव पाँच"),
        ("3.05", "तीन दशमलव शून्य पाँच"),
    ],
)
def test_hindi_numbers(written: str, spoken: str) -> None:
    assert spoken == hindi_number(written)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("मेरे पास 21 किताबें हैं।", "मेरे पास इक्कीस किताबें हैं।"),
        ("कीमत ₹1,500 है।", "कीमत एक हज़ार पाँच सौ रुपये है।"),
        ("कीमत Rs. 250.50 है।", "कीमत दो सौ पचास रुपये पचास पैसे है।"),
        ("उसने $5 दिए।", "उसने पाँच डॉलर दिए।"),
        ("50% छूट।", "पचास प्रतिशत छूट।"),
        ("15/08/1947 को।", "पंद्रह अगस्त उन्नीस सौ सैंतालीस को।"),
        ("26 जनवरी 2024 को।", "छब्बीस जनवरी दो हज़ार चौबीस को।"),
        ("मैं 1999 में आया।", "मैं उन्नीस सौ निन्यानबे में आया।"),
        ("सन् 1857 की क्रांति।", "सन् अठारह सौ सत्तावन की क्रांति।"),
        ("14:30 बजे मिलो।", "चौदह बजकर तीस मिनट मिलो।"),
        ("9:00 बजे।", "नौ बजे।"),
        ("तापमान -3 डिग्री।", "तापमान माइनस तीन डिग्री।"),
        ("१२३ लोग।", "एक सौ तेईस लोग।"),
    ],
)
def test_hindi_sentences(written: str, spoken: str) -> None:
    assert spoken == normalize(written, "hi")


@settings(max_examples=300)
@given(value=st.integers(-(10**20), 10**20))
def test_any_integer_reads_without_digits(value: int) -> None:
    spoken = normalize(f"संख्या {value} है।", "hi")

    assert re.search(r"\d", spoken) is None, spoken


@settings(max_examples=300)
@given(pieces=st.lists(st.text("0123456789.,:/-% ₹$€£०५", max_size=12), max_size=6))
def test_number_soup_leaves_no_digit_and_is_idempotent(pieces: list[str]) -> None:
    once = normalize(" और ".join(pieces), "hi")

    assert re.search(r"\d", once) is None, once
    assert once == normalize(once, "hi")
