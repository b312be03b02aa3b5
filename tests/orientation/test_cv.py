"""Reading the structure of a CV's text: experiences, diplomas, languages, licences, objectives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from regia.orientation.cv import diploma_level, find_period, parse_cv, section_of
from regia.orientation.reading import read_cv


def test_structure_of_a_sidebar_pdf(cv_dir):
    cv = parse_cv(read_cv((cv_dir / "aide-soignante-sidebar.pdf").read_bytes()).text)
    jobs = [(e.title, e.employer, e.period.start, e.period.end) for e in cv.experiences]
    assert jobs[0] == ("Aide-soignante", "EHPAD Les Tilleuls, Avrillé", (2019, 3), None)
    assert jobs[1] == ("Aide-soignante", "CHU d'Angers, service de médecine interne", (2016, 9), (2019, 2))
    assert jobs[2][0] == "Agent de service hospitalier"
    assert cv.headline == ["Aide-soignante diplômée d'État"]
    assert cv.education_level == 4  # the DEAS and a vocational baccalaureate
    languages = {(lang.name, lang.level) for lang in cv.languages}
    assert languages == {("anglais", "notions"), ("espagnol", "scolaire")}
    assert cv.licences == ["B"] and cv.vehicle


def test_structure_of_a_dates_margin_pdf(cv_dir):
    cv = parse_cv(read_cv((cv_dir / "cuisinier-dates.pdf").read_bytes()).text)
    assert [(e.title, e.period.start, e.period.end) for e in cv.experiences] == [
        ("Cuisinier", (2020, 4), None),
        ("Chef de partie", (2016, 6), (2020, 3)),
        ("Commis de cuisine", (2013, 1), (2016, 1)),
    ]
    assert cv.diplomas[0].title.startswith("CAP Cuisine") and cv.diplomas[0].level == 3


def test_career_changer_objective_and_table_layout(cv_dir):
    cv = parse_cv(read_cv((cv_dir / "developpeuse-reconversion-table.docx").read_bytes()).text)
    assert any("développeuse web" in o.lower() for o in cv.objectives)
    assert [e.title for e in cv.experiences] == ["Développeuse web", "Vendeuse en prêt-à-porter"]
    assert cv.education_level == 5


def test_poorly_written_cv(cv_dir):
    cv = parse_cv(read_cv((cv_dir / "menage-mal-ecrit.txt").read_bytes()).text)
    titles = [e.title for e in cv.experiences]
    assert titles[:2] == ["agent d entretien", "femme de menage"]
    assert "plonge au restaurant le Soleil" in titles
    assert {lang.name for lang in cv.languages} >= {"bambara", "anglais"}
    assert cv.licences == [] and not cv.vehicle  # "pas de permis"


def test_licences_certificates_and_levels():
    cv = parse_cv("Permis B, C et CE\nFIMO, FCO\nCACES R489 catégories 1, 3 et 5\nvéhiculé")
    assert cv.licences == ["B", "C", "CE"] and cv.vehicle
    assert {"FIMO", "FCO"} <= set(cv.certificates)
    assert any(c.startswith("CACES R489") for c in cv.certificates)
    assert diploma_level("Master Gestion des ressources humaines") == 7
    assert diploma_level("BTS Comptabilité") == 5
    assert diploma_level("Diplôme d'État d'aide-soignant (DEAS)") == 4
    assert diploma_level("Titre professionnel Développeur web (niveau 5)") == 5
    assert diploma_level("Permis B") is None


def test_periods_and_headings():
    assert find_period("Sept. 2016 – Fév. 2019 Aide-soignante")[0].start == (2016, 9)
    assert find_period("depuis mars 2021")[0].end is None
    assert find_period("03/2018 - 06/2020")[0].end == (2020, 6)
    assert find_period("Janvier 2024 – Juin 2023") is None  # ends before it starts
    assert section_of("EXPÉRIENCES PROFESSIONNELLES :") == "experience"
    assert section_of("Formations et diplômes") == "education"
    assert section_of("Centres d'intérêt") == "interests"
    assert section_of("Gestion des stocks et des commandes fournisseurs") is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_parses(text):
    cv = parse_cv(text)
    assert isinstance(cv.to_dict(), dict)
