"""English text normalisation: written text -> the words a careful narrator says.

Each category is one module with one ``expand_*(text, british)`` rule. The rules
run in a fixed order, most specific shape first, so that a later, looser rule
never sees what an earlier one owns:

1. `web` (URLs, e-mail and IP addresses: full of dots, digits and symbols)
2. `phones` (digit groups that must not become dates, ranges or cardinals)
3. `abbreviations` (``No. 5``, ``Dr.``, ``St.``, ``e.g.``)
4. `dates` (ISO, numeric and named; a year is read inside a date)
5. `ranges` (a dash between numbers -> "to"; year ranges; scores)
6. `symbols` (``#1``, ``&``, ``2+2=4``, ``~5``)
7. `times` (``3:30 pm``, ``14:05``, ``10am``)
8. `money` (``$2.50``, ``£4.20``, ``$2.5 million``)
9. `years`: decades (``1990s``, ``'90s``), before units read "s" as seconds
10. `units` (percentages and units after a number), then `years` in context
11. `versions` (``v1.2.3``, ``Python 3.11``)
12. ordinals (``21st``), then `fractions` (``1/2``, ``2 1/2``)
13. `roman` (``World War II``, ``Henry VIII``)
14. numbers (every remaining digit: cardinals, decimals, signs)
15. `initialisms` (``FBI`` -> "F B I"; NASA stays)

After the number rules no ASCII digit is left. `litetts.text.normalize` applies
the rules again until the text stops changing (a rule can uncover work for an
earlier one: "2e.g." -> "two e.g."), which makes it idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from litetts.text.english.abbreviations import expand_abbreviations
from litetts.text.english.dates import expand_dates
from litetts.text.english.fractions import expand_fractions
from litetts.text.english.initialisms import expand_initialisms
from litetts.text.english.money import expand_money
from litetts.text.english.numbers import expand_numbers, expand_ordinals
from litetts.text.english.phones import expand_phones
from litetts.text.english.ranges import expand_ranges
from litetts.text.english.roman import expand_roman
from litetts.text.english.symbols import expand_symbols
from litetts.text.english.times import expand_times
from litetts.text.english.units import expand_units
from litetts.text.english.versions import expand_versions
from litetts.text.english.web import expand_web
from litetts.text.english.years import expand_decades, expand_years

__all__ = ["RULES", "normalize_english"]

Rule = Callable[[str, bool], str]

RULES: Final[tuple[Rule, ...]] = (
    expand_web,
    expand_phones,
    expand_abbreviations,
    expand_dates,
    expand_ranges,
    expand_symbols,
    expand_times,
    expand_money,
    expand_decades,
    expand_units,
    expand_years,
    expand_versions,
    expand_ordinals,
    expand_fractions,
    expand_roman,
    expand_numbers,
    expand_initialisms,
)
"""The English rules, in the order they run."""


def normalize_english(text: str, british: bool = False) -> str:
    """Numbers, money, dates, symbols and abbreviations in `text` as spoken English words.

    Args:
        text: cleaned-up text (see `litetts.text.normalize`).
        british: British English (number "and", "metre", day-first dates).
    """
    for rule in RULES:
        text = rule(text, british)
    return text
