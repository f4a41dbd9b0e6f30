"""Hypothesis strategies shared by the test suite (one module, as attrs does)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from litetts.cache import CacheKey
from litetts.config.fields import FieldInfo, schema_fields

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèüößñøçåÉÜ"
"""ASCII and some non-ASCII letters that words are made of."""

MAX_LETTERS = 7
OPENING_QUOTES = ('"', "'", "“")
CLOSING_MARKS = (".", ",", ";", ":", "!", "?")
CLOSING_QUOTES = ('"', "'", "”")
ABBREVIATIONS = ("Dr.", "Mr.", "e.g.", "etc.", "J.", "A.", "vs.")
MAX_WORD_CHARS = 1 + MAX_LETTERS + 2
"""The longest word `words()` draws: a quote, the letters, a mark and a quote."""

SEPARATORS = (" ",) * 10 + ("\n", "\n\n")
"""Gaps between words: mostly spaces, some line breaks and blank lines (paragraphs)."""


@st.composite
def words(draw: st.DrawFn) -> str:
    """One word: letters, perhaps quoted, perhaps ending in punctuation; or an abbreviation."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(ABBREVIATIONS))
    core = draw(st.text(LETTERS, min_size=1, max_size=MAX_LETTERS))
    opening = draw(st.sampled_from(("",) * 8 + OPENING_QUOTES))
    mark = draw(st.sampled_from(("",) * 4 + CLOSING_MARKS))
    closing = draw(st.sampled_from(("",) * 6 + CLOSING_QUOTES)) if mark else ""
    return opening + core + mark + closing


@st.composite
def prose(draw: st.DrawFn, max_words: int = 400) -> str:
    """Speakable text: `words()` separated by spaces, line breaks and blank lines."""
    first, *rest = draw(st.lists(words(), min_size=1, max_size=max_words))
    gaps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(rest), max_size=len(rest)))
    return first + "".join(gap + word for gap, word in zip(gaps, rest, strict=True))


TRICKY_CHARACTERS = (
    "e \t\n\r\x0b\x85\u00a0\u2028\u2029\u3000"  # letters to combine with, odd spaces
    "\u00ad\u200b\u200d\u2060\ufeff\u0301\u0308"  # invisible characters, combining marks
)
"""Whitespace, invisible characters and combining marks: what clean-up must handle."""

any_text = st.text(
    st.one_of(st.characters(codec=None, categories=None), st.sampled_from(TRICKY_CHARACTERS))
)
"""Any string, lone surrogates and control characters included, rich in tricky ones."""

voice_names = st.builds(
    "{}_{}".format,
    st.text("abefhijpz", min_size=1, max_size=2),
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8),
)
"""Voice-id-shaped names (lower case, so parsing keeps them as they are)."""

blend_weights = st.floats(min_value=1e-150, max_value=1e150)
"""Blend weights from tiny to huge, but never so far apart that a ratio underflows."""


def _spell(weight: float) -> str:
    # "1e+16" would read as two blend parts; "1e16" is the same number.
    return repr(weight).replace("e+", "e")


blend_specs = st.lists(st.tuples(voice_names, blend_weights), min_size=1, max_size=16).map(
    lambda parts: "+".join(f"{name}({_spell(weight)})" for name, weight in parts)
)
"""Voice specs such as ``af_bella(2.0)+af_sky(0.5)``: 1 to 16 parts, names may repeat."""


# -- settings ---------------------------------------------------------------------------


def _valid_value(info: FieldInfo) -> st.SearchStrategy[object]:
    """JSON-ready values the schema accepts for `info`'s key."""
    rule = info.constraints
    strategy: st.SearchStrategy[object]
    if rule.choices is not None:
        strategy = st.sampled_from(rule.choices)
    elif info.base is bool:
        strategy = st.booleans()
    elif info.base is int:
        low = rule.ge if rule.ge is not None else (rule.gt + 1 if rule.gt is not None else -(2**40))
        high = rule.le if rule.le is not None else 2**40
        strategy = st.integers(int(low), int(high))
    elif info.base is float:
        low = rule.ge if rule.ge is not None else rule.gt
        high = rule.le if rule.le is not None else 1e9
        strategy = st.floats(
            low, high, exclude_min=rule.gt is not None, allow_nan=False, allow_infinity=False
        )
    elif info.base is str:
        strategy = st.text(min_size=rule.min_len or 0, max_size=20)
    elif info.base is Path:
        strategy = st.text(PATH_CHARACTERS, min_size=1, max_size=20).filter(_unpadded)
    else:
        strategy = st.lists(st.text(max_size=10), max_size=4)
    return st.one_of(st.none(), strategy) if info.optional else strategy


PATH_CHARACTERS = "abcxyz/._- é"
"""Characters of drawn paths (no ``~``: it would be expanded)."""


def _unpadded(text: str) -> bool:
    return text == text.strip()


@st.composite
def settings_dicts(draw: st.DrawFn) -> dict[str, dict[str, object]]:
    """A valid settings.json document: some keys of some sections, each value valid."""
    document: dict[str, dict[str, object]] = {}
    for info in schema_fields().values():
        if draw(st.booleans()):
            document.setdefault(info.section, {})[info.name] = draw(_valid_value(info))
    return document


def _invalid_value(info: FieldInfo) -> st.SearchStrategy[object]:
    """JSON-ready values the schema rejects for `info`'s key: wrong type or out of range."""
    rule = info.constraints
    wrong_type: dict[type, st.SearchStrategy[object]] = {
        bool: st.one_of(st.integers(), st.text(max_size=5)),
        int: st.one_of(st.booleans(), st.text(max_size=5), st.floats(allow_nan=False)),
        float: st.one_of(st.booleans(), st.text(max_size=5), st.lists(st.integers(), max_size=2)),
        str: st.one_of(st.booleans(), st.integers(), st.lists(st.text(max_size=3), max_size=2)),
        Path: st.one_of(st.booleans(), st.integers(), st.lists(st.text(max_size=3), max_size=2)),
        tuple: st.one_of(st.integers(), st.text(max_size=5), st.lists(st.integers(), min_size=1)),
    }
    bad = [wrong_type[info.base]]
    if not info.optional:
        bad.append(st.none())
    if rule.ge is not None:
        bad.append(
            st.integers(max_value=int(rule.ge) - 1)
            if info.base is int
            else st.floats(max_value=rule.ge, exclude_max=True, allow_nan=False)
        )
    if rule.gt is not None:
        bad.append(st.floats(max_value=rule.gt, allow_nan=False))
    if rule.le is not None:
        bad.append(
            st.integers(min_value=int(rule.le) + 1)
            if info.base is int
            else st.floats(min_value=rule.le, exclude_min=True, allow_nan=False)
        )
    if rule.choices is not None:
        bad.append(st.text(max_size=8).filter(lambda text: text not in rule.choices))
    if rule.min_len:
        bad.append(st.just(""))
    return st.one_of(bad)


@st.composite
def invalid_settings(draw: st.DrawFn) -> tuple[str, dict[str, dict[str, object]]]:
    """A valid document with one key set to an invalid value; returns (key, document)."""
    document = draw(settings_dicts())
    info = draw(st.sampled_from(list(schema_fields().values())))
    document.setdefault(info.section, {})[info.name] = draw(_invalid_value(info))
    return info.key, document


@st.composite
def cache_keys(draw: st.DrawFn) -> CacheKey:
    """A `CacheKey` with small, often-colliding field values (so that hits happen)."""
    return CacheKey(
        text=draw(st.sampled_from(("hello", "hello.", "bye", "a b"))),
        voice=draw(st.sampled_from(("af_heart", "af_bella", "af_bella(0.5)+af_sarah(0.5)"))),
        speed=draw(st.sampled_from((0.5, 1.0, 1.25))),
        lang=draw(st.sampled_from(("en-us", "en-gb"))),
        model=draw(st.sampled_from(("m1", "m2"))),
        voice_data=draw(st.sampled_from(("v1", "v2"))),
        settings=draw(st.sampled_from(("lead=20", "lead=150"))),
        format=draw(st.sampled_from((None, "wav", "mp3"))),
    )


CJK_PIECES = (
    "今日は",
    "東京",
    "ちょっと",
    "コンピューター",
    "ン",
    "ッ",
    "ー",
    "你好",
    "一个",
    "不是",
    "嗯",
    "儿",
    "呣",
    "。",
    "、",
    "，",
    "！",
    "？",
    "「",
    "」",
    "《",
    "》",
    "（",
    "）",
    "～",
    "・",
    "3:30",
    "2024/3/15",
    "¥1,500",
    "50%",
    "-5",
    "1/3",
    "3-5",
    "０９",
    "iPhone",
    " ",
    "\n",
)
"""Kana, kanji, hanzi, full-width punctuation and number formats that Japanese and
Mandarin text is made of."""

cjk_text = st.one_of(
    st.lists(st.sampled_from(CJK_PIECES), max_size=12).map("".join),
    st.text(max_size=40),
    st.text(
        alphabet=st.characters(
            min_codepoint=0x3000, max_codepoint=0x9FFF, exclude_categories=("Cs",)
        ),
        max_size=20,
    ),
)
"""Japanese- or Mandarin-like text, and any text at all."""
