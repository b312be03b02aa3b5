"""Reading one message of a conversation: age, place, statuses, need, situations, corrections,
"je ne sais pas", "pourquoi pas … ?", "recommencer".

The previous question matters: a bare "19" answers "Quel âge avez-vous ?", a bare "Vannes" answers "Dans
quelle commune habitez-vous ?", "oui" answers "Êtes-vous boursier ?". Everything else is read from the
words themselves, so that a person can say several things at once or correct an earlier answer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from regia import territory
from regia.aids.conditions import OCCUPATIONS, SITUATIONS
from regia.aids.query import SYNONYMS, read_age, read_statuses
from regia.aids.themes import themes_of
from regia.errors import NotFound
from regia.text.lemmas import lemmatize
from regia.text.normalize import strip_html
from regia.text.stopwords import stopwords

# what people say about their situation -> the words the records use for that need
SITUATION_NEEDS: list[tuple[re.Pattern, str]] = [
    (
        re.compile(r"\bje demenage|\bdemenag|\bm.?installer|\bemmenag|changer de (logement|ville|region)"),
        "déménagement installation logement",
    ),
    (
        re.compile(r"\bpass\w* (le |mon )?permis|permis de conduire|\bauto.?ecole|code de la route"),
        "permis de conduire",
    ),
    (re.compile(r"\betranger\b|\berasmus\b"), "études ou stage à l'étranger mobilité internationale"),
    (re.compile(r"\benceinte\b|\bnaissance\b|attend\w* un (enfant|bebe)"), "naissance enfant famille"),
    (
        re.compile(r"(perdu|perds|perdre) (mon|son) (emploi|travail|boulot)|\blicencie"),
        "perte d'emploi chômage",
    ),
    (re.compile(r"reprendre (mes|les) etudes|reprise d.?etudes"), "reprise d'études formation"),
    (
        re.compile(r"\ba la rue\b|\bsans (domicile|logement|abri)\b|\bsdf\b"),
        "hébergement d'urgence sans domicile",
    ),
]


# words that carry no need of their own (greetings, requests, place and age cues)
def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


FILLER = _set(
    """aide aides aider cherche chercher recherche rechercher besoin voudrais voudrai veux vouloir souhaite
    souhaiter souhaiterais aimerais aimer bonjour bonsoir salut hello coucou merci svp stp oui ouais non ok
    question droit droits info infos information informations renseignement renseignements existe exister
    exist peux pouvoir pourrais possible dispositif dispositifs programme chose quoi savoir connaitre
    trouver obtenir beneficier toucher demander faire financiere financier financement financer payer
    habite habiter vis vit vivre reside resider habitant commune ville region departement situe an ans age
    agee annee annees moi aussi egalement alors donc bien tres actuellement maintenant fait enfait plutot
    madame monsieur personne suis etre avoir ai mois semaine semaines jour jours prochain prochaine bientot
    demain depuis dernier derniere recommencer"""
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# what must never become need words: a name given, an e-mail or web address, a phone number
_PRIVATE = re.compile(
    r"\b(?:je m.?appelle|mon nom est|mon prenom est|moi c.?est)\s+(?:[^\W\d_][\w'-]*\s*){1,3}"
    r"|\S+@\S+|(?:https?://|www\.)\S+|(?:\+33|0)[1-9](?:[ .-]?\d{2}){4}"
)
_ORGANISATION = re.compile(r"\b(mairie|notre commune|association|entreprise|collectivite)\b")
_REQUEST = re.compile(
    r"\b(cherche|besoin|voudrais|veux|aimerais|souhaite|aide pour|aide a|aussi|egalement)\b"
)
_ALSO = re.compile(r"\b(aussi|egalement|en plus|et puis)\b")
_RESTART = re.compile(
    r"\b(recommencer|recommence|nouvelle (conversation|recherche|demande)|repartir de zero|reinitialiser)\b"
)
_DONT_KNOW = re.compile(
    r"\b(je ne sais pas|je sais pas|sais pas|sait pas|j.?en sais rien|aucune idee|je prefere ne pas|"
    r"pas envie de (le )?dire|je ne veux pas (le )?(dire|repondre)|je ne suis pas sure?|nsp)\b|"
    r"^\W*passe[rz]?\W*$"
)
# short answers to "quelle est votre situation ?" that would be ambiguous elsewhere
_STATUS_ANSWERS = [
    (re.compile(r"\blycee\b"), "lyceen"),
    (re.compile(r"\bcollege\b"), "collegien"),
    (re.compile(r"\b(ecole|etudes|universite|fac)\b"), "etudiant"),
    (re.compile(r"\b(emploi|travail|cdi|cdd|job)\b"), "salarie"),
    (re.compile(r"\b(rien|aucune?|nothing)\b"), "inactif"),
    (re.compile(r"\ben formation\b"), "stagiaire"),
]
_YES = re.compile(r"^\W*(oui|ouais|yes|tout a fait|bien sur|exact|exactement|absolument|c.?est le cas)\b")
_NO = re.compile(r"^\W*(non|nan|no|pas du tout|absolument pas|ce n.?est pas le cas|aucun|aucune)\b")
_WHY_NOT = re.compile(r"\bpourquoi\b.{0,40}?\b(pas|n.?ai|ne suis|n.?est|aucune?)\b")
_WHY_WORDS = _set(
    "pourquoi pas ai je ne suis est aucune aucun droit eligible proposee propose proposez peux avoir "
    "l la le les au aux a de du d n y t il elle cette ce"
)
_PLACE_CUE = re.compile(
    r"^\W*(?:j.?habite|je vis|je reside|je suis|j.?habites?|habite|moi|c.?est)?\s*"
    r"(?:a|au|aux|en|dans l[ea']?|dans|sur|vers|pres de|du cote de)?\s*"
)
# French number words for ages said in letters ("dix-neuf ans")
_UNITS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
}  # fmt: skip
_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "quatre-vingt": 80}
_NUMBER_WORDS = re.compile(
    r"\b(quatre-vingts?|soixante|cinquante|quarante|trente|vingt|dix|onze|douze|treize|quatorze|quinze|seize)"
    r"(?:(?:-| et |-et-)(dix-sept|dix-huit|dix-neuf|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|"
    r"onze|douze|treize|quatorze|quinze|seize))?\b"
)


@dataclass
class Reading:
    """What one message says. Empty fields: not said."""

    age: int | None = None
    place: object | None = None  # territory Place
    place_unknown: str | None = None  # text given as a place but not found
    statuses: set[str] = field(default_factory=set)
    not_statuses: set[str] = field(default_factory=set)
    need: str | None = None
    need_also: bool = False  # "aussi": the need adds to the previous one
    themes: list[str] = field(default_factory=list)
    dont_know: bool = False
    answer: bool | None = None  # a bare "oui" / "non"
    why_not: str | None = None  # the name of an aid the person asks about
    restart: bool = False
    organisation: bool = False

    def says_anything(self) -> bool:
        return bool(
            self.age is not None
            or self.place is not None
            or self.statuses
            or self.not_statuses
            or self.need
            or self.dont_know
            or self.answer is not None
            or self.why_not
            or self.restart
        )


def folded(text: str) -> str:
    """Lower case without accents, one character for one: spans found in it are spans of ``text``."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        base = unicodedata.normalize("NFKD", char)[0]
        out.append({"œ": "o", "Œ": "o", "æ": "a", "Æ": "a", "’": "'", "ʼ": "'"}.get(char, base).lower())
    return "".join(out)


def number_words(text: str) -> int | None:
    """10-99 written in French words ("dix-neuf", "vingt et un", "soixante-dix"), else None."""
    match = _NUMBER_WORDS.search(text)
    if not match:
        return None
    head, tail = match.group(1).removesuffix("s"), match.group(2)
    value = _TENS.get(head, _UNITS.get(head, 0))
    if tail:
        value += {"dix-sept": 17, "dix-huit": 18, "dix-neuf": 19}.get(tail, _UNITS.get(tail, 0))
    return value if 10 <= value <= 99 else None


def _age(fold_text: str, pending: str | None) -> tuple[int | None, tuple[int, int] | None]:
    age, span = read_age(fold_text)
    if age is not None:
        return age, span
    short = len(re.findall(r"\w+", fold_text)) <= 6
    match = re.search(r"(?<![\d/.,])(\d{1,2})(?![\d/.,])", fold_text)
    if pending == "age" and short and match and 10 <= int(match.group(1)) <= 99:
        return int(match.group(1)), match.span()
    if pending == "age" or re.search(r"\bans\b", fold_text):
        value = number_words(fold_text)
        if value is not None and (pending == "age" or re.search(r"\bj.?ai\b|\bage", fold_text)):
            return value, None
    return None, None


def _place(text: str, fold_text: str, pending: str | None, said_other: bool):
    """(Place or None, span, unknown text). A bare answer to the place question is resolved whole."""
    if _DONT_KNOW.search(fold_text):
        return None, None, None
    try:
        place = territory.find_place(text)
    except NotFound:
        place = None
    if place is not None:
        start = fold_text.find(folded(place.matched)) if place.matched else -1
        return place, (start, start + len(place.matched)) if start >= 0 else None, None
    if pending != "place" or said_other:
        return None, None, None
    cue = _PLACE_CUE.match(fold_text)
    rest = text[cue.end() if cue else 0 :].strip(" .,;!?")
    if not rest or len(rest) > 80:
        return None, None, None
    try:
        place = territory.resolve_place(rest)
    except NotFound:
        return None, None, rest
    return place, (len(text) - len(text.lstrip()), len(text)), None


def _content_words(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The words of ``text`` outside ``spans`` that can say a need (no filler, stopword or number)."""
    keep = list(text)
    for start, end in spans:
        keep[start:end] = " " * (end - start)
    stops = stopwords()
    out = []
    for match in _WORD.finditer("".join(keep)):
        word = match.group()
        key = folded(word)
        if key.isdigit() or len(key) < 2 or key in FILLER or key in stops or lemmatize(word) in FILLER:
            continue
        out.append(word.lower())
    return out


def read(text: str, pending: str | None = None) -> Reading:
    """What ``text`` says, ``pending`` being the slot of the question the agent asked last. Markup is
    read as the text it shows (a message is never HTML)."""
    text = strip_html(text)
    fold_text = folded(text)
    reading = Reading()
    reading.restart = bool(_RESTART.search(fold_text))
    if reading.restart:
        return reading
    reading.dont_know = bool(_DONT_KNOW.search(fold_text))
    if _YES.search(fold_text):
        reading.answer = True
    elif _NO.search(fold_text):
        reading.answer = False
    spans: list[tuple[int, int]] = [m.span() for m in _PRIVATE.finditer(fold_text)]
    if _WHY_NOT.search(fold_text):
        words = [w for w in _WORD.findall(fold_text) if w not in _WHY_WORDS and w not in FILLER]
        reading.why_not = " ".join(words) or None
        return reading
    reading.age, age_span = _age(fold_text, pending)
    if age_span:
        spans.append(age_span)
    said, denied, status_spans = read_statuses(fold_text)
    if pending == "status" and not said:
        said = {status for pattern, status in _STATUS_ANSWERS if pattern.search(fold_text)}
        status_spans = [(0, len(text))] if said else []
    if pending in SITUATIONS and reading.answer is not None:
        (said if reading.answer else denied).add(pending)
    reading.statuses, reading.not_statuses = said, denied
    spans += status_spans
    said_other = reading.age is not None or bool(said or denied)
    place, place_span, unknown = _place(text, fold_text, pending, said_other)
    reading.place, reading.place_unknown = place, unknown
    if place_span:
        spans.append(place_span)
    if unknown:
        spans.append((0, len(text)))
    reading.organisation = bool(
        re.search(r"\b(mairie|notre commune|association|entreprise|collectivite)\b", fold_text)
    )
    needs = [need for pattern, need in SITUATION_NEEDS if pattern.search(fold_text)]
    words = _content_words(text, spans)
    meaningful = needs or themes_of(" ".join(words)) or any(folded(w) in SYNONYMS for w in words)
    # an answer to another question ("en formation") names a need only when it asks for something
    answering = pending not in (None, "need")
    asks = meaningful and (_REQUEST.search(fold_text) or len(words) >= 2)
    if needs or (words and (not answering or asks or len(words) >= 3)):
        reading.need = " ".join(dict.fromkeys(needs + words))
        reading.themes = themes_of(reading.need)
        reading.need_also = bool(_ALSO.search(fold_text))
    return reading


def occupations(statuses: set[str]) -> set[str]:
    return {s for s in statuses if s in OCCUPATIONS}
