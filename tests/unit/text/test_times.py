"""Clock times: 12- and 24-hour, with and without minutes and a meridiem."""

from __future__ import annotations

import pytest

from litetts.text import normalize

CASES = [
    ("3:30 pm", "three thirty P M"),
    ("9.30 am", "nine thirty A- M"),
    ("at 9.30PM today", "at nine thirty P M today"),
    ("it costs 9.30 now", "it costs nine point three zero now"),
    ("3:30pm", "three thirty P M"),
    ("3:30 PM", "three thirty P M"),
    ("3:30 p.m. today", "three thirty P M today"),
    ("at 5 p.m.", "at five P M."),
    ("at 5 p.m. Then we left.", "at five P M. Then we left."),
    ("14:05", "fourteen oh five"),
    ("14:00", "fourteen hundred"),
    ("10am", "ten A- M"),
    ("10 am", "ten A- M"),
    ("10 a.m. sharp", "ten A- M sharp"),
    ("9:00", "nine o'clock"),
    ("9:00 am", "nine A- M"),
    ("12:00 PM", "twelve P M"),
    ("7:05", "seven oh five"),
    ("23:59", "twenty-three fifty-nine"),
    ("0:45", "zero forty-five"),
    ("6:30:15", "six thirty and fifteen seconds"),
    ("1:01 AM", "one oh one A- M"),
    ("John 3:16", "John three sixteen"),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_times_are_read_as_on_a_clock(written: str, spoken: str) -> None:
    assert spoken == normalize(written)
