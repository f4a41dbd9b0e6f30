"""Spanish, French, Italian and Portuguese numbers, money, dates and times read as words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litetts.text import normalize
from litetts.text.romance import cardinal, ordinal, read_number

ROMANCE_LANGS = ("es", "fr-fr", "it", "pt-br")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Tengo 21 libros.", "Tengo veintiún libros."),
        ("Tengo 1 casa y 1 perro.", "Tengo una casa y un perro."),
        ("Son 21 casas.", "Son veintiuna casas."),
        ("Hace 1 día.", "Hace un día."),
        ("Me quedan 1.000.", "Me quedan mil."),
        ("Hay 2.000.000 personas.", "Hay dos millones de personas."),
        ("Pesa 3,5 kilos.", "Pesa tres coma cinco kilos."),
        ("Es 0,05.", "Es cero coma cero cinco."),
        ("Hace -5 °C.", "Hace menos cinco grados Celsius."),
        ("Cuesta 3,50 €.", "Cuesta tres euros con cincuenta céntimos."),
        ("Cuesta €1.", "Cuesta un euro."),
        ("Pagó $20.", "Pagó veinte dólares."),
        ("Vale £1.", "Vale una libra."),
        ("Subió un 20 %.", "Subió un veinte por ciento."),
        ("Llegó el 15/03/2024.", "Llegó el quince de marzo de dos mil veinticuatro."),
        ("Es el 2024-03-15.", "Es el quince de marzo de dos mil veinticuatro."),
        ("Nació en 1999.", "Nació en mil novecientos noventa y nueve."),
        ("A las 14:30.", "A las catorce y treinta."),
        ("A la 1:15.", "A la una y quince."),
        ("A las 21:00.", "A las veintiuna horas."),
        ("Es el 1º y la 2ª.", "Es el primero y la segunda."),
        ("Vive en el 3er piso.", "Vive en el tercer piso."),
        ("Versión 1.2.3.", "Versión uno punto dos punto tres."),
    ],
)
def test_spanish(written: str, spoken: str) -> None:
    assert spoken == normalize(written, "es")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Il a 21 ans.", "Il a vingt et un ans."),
        ("Il y a 1 000 personnes.", "Il y a mille personnes."),
        ("Il y a 1\u202f000 personnes.", "Il y a mille personnes."),
        ("Il y a 2 500 000 habitants.", "Il y a deux millions cinq cent mille habitants."),
        ("Il mesure 3,5 mètres.", "Il mesure trois virgule cinq mètres."),
        ("Ça coûte 3,50 €.", "Ça coûte trois euros et cinquante centimes."),
        ("Ça coûte 1 €.", "Ça coûte un euro."),
        ("Ça coûte £1.", "Ça coûte une livre."),
        ("Une hausse de 50 %.", "Une hausse de cinquante pour cent."),
        ("Le 1er mai.", "Le premier mai."),
        ("Le 1 mai.", "Le premier mai."),
        ("La 1re fois.", "La première fois."),
        ("Le 2e jour, le 21e siècle.", "Le deuxième jour, le vingt et unième siècle."),
        ("Le 15/03/2024.", "Le quinze mars deux mille vingt-quatre."),
        ("À 14 h 30.", "À quatorze heures trente."),
        ("À 14h30.", "À quatorze heures trente."),
        ("À 14h.", "À quatorze heures."),
        ("À 1:05.", "À une heure cinq."),
        ("À 21:00.", "À vingt et une heures."),
        ("Il fait -3 °C.", "Il fait moins trois degrés Celsius."),
    ],
)
def test_french(written: str, spoken: str) -> None:
    assert spoken == normalize(written, "fr")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Ho 21 anni.", "Ho ventuno anni."),
        ("Ho 1 casa e 1 libro.", "Ho una casa e un libro."),
        ("Sono 1.500 persone.", "Sono millecinquecento persone."),
        ("Sono 2.000.000 persone.", "Sono due milioni di persone."),
        ("Pesa 3,5 chili.", "Pesa tre virgola cinque chili."),
        ("Costa 3,50 €.", "Costa tre euro e cinquanta centesimi."),
        ("Costa 1 €.", "Costa un euro."),
        ("Sconto del 30%.", "Sconto del trenta per cento."),
        ("Il 1° maggio.", "Il primo maggio."),
        ("Il 1 maggio.", "Il primo maggio."),
        ("Il 1º e la 1ª.", "Il primo e la prima."),
        ("Il 15/03/2024.", "Il quindici marzo duemilaventiquattro."),
        ("Alle 14:30.", "Alle quattordici e trenta."),
        ("Alle 14:00.", "Alle quattordici."),
        ("All'1:30.", "All'una e trenta."),
        ("Fa 30°.", "Fa trenta gradi."),
    ],
)
def test_italian(written: str, spoken: str) -> None:
    assert spoken == normalize(written, "it")


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("Tenho 21 anos.", "Tenho vinte e um anos."),
        ("Tenho 2 casas e 1 amiga.", "Tenho duas casas e uma amiga."),
        ("São 200 pessoas.", "São duzentas pessoas."),
        ("São 2.000.000 pessoas.", "São dois milhões de pessoas."),
        ("Custa R$ 3,50.", "Custa três reais e cinquenta centavos."),
        ("Custa R$ 1.", "Custa um real."),
        ("Custa US$ 20.", "Custa vinte dólares."),
        ("Custa £2.", "Custa duas libras."),
        ("Cresceu 3,5 %.", "Cresceu três vírgula cinco por cento."),
        ("O 1º lugar e a 1ª vez.", "O primeiro lugar e a primeira vez."),
        ("Dia 1 de maio.", "Dia primeiro de maio."),
        ("Em 15/03/2024.", "Em quinze de março de dois mil e vinte e quatro."),
        ("Às 14h30.", "Às catorze e trinta."),
        ("Às 14h.", "Às catorze horas."),
        ("Às 2:00.", "Às duas horas."),
    ],
)
def test_portuguese(written: str, spoken: str) -> None:
    assert spoken == normalize(written, "pt")


@pytest.mark.parametrize(
    ("lang", "value", "spoken"),
    [
        ("es", 1999, "mil novecientos noventa y nueve"),
        ("fr-fr", 80, "quatre-vingts"),
        ("it", 1234567, "un milione e duecentotrentaquattromilacinquecentosessantasette"),
        ("pt-br", 1999, "mil novecentos e noventa e nove"),
        ("es", 12345678901234567890, "uno dos tres cuatro cinco seis siete ocho nueve cero"
         " uno dos tres cuatro cinco seis siete ocho nueve cero"),
    ],
)  # fmt: skip
def test_cardinals_have_no_commas(lang: str, value: int, spoken: str) -> None:
    assert spoken == cardinal(value, lang)


def test_feminine_ordinals() -> None:
    assert ["primera", "vigésima primera", "première", "prima"] == [
        ordinal(1, "es", feminine=True),
        ordinal(21, "es", feminine=True),
        ordinal(1, "fr-fr", feminine=True),
        ordinal(1, "it", feminine=True),
    ]


def test_a_long_fraction_reads_digit_by_digit() -> None:
    assert "tres coma uno cuatro uno" == read_number("3,141", "es")


@settings(max_examples=300)
@given(lang=st.sampled_from(ROMANCE_LANGS), value=st.integers(-(10**20), 10**20))
def test_any_integer_reads_without_digits(lang: str, value: int) -> None:
    spoken = normalize(f"Son {value} cosas.", lang)

    assert re.search(r"\d", spoken) is None, spoken


NUMBER_PIECES = st.one_of(
    st.text("0123456789.,:/-% €$£ºªh°", max_size=12),
    st.sampled_from(["1er", "2e", "1ª", "R$ 3,50", "14 h 30", "1 000", "15/03/2024", "-5 °C"]),
)


@settings(max_examples=300)
@given(lang=st.sampled_from(ROMANCE_LANGS), pieces=st.lists(NUMBER_PIECES, max_size=6))
def test_number_soup_leaves_no_digit_and_is_idempotent(lang: str, pieces: list[str]) -> None:
    once = normalize(" y ".join(pieces), lang)

    assert re.search(r"[0-9]", once) is None, once
    assert once == normalize(once, lang)


@pytest.mark.parametrize("lang", ROMANCE_LANGS)
def test_prose_without_digits_is_untouched(lang: str) -> None:
    prose = "Hola, ¿qué tal? C'est l'été: \"oui\" — ecco, é isso!"

    assert prose == normalize(prose, lang)
