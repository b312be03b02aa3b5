"""Reading a citizen's question: stated age and status, informal words, typos."""

from __future__ import annotations

import re

from regia.aids.conditions import Person
from regia.text import fold

# "j'ai 19 ans", "âgée de 22 ans", "19 ans, étudiant" (not "mon fils de 12 ans", "moins de 26 ans")
_AGE = re.compile(r"(?:\bj\s?'?\s?ai|\bage[e]?\s+de|\bmoi|\bje\s+suis|^|[,.;:!?]\s*)\s*(\d{1,2})\s*ans\b")

# folded word pattern -> profile types of the sources
STATUS_WORDS: list[tuple[str, tuple[str, ...]]] = [
    (
        r"etudiante?s?|fac\b|universite|bts\b|master|licence\b|boursiere?s?",
        ("etudiant", "enseignement_superieur"),
    ),
    (r"lyceen(ne)?s?|au lycee|en terminale|en seconde|en premiere|bac pro", ("lyceen",)),
    (r"collegien(ne)?s?|au college", ("collegien",)),
    (r"apprenti[et]?s?\b|apprentissage|alternan(ce|te?s?)\b|cfa\b", ("apprenti",)),
    (r"contrat de pro", ("professionnalisation",)),
    (
        r"chomage|chomeu(r|se)s?|demandeu(r|se)s? d.?emploi|sans emploi|sans travail|sans boulot|"
        r"pole emploi|france travail|je cherche (un|du) (travail|emploi|boulot|taf)",
        ("chomeur",),
    ),
    (r"salariee?s?\b|en cdi|en cdd|en interim|je travaille", ("salarie",)),
    (r"\brsa\b|revenu de solidarite active", ("beneficiaire_rsa",)),
    (r"handicap|\baah\b|\bmdph\b|invalidite", ("situation_handicap",)),
    (r"service civique", ("service_civique",)),
    (r"stagiaire|en stage\b|formation professionnelle", ("stagiaire",)),
    (r"\bmes enfants|\bmon fils|\bma fille|\bmon bebe|\bje suis (maman|papa|enceinte)|\bparent", ("parent",)),
    (r"independante?s?|auto.?entrepreneu|micro.?entrepreneu|freelance", ("independant",)),
]
_STATUS = [(re.compile(pattern), statuses) for pattern, statuses in STATUS_WORDS]

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


def person_from_text(text: str) -> Person:
    folded = fold(text).replace("’", "'")
    age = None
    for match in _AGE.finditer(folded):
        if 10 <= int(match.group(1)) <= 99:
            age = int(match.group(1))
            break
    statuses: set[str] = set()
    for pattern, found in _STATUS:
        if pattern.search(folded):
            statuses.update(found)
    return Person(age=age, statuses=frozenset(statuses))


def expansion(text: str) -> str:
    """Words to add to a query for lexical search (informal words -> the records' words)."""
    words = _WORD.findall(fold(text))
    return " ".join(SYNONYMS[w] for w in dict.fromkeys(words) if w in SYNONYMS)
