"""The words Spanish, French, Italian and Portuguese numbers are read with.

One `RomanceWords` per language: what `num2words` is asked for, and the words around
a number that it does not know (the decimal comma, "per cent", months, currencies,
clock times, the first day of a month). `litetts.text.romance` reads numbers with them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from attrs import frozen

__all__ = ["ROMANCE", "Currency", "RomanceWords"]


@frozen
class Currency:
    """A currency's words in one language: the unit and the hundredth, each singular and
    plural, and whether the unit is feminine (``una libra``, ``une livre``)."""

    one: str
    many: str
    cent: str
    cents: str
    feminine: bool = False


@frozen
class RomanceWords:
    """How one Romance language reads the parts of a written number."""

    num2words: str
    """The `num2words` language code."""
    comma: str
    """The decimal comma: ``3,5`` -> "tres coma cinco"."""
    point: str
    """A decimal point, as some writers use: ``3.5`` -> "tres punto cinco"."""
    minus: str
    percent: str
    degrees: tuple[str, str]
    """One degree, several degrees."""
    months: tuple[str, ...]
    date: str
    """Day, month and year: a format with ``{d}``, ``{m}`` and ``{y}``."""
    first_day: str
    """The first of a month, when it is not "one" (French ``premier``)."""
    and_cents: str
    """Joins units and cents: ``tres euros con cincuenta céntimos``."""
    currencies: Mapping[str, Currency]
    """Keyed by ``euro``, ``dollar``, ``pound``, ``real``, ``rupee``."""
    hours: tuple[str, str]
    """One hour, several hours (French ``une heure``, ``deux heures``)."""
    time: str
    """A clock time with minutes: a format with ``{h}`` and ``{m}``."""
    full_hour: str
    """A clock time on the hour: a format with ``{h}`` (and ``{hours}``, the hour word)."""
    of_millions: str
    """Between ``millón``/``millions`` and the noun it counts (``de``, ``di``)."""


_MONTHS_ES: Final = (
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
)
_MONTHS_FR: Final = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
)
_MONTHS_IT: Final = (
    "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre"
)
_MONTHS_PT: Final = (
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro"
)


def _currencies(**table: tuple[str, str, str, str, bool]) -> Mapping[str, Currency]:
    return MappingProxyType({key: Currency(*words) for key, words in table.items()})


ROMANCE: Final[Mapping[str, RomanceWords]] = MappingProxyType(
    {
        "es": RomanceWords(
            num2words="es",
            comma="coma",
            point="punto",
            minus="menos",
            percent="por ciento",
            degrees=("grado", "grados"),
            months=tuple(_MONTHS_ES.split()),
            date="{d} de {m} de {y}",
            first_day="uno",
            and_cents="con",
            currencies=_currencies(
                euro=("euro", "euros", "céntimo", "céntimos", False),
                dollar=("dólar", "dólares", "centavo", "centavos", False),
                pound=("libra", "libras", "penique", "peniques", True),
                real=("real", "reales", "centavo", "centavos", False),
                rupee=("rupia", "rupias", "paisa", "paisas", True),
            ),
            hours=("hora", "horas"),
            time="{h} y {m}",
            full_hour="{h} {hours}",
            of_millions="de",
        ),
        "fr-fr": RomanceWords(
            num2words="fr",
            comma="virgule",
            point="point",
            minus="moins",
            percent="pour cent",
            degrees=("degré", "degrés"),
            months=tuple(_MONTHS_FR.split()),
            date="{d} {m} {y}",
            first_day="premier",
            and_cents="et",
            currencies=_currencies(
                euro=("euro", "euros", "centime", "centimes", False),
                dollar=("dollar", "dollars", "cent", "cents", False),
                pound=("livre", "livres", "penny", "pence", True),
                real=("réal", "réais", "centavo", "centavos", False),
                rupee=("roupie", "roupies", "paisa", "paisas", True),
            ),
            hours=("heure", "heures"),
            time="{h} {hours} {m}",
            full_hour="{h} {hours}",
            of_millions="de",
        ),
        "it": RomanceWords(
            num2words="it",
            comma="virgola",
            point="punto",
            minus="meno",
            percent="per cento",
            degrees=("grado", "gradi"),
            months=tuple(_MONTHS_IT.split()),
            date="{d} {m} {y}",
            first_day="primo",
            and_cents="e",
            currencies=_currencies(
                euro=("euro", "euro", "centesimo", "centesimi", False),
                dollar=("dollaro", "dollari", "centesimo", "centesimi", False),
                pound=("sterlina", "sterline", "penny", "pence", True),
                real=("real", "real", "centavo", "centavos", False),
                rupee=("rupia", "rupie", "paisa", "paise", True),
            ),
            hours=("ora", "ore"),
            time="{h} e {m}",
            full_hour="{h}",
            of_millions="di",
        ),
        "pt-br": RomanceWords(
            num2words="pt_BR",
            comma="vírgula",
            point="ponto",
            minus="menos",
            percent="por cento",
            degrees=("grau", "graus"),
            months=tuple(_MONTHS_PT.split()),
            date="{d} de {m} de {y}",
            first_day="primeiro",
            and_cents="e",
            currencies=_currencies(
                euro=("euro", "euros", "centavo", "centavos", False),
                dollar=("dólar", "dólares", "centavo", "centavos", False),
                pound=("libra", "libras", "centavo", "centavos", True),
                real=("real", "reais", "centavo", "centavos", False),
                rupee=("rúpia", "rúpias", "centavo", "centavos", True),
            ),
            hours=("hora", "horas"),
            time="{h} e {m}",
            full_hour="{h} {hours}",
            of_millions="de",
        ),
    }
)
"""Phonemizer language code -> its number words."""
