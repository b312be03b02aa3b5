"""Property tests of the value parsers every importer relies on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regia.projects.importers.common import MAX_AMOUNT, RowError, clean, parse_amount, parse_year, repair


def _french(amount: float) -> str:
    return f"{amount:,.2f} €".replace(",", "\u202f").replace(".", ",")


@given(st.floats(min_value=0, max_value=MAX_AMOUNT, allow_nan=False))
def test_amounts_read_back_in_every_spelling(amount):
    rounded = round(amount, 2)
    for text in (_french(rounded), f"{rounded:.2f}", f"{rounded:,.2f}".replace(",", " "), rounded):
        assert parse_amount(text, "montant") == pytest.approx(rounded, abs=0.006)


@given(st.floats(min_value=-1e12, max_value=-0.01) | st.floats(min_value=MAX_AMOUNT * 1.01, max_value=1e15))
def test_negative_and_absurd_amounts_are_rejected(amount):
    with pytest.raises(RowError) as error:
        parse_amount(f"{amount:.2f}", "montant")
    assert error.value.field == "montant"


@given(st.integers(min_value=1980, max_value=2030), st.integers(1, 12), st.integers(1, 28))
def test_years_from_dates(year, month, day):
    for text in (str(year), f"{year}-{month:02d}-{day:02d}", f"{day:02d}/{month:02d}/{year}"):
        assert parse_year(text, "date") == year


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàçœÉÀ ’'-0123456789", min_size=1, max_size=40))
def test_repair_undoes_double_encoding(text):
    mangled = text.encode("utf-8").decode("latin-1")
    assert repair(mangled) == text
    assert clean("NA") is None and clean("  ") is None
