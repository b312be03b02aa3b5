"""Resolving places from what citizens type, on the real referential."""

from __future__ import annotations

import pytest

from regia.errors import NotFound
from regia.territory import find_place, resolve_place

# (sentence, expected kind, expected code)
IN_SENTENCES = [
    ("j'habite à Rennes, une réduction sur le bus ?", "commune", "35238"),
    ("je vis au Mans", "commune", "72181"),
    ("une aide près de Saint-Brieuc", "commune", "22278"),
    ("je cherche un job sur Lyon", "commune", "69123"),
    ("je vis à lyon", "commune", "69123"),
    ("aides dans le 93", "department", "93"),
    ("une bourse en Bretagne", "region", "53"),
    ("je vis en Seine-Saint-Denis", "department", "93"),
    ("j'habite à Paris 15e", "commune", "75056"),
    ("je vis aux Sables-d'Olonne", "commune", "85194"),
    ("jeune à L'Isle-Adam", "commune", "95313"),
    ("je vis à St Etienne", "commune", "42218"),
    ("aide vélo clermont ferrand", "commune", "63113"),
    ("j'habite à Plaisir", "commune", "78490"),
    ("j'habite dans la Somme", "department", "80"),
    ("je suis en Corse-du-Sud", "department", "2A"),
    ("logement à la Réunion", "region", "04"),
    ("je vis à Vienne", "commune", "38544"),
    ("je vis en Vienne", "department", "86"),
    ("j'habite à Saint-Martin dans le Gers", "commune", "32389"),
    ("Saint-Martin (65), aide au permis", "commune", "65392"),
    ("mon code postal est 35200", "commune", "35238"),
    ("habitant de 29200 Brest", "commune", "29019"),
    ("je vis en PACA", "region", "93"),
    ("originaire du Havre", "commune", "76351"),
    ("aide de la CAF de la Mayenne", "department", "53"),
    ("Rennes (35) et Paris", "commune", "35238"),
    ("Je vis en Seine-Saint-Denis et je vais en prépa à Paris", "department", "93"),
    ("je vis en Bretagne, à Rennes", "commune", "35238"),
    ("Communauté de communes Sèvre et Loire : aide au vélo", "epci", "200067866"),
    ("j'habite Rennes Métropole", "epci", "243500139"),
]


@pytest.mark.parametrize(("text", "kind", "code"), IN_SENTENCES)
def test_find_place_in_sentences(text, kind, code):
    place = find_place(text)
    assert place is not None, text
    assert (place.kind, place.code) == (kind, code)
    assert place.matched and place.matched in text


NO_PLACE = [
    "une réduction sur le bus",
    "aide pour le bus",
    "paris sportifs",
    "Paris sportifs : attention à l'addiction",
    "une bourse pour la vie étudiante",
    "une aide à domicile",
    "Plaisir de lire pour tous",
    "une somme de 500 euros",
    "une prime de 10000 euros",
    "j'ai 25 ans et je cherche une aide",
    "une réunion d'information pour la Saint-Jean",
    "je m'appelle Albert et je cherche un logement",
    "avec mon ami Albert on cherche une aide",
    "mon conseiller Mathieu m'a parlé d'une prime",
    "vendre sa voiture pour acheter un vélo",
    "les aides au logement",
    "à travers le téléservice, prix sur devis",
    "Habiter Mieux : aide aux travaux",
    "le Corps européen de solidarité",
    "une identité commune ville moyenne",
    "Office Franco-Québécois pour la Jeunesse",
    "Zzyzxq-sur-Mer",
    "Compétences : Suse, AIX, SQL, DAX",
    "Vivre l'aventure Baker Tilly",
    "écrivez à salome@exemple.fr ou voyez www.rennes.fr",
    "",
    "   ",
]


@pytest.mark.parametrize("text", NO_PLACE)
def test_ordinary_sentences_name_no_place(text):
    assert find_place(text) is None


def test_homonyms_are_guessed_by_population_and_said_so():
    place = find_place("j'habite à Saint-Martin")
    assert place.guessed and place.note and "Saint-Martin" in place.note
    chosen = resolve_place("Sainte-Colombe")
    assert chosen.guessed and chosen.note.startswith("12 communes s'appellent Sainte-Colombe")


def test_usual_short_names_of_large_towns():
    cherbourg = find_place("je vis à Cherbourg")
    assert cherbourg.code == "50129" and not cherbourg.guessed and "Cherbourg-en-Cotentin" in cherbourg.note
    aix = find_place("étudiant à Aix")
    assert aix.code == "13001" and aix.guessed  # Aix (Corrèze) exists too: said
    assert resolve_place("Aix (19)").code == "19002"


def test_postcode_covering_several_communes():
    place = resolve_place("01400")
    assert place.kind == "commune" and place.guessed
    assert "01400" in place.commune.postcodes and "la plus peuplée" in place.note


@pytest.mark.parametrize(
    ("text", "kind", "code"),
    [
        ("Rennes", "commune", "35238"),
        ("rennes", "commune", "35238"),
        ("RENNES", "commune", "35238"),
        ("35238", "commune", "35238"),
        ("35000", "commune", "35238"),
        ("2A004", "commune", "2A004"),
        ("Le Mans", "commune", "72181"),
        ("la rochelle", "commune", "17300"),
        ("Les Sables d'Olonne", "commune", "85194"),
        ("st-brieuc", "commune", "22278"),
        ("Ille-et-Vilaine", "department", "35"),
        ("35", "department", "35"),
        ("2A", "department", "2A"),
        ("974", "department", "974"),
        ("Bretagne", "region", "53"),
        ("Île-de-France", "region", "11"),
        ("Rennes Métropole", "epci", "243500139"),
        ("243500139", "epci", "243500139"),
        ("Paris 15e", "commune", "75056"),
        ("Saint-Martin (32)", "commune", "32389"),
        ("Rennes 35000", "commune", "35238"),
        ("Bus", "commune", "62189"),
    ],
)
def test_resolve_place(text, kind, code):
    place = resolve_place(text)
    assert (place.kind, place.code) == (kind, code)


def test_names_without_their_article():
    assert resolve_place("Sables-d'Olonne").code == "85194"
    assert resolve_place("Mans").code == "72181"
    assert find_place("je vis à Mans") is None  # a lone word needs its article or "au"
    assert resolve_place("Port").name == "Port"  # an exact name wins over Le Port


def test_misspellings_are_corrected_and_flagged():
    for typed, insee in [
        ("Marseile", "13055"),
        ("Montpelier", "34172"),
        ("Bordeau", "33063"),
        ("Sables d Olone", "85194"),
        ("Saint Etiene", "42218"),
    ]:
        place = resolve_place(typed)
        assert place.code == insee and place.guessed and typed in place.note
    place = find_place("j'habite à Toulouze")
    assert place.code == "31555" and place.guessed


def test_unknown_place_says_what_is_close():
    with pytest.raises(NotFound) as err:
        resolve_place("Rennnnnes-la-Jolie")
    assert "Rennes" in err.value.message
    with pytest.raises(NotFound):
        resolve_place("paris sportifs")
    for bad in ("", "  ", "x" * 300):  # NotFound for callers, a 422 for the API
        with pytest.raises(NotFound) as err:
            resolve_place(bad)
        assert err.value.status_code == 422


def test_chain_and_dict():
    place = resolve_place("Rennes")
    assert place.epci.name == "Rennes Métropole" and place.department.name == "Ille-et-Vilaine"
    data = place.to_dict()
    for key in ("insee", "name", "department", "region", "guessed", "kind", "code", "department_name"):
        assert key in data
    assert data["insee"] == "35238" and data["region_name"] == "Bretagne"
    assert data["epci"] == {"code": "243500139", "name": "Rennes Métropole"}
    dept = resolve_place("Finistère").to_dict()
    assert dept["insee"] is None and dept["department"] == "29" and dept["region"] == "53"
