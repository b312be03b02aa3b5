"""Reading a citizen's question: stated age and status, informal words, typos."""

from __future__ import annotations

import re

from regia.aids.conditions import Person
from regia.text import fold

# "j'ai 19 ans", "âgée de 22 ans", "19 ans, étudiant" (not "mon fils de 12 ans", "moins de 26 ans")
_AGE = re.compile(r"(?:\bj\s?'?\s?ai|\bage[e]?\s+de|\bmoi|\bje\s+suis|^|[,.;:!?]\s*)\s*(\d{1,2})\s*ans\b")

# folded word pattern -> profile types of the sources (occupations and situations)
STATUS_WORDS: list[tuple[str, tuple[str, ...]]] = [
    (
        r"etudiante?s?|\bfac\b|universite|\bbts\b|master|licence\b",
        ("etudiant", "enseignement_superieur"),
    ),
    (r"boursiere?s?", ("boursier",)),
    (r"lyceen(ne)?s?|au lycee|en terminale|en seconde|en premiere|bac pro", ("lyceen",)),
    (r"collegien(ne)?s?|au college", ("collegien",)),
    (r"apprenti[et]?s?\b|apprentissage|alternan(ce|te?s?)\b|\bcfa\b", ("apprenti",)),
    (r"contrat de pro", ("professionnalisation",)),
    (
        r"chomage|chomeu(r|se)s?|demandeu(r|se)s? d.?emploi|sans emploi|sans travail|sans boulot|"
        r"pole emploi|france travail|je cherche (un|du) (travail|emploi|boulot|taf)|en recherche d.?emploi",
        ("chomeur",),
    ),
    (r"salariee?s?\b|en cdi|en cdd|en interim|interimaire|je travaille|fonctionnaire", ("salarie",)),
    (r"\brsa\b|revenu de solidarite active", ("beneficiaire_rsa",)),
    (r"handicap|\baah\b|\bmdph\b|invalidite", ("situation_handicap",)),
    (r"service civique", ("service_civique",)),
    (r"mission locale", ("mission_locale",)),
    (r"stagiaire|en stage\b|formation professionnelle", ("stagiaire",)),
    (
        r"\bmes enfants|\bmon fils|\bma fille|\bmon bebe|\bje suis (maman|papa|enceinte)|\bparent|"
        r"\bj.?ai (un|une|des|deux|trois|[0-9]) (enfant|bebe|gamin|gosse)",
        ("parent",),
    ),
    (r"independante?s?|auto.?entrepreneu|micro.?entrepreneu|freelance|artisan|commercant", ("independant",)),
    (r"retraitee?s?\b|a la retraite", ("retraite",)),
    (r"sans activite|inactif|inactive|au foyer|je ne fais rien", ("inactif",)),
]
_STATUS = [(re.compile(pattern), statuses) for pattern, statuses in STATUS_WORDS]
# a status said in the negative: "je ne suis pas étudiant", "plus au chômage", "pas de handicap"
_NEGATION = re.compile(
    r"\b(?:pas|plus|jamais|ni|non|sans)\W+(?:(?!(?:mais|et|car|donc|ou|je|j)\b)\w+\W+){0,3}$"
)

# informal or abbreviated words -> words the records use (added to the query, never replacing it)
SYNONYMS: dict[str, str] = {
    "appart": "appartement logement",
    "apparts": "appartement logement",
    "logement": "loyer hébergement",
    "loyer": "logement aide au logement APL",
    "apl": "aide personnalisée au logement",
    "boulot": "emploi travail",
    "taf": "emploi travail",
    "job": "emploi travail",
    "bouffe": "alimentation repas",
    "manger": "alimentation repas",
    "thune": "aide financière argent",
    "thunes": "aide financière argent",
    "fric": "aide financière argent",
    "sous": "aide financière",
    "argent": "aide financière",
    "bagnole": "voiture véhicule",
    "caisse": "voiture véhicule",
    "chomdu": "chômage demandeur emploi France Travail",
    "chomage": "demandeur d'emploi France Travail",
    "chomeur": "demandeur d'emploi France Travail",
    "chomeuse": "demandeur d'emploi France Travail",
    "psy": "psychologue santé mentale",
    "vae": "vélo assistance électrique",
    "velo": "vélo cycle",
    "bus": "transport abonnement réseau",
    "tram": "transport abonnement réseau",
    "metro": "transport abonnement réseau",
    "train": "transport TER abonnement",
    "mutuelle": "complémentaire santé",
    "toubib": "médecin santé",
    "colo": "colonie vacances séjour",
    "vacs": "vacances",
    "permis": "permis de conduire auto-école",
    "code": "code de la route permis",
    "chauffage": "énergie facture",
    "electricite": "énergie facture",
    "facture": "énergie",
    "bebe": "enfant naissance",
    "gosse": "enfant",
    "gosses": "enfants",
    "gamin": "enfant",
    "gamins": "enfants",
    "fac": "université étudiant",
    "bourse": "bourse études",
    "sport": "sport licence club",
    "foot": "sport club licence sportive",
    "football": "sport club licence sportive",
    "basket": "sport club licence sportive",
    "danse": "sport culture activité",
    "garant": "garantie caution loyer",
    "caution": "garantie dépôt loyer",
    "demenager": "déménagement logement mobilité",
    "demenagement": "logement mobilité installation",
    "ordi": "ordinateur équipement numérique",
    "handicape": "handicap",
    "handicapee": "handicap",
    "reduc": "réduction tarif",
    "reduction": "tarif réduit solidaire",
    "gratuit": "gratuité",
    "covoit": "covoiturage",
    "alternance": "apprenti apprentissage",
    "stage": "stagiaire",
    "etranger": "international mobilité",
    "erasmus": "mobilité internationale études étranger",
    "caf": "allocations familiales",
}
_WORD = re.compile(r"[a-z0-9]+")


def read_age(folded: str) -> tuple[int | None, tuple[int, int] | None]:
    """The person's own age stated in folded text, and its span."""
    for match in _AGE.finditer(folded):
        if 10 <= int(match.group(1)) <= 99:
            return int(match.group(1)), match.span()
    return None, None


def read_statuses(folded: str) -> tuple[set[str], set[str], list[tuple[int, int]]]:
    """Statuses said (true), statuses denied ("je ne suis pas boursier"), and the spans that said them."""
    said: set[str] = set()
    denied: set[str] = set()
    spans = []
    for pattern, found in _STATUS:
        for match in pattern.finditer(folded):
            before = folded[max(0, match.start() - 30) : match.start()]
            negative = bool(_NEGATION.search(before))
            (denied if negative else said).update(found)
            spans.append(match.span())
    return said - denied, denied, spans


def person_from_text(text: str) -> Person:
    folded = fold(text).replace("’", "'")
    age, _ = read_age(folded)
    said, denied, _ = read_statuses(folded)
    return Person(age=age, statuses=frozenset(said), not_statuses=frozenset(denied))


def expansion(text: str) -> str:
    """Words to add to a query for lexical search (informal words -> the records' words)."""
    words = _WORD.findall(fold(text))
    return " ".join(SYNONYMS[w] for w in dict.fromkeys(words) if w in SYNONYMS)
