"""Linking names said, shown or given by a manifest to real monuments and communes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regia.heritage.linking import Unit, link


def _refs(result) -> dict[str, dict]:
    return {p["name"]: p for p in result.places}


def test_monuments_and_commune_named_in_speech(reference):
    text = "Nous visitons aujourd'hui la basilique Saint-Sernin, puis le pont Neuf et le Capitole à Toulouse."
    places = _refs(link([Unit(text, "speech", 12.5)]))
    assert places["basilique Saint-Sernin"]["kind"] == "monument"
    assert places["basilique Saint-Sernin"]["ref"].startswith("merimee-toulouse:")
    assert places["pont Neuf"]["kind"] == "monument"
    assert places["Capitole"]["title"] == "hôtel de ville appelé Capitole"  # the town hall, not the fountain
    assert places["Toulouse"] == places["Toulouse"] | {
        "kind": "commune",
        "ref": "insee:31555",
        "start_s": 12.5,
    }


def test_speech_recognition_errors_are_tolerated(reference):
    places = _refs(link([Unit("la basilique saint cernin est le plus grand édifice roman", "speech", 3.0)]))
    assert "basilique Saint-Sernin" in places
    assert places["Toulouse"]["source"] == "monument"  # deduced from the monument's record


def test_a_bare_name_needs_its_commune(reference):
    assert link([Unit("Le Capitole de Rome domine le forum.", "speech", 0.0)]).places == []
    with_city = _refs(link([Unit("Le Capitole", "ocr", 2.0), Unit("Toulouse", "manifest", is_place=True)]))
    assert with_city["Capitole"]["source"] == "ocr" and with_city["Toulouse"]["source"] == "manifest"


def test_tourism_record_department_and_unresolved_names(reference):
    text = (
        "Bienvenue à l'abbaye Sainte-Trinité de La Lucerne, dans la Manche, près de Granville, "
        "puis en Bavière."
    )
    result = link([Unit(text, "speech", 0.0)])
    places = _refs(result)
    assert places["Abbaye Sainte-Trinité de La Lucerne"]["kind"] == "poi"
    assert places["Manche"]["kind"] == "department"
    assert places["Granville"]["ref"] == "insee:50218"
    assert places["La Lucerne-d'Outremer"]["source"] == "monument"
    assert "Bavière" in result.unresolved


def test_nothing_is_invented_from_ordinary_words(reference):
    text = (
        "Il a ajouté qu'on ne devrait pas leur demander d'assumer des obligations qui dépassent leur stade."
    )
    assert link([Unit(text, "speech", 0.0)]).places == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=0, max_size=200))
def test_linking_any_text_never_fails_and_never_repeats_a_place(reference, text):
    result = link([Unit(text, "speech", 1.0), Unit(text, "ocr", 2.0)])
    refs = [p["ref"] for p in result.places]
    assert len(refs) == len(set(refs))
