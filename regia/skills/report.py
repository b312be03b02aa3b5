"""The gap report: a standalone HTML file (inline styles and SVG charts, readable offline) and a CSV."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from regia.skills.charts import column_bars, paired_bars
from regia.skills.demand import Gap

TEMPLATES = Path(__file__).resolve().parents[1] / "web" / "templates"
KIND_LABELS = {"competence": "compétence", "macro-competence": "macro-compétence", "savoir": "savoir"}
SOURCES = [
    (
        "Offres d'emploi",
        "France Travail, API Offres d'emploi v2 (offres réelles republiées par des dépôts publics), "
        "Licence Ouverte",
    ),
    ("Métiers et compétences", "ROME 4.0 (version 460) de France Travail, Licence Ouverte ; ESCO v1 (UE)"),
    (
        "Formations en lycée professionnel",
        "Affelnet 2022, offre de formation après la 3e, open data Éducation",
    ),
    (
        "Apprentissage",
        "Catalogue des formations en apprentissage, Carif-Oref Provence-Alpes-Côte d'Azur, 2021",
    ),
    (
        "Certifications",
        "RNCP et blocs de compétences (France compétences) ; Certif Info (réseau des Carif-Oref)",
    ),
]


def _percent(value: float) -> str:
    return f"{value * 100:.0f} %" if value >= 0.01 or value == 0 else "< 1 %"


def _kind(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def add_filters(env: Environment) -> None:
    """The filters the skills templates use (the report's own environment and the portal's)."""
    env.filters["skills_percent"] = _percent
    env.filters["skills_kind"] = _kind


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    add_filters(env)
    return env


def takeaways(gap: Gap) -> list[str]:
    """Three to five sentences an officer can act on, built from the figures (no free generation)."""
    out = []
    if not gap.offers:
        return ["Aucune offre d'emploi de ce territoire dans les données : pas d'écart mesurable."]
    top = [s for s in gap.skills if s["gap"] > 0][:3]
    if top:
        names = ", ".join(f"« {s['label']} » ({_percent(s['demand_share'])} des offres)" for s in top)
        out.append(f"Compétences les plus demandées et les moins couvertes : {names}.")
    uncovered = [s for s in gap.skills if s["trainings"] == 0]
    if uncovered and gap.trainings:
        out.append(
            f"{len(uncovered)} des {len(gap.skills)} compétences du tableau ne sont enseignées par aucune "
            f"des {gap.trainings} formations recensées sur le territoire."
        )
    occupations = [o for o in gap.occupations if o["gap"] > 0][:2]
    if occupations:
        names = ", ".join(
            f"{o['label']} ({o['offers']} offres, {o['trainings']} formations)" for o in occupations
        )
        out.append(f"Métiers en tension de formation : {names}.")
    catalogue = [s for s in gap.skills[:10] if s["catalogue"]]
    if catalogue:
        first = catalogue[0]
        out.append(
            f"Des certifications existantes enseignent ces compétences et pourraient être ouvertes : par "
            f"exemple « {first['catalogue'][0]['title']} » pour « {first['label']} »."
        )
    if not gap.trainings:
        out.append("Aucune formation de ce territoire dans les données de l'offre de formation chargées.")
    return out


def context(gap: Gap) -> dict:
    """What the report and the portal page show."""
    return {
        "gap": gap,
        "generated": dt.date.today().isoformat(),
        "takeaways": takeaways(gap),
        "sources": SOURCES,
        "skills_chart": Markup(
            paired_bars(gap.skills[:15], "Compétences demandées et couverture par la formation")
        ),
        "occupations_chart": Markup(
            paired_bars(gap.occupations[:10], "Métiers demandés et formations qui y préparent")
        ),
        "months_chart": Markup(column_bars(gap.months, "Offres par mois de publication", "month", "offers")),
    }


def render_html(gap: Gap) -> str:
    return _environment().get_template("skills/report.html").render(**context(gap))


def write_html(gap: Gap, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(gap), encoding="utf-8")


CSV_COLUMNS = [
    "type",
    "code",
    "libelle",
    "nature",
    "offres",
    "part_offres",
    "formations",
    "places_formation",
    "part_formations",
    "ecart",
    "exemples_offres",
    "exemples_formations",
]


def csv_rows(gap: Gap) -> list[list]:
    rows = []
    for kind, items in (("competence", gap.skills), ("metier", gap.occupations)):
        for r in items:
            rows.append(
                [
                    kind,
                    r["code"],
                    r["label"],
                    KIND_LABELS.get(r.get("kind", ""), "métier"),
                    r["offers"],
                    r["demand_share"],
                    r["trainings"],
                    r["training_places"],
                    r["supply_share"],
                    r["gap"],
                    " ".join(o["id"] for o in r["offer_examples"]),
                    " ".join(t["id"] for t in r["training_examples"]),
                ]
            )
    return rows


def write_csv(gap: Gap, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_rows(gap))
