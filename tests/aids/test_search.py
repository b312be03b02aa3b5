"""Search over the loaded default catalogue: the place filter is exact, national aids stay, priors rank."""

from __future__ import annotations

import pytest

from regia import territory
from regia.aids.catalogue import get_aid
from regia.aids.search import get_index, search
from regia.errors import InputError

PLACED_QUESTIONS = [
    ("j'habite à Rennes, une réduction sur le bus ?", "35238"),
    ("aide pour acheter un vélo électrique à Lyon", "69123"),
    ("je vis à Brest et je cherche une aide pour le permis", "29019"),
    ("tarif réduit transports en commun Toulouse", "31555"),
    ("covoiturage pour aller travailler, j'habite à Chambéry", "73065"),
    ("mutuelle communale Montpellier", "34172"),
    ("je suis au RSA à Marseille, des aides pour le logement ?", "13055"),
]


def available_at(aid_id: str, insee: str) -> bool:
    """Independent check through the territory referential: is the aid's perimeter covering the commune?"""
    aid = get_aid(aid_id)
    p = aid.perimeter
    if not p.determined:
        return False
    place = territory.place_of("commune", insee)
    if p.national:
        inside = True
    else:
        inside = place.within(
            regions=p.regions, departments=p.departments, epcis=p.epcis, communes=p.communes
        )
    excluded = place.within(epcis=p.excluded_epcis, communes=p.excluded_communes)
    return inside is True and excluded is not True


def test_rennes_bus_example(loaded):
    outcome = search("j'habite à Rennes, une réduction sur le bus ?")
    ids = [r.id for r in outcome.results]
    assert outcome.place["insee"] == "35238"
    assert "rennes_metropole_transport" in ids[:3]
    other_cities = {
        "tisseo_transport_reduction",
        "bordeaux_metropole_aide_tarification_solidaire_transport",
        "nantes_metropole_tarification_solidaire_transport",
        "brest_metropole_transport",
        "eurometropole_strasbourg_tarification_solidaire_transport_montant",
    }
    assert not other_cities & set(ids)


@pytest.mark.parametrize(("query", "insee"), PLACED_QUESTIONS)
def test_no_result_outside_the_place(loaded, query, insee):
    outcome = search(query, top=20)
    assert outcome.place["insee"] == insee
    assert outcome.results
    for result in outcome.results:
        assert available_at(result.id, insee), f"{result.id} n'est pas disponible à {insee}"


def test_commune_option_overrides_and_filters(loaded):
    outcome = search("aide pour acheter un vélo", commune="75056", top=20)
    ids = [r.id for r in outcome.results]
    assert outcome.place["insee"] == "75056"
    assert "aides . paris" in ids and "aides . toulouse" not in ids
    assert search("aide pour acheter un vélo", commune="31000", top=20).place["insee"] == "31555"


def test_national_aids_stay_and_local_ones_of_elsewhere_go(loaded):
    ids = [r.id for r in search("aide au logement pour étudiant à Lyon", top=20).results]
    assert "aide_logement" in ids
    ids_paris = [r.id for r in search("aide pour le loyer à Paris", top=30).results]
    assert any(i.startswith("paris_logement") for i in ids_paris)
    assert not any(i.startswith("paris_") for i in ids)


def test_undetermined_perimeters_only_without_place(loaded):
    index = get_index()
    place = territory.place_of("commune", "69123")
    mask = index.allowed(place)
    for i, meta in enumerate(index.meta):
        if not meta["determined"]:
            assert not mask[i]


def test_coarse_places_keep_only_what_surely_applies(loaded):
    index = get_index()
    ids = [
        r.id for r in index.search("aide au permis de conduire", place=territory.resolve_place("Gironde"))[0]
    ]
    assert "departement-gironde-aide-departementale-au-permis-de-conduire" in ids
    assert "hauts_de_france_aide_permis" not in ids


def test_stated_age_ranks_out_aids_for_other_ages(loaded):
    gironde = "departement-gironde-aide-departementale-au-permis-de-conduire"  # typed: 18 to 25 years old
    young = [r.id for r in search("j'ai 20 ans, aide pour le permis de conduire à Bordeaux").results]
    old = [r.id for r in search("j'ai 45 ans, aide pour le permis de conduire à Bordeaux").results]
    assert gironde in young[:3]
    assert gironde not in old[:3]


def test_bad_queries_are_refused(loaded):
    with pytest.raises(InputError, match="vide"):
        search("   ")
    with pytest.raises(InputError, match="trop longue"):
        search("vélo " * 2000)
    with pytest.raises(InputError) as err:
        search("aide vélo", commune="Zzyzxville-sur-Nowhere")
    assert err.value.field == "commune"
