"""The structure of a French CV's text: sections, headline and objective, experiences (job title,
employer, dates), diplomas and levels, languages, driving licences and other certificates.

Rules, not a model: CVs vary, so each rule is lenient and the ranking never depends on one of them
alone (the whole text also goes to the skills extractor).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from regia.text.normalize import fold

# --- sections --------------------------------------------------------------------------------


def _alternatives(*options: str) -> str:
    return "(?:" + "|".join(options) + ")"


# headings, folded, letters only: "EXPÉRIENCES PROFESSIONNELLES :" -> "experiences professionnelles"
_SECTION_RULES: list[tuple[str, str]] = [
    ("education", "(mes )?" + _alternatives(
        "formations?", "diplomes?", "etudes", "cursus", "scolarite", "certifications?",
        "parcours (scolaire|de formation|academique|universitaire)",
        "formations? (et|&) diplomes?", "diplomes? (et|&) formations?",
        "formations? (initiale|continue|professionnelle)s?",
    ) + "( obtenus?| suivies?)?"),
    ("experience", "(mes )?" + _alternatives(
        "experiences?", "parcours", "emplois?", "postes? occupes?", "historique professionnel",
        "activites? professionnelles?", "carriere", "stages?", "missions?", "benevolat", "engagements?",
    ) + "( " + _alternatives(
        "professionnel(le)?s?", "en entreprise", "et stages?", "recentes?", "significatives?",
        "anterieures?", "associati(f|ve)s?", "benevoles?",
    ) + ")*"),
    ("languages", "(mes )?langues?( etrangeres?| vivantes?| parlees?)?"),
    ("skills", "(mes )?" + _alternatives(
        "competences?", "savoir[ -]faire", "savoir[ -]etre", "aptitudes?", "qualites?", "atouts?",
        "points? forts?", "informatique", "outils?", "logiciels?", "connaissances?",
    ) + "( " + _alternatives(
        "cles", "techniques?", "professionnelles?", "informatiques?", "transversales?", "personnelles?",
        "principales?", "et qualites?", "et outils?", "numeriques?",
    ) + ")*"),
    ("interests", "(mes )?" + _alternatives(
        "centres? d ?interets?", "loisirs", "interets?", "hobbies", "passions?",
        "activites? (extra[ -]?professionnelles?|personnelles?)", "vie associative",
    )),
    ("profile", "(mon )?" + _alternatives(
        "profil", "a propos( de moi)?", "objectifs?", "projet professionnel", "resume", "presentation",
        "mon projet", "en bref", "qui suis[ -]je",
    ) + "( (professionnel|personnel))?"),
    ("contact", "(contact|coordonnees|informations personnelles|etat civil)"),
    ("other", _alternatives(
        "divers", "informations? complementaires?", "autres?", "references?", "permis( de conduire)?",
        "mobilite", "disponibilite",
    )),
]  # fmt: skip
_SECTIONS = [(name, re.compile(rf"{rule}")) for name, rule in _SECTION_RULES]


def section_of(line: str) -> str | None:
    """The section a heading line opens, or None when the line is not a heading."""
    words = re.sub(r"[^a-z]+", " ", fold(line)).split()
    if not words or len(words) > 6 or len(line) > 60:
        return None
    norm = " ".join(words)
    for name, pattern in _SECTIONS:
        if pattern.fullmatch(norm):
            return name
    return None


# --- dates -----------------------------------------------------------------------------------

_MONTHS = {
    "janv": 1, "jan": 1, "fev": 2, "fevr": 2, "mars": 3, "mar": 3, "avr": 4, "avril": 4, "mai": 5,
    "juin": 6, "juil": 7, "juillet": 7, "aout": 8, "sept": 9, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    "janvier": 1, "fevrier": 2, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}  # fmt: skip
_MONTH = (
    r"(?:janv(?:ier)?|jan|f[ée]v(?:r(?:ier)?)?|mars?|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|"
    r"sept?(?:embre)?|oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?)\.?"
)
_DATE = rf"(?:(?:{_MONTH}\s*|\d{{1,2}}\s*[/.-]\s*)?(?:19|20)\d\d|\d{{1,2}}/\d\d(?!\d))"
_NOW = r"(?:aujourd[’']?hui|ce jour|actuellement|pr[ée]sent|maintenant|en cours|auj\.?|now)"
_SEP = r"\s*(?:-|–|—|à|a|au|>|/|jusqu[’']?(?:à|a|au)|->)\s*"
_RANGE = re.compile(
    rf"(?:(?:de|du|depuis|entre)\s+)?(?P<start>{_DATE})(?:{_SEP}|\s+et\s+)(?P<end>{_DATE}|{_NOW})"
    rf"|depuis\s+(?:le\s+)?(?P<since>{_DATE})"
    rf"|(?<![\d/])(?P<single>(?:{_MONTH}\s*)?(?:19|20)\d\d)(?![\d/])",
    re.IGNORECASE,
)


def _parse_date(text: str) -> tuple[int, int] | None:
    """(year, month) of one date expression; month 1 when only a year is given."""
    folded = fold(text)
    year = re.search(r"(19|20)\d\d", folded)
    if year:
        month = 1
        word = re.match(r"[a-z]+", folded.strip())
        number = re.match(r"\s*(\d{1,2})\s*[/.-]", folded)
        if word and word.group(0) in _MONTHS:
            month = _MONTHS[word.group(0)]
        elif number and 1 <= int(number.group(1)) <= 12:
            month = int(number.group(1))
        return int(year.group(0)), month
    short = re.match(r"\s*(\d{1,2})/(\d\d)", folded)
    if short and 1 <= int(short.group(1)) <= 12:
        yy = int(short.group(2))
        return (2000 + yy if yy <= dt.date.today().year % 100 else 1900 + yy), int(short.group(1))
    return None


@dataclass
class Period:
    start: tuple[int, int] | None
    end: tuple[int, int] | None  # None: still going on
    text: str

    def months(self, today: dt.date | None = None) -> int:
        today = today or dt.date.today()
        if not self.start:
            return 0
        end = self.end or (today.year, today.month)
        return max(1, (end[0] - self.start[0]) * 12 + end[1] - self.start[1] + (1 if self.end else 0))

    @property
    def last_year(self) -> int:
        return (self.end or (dt.date.today().year, 0))[0] if self.start or self.end else 0


def find_period(line: str) -> tuple[Period, tuple[int, int]] | None:
    """The first date range of a line and its span."""
    match = _RANGE.search(line)
    if not match:
        return None
    if match.group("start"):
        start = _parse_date(match.group("start"))
        end_text = match.group("end")
        end = _parse_date(end_text) if _parse_date(end_text) else None
        if start and end and end < start:
            return None
    elif match.group("since"):
        start, end = _parse_date(match.group("since")), None
    else:
        start = _parse_date(match.group("single"))
        end = start and (start[0], 12)
    return Period(start, end, match.group(0).strip()), match.span()


# --- entries ---------------------------------------------------------------------------------

_BULLET = re.compile(r"^(?:[\s\-–—•·▪▫◦‣⁃●○■□►▶➢➤✓✔*+>.]|o(?=\s))+")
_EMPLOYER_HINT = re.compile(
    r"\b(sarl|sas|sasu|sa|eurl|sci|ehpad|h[oô]pital|chu|ch|clinique|restaurant|brasserie|h[oô]tel|soci[ée]t[ée]|mairie|"
    r"commune|conseil|groupe|association|entreprise|[ée]tablissements?|lyc[ée]e|coll[eè]ge|[ée]cole|centre|cabinet|"
    r"agence|magasin|supermarch[ée]|hypermarch[ée]|boulangerie|garage|atelier|usine|ssiad|creche|cr[eè]che|"
    r"france travail|p[oô]le emploi|int[ée]rim|adecco|manpower|randstad|leclerc|carrefour|auchan|lidl|"
    r"intermarch[ée]|la poste|sncf|ville de|cfa|greta|afpa|universit[ée])\b",
    re.IGNORECASE,
)
_JOB_START = re.compile(
    r"(vendeu|agent|assistant|aide|chef|responsable|technicien|conduct|chauffeu|ouvri|employ|commis|cuisini|"
    r"serveu|infirmi|secr[ée]taire|comptable|magasini|pr[ée]parat|op[ée]rat|manutention|caissi|h[ôo]te|coiffeu|"
    r"[ée]ducat|animat|charg[ée]|consultant|d[ée]veloppeu|ing[ée]nieur|apprenti|stagiaire|m[ée]canicien|"
    r"[ée]lectricien|plombier|ma[çc]on|peintre|soudeu|jardinier|boulang|p[âa]tissi|directeu|gestionnaire|"
    r"conseill|commercial|attach[ée]|auxiliaire|accompagn)",
    re.IGNORECASE,
)
_FIELD_SPLIT = re.compile(
    r"\s+[-–—|@·•]\s+|\t+|\s*,\s+|\s+chez\s+|\s*:\s+|\s+(?:au|à|a|pour)\s+(?=(?-i:[A-Z]))", re.IGNORECASE
)
_PARENS = re.compile(r"\([^)]{0,40}\)")


@dataclass
class Experience:
    title: str
    employer: str | None
    period: Period | None
    line: str
    description: list[str] = field(default_factory=list)

    @property
    def months(self) -> int:
        return self.period.months() if self.period else 0

    def to_dict(self) -> dict:
        start = self.period.start if self.period else None
        end = self.period.end if self.period else None
        return {
            "title": self.title,
            "employer": self.employer,
            "start": f"{start[0]:04d}-{start[1]:02d}" if start else None,
            "end": f"{end[0]:04d}-{end[1]:02d}" if end else None,
            "current": bool(self.period and self.period.start and not self.period.end),
            "months": self.months,
            "line": self.line,
        }


def split_title(text: str) -> tuple[str, str | None]:
    """(job title, employer) of an experience line without its dates."""
    text = _PARENS.sub(" ", text)
    parts = [p.strip(" .;:-–—|·") for p in _FIELD_SPLIT.split(text) if p and p.strip(" .;:-–—|·")]
    if not parts:
        return "", None
    first_is_employer = _EMPLOYER_HINT.search(parts[0]) and not _JOB_START.match(parts[0])
    if len(parts) > 1 and first_is_employer and not _EMPLOYER_HINT.search(parts[1]):
        return parts[1], parts[0]
    return parts[0], parts[1] if len(parts) > 1 else None


def strip_bullet(line: str) -> str:
    return _BULLET.sub("", line).strip()


_TRAINING_LINE = re.compile(r"^\W*(dipl[oô]mes?|formations?|[ée]tudes)\b", re.IGNORECASE)


def _is_description(line: str) -> bool:
    return bool(_BULLET.match(line)) or len(line) > 90 or line.rstrip().endswith((".", ";"))


# --- diplomas --------------------------------------------------------------------------------

_LEVELS: list[tuple[int, str]] = [
    (8, _alternatives(r"doctorat", r"ph\.?\s?d", r"th[eè]se de doctorat")),
    (7, _alternatives(
        r"master", r"mast[eè]re", r"\bmba\b", r"ing[ée]nieur", r"\bdess\b", r"\bdea\b", r"\bdscg\b",
        r"bac\s*\+\s*5", r"grande [ée]cole", r"magist[eè]re",
    )),
    (6, _alternatives(
        r"licence", r"bachelor", r"\bbut\b", r"\bdcg\b", r"bac\s*\+\s*[34]", r"ma[iî]trise",
        r"d\.?e\.?\s+(d[’' ])?infirmi", r"dipl[oô]me d[’' ][ée]tat d[’' ]infirmi",
        r"[ée]ducateur sp[ée]cialis",
        r"assistant de service social", r"\bdeis\b", r"\bifsi\b",
    )),
    (5, _alternatives(
        r"\bbtsa?\b", r"\bdut\b", r"\bdeust\b", r"\bdeug\b", r"bac\s*\+\s*2", r"\bdeme\b",
        r"brevet de technicien sup[ée]rieur", r"niveau 5", r"niveau iii\b",
    )),
    (4, _alternatives(
        r"\bbac(calaur[ée]at)?\b", r"\bbp\b", r"brevet professionnel", r"brevet de technicien\b", r"\bdaeu\b",
        r"\bdeas\b", r"aide[- ]soignant", r"auxiliaire de pu[ée]riculture", r"\bdeap\b",
        r"moniteur[- ][ée]ducateur", r"niveau 4", r"niveau iv\b", r"\bbpjeps\b",
    )),
    (3, _alternatives(
        r"\bcapa?\b", r"\bbepa?\b", r"mention compl[ée]mentaire", r"\bmc\b", r"\bdeaes\b",
        r"accompagnant [ée]ducatif et social", r"\bcqp\b", r"titre professionnel", r"niveau 3", r"niveau v\b",
    )),
    (2, _alternatives(
        r"brevet des coll[eè]ges", r"\bdnb\b", r"brevet\b", r"certificat de formation g[ée]n[ée]rale",
    )),
]  # fmt: skip
_LEVEL_RES = [(level, re.compile(rule, re.IGNORECASE)) for level, rule in _LEVELS]
_TITLE_LEVEL = re.compile(r"niveau\s*([3-8])\b", re.IGNORECASE)
_DIPLOMA_HINT = re.compile(
    r"dipl[oô]me|titre professionnel|certificat|certification|formation|cap\b|bts|bac\b|licence|master|"
    r"brevet|\bdut\b|\bbut\b|\bde\b|\bdeas\b|\bdeaes\b|doctorat|cqp|caces|habilitation|sst\b|psc1",
    re.IGNORECASE,
)


_DIPLOMA_STRONG = re.compile(
    r"dipl[oô]me|titre professionnel|\bcap\b|\bbts\b|\bbac(calaur[ée]at)?\b|licence|master|\bdut\b|\bbut\b|"
    r"doctorat|\bcqp\b|\bdeas\b|\bdeaes\b|\bdcg\b|\bdscg\b|\bbep\b|brevet professionnel|\bbpjeps\b",
    re.IGNORECASE,
)


def diploma_level(text: str) -> int | None:
    """Level (French national nomenclature 3 to 8; 2 below) of a diploma named in ``text``."""
    explicit = _TITLE_LEVEL.search(text)
    if explicit and re.search(r"titre|certif|niveau", text, re.IGNORECASE):
        return int(explicit.group(1))
    for level, pattern in _LEVEL_RES:
        if pattern.search(text):
            return level
    return None


@dataclass
class Diploma:
    title: str
    level: int | None
    year: int | None
    line: str


# --- languages, licences ---------------------------------------------------------------------

_LANGUAGES = [
    "français", "anglais", "espagnol", "allemand", "italien", "portugais", "arabe", "chinois", "mandarin",
    "russe", "néerlandais", "turc", "polonais", "roumain", "japonais", "wolof", "créole", "breton", "occitan",
    "basque", "corse", "alsacien", "vietnamien", "bambara", "hindi", "ourdou", "berbère", "kabyle",
    "tamazight", "tamoul", "ukrainien", "grec", "hébreu", "persan", "farsi", "lingala", "swahili", "malgache",
    "comorien", "albanais", "serbe", "croate", "bulgare", "hongrois", "tchèque", "suédois", "norvégien",
    "danois", "finnois", "coréen", "catalan", "soninké", "peul", "tigrinya", "dari", "pachto",
]  # fmt: skip
_LANG_RE = re.compile(
    r"\b(" + "|".join(fold(w) for w in _LANGUAGES) + r"|langue des signes(?: francaise)?|lsf)\b"
)
_LANG_LEVEL = re.compile(
    r"\b([abc][12])\b|courant|bilingue|notions?|scolaire|interm[ée]diaire|maternelle|natif|native|"
    r"lu,? [ée]crit|parl[ée]|professionnel|d[ée]butant|avanc[ée]|toeic\s*:?\s*\d+|toefl|ielts|"
    r"bonnes? connaissances?|bon niveau|niveau \w+|compris",
    re.IGNORECASE,
)
_LICENCE = re.compile(
    r"\bpermis\b(?:\s+de\s+conduire)?(?P<cats>(?:\s*(?::|,|/|\+|et|-)?\s*(?:cat[ée]gories?\s*)?"
    r"\b(?:AM|A1|A2|A|B1|B|BE|B96|C1|C1E|C|CE|D1|D1E|D|DE|EC)\b)*)",
    re.IGNORECASE,
)
_LICENCE_ANY = re.compile(
    r"permis\s+(de conduire\s+)?(valide|en poche|obtenu)|titulaire du permis", re.IGNORECASE
)
_LICENCE_CAT = re.compile(r"\b(AM|A1|A2|A|B1|B|BE|B96|C1|C1E|C|CE|D1|D1E|D|DE|EC)\b")
_VEHICLE = re.compile(
    r"v[ée]hicul[ée]e?\b|v[ée]hicule (personnel|perso)|voiture personnelle|motoris[ée]e?", re.IGNORECASE
)
_CERTIFICATE = re.compile(
    r"\b(caces\s*(?:r\s*\d{3}\w*)?(?:\s*(?:cat[ée]gories?|cat\.?)?\s*\d[\d\s,/et]*)?|fimo|fco|sst|psc\s?1|"
    r"habilitation [ée]lectrique\s*\w*|haccp|ssiap\s*\d?|cqp aps|carte professionnelle|bafa|bafd|toeic\s*\d*|"
    r"afgsu\s*\d?|pix|tosa)\b",
    re.IGNORECASE,
)


@dataclass
class Language:
    name: str
    level: str | None
    line: str


# --- the CV ----------------------------------------------------------------------------------

_CONTACT = re.compile(
    r"@|https?://|www\.|linkedin|github|\.(?:com|fr|org|net|io)\b|\b0[1-9](?:[ .-]?\d\d){4}\b|\+33|"
    r"\b\d{5}\b|\(\d\d\)|\brue\b|\bavenue\b|\bbd\b|\ball[ée]e\b|\bchemin\b|"
    r"\b\d{2}\s*ans\b(?!\s*(?:d[’']|de\b))|n[ée]e? le|t[ée]l[ée]?phone|t[ée]l\b|adresse|mail|permis|"
    r"v[ée]hicul",
    re.IGNORECASE,
)
_OBJECTIVE = re.compile(
    r"(?:objectif|projet professionnel|recherche|souhaite|souhaitant|reconversion|devenir|candidature|"
    r"je postule|cherche|vise|int[ée]grer|m[ée]tier de|poste d)",
    re.IGNORECASE,
)
_TARGET = re.compile(
    r"(?:poste|emploi|m[ée]tier|fonction|contrat|alternance|stage|formation)s?\s+"
    r"(?:de|d[’']|en|du|comme|d'|en tant qu[’'e]\s*)\s*"
    r"|(?:travail|emploi|job|poste)\s+(?:dans|en)\s+(?:le\s+|la\s+|l[’'])?"
    r"|devenir\s+|en tant qu[’'e]\s*|comme\s+|vers\s+(?:le\s+m[ée]tier\s+d[e’']\s*|les?\s+|la\s+|l[’'])?",
    re.IGNORECASE,
)


@dataclass
class CV:
    text: str
    lines: list[str]
    sections: dict[str, list[int]]
    headline: list[str]
    objectives: list[str]
    experiences: list[Experience]
    diplomas: list[Diploma]
    languages: list[Language]
    licences: list[str]
    vehicle: bool
    certificates: list[str]

    @property
    def education_level(self) -> int | None:
        levels = [d.level for d in self.diplomas if d.level]
        return max(levels) if levels else None

    def section_text(self, name: str) -> str:
        return "\n".join(self.lines[i] for i in self.sections.get(name, []))

    def line_of(self, span: str) -> str | None:
        """The CV line that contains ``span`` (an evidence quoted by the skills extractor)."""
        needle = fold(span).strip()
        if not needle:
            return None
        for line in self.lines:
            if needle in fold(line):
                return strip_bullet(line) or line
        # a span across a line break: the line where it starts
        head = needle.split()[0] if needle.split() else needle
        return next((strip_bullet(line) for line in self.lines if head in fold(line)), None)

    def to_dict(self) -> dict:
        return {
            "headline": self.headline,
            "objectives": self.objectives,
            "experiences": [e.to_dict() for e in self.experiences],
            "diplomas": [asdict(d) for d in self.diplomas],
            "education_level": self.education_level,
            "languages": [asdict(lang) for lang in self.languages],
            "licences": self.licences,
            "vehicle": self.vehicle,
            "certificates": self.certificates,
        }


_OPEN_RANGE = re.compile(rf"{_DATE}\s*(?:-|–|—|à|au)\s*(?:{_MONTH})?\s*$", re.IGNORECASE)
_RANGE_END = re.compile(rf"^\s*(?:{_DATE}|{_NOW})\s*$", re.IGNORECASE)


def _join_broken_ranges(lines: list[str]) -> list[str]:
    """A date range wrapped over two lines ("Avril 2020 –" / "aujourd'hui"), in a dates margin on the
    left or a dates column on the right, made one again with its row."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines):
            a, b = lines[i].split("\t"), lines[i + 1].split("\t")
            for pos in (0, -1):
                if len(a) > 1 and _OPEN_RANGE.search(a[pos]) and _RANGE_END.match(b[pos]):
                    dates = f"{a[pos].strip()} {b[pos].strip()}"
                    rest_a = " ".join(a[:-1] if pos else a[1:]).strip()
                    rest_b = " ".join(b[:-1] if pos else b[1:]).strip()
                    if rest_b and not _BULLET.match(rest_b):  # the row's text wrapped too
                        rest_a, rest_b = f"{rest_a} {rest_b}", ""
                    out.append(f"{dates}\t{rest_a}" if pos == 0 else f"{rest_a}\t{dates}")
                    if rest_b:
                        out.append(rest_b)
                    i += 2
                    break
            else:
                out.append(lines[i])
                i += 1
            continue
        out.append(lines[i])
        i += 1
    return out


def parse_cv(text: str) -> CV:
    lines = [line.strip() for line in text.split("\n")]
    lines = _join_broken_ranges([line for line in lines if line])
    sections: dict[str, list[int]] = {}
    current = "header"
    for i, line in enumerate(lines):
        name = section_of(strip_bullet(line))
        if name:
            current = name
            continue
        sections.setdefault(current, []).append(i)
    licences, vehicle = _licences(text)
    return CV(
        text=text,
        lines=lines,
        sections=sections,
        headline=_headline(lines, sections.get("header", [])),
        objectives=_objectives(lines, sections),
        experiences=_experiences(lines, sections),
        diplomas=_diplomas(lines, sections),
        languages=_languages(lines, sections),
        licences=licences,
        vehicle=vehicle,
        certificates=_certificates(text),
    )


def _headline(lines: list[str], header: list[int]) -> list[str]:
    """Short lines of the CV's top (before any section) that are not contact details."""
    out = []
    for i in header[:10]:
        line = strip_bullet(lines[i])
        if find_period(line):
            break  # the jobs begin (a CV without headings)
        if 3 <= len(line) <= 90 and not _CONTACT.search(line) and any(c.isalpha() for c in line):
            out.append(line)
    return out[:5]


def _objectives(lines: list[str], sections: dict[str, list[int]]) -> list[str]:
    """The occupations the person says they aim at ("Objectif : devenir ...", "recherche un poste de ...")."""
    out = []
    for i in sections.get("header", []) + sections.get("profile", []):
        line = strip_bullet(lines[i])
        if not _OBJECTIVE.search(line):
            continue
        target = _TARGET.search(line)
        phrase = line[target.end() :] if target else line.split(":", 1)[-1]
        phrase = re.split(
            r"[.;!(]|\s+(?:afin|pour|dans|au sein|en cdi|en cdd|en alternance|à partir|à|a|sur|ou|et)\b",
            phrase,
            flags=re.IGNORECASE,
        )[0]
        phrase = phrase.strip(" :,-–")
        if 3 <= len(phrase) <= 80:
            out.append(phrase)
    return out[:3]


def _title_block(lines: list[str], candidates: list[int], used: set[int]) -> list[int]:
    """Up to two consecutive short lines (title, employer) among ``candidates``, in order."""
    block = []
    for i in candidates:
        if i in used or _is_description(lines[i]) or find_period(lines[i]) or len(lines[i]) > 90:
            break
        block.append(i)
        if len(block) == 2:
            break
    return block


_DATE_WORDS = re.compile(
    rf"{_MONTH}|(?:19|20)\d\d|\d+|\b(?:[ée]t[ée]|hiver|printemps|automne|saisons?|et|à|au|de|du|depuis|mois|ans?)\b",
    re.IGNORECASE,
)


def _incidental_date(line: str, start: int, period: Period) -> bool:
    """A year inside a description ("115 % des objectifs en 2023"), not the dates of a job."""
    bulleted = bool(_BULLET.match(line)) and start > len(line) - len(line.lstrip(" -–—•·▪*+>")) + 3
    lone_year = period.start is not None and period.end == (period.start[0], 12) and start > 40
    return bulleted or (lone_year and len(line) > 70)


def _experiences(lines: list[str], sections: dict[str, list[int]]) -> list[Experience]:
    indices = [i for i in sections.get("experience", []) if not _TRAINING_LINE.match(lines[i])]
    if not indices:  # no heading: every dated line that is not a diploma
        indices = [
            i
            for name, idx in sections.items()
            if name not in ("education", "languages", "interests")
            for i in idx
            if find_period(lines[i]) and not diploma_level(lines[i]) and not _TRAINING_LINE.match(lines[i])
        ]
        if not indices:
            return []
    entries: list[Experience] = []
    used: set[int] = set()
    mode_before: bool | None = None
    for pos, i in enumerate(indices):
        found = find_period(lines[i])
        if not found:
            continue
        period, (start, end) = found
        if _incidental_date(lines[i], start, period):
            continue
        used.add(i)
        rest = strip_bullet(" ".join((lines[i][:start] + " " + lines[i][end:]).split()).strip(" -–—|:,·"))
        if sum(c.isalpha() for c in _DATE_WORDS.sub(" ", rest)) >= 3:
            title, employer = split_title(rest)
        else:
            if mode_before is None:
                mode_before = bool(_title_block(lines, list(reversed(indices[:pos])), used))
            if mode_before:
                block = list(reversed(_title_block(lines, list(reversed(indices[:pos])), used)))
            else:
                block = _title_block(lines, indices[pos + 1 :], used)
            if not block:
                continue
            used.update(block)
            title, employer = split_title(strip_bullet(lines[block[0]]))
            if len(block) > 1 and not employer:
                employer = strip_bullet(lines[block[1]])
        if title:
            entries.append(Experience(title, employer, period, strip_bullet(lines[i])))
    if not entries and sections.get("experience"):
        # an undated list of jobs (poorly written CV): its short lines are the job titles
        for i in sections["experience"][:8]:
            line = strip_bullet(lines[i])
            if 3 <= len(line) <= 70 and not _is_description(lines[i]):
                title, employer = split_title(line)
                entries.append(Experience(title, employer, None, line))
    return entries


def _diplomas(lines: list[str], sections: dict[str, list[int]]) -> list[Diploma]:
    in_section = set(sections.get("education", []))
    out, seen = [], set()
    for i, raw in enumerate(lines):
        line = strip_bullet(raw)
        if (
            len(line) > 160
            or section_of(line)
            or (i in in_section and _is_description(raw) and not diploma_level(line))
        ):
            continue
        if i in in_section:
            if not (diploma_level(line) or _DIPLOMA_HINT.search(line)):
                continue
        elif not _DIPLOMA_STRONG.search(line):
            continue
        level = diploma_level(line)
        found = find_period(line)
        year = None
        title = line
        if found:
            period, (start, end) = found
            year = (period.end or period.start or (None,))[0]
            before = re.sub(r"\s+(?:en|obtenu(?:e)? en|depuis)\s*$", "", line[:start], flags=re.IGNORECASE)
            title = " ".join(f"{before} {line[end:]}".split()).strip(" \t-–—|:,")
        if not title or fold(title) in seen:
            continue
        seen.add(fold(title))
        out.append(Diploma(title, level, year, line))
    return out


def _languages(lines: list[str], sections: dict[str, list[int]]) -> list[Language]:
    in_section = set(sections.get("languages", []))
    out: dict[str, Language] = {}
    for i, raw in enumerate(lines):
        line = strip_bullet(raw)
        folded = fold(line)  # same length as the line for the letters that matter here
        for match in _LANG_RE.finditer(folded):
            tail = line[match.end() : match.end() + 40]
            level = _LANG_LEVEL.search(tail)
            if i not in in_section and not (level or "langue" in folded):
                continue
            name = "langue des signes" if match.group(1).startswith(("lsf", "langue")) else match.group(1)
            if name not in out:
                out[name] = Language(name, level.group(0) if level else None, line)
    return list(out.values())


def _licences(text: str) -> tuple[list[str], bool]:
    cats: list[str] = []
    for match in _LICENCE.finditer(text):
        found = _LICENCE_CAT.findall(match.group("cats") or "")
        if not found and _LICENCE_ANY.search(match.group(0) + text[match.end() : match.end() + 20]):
            found = ["B"]
        for cat in found:
            if cat.upper() not in cats:
                cats.append(cat.upper())
    vehicle = bool(_VEHICLE.search(text))
    return cats, vehicle


def _certificates(text: str) -> list[str]:
    out: list[str] = []
    for match in _CERTIFICATE.finditer(text):
        label = " ".join(match.group(0).split()).strip(" ,/")
        if label and fold(label) not in (fold(c) for c in out):
            out.append(label)
    return out
