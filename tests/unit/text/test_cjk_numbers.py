"""Japanese and Mandarin number formats become words their G2P reads right."""

from __future__ import annotations

import pytest

from litetts.text import normalize
from litetts.text.chinese import chinese_number


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("1500", "一千五百"),
        ("10", "十"),
        ("15", "十五"),
        ("101", "一百零一"),
        ("110", "一百一十"),
        ("1001", "一千零一"),
        ("100200", "十万零二百"),
        ("1000000", "一百万"),
        ("100010000", "一亿零一万"),
        ("3.14", "三点一四"),
        ("0.5", "零点五"),
    ],
)
def test_chinese_numerals(written: str, spoken: str) -> None:
    assert spoken == chinese_number(written)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("2024年3月15日", "二零二四年三月十五日"),
        ("2024-03-15", "二零二四年三月十五日"),
        ("下午3:30", "下午三点三十分"),
        ("2:05", "两点零五分"),
        ("¥25.80", "二十五点八零元"),
        ("$20", "二十美元"),
        ("涨了50%", "涨了百分之五十"),
        ("1/3的人", "三分之一的人"),
        ("我有2个", "我有两个"),
        ("12个", "十二个"),
        ("电话13812345678", "电话一三八 一二三四 五六七八"),
        ("12345678901234", "一二三四五六七八九零一二三四"),
        ("编号007", "编号零零七"),
        ("温度是-3.5度", "温度是负三点五度"),
        ("3-5个", "三到五个"),
        ("1,234,567元", "一百二十三万四千五百六十七元"),
        ("１２３", "一百二十三"),
    ],
)
def test_mandarin_number_formats(written: str, spoken: str) -> None:
    assert spoken == normalize(written, "zh")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("3:30に", "3時30分に"),
        ("10:00", "10時"),
        ("2024/3/15", "2024年3月15日"),
        ("¥1,500", "1500円"),
        ("$20", "20ドル"),
        ("気温は-5度", "気温はマイナス5度"),
        ("1/3", "3分の1"),
        ("3〜5人", "3から5人"),
        ("3本", "3本"),
    ],
)
def test_japanese_number_formats(written: str, spoken: str) -> None:
    assert spoken == normalize(written, "ja")
