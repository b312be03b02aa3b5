"""The questionnaire: answers validated, aliases accepted, faults named."""

from __future__ import annotations

import pytest

from regia.errors import InputError
from regia.orientation.questionnaire import DEFAULT_RADIUS_KM, parse_answers


def test_defaults_and_conversions():
    answers = parse_answers(None)
    assert answers.radius_km == DEFAULT_RADIUS_KM and answers.interests == [] and not answers.save
    answers = parse_answers(
        {
            "commune": " Angers ",
            "rayon_km": "15",
            "contracts": "cdi, CDD",
            "interests": "SA",
            "working_time": "Temps partiel",
            "permis": True,
            "max_training_duration_years": 1,
            "unknown_field": "ignored",
        }
    )
    assert answers.commune == "Angers" and answers.radius_km == 15
    assert answers.contracts == ["CDI", "CDD"] and answers.interests == ["S", "A"]
    assert answers.working_time == "partiel" and answers.driving_licence is True
    assert answers.max_training_years == 1


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"age": 5}, "age", "au moins 14"),
        ({"radius_km": 500}, "radius_km", "au plus 200"),
        ({"radius_km": "loin"}, "radius_km", "nombre"),
        ({"contracts": ["CDX"]}, "contracts.0", "valeurs possibles"),
        ({"interests": ["Z"]}, "interests.0", "valeurs possibles"),
        ({"status": "retraite"}, "status", "valeurs possibles"),
        ({"target": "x" * 300}, "target", "trop long"),
        ({"save": "peut-être"}, "save", "oui ou non"),
    ],
)
def test_invalid_answers_name_their_field(data, field, words):
    with pytest.raises(InputError) as info:
        parse_answers(data)
    assert info.value.field == field and words in info.value.message


def test_answers_must_be_an_object():
    with pytest.raises(InputError) as info:
        parse_answers(["Angers"])
    assert info.value.field == "answers"
