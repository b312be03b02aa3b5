"""Property tests of the resolver over the real referential (hypothesis picks communes and texts)."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regia.errors import NotFound
from regia.territory import find_place, resolve_place
from regia.territory.names import name_key
from regia.territory.referential import get_referential

COMMUNES = sorted(get_referential().communes.values(), key=lambda c: c.insee)
communes = st.sampled_from(COMMUNES)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _same_name(place, commune) -> bool:
    """The place bears the commune's name; it may be a department or region of that name ("Bretagne"),
    or, said as a guess, a large town usually called so ("Aix" for Aix-en-Provence)."""
    if place is None:
        return False
    if name_key(place.name) == name_key(commune.name):
        return True
    short = name_key(place.name).startswith(name_key(commune.name) + " ")
    return place.guessed and place.kind == "commune" and short


@SETTINGS
@given(communes)
def test_every_exact_name_resolves_to_a_place_of_that_name(commune):
    place = resolve_place(commune.name)
    assert _same_name(place, commune)
    if place.kind == "commune" and not place.guessed:
        assert place.commune == commune  # a unique name is never replaced by another commune
    if place.guessed:  # homonyms: the department settles it
        place = resolve_place(f"{commune.name} ({commune.department})")
        assert name_key(place.name) == name_key(commune.name) and place.department.code == commune.department


@SETTINGS
@given(communes, st.sampled_from(["upper", "lower", "fold", "spaces", "saint"]))
def test_spelling_variants_give_the_same_place(commune, variant):
    from regia.text.normalize import fold

    text = {
        "upper": commune.name.upper(),
        "lower": commune.name.lower(),
        "fold": fold(commune.name),
        "spaces": commune.name.replace("-", " "),
        "saint": commune.name.replace("Saint-", "St-").replace("Sainte-", "Ste "),
    }[variant]
    got, expected = resolve_place(text), resolve_place(commune.name)
    assert (got.kind, got.code) == (expected.kind, expected.code)


@SETTINGS
@given(
    communes,
    st.sampled_from(["J'habite à {}.", "je vis à {}, une aide ?", "Bonjour, j'habite à {} depuis 2 ans"]),
)
def test_a_commune_introduced_as_home_is_found_in_a_sentence(commune, template):
    place = find_place(template.format(commune.name))
    assert _same_name(place, commune)


@SETTINGS
@given(communes)
def test_postcode_and_insee_lead_back_to_a_commune(commune):
    assert resolve_place(commune.insee).commune is not None
    for code in commune.postcodes:
        place = resolve_place(code)
        assert code in place.commune.postcodes


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_crashes(text):
    place = find_place(text)
    assert place is None or place.matched
    with contextlib.suppress(NotFound):
        resolve_place(text)


ORDINARY = (
    "je tu il nous vous aide aides bus vie bourse sportifs plaisir bourg vendre loyer jeune "
    "étudiant prime vélo logement transport permis conduire emploi santé famille enfant ans euros "
    "mois pour avec sur dans de la le les un une des et ou mon ma mes"
)
WORDS = st.sampled_from(ORDINARY.split())


@SETTINGS
@given(st.lists(WORDS, min_size=1, max_size=30))
def test_lower_case_ordinary_words_name_no_place(words):
    assert find_place(" ".join(words)) is None


@pytest.mark.slow
def test_every_commune_name_resolves():
    """The whole referential, not a sample: every official name resolves to a place of that name."""
    failures = [c.name for c in COMMUNES if not _same_name(resolve_place(c.name), c)]
    assert failures == []


def test_big_city_in_lower_case_ends_a_search_box_query():
    """The word "paris" is also a plural noun (bets): taken as the city only where a query names a place."""
    assert find_place("aide achat velo paris").code == "75056"
    assert find_place("transport scolaire rennes").code == "35238"
    assert find_place("bus rennes pour etudiant").code == "35238"
    for text in ("paris sportifs", "les paris sportifs sont interdits", "mes paris", "deux tours de manège"):
        assert find_place(text) is None, text
