"""Finding the place that a French text names: in a sentence (`find_place`) or as the whole text
(`resolve_place`).

Many commune names are also ordinary words ("Plaisir", "Tours", "Bus", "Somme"), so in a sentence a
name counts as a place only with enough evidence: a capital letter, a preposition that introduces
places ("à", "au", "en", "dans le", "près de", "sur"), a verb of residence ("j'habite", "je vis"), or
a name that no dictionary knows. Homonyms are settled by a department, region or postal code found
in the same text, else by population, and the place then says that it was guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from regia.errors import NotFound
from regia.territory.names import ARTICLES, LINK_WORDS, Token, is_ordinary, name_key, tokenize
from regia.territory.place import Place, make_place
from regia.territory.referential import Entry, Referential, get_referential
from regia.text.stopwords import stopwords

MAX_PLACE_CHARS = 200


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# strength of the words that introduce a place
NONE, WEAK, NEAR, AREA, CITY, RESIDENCE = range(6)
RESIDENCE_VERBS = _words(
    "habite habites habitons habitez habitent habiter vis vit vivons vivez vivent vivre reside resides "
    "residons residez resident resider residant residante demeure demeurons demeurez demeurent demeurant "
    "domicilie domiciliee domicilies domiciliees installe installee installes installees"
)
# nouns that introduce a place only through "de": "la ville de Rennes", "originaire du Havre"
RESIDENCE_NOUNS = _words("ville commune mairie agglomeration agglo habitant habitante habitants originaire")
CITY_WORDS = frozenset({"a", "au", "aux"})
AREA_WORDS = frozenset({"en", "dans", "departement", "region"})
NEAR_WORDS = frozenset({"sur", "vers"})
NEAR_BEFORE_DE = _words("pres proche proches autour cote environs alentours secteur coin loin region")
DE_WORDS = frozenset({"de", "d", "du", "des"})
DETERMINERS = _words(
    "le la les l un une des du de d mes tes ses nos vos leurs ces ce cet cette mon ton son ma ta sa notre"
    " votre leur quelques plusieurs aux au deux trois quatre cinq six dix cent mille"
)
CONTRACTIONS = {"au": "le", "du": "le", "aux": "les", "des": "les"}
# words after which a capitalised name is a person's: "M. Laval", "mon ami Albert", "je m'appelle Marie"
PERSON_WORDS = _words(
    "m mme mr mlle monsieur madame mademoiselle dr docteur maitre me appelle appelles appellent nom prenom "
    "ami amie amis copain copine fils fille frere soeur mere pere mari epoux epouse femme compagnon "
    "compagne conjoint conjointe enfant neveu niece oncle tante cousin cousine voisin voisine collegue "
    "conseiller conseillere referent referente professeur professeure"
)
DEPARTMENT_WORDS = frozenset({"departement", "dept", "dpt", "dep"})
POSTCODE_WORDS = frozenset({"postal", "cp"})
UNITS = _words("euros euro eur ans an km kms m m2 metres habitants hab personnes k h heures jours mois")
BIG_CITY = 100_000  # ordinary-word names of cities this large are taken even without a capital
LOWERCASE_TOWN = 20_000  # other names typed in lower case without a preposition: towns this large only
SMALL_TOWN = 10_000  # a capitalised word after such a name makes it part of a longer proper name
FUZZY_MIN_CHARS = 5
SAINTS = frozenset({"saint", "sainte", "saints", "saintes"})
NOT_PLACES = frozenset({"france", "europe", "metropole", "outre", "region", "departement"})
# words that may surround a place in a text given as a place ("Paris 15e arrondissement", "35 Rennes")
FILLER = LINK_WORDS | {
    "a",
    "dans",
    "pres",
    "arrondissement",
    "arr",
    "cedex",
    "france",
    "departement",
    "dept",
    "region",
    "commune",
    "ville",
    "code",
    "postal",
    "cp",
}
# arrondissements of Paris, Lyon and Marseille ("Paris 15e", "Lyon 3ème"): the commune is kept
MUNICIPAL_ARRONDISSEMENTS = {"75056", "69123", "13055"}
HYPHENS = ("-", "\u2010", "\u2011")
_NAME_GAP = re.compile(r"[\s\-\u2010\u2011'’]*")
_ORDINAL = re.compile(r"^\d{1,2}(e|er|eme|ieme|em|me)?$")
_SENTENCE_BREAK = re.compile(r"[.;!?\n]")
_INSEE = re.compile(r"^(\d{5}|2[ab]\d{3})$")
_DEPT_NUMBER = re.compile(r"^(\d{1,2}|2[ab]|97[1-6])$")


@dataclass
class Candidate:
    kind: str  # commune, department, region, postcode
    codes: list[str]  # INSEE codes for communes (best first), else one area code or one postcode
    start: int  # token span [start, end)
    end: int
    cue: int
    name: str  # how the place is called (official name or alias)
    notes: list[str] = field(default_factory=list)
    short: frozenset[str] = frozenset()  # communes named by the short form of their name ("Cherbourg")


class _Scan:
    """One pass over a text: every span that names a place, and the evidence around it."""

    def __init__(self, ref: Referential, text: str, whole: bool):
        self.ref, self.text, self.whole = ref, text, whole
        self.tokens: list[Token] = tokenize(text)
        letters = [c for c in text if c.isalpha()]
        self.shouting = len(letters) > 3 and sum(c.isupper() for c in letters) > 0.8 * len(letters)

    # --- evidence -------------------------------------------------------------------------
    def key(self, i: int) -> str:
        return self.tokens[i].key if 0 <= i < len(self.tokens) else ""

    def joined(self, i: int, j: int) -> bool:
        """No sentence break between token i and token j (i < j)."""
        return not _SENTENCE_BREAK.search(self.text, self.tokens[i].end, self.tokens[j].start)

    def initial(self, i: int) -> bool:
        return i == 0 or bool(_SENTENCE_BREAK.search(self.text, self.tokens[i - 1].end, self.tokens[i].start))

    def capitalised(self, i: int, j: int) -> bool:
        """A meaningful word of span [i, j) starts with a capital (acronyms and shouting do not count)."""
        if self.shouting:
            return False
        return any(
            t.raw[0].isupper() and not (len(t.raw) > 1 and t.raw.isupper()) and t.key not in LINK_WORDS
            for t in self.tokens[i:j]
            if t.raw[0].isalpha()
        )

    def one_name(self, i: int, j: int, brackets: bool = False) -> bool:
        """Only spaces, hyphens and apostrophes inside span [i, j) ("St. " too): no comma, and no
        bracket unless the official name has some ("Château-Chinon (Ville)")."""
        for k in range(i + 1, j):
            gap = self.text[self.tokens[k - 1].end : self.tokens[k].start]
            if brackets:
                gap = gap.replace("(", " ").replace(")", " ")
            abbreviation = gap.strip() == "." and self.key(k - 1) in SAINTS
            if not (_NAME_GAP.fullmatch(gap) or abbreviation):
                return False
        return True

    def preposition(self, i: int, skip_article: bool = True) -> tuple[int, str]:
        """Index and folded form of the word just before token i (an article skipped), or (-1, "")."""
        j = i - 1
        if skip_article and self.key(j) in ARTICLES:
            j -= 1
        if j < 0 or not self.joined(j, i):
            return -1, ""
        return j, self.key(j)

    def cue(self, i: int, skip_article: bool = True) -> int:
        """Strength of the words just before token i."""
        j, word = self.preposition(i, skip_article)
        if j < 0:
            return NONE
        before = self.key(j - 1)
        if word in DE_WORDS:
            if before in NEAR_BEFORE_DE:
                return NEAR
            if before in RESIDENCE_VERBS or before in RESIDENCE_NOUNS:
                return RESIDENCE
            return AREA if before in DEPARTMENT_WORDS else WEAK
        if word in CITY_WORDS or word in AREA_WORDS:
            if before in RESIDENCE_VERBS:
                return RESIDENCE
            return CITY if word in CITY_WORDS else AREA
        if word in NEAR_WORDS:
            return NEAR
        if word in RESIDENCE_VERBS:
            return RESIDENCE
        return NONE

    # --- candidates -----------------------------------------------------------------------
    def name_candidates(self) -> list[Candidate]:
        """Every span read as a place; overlapping readings leave the longest ("Val-d'Oise", not "le Val")."""
        ref, found = self.ref, []
        keys = [t.key for t in self.tokens]
        for i in range(len(keys)):
            spans, key = [], keys[i]  # the name keys that start at token i
            for j in range(i + 1, len(keys) + 1):
                if key not in ref.name_prefixes:
                    break
                if key in ref.names:
                    spans.append((j, key))
                if j < len(keys):
                    key = f"{key} {keys[j]}"
            for j, key in reversed(spans):  # longest first
                cand = self.choose(ref.names[key], i, j, brackets=key in ref.bracketed_keys)
                if cand:
                    found.append(cand)
                    break
        taken: set[int] = set()
        out = []
        for cand in sorted(found, key=lambda c: (c.start - c.end, c.start)):
            if taken.isdisjoint(range(cand.start, cand.end)):
                taken.update(range(cand.start, cand.end))
                self.extend_arrondissement(cand)
                out.append(cand)
        return sorted(out, key=lambda c: c.start)

    def choose(self, entries: tuple[Entry, ...], i: int, j: int, brackets: bool = False) -> Candidate | None:
        """The reading of span [i, j) as a place, or None when the evidence is too weak."""
        ref = self.ref
        if not self.one_name(i, j, brackets):
            return None
        contraction = CONTRACTIONS.get(self.key(i - 1))
        # a name without its article: after the matching contraction ("au Mans"); else, when no place
        # bears that exact name, alone in a text that is only a place, or long enough ("Sables-d'Olonne")
        exact = any(e.article is None for e in entries)
        bare_ok = not exact and (self.whole or j - i > 1)
        entries = tuple(e for e in entries if e.article is None or e.article == contraction or bare_ok)
        if not entries:
            return None
        elided = any(e.article for e in entries)  # "au Mans", "du Havre"
        # "au Mans": the contraction is the cue's last word; "dans le Nord": the article is skipped
        skip_article = not elided and self.key(i) not in ARTICLES
        cue = self.cue(i, skip_article)
        preposition = self.preposition(i, skip_article)[1]
        areas = [e for kind in ("region", "department", "epci") for e in entries if e.kind == kind]
        communes = [e.code for e in entries if e.kind == "commune"]
        if skip_article and (self.key(i - 1) in ARTICLES or self.key(i - 1) in ("du", "des")):
            communes = []  # "de la Mayenne", "du Doubs": a department or a region, not a town
        area = areas[0] if areas else None
        if not area and not communes:
            return None
        notes: list[str] = []
        if area and communes:
            if any(self.area_has(area, c) for c in communes):
                area = None  # Paris the commune is Paris the department: the commune is more precise
            elif area.kind == "department" and preposition in CITY_WORDS:
                area = None  # "à Vienne" is the town, "en Vienne" the department
            elif area.kind == "department" and preposition not in AREA_WORDS:
                notes.append(
                    f"{ref.entry_name(area)} est aussi le nom de {_count(len(communes), 'commune')} ; "
                    "retenu : le département."
                )
        if area:
            kind, codes, population = area.kind, [area.code], ref.population(area)
        else:
            kind, codes, population = "commune", communes, ref.communes[communes[0]].population
        name = ref.entry_name(area or entries[0])
        short = frozenset(e.code for e in entries if e.short)
        if short and not self.whole and cue < NEAR:  # "Aix" for Aix-en-Provence only as "à Aix"
            codes = [c for c in codes if c not in short]
            short = frozenset()
            if not codes:
                return None
            population = ref.communes[codes[0]].population
        cand = Candidate(kind, codes, i, j, cue, name, notes, short)
        if self.whole or self.plausible(cand, population, name, preposition):
            return cand
        return None

    def area_has(self, area: Entry, insee: str) -> bool:
        return getattr(self.ref.communes[insee], area.kind) == area.code

    def adjacent(self, i: int) -> bool:
        """Token i follows token i - 1 with nothing but spaces between them."""
        if not 0 < i < len(self.tokens):
            return False
        return not self.text[self.tokens[i - 1].end : self.tokens[i].start].strip()

    def hyphen_before(self, i: int) -> bool:
        """Token i is hyphenated to the one before ("Zzyzxq-sur-Mer"): part of a longer name."""
        if not 0 < i < len(self.tokens):
            return False
        return self.text[self.tokens[i - 1].end : self.tokens[i].start] in HYPHENS

    def plausible(self, cand: Candidate, population: int, name: str, preposition: str) -> bool:
        """Enough evidence that span [i, j) of a sentence names this place rather than something else."""
        i, j, cue = cand.start, cand.end, cand.cue
        if self.hyphen_before(i) or self.hyphen_before(j):
            return False  # a piece of a longer, unknown compound name
        typed = self.text[self.tokens[i].start : self.tokens[j - 1].end]
        words = name_key(typed).split()
        content = [w for w in words if w not in LINK_WORDS]
        if words[0] in SAINTS and self.key(i - 1) == "la":
            return False  # a feast day: "la Saint-Jean", "la Sainte-Catherine"
        if len(content) == 1 and self.key(i - 1) in PERSON_WORDS:
            return False  # "M. Laval", "je m'appelle Albert"
        capital = self.capitalised(i, j)
        if not capital and all(t.key in stopwords() for t in self.tokens[i:j]):
            return False  # "son", "sur", "y"
        if self.key(j)[:1].isdigit() and (self.parenthesised(j) or self.key(j) in self.ref.postcodes):
            return True  # "Rennes (35)", "Plaisir 78370"
        ordinary = is_ordinary(name) or is_ordinary(typed)
        if len(content) > 1 and (capital or not ordinary or any(h in typed for h in HYPHENS)):
            return True  # "Saint-Brieuc", "clermont ferrand"
        # a capitalised word right after: part of a longer proper name ("Grand Verdun", "Centre Communal")
        in_longer_name = self.adjacent(j) and self.capitalised(j, j + 1)
        acronym = not self.shouting and all(len(t.raw) > 1 and t.raw.isupper() for t in self.tokens[i:j])
        if acronym:
            return cue >= NEAR  # "AIX", "DAX", "CROUS": acronyms unless introduced as places
        if not ordinary:
            if capital:
                # "Baker Tilly", "Fleury Michon": a small town's name inside a longer proper name
                after_name = self.adjacent(i) and self.capitalised(i - 1, i) and not self.initial(i - 1)
                return cue >= NEAR or population >= SMALL_TOWN or not (in_longer_name or after_name)
            return cue >= NEAR or population >= LOWERCASE_TOWN
        if in_longer_name:
            return False
        if cue == RESIDENCE and preposition not in DE_WORDS:
            return True  # "j'habite à plaisir", "je vis dans le nord"
        if capital and cue >= NEAR:
            return True
        if cand.kind != "commune" or population < BIG_CITY:
            return False
        if cue == CITY:
            return True  # "à paris", "à tours"
        if not capital:
            return self.bare_city(i, j)
        # a sentence that starts with the name alone: "Paris : aide au logement ?"
        return not self.initial(i) or not self.adjacent(j)

    def bare_city(self, i: int, j: int) -> bool:
        """A big city typed in lower case in a search-box query ("aide achat velo paris", "bus rennes
        pour etudiant"): not after a determiner or a number ("les paris", "deux tours"), and not glued
        to a following ordinary word ("paris sportifs")."""
        before = self.key(i - 1)
        if before in DETERMINERS or before[:1].isdigit():
            return False
        return j == len(self.tokens) or not self.adjacent(j) or self.key(j) in stopwords()

    def number_candidates(self, names: list[Candidate]) -> list[Candidate]:
        ref, out = self.ref, []
        taken = {k for c in names for k in range(c.start, c.end)}
        for i, tok in enumerate(self.tokens):
            if i in taken or not tok.key[:1].isdigit():
                continue
            key = tok.key
            if len(key) == 5 and key in ref.postcodes and self.postcode_plausible(i, names):
                out.append(Candidate("postcode", [key], i, i + 1, self.cue(i), key))
            elif _DEPT_NUMBER.match(key) and self.department_number_plausible(i):
                code = key.upper().zfill(2) if len(key) < 3 else key
                if code in ref.departments:
                    out.append(Candidate("department", [code], i, i + 1, AREA, ref.departments[code].name))
        return out

    def postcode_plausible(self, i: int, names: list[Candidate]) -> bool:
        if self.whole:
            return True
        following = self.text[self.tokens[i].end : self.tokens[i].end + 3].lstrip()
        if self.key(i + 1) in UNITS or following[:1] in ("€", "%", "$"):
            return False
        if len(self.tokens) == 1 or self.cue(i) >= NEAR:
            return True
        if POSTCODE_WORDS & {self.key(i - 1), self.key(i - 2)}:  # "code postal : 35200", "mon cp est 35200"
            return True
        if self.parenthesised(i):
            return True
        code = self.tokens[i].key
        return any(
            (c.start == i + 1 or c.end == i)
            and c.kind == "commune"
            and any(code in self.ref.communes[x].postcodes for x in c.codes)
            for c in names
        )

    def department_number_plausible(self, i: int) -> bool:
        if self.whole or self.parenthesised(i):
            return True
        before, before2 = self.key(i - 1), self.key(i - 2)
        if i >= 1 and not self.joined(i - 1, i):
            return False
        if before in DEPARTMENT_WORDS or (before in ("du", "de", "le") and before2 in DEPARTMENT_WORDS):
            return True
        return before == "le" and before2 == "dans"  # "dans le 93"

    def parenthesised(self, i: int) -> bool:
        tok = self.tokens[i]
        return self.text[: tok.start].rstrip().endswith("(") and self.text[tok.end :].lstrip().startswith(")")

    def extend_arrondissement(self, cand: Candidate) -> None:
        """ "Paris 15e", "Lyon 3ème arrondissement": the arrondissement belongs to the span."""
        if cand.kind != "commune" or len(cand.codes) > 1 or cand.codes[0] not in MUNICIPAL_ARRONDISSEMENTS:
            return
        if _ORDINAL.match(self.key(cand.end)):
            cand.end += 1
            if self.key(cand.end) in ("arrondissement", "arr"):
                cand.end += 1

    def span(self, cand: Candidate) -> str:
        return self.text[self.tokens[cand.start].start : self.tokens[cand.end - 1].end]


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def _label(ref: Referential, insee: str) -> str:
    c = ref.communes[insee]
    return f"{c.name} ({ref.departments[c.department].name}, {c.department})"


PRECISION = {"commune": 4, "postcode": 4, "epci": 3, "department": 2, "region": 1}


def _decide(scan: _Scan, cands: list[Candidate]) -> Place | None:
    """The place the text is about: the best introduced mention ("je vis en Seine-Saint-Denis" over
    "une prépa à Paris"), made more precise by a commune inside it ("en Bretagne, à Rennes");
    homonyms are settled by the other mentions."""
    ref = scan.ref
    if not cands:
        return None
    depts = {c.codes[0] for c in cands if c.kind == "department"}
    regions = {c.codes[0] for c in cands if c.kind == "region"}
    postcodes = {c.codes[0] for c in cands if c.kind == "postcode"}
    chosen = max(cands, key=lambda c: (c.cue, PRECISION[c.kind], -c.start))
    if chosen.kind in ("epci", "department", "region"):
        inside = [c for c in cands if PRECISION[c.kind] > PRECISION[chosen.kind] and _inside(ref, c, chosen)]
        if inside:
            chosen = max(inside, key=lambda c: (c.cue, -c.start))
    if chosen.kind == "commune":
        codes, why = _narrow(ref, chosen.codes, postcodes, depts, regions)
        typed = scan.span(chosen)
        if len(codes) > 1 and chosen.short & set(codes):
            chosen.notes.append(
                f"« {typed} » peut désigner {_count(len(codes), 'commune')}{why} ; "
                f"choisie : la plus peuplée, {_label(ref, codes[0])}."
            )
        elif len(codes) > 1:
            chosen.notes.append(
                f"{_count(len(codes), 'commune')} s'appellent {chosen.name}{why} ; "
                f"choisie : la plus peuplée, {_label(ref, codes[0])}."
            )
        elif codes[0] in chosen.short:
            chosen.notes.append(f"« {typed} » compris comme {ref.communes[codes[0]].name} (nom usuel).")
            return _place(scan, chosen, "commune", codes[0], guessed=False, noted=True)
        return _place(scan, chosen, "commune", codes[0], guessed=len(codes) > 1)
    if chosen.kind == "postcode":
        code = chosen.codes[0]
        codes, why = _narrow(ref, list(ref.postcodes[code]), set(), depts, regions)
        if len(codes) > 1:
            chosen.notes.append(
                f"Le code postal {code} couvre {_count(len(codes), 'commune')}{why} ; "
                f"choisie : la plus peuplée, {_label(ref, codes[0])}."
            )
        return _place(scan, chosen, "commune", codes[0], guessed=len(codes) > 1)
    return _place(scan, chosen, chosen.kind, chosen.codes[0], guessed=bool(chosen.notes))


def _inside(ref: Referential, cand: Candidate, area: Candidate) -> bool:
    """Some commune that ``cand`` may name lies in ``area`` (an EPCI, department or region candidate)."""
    if cand.kind == "epci":
        codes = ref.members.get(("epci", cand.codes[0]), ())
    else:
        codes = ref.postcodes[cand.codes[0]] if cand.kind == "postcode" else cand.codes
    return any(getattr(ref.communes[c], area.kind) == area.codes[0] for c in codes)


def _narrow(ref: Referential, codes: list[str], postcodes: set, depts: set, regions: set):
    """Homonyms kept by the other mentions (postal code, then department, then region)."""
    for test, why in (
        (lambda c: postcodes & set(c.postcodes), " avec ce code postal"),
        (lambda c: c.department in depts, " dans ce département"),
        (lambda c: c.region in regions, " dans cette région"),
    ):
        kept = [code for code in codes if test(ref.communes[code])]
        if kept:
            return kept, (why if len(kept) < len(codes) else "")
    return codes, ""


def _place(scan: _Scan, cand: Candidate, kind: str, code: str, guessed: bool, noted: bool = False) -> Place:
    """The place; a note means a guess unless it only informs (``noted``)."""
    note = " ".join(cand.notes) or None
    guessed = guessed or (bool(note) and not noted)
    return make_place(scan.ref, kind, code, scan.span(cand), guessed=guessed, note=note)


def find_place(text: str) -> Place | None:
    """The place mentioned in a free French text ("j'habite à Rennes, ..."), or None."""
    if not text or not text.strip():
        return None
    scan = _Scan(get_referential(), text, whole=False)
    names = scan.name_candidates()
    place = _decide(scan, names + scan.number_candidates(names))
    return place or _fuzzy_in_text(scan)


def resolve_place(text: str) -> Place:
    """The place that the whole text names: commune name, postal code, INSEE code, department name or
    number, region name, EPCI name or SIREN. Raises NotFound with close suggestions when unknown."""
    if text is None or not text.strip():  # NotFound for callers that catch it; the API answers 422
        message = "Lieu vide : indiquez une commune, un code postal ou un département."
        raise NotFound(message, "q", status_code=422)
    text = text.strip()
    if len(text) > MAX_PLACE_CHARS:
        raise NotFound(f"Lieu trop long (plus de {MAX_PLACE_CHARS} caractères).", "q", status_code=422)
    ref = get_referential()
    compact = text.replace(" ", "").lower()
    if re.fullmatch(r"\d{9}", compact) and compact in ref.epcis:
        return make_place(ref, "epci", compact, text)
    if _INSEE.match(compact):
        return _by_code(ref, compact.upper(), text)
    scan = _Scan(ref, text, whole=True)
    names = scan.name_candidates()
    cands = names + scan.number_candidates(names)
    covered = {k for c in cands for k in range(c.start, c.end)}
    place = _decide(scan, cands)
    rest = [t.key for k, t in enumerate(scan.tokens) if k not in covered and t.key not in FILLER]
    if place and not rest:
        return place
    fuzzy = _fuzzy_whole(ref, text)
    if fuzzy:
        return fuzzy
    raise NotFound(_unknown_message(ref, text), "q")


def _by_code(ref: Referential, code: str, text: str) -> Place:
    """A 5-character code: a postal code (what citizens type) or an INSEE code."""
    by_postcode = ref.postcodes.get(code, ())
    commune = ref.communes.get(code)
    if by_postcode and not (commune and code in by_postcode):
        notes = []
        if len(by_postcode) > 1:
            notes.append(
                f"Le code postal {code} couvre {_count(len(by_postcode), 'commune')} ; "
                f"choisie : la plus peuplée, {_label(ref, by_postcode[0])}."
            )
        if commune:
            notes.append(f"{code} est aussi le code INSEE de {_label(ref, code)} ; retenu : le code postal.")
        note = " ".join(notes) or None
        return make_place(ref, "commune", by_postcode[0], text, guessed=bool(note), note=note)
    if commune:
        return make_place(ref, "commune", code, text)
    raise NotFound(f"Aucune commune n'a le code postal ou le code INSEE « {code} ».", "q")


def _fuzzy_choices(ref: Referential, key: str) -> list[str]:
    return ref.name_keys_by_initial.get(key[:1], [])


def _fuzzy_cutoff(key: str) -> float:
    """Similarity needed to correct a spelling: one slip in a short name is a larger share of it."""
    return 85.0 if len(key) >= 8 else 88.0 if len(key) >= 6 else 90.0


def _fuzzy_in_text(scan: _Scan) -> Place | None:
    """A misspelt name introduced as a place: "à Marseile", "j'habite à marseile"."""
    ref, best = scan.ref, None
    for i in range(len(scan.tokens)):
        cue = scan.cue(i)
        if scan.key(i - 1) in PERSON_WORDS or cue < NEAR:
            continue
        if cue < RESIDENCE and not scan.capitalised(i, i + 1):
            continue  # "à travers", "sur devis": lower-case words after "à" or "sur" are mostly ordinary
        for j in range(min(len(scan.tokens), i + 3), i, -1):
            words = scan.tokens[i:j]
            key = " ".join(t.key for t in words)
            if len(key) < FUZZY_MIN_CHARS or key in ref.names or not scan.one_name(i, j):
                continue
            if any(not t.key.isalpha() or t.raw.isupper() or t.key in NOT_PLACES for t in words):
                continue
            if any(is_ordinary(t.raw) for t in words if t.key not in LINK_WORDS and t.key not in SAINTS):
                continue
            found = process.extractOne(
                key, _fuzzy_choices(ref, key), scorer=fuzz.ratio, score_cutoff=_fuzzy_cutoff(key)
            )
            if found and (best is None or found[1] > best[1]):
                best = (i, found[1], j, found[0])
    if best is None:
        return None
    i, _score, j, key = best
    scan.whole = True  # the spelling is settled: take the name's reading without further evidence
    cand = scan.choose(ref.names[key], i, j)
    if cand is None:
        return None
    place = _decide(scan, [cand])
    return _as_fuzzy(place, scan.span(cand))


def _fuzzy_whole(ref: Referential, text: str) -> Place | None:
    key = name_key(text)
    if len(key) < FUZZY_MIN_CHARS:
        return None
    found = process.extractOne(key, _fuzzy_choices(ref, key), scorer=fuzz.ratio, score_cutoff=82.0)
    if not found:
        return None
    scan = _Scan(ref, found[0], whole=True)
    place = _decide(scan, scan.name_candidates())
    return _as_fuzzy(place, text) if place else None


def _as_fuzzy(place: Place, typed: str) -> Place:
    note = f"« {typed} » compris comme {place.name} (orthographe corrigée)."
    note = f"{note} {place.note}" if place.note else note
    return Place(**{**place.__dict__, "guessed": True, "matched": typed, "note": note})


def _unknown_message(ref: Referential, text: str) -> str:
    """The error for an unknown place, with the closest names (whole text, then each long word)."""
    key = name_key(text)
    choices = [k for keys in ref.name_keys_by_initial.values() for k in keys]
    queries = [key] + [w for w in key.split() if len(w) >= 4 and w not in LINK_WORDS]
    scored: dict[str, float] = {}
    for query in dict.fromkeys(queries) if key else ():
        for match, score, _ in process.extract(query, choices, scorer=fuzz.ratio, limit=5, score_cutoff=60):
            scored[match] = max(score, scored.get(match, 0))
    ranked = sorted(scored, key=lambda k: (-round(scored[k]), -ref.population(ref.names[k][0])))
    labels = []
    for k in ranked:
        entry = ref.names[k][0]
        label = _label(ref, entry.code) if entry.kind == "commune" else ref.entry_name(entry)
        if label not in labels:
            labels.append(label)
    hint = f" Vouliez-vous dire : {', '.join(labels[:3])} ?" if labels else ""
    return f"Lieu introuvable : « {text} ».{hint}"


def locate_place(text: str) -> Place:
    """What the CLI and the API answer: the text as a place, else the place it mentions; NotFound."""
    try:
        return resolve_place(text)
    except NotFound as not_found:
        place = find_place(text)
        if place is None:
            raise not_found from None
        return place
