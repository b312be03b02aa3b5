"""Placing imported projects in communes through ``regia.territory``: by INSEE code, by commune name
(within a department when the file says which), by the commune names a beneficiary or object mentions,
or by the point the file gives."""

from __future__ import annotations

from functools import lru_cache

from regia import territory
from regia.errors import NotFound
from regia.text.normalize import tokens

ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
ARTICLES = ("le", "la", "les", "l")
LINK_WORDS = frozenset(
    {"le", "la", "les", "l", "de", "du", "des", "d", "en", "sur", "sous", "et", "aux", "au"}
)
MAX_NAME_WORDS = 6  # "saint hilaire de chaleons" and longer names
MAX_POINT_KM = 30.0  # a point farther than this from every commune centroid is not in France


class PlaceError(ValueError):
    """A row whose place cannot be found; ``message`` is French, ``field`` names the column."""

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.message = message
        self.field = field


def name_key(text: str) -> str:
    """Folded words of a name, "St"/"Ste" spelt out: "ST HERBLAIN" and "Saint-Herblain" agree."""
    return " ".join(ABBREVIATIONS.get(word, word) for word in tokens(text))


EPCI_WORDS = frozenset({"cc", "ca", "cu", "communaute", "communes", "agglomeration", "urbaine", "metropole"})


def _epci_words(name: str) -> frozenset[str]:
    """Distinctive words of an EPCI name: its kind (CC, communauté de communes...) and links removed."""
    return frozenset(w for w in name_key(name).split() if w not in LINK_WORDS and w not in EPCI_WORDS)


@lru_cache(maxsize=20_000)
def _is_ordinary(key: str) -> bool:
    """True when every word of the name is an ordinary French word ("Vue", "La Montagne"): such a
    name inside an association's name is more likely a word than a place."""
    import simplemma

    words = [w for w in key.split() if w not in LINK_WORDS]
    return not words or all(len(w) < 3 or simplemma.is_known(w, lang="fr") for w in words)


class Locator:
    """Commune lookups for one import, with an index of commune names per department."""

    def __init__(self) -> None:
        self._by_department: dict[str, dict[str, list[territory.Commune]]] = {}
        self._in_text: dict[tuple[str, str], territory.Commune | None] = {}
        self._regions: dict[str, str] = {}

    def _index(self, department: str) -> dict[str, list[territory.Commune]]:
        """Name key -> communes of the department (most populated first); "\0falaise" for "La Falaise"
        written without its article; "\1word" marks the first words of names, to skip other words fast."""
        if department not in self._by_department:
            index: dict[str, list[territory.Commune]] = {}
            for commune in territory.communes_of("department", department):
                key = name_key(commune.name)
                index.setdefault(key, []).append(commune)
                index.setdefault(f"\1{key.split()[0]}", [])
                head, _, rest = key.partition(" ")
                if head in ARTICLES and rest:
                    index.setdefault(f"\0{rest}", []).append(commune)
            for homonyms in index.values():
                homonyms.sort(key=lambda c: -c.population)
            self._by_department[department] = index
        return self._by_department[department]

    @staticmethod
    def by_insee(code: str) -> territory.Commune:
        commune = territory.get_commune(code.replace(" ", "").replace("\u00a0", ""))
        if commune is None:
            raise PlaceError(f"code INSEE inconnu : « {code} »", "insee")
        return commune

    def by_name(self, name: str, department: str | None = None, postcode: str | None = None):
        """The commune called ``name``: within ``department`` when given, else as the territory
        resolver reads the name (with the postal code, when given, to tell homonyms apart)."""
        key = name_key(name)
        if not key:
            raise PlaceError("nom de commune vide", "commune")
        if department:
            if territory.department(department) is None:
                raise PlaceError(f"département inconnu : « {department} »", "department")
            index = self._index(department)
            found = index.get(key) or index.get(f"\0{key}")
            if found:
                return found[0]
            raise PlaceError(f"commune inconnue dans le département {department} : « {name} »", "commune")
        query = f"{name} {postcode}" if postcode else name
        try:
            place = territory.resolve_place(query)
        except NotFound:
            raise PlaceError(f"commune inconnue : « {query} »", "commune") from None
        if place.kind != "commune" or place.commune is None:
            raise PlaceError(f"« {query} » n'est pas une commune", "commune")
        if place.guessed:
            raise PlaceError(f"commune incertaine : « {query} » ({place.note})", "commune")
        return place.commune

    def epci_named(self, name: str, department: str | None = None) -> territory.Area | None:
        """The EPCI this name designates ("CC du Pays Houdanais", "Communauté de communes des Portes
        d'Ile de France"): its official name, else the EPCI of ``department`` with the same words."""
        try:
            place = territory.resolve_place(name)
            if place.kind == "epci":
                return place.epci
        except NotFound:
            pass
        if not department:
            return None
        words = _epci_words(name)
        sirens = {c.epci for c in territory.communes_of("department", department) if c.epci}
        for siren in sorted(sirens):
            area = territory.epci(siren)
            if area and words and _epci_words(area.name) == words:
                return area
        return None

    def epci_department(self, siren: str) -> tuple[str | None, str | None]:
        """Department and region of an EPCI, when all its communes share them."""
        members = territory.communes_of("epci", siren)
        depts, regions = {c.department for c in members}, {c.region for c in members}
        return (depts.pop() if len(depts) == 1 else None), (regions.pop() if len(regions) == 1 else None)

    def department_region(self, department: str) -> str:
        if department not in self._regions:
            if territory.department(department) is None:
                raise PlaceError(f"département inconnu : « {department} »", "department")
            self._regions[department] = territory.communes_of("department", department)[0].region
        return self._regions[department]

    @staticmethod
    def near(commune: territory.Commune, lat: float, lon: float) -> bool:
        if commune.lat is None or commune.lon is None:
            return True
        return territory.distance_km(commune.lat, commune.lon, lat, lon) <= MAX_POINT_KM

    def in_text(self, text: str, department: str) -> territory.Commune | None:
        """The first commune of ``department`` named in ``text`` (longest name at each position)."""
        if (text, department) not in self._in_text:
            self._in_text[text, department] = self._first_named(text, department)
        return self._in_text[text, department]

    def _first_named(self, text: str, department: str) -> territory.Commune | None:
        index = self._index(department)
        words = name_key(text).split()
        for start in range(len(words)):
            if f"\1{words[start]}" not in index:
                continue
            for end in range(min(len(words), start + MAX_NAME_WORDS), start, -1):
                key = " ".join(words[start:end])
                if key in index and not _is_ordinary(key):
                    return index[key][0]
        return None

    @staticmethod
    def at_point(lat: float, lon: float) -> territory.Commune:
        """The commune whose centroid is nearest to the point."""
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise PlaceError(f"coordonnées invalides : {lat}, {lon}", "geometry")
        near = territory.communes_within(lat, lon, MAX_POINT_KM)
        if not near:
            raise PlaceError(f"coordonnées hors du territoire couvert : {lat}, {lon}", "geometry")
        return near[0][0]
