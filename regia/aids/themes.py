"""Themes of an aid (for browsing and ranking), from the words of its title and description."""

from __future__ import annotations

import re

from regia.text import normalize

# theme -> folded word stems that signal it (matched at word starts)
THEMES: dict[str, tuple[str, ...]] = {
    "logement": (
        "logement",
        "loyer",
        "locat",
        "colocation",
        "hebergement",
        "residence",
        "habitat",
        "caution",
    ),
    "transport": ("transport", "bus", "tram", "metro", "abonnement", "ter ", "train", "covoitur", "mobilit"),
    "permis": ("permis de conduire", "permis b", "permis am", "auto-ecole", "auto ecole", "code de la route"),
    "velo": ("velo", "cycl", "vae"),
    "sante": ("sante", "mutuelle", "soin", "psycholog", "medic", "complementaire"),
    "handicap": ("handicap", "invalidite", "incapacite", "pmr", "aah", "autonomie"),
    "etudes": ("etudiant", "etudes", "bourse", "scolar", "lycee", "college", "universit", "formation"),
    "emploi": ("emploi", "chomage", "demandeur d emploi", "insertion", "travail", "apprenti", "stage"),
    "famille": ("famille", "enfant", "parent", "garde", "naissance", "allocations familiales"),
    "culture": ("culture", "musee", "spectacle", "cinema", "conservatoire", "livre", "arts "),
    "sport": ("sport", "licence sportive", "club"),
    "loisirs": ("vacances", "sejour", "colo ", "colonie", "loisir", "bafa", "bafd", "animat"),
    "energie": ("energie", "electricite", "chauffage", "gaz", "renovation energetique"),
    "alimentation": ("alimentation", "repas", "restaurant", "resto", "cantine"),
    "international": ("etranger", "international", "erasmus", "mobilite internationale", "europe"),
    "ressources": ("revenu", "minimum", "rsa", "solidarite", "precarite", "pauvrete", "aide sociale"),
    "collectivites": ("collectivite", "commune", "intercommunal", "amenagement", "urbanisme", "foncier"),
}
_PATTERNS = {t: re.compile(r"\b(?:" + "|".join(map(re.escape, w)) + ")") for t, w in THEMES.items()}


def themes_of(*texts: str | None) -> list[str]:
    text = " " + normalize(" ".join(t for t in texts if t)) + " "
    return [theme for theme, pattern in _PATTERNS.items() if pattern.search(text)]
