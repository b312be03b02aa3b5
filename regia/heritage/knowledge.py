"""The heritage knowledge base: Mérimée / Inventaire buildings (GeoJSON) and DATAtourisme points of
interest (JSON-LD) turned into records with the name variants that linking looks for."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator

from regia.errors import DataFileError
from regia.text.normalize import fold, normalize

MERIMEE_SOURCE = "merimee-toulouse"
DATATOURISME_SOURCE = "datatourisme"

# Words that name a kind of building or a part of a place: never enough, alone, to recognise one.
GENERIC = frozenset(
    normalize(
        "abbaye ancien ancienne anciens anciennes actuel actuelle aujourd hui basilique batiment batiments"
        " boulevard caserne cathedrale centre chapelle chateau cite college commune couvent demeure"
        " ecole eglise ensemble entrepot etablissement faubourg ferme fontaine foyer grand grande groupe"
        " hotel immeuble immeubles jardin lycee maison maisons monument moulin musee notre dame nouveau"
        " paroissiale parc petit petite place pont port porte prieure quai quartier route rue saint"
        " sainte saints square tour toulouse universitaire universite usine ville voie seminaire arsenal"
        " parlement palais justice hopital prison gare marche halle temple theatre cinema banque poste"
        " office tourisme institut ecole maternelle primaire superieure siege direction services"
    ).split()
)

# capitalised words that are no names (start of a title, "Sur", "Les"...)
_ARTICLES = frozenset(
    ["les", "des", "aux", "sur", "sous", "une", "pour", "par", "avec", "dans", "entre", "chez"]
)

_SPLIT = re.compile(
    r"\s*(?:[,;]|\bpuis\b|\bactuellement\b|\baujourd'hui\b|\bou\b|\bdite?s?\b|\bappel[ée]e?s?\b"
    r"|\bdevenue?s?\b|\banciennement\b|\bactuel(?:le)?\b)\s*",
    re.IGNORECASE,
)
_PARENS = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_LEADING = re.compile(r"^(?:l'|le |la |les |un |une |des |du |de |à )", re.IGNORECASE)


def distinctive_tokens(name: str) -> list[str]:
    """Folded proper-noun words of ``name`` (capitalised, not a building type or an article): the words
    that can identify a place ("pont Neuf" -> ["neuf"], "hôtel particulier" -> [])."""
    out = []
    for word in _WORD.findall(name):
        if not word[0].isupper():
            continue
        for token in normalize(word).split():
            if len(token) >= 3 and token not in GENERIC and token not in _ARTICLES:
                out.append(token)
    return out


def _clean(part: str) -> str:
    return _LEADING.sub("", part.strip(" .\"'«»")).strip()


def name_variants(title: str, appellations: Iterable[str] = ()) -> list[str]:
    """The names a building goes by: each part of its title ("X, dit Y, actuellement Z" -> X, Y, Z) of
    two words or more, and its appellations, that hold a distinctive word."""
    parts = [(_clean(p), False) for p in _SPLIT.split(_PARENS.sub(" ", title or ""))]
    parts += [(_clean(a), True) for a in appellations]
    out: list[str] = []
    for part, single_word_ok in parts:
        if not part or not distinctive_tokens(part) or fold(part) in {fold(o) for o in out}:
            continue
        if single_word_ok or len(normalize(part).split()) >= 2:
            out.append(part)
    return out


def _common_name(title: str, appellation: str, variants: list[str]) -> str:
    """A short name for display: the appellation, else the "dit ..." part, else the first part."""
    if appellation:
        return _clean(appellation.split(";")[0])
    said = re.search(r"\b(?:dite?s?|appel[ée]e?)\s+([^,;]+)", title or "", re.IGNORECASE)
    if said:
        return _clean(said.group(1))
    first = re.split(r"\s*(?:[,;]|\bpuis\b|\bactuellement\b|\baujourd'hui\b|\bou\b)\s*", title or "")[0]
    return _clean(first) or (variants[0] if variants else title)


def _record_id(source: str, *parts: str) -> str:
    return f"{source}:" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def merimee_records(geojson: dict, source_name: str = MERIMEE_SOURCE) -> Iterator[dict]:
    """Records from a Mérimée / Inventaire GeoJSON export (fields ``chp*``)."""
    features = geojson.get("features") if isinstance(geojson, dict) else None
    if not isinstance(features, list):
        raise DataFileError("un objet GeoJSON avec une liste 'features' est attendu", source=source_name)
    for n, feature in enumerate(features, 1):
        p = feature.get("properties") or {}
        title = (p.get("chptico") or "").strip()
        if not title:
            raise DataFileError("titre manquant", source=source_name, record=str(n), field="chptico")
        appellation = (p.get("chpappl") or "").strip()
        variants = name_variants(title, appellation.split(";") if appellation else ())
        lat, lon = _merimee_point(feature, p)
        yield {
            "id": _record_id(MERIMEE_SOURCE, title, p.get("chpadrs") or "", p.get("chpcoorwgs84") or str(n)),
            "source": MERIMEE_SOURCE,
            "kind": "monument",
            "name": _common_name(title, appellation, variants),
            "title": title,
            "names": variants,
            "denomination": (p.get("chpdeno") or "").strip(),
            "commune": (p.get("chpcom") or "").strip(),
            "insee": (p.get("chpinsee") or "").strip(),
            "address": (p.get("chpadrs") or "").strip(),
            "lat": lat,
            "lon": lon,
            "periods": (p.get("chpscle") or "").strip(),
            "dates": (p.get("chpdate") or "").strip(),
            "protection": (p.get("chpprot") or "").strip(),
            "history": (p.get("chphist") or "").strip(),
            "url": "",
        }


def _merimee_point(feature: dict, p: dict) -> tuple[float | None, float | None]:
    coords = (feature.get("geometry") or {}).get("coordinates")
    if isinstance(coords, list) and len(coords) == 2:
        return round(float(coords[1]), 6), round(float(coords[0]), 6)
    return None, None


def _fr(value) -> str:
    """The French text of a JSON-LD language map ({"fr": ["..."]} or {"fr": "..."})."""
    if isinstance(value, dict):
        value = value.get("fr") or ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value or "").strip()


def datatourisme_record(poi: dict, source_name: str = DATATOURISME_SOURCE) -> dict:
    """A record from one DATAtourisme point of interest (JSON-LD)."""
    label = _fr(poi.get("rdfs:label"))
    uri = poi.get("@id") or ""
    if not label or not uri:
        raise DataFileError("'@id' et 'rdfs:label' (fr) sont requis", source=source_name, field="rdfs:label")
    place = (poi.get("isLocatedAt") or [{}])[0]
    address = (place.get("schema:address") or [{}])[0]
    city = address.get("hasAddressCity") or {}
    geo = place.get("schema:geo") or {}
    descriptions = poi.get("hasDescription") or [{}]
    history = _fr(descriptions[0].get("dc:description")) or _fr(poi.get("rdfs:comment"))
    types = [
        t for t in poi.get("@type", []) if ":" not in t and t not in ("PointOfInterest", "PlaceOfInterest")
    ]
    street = address.get("schema:streetAddress") or []
    return {
        "id": f"{DATATOURISME_SOURCE}:{poi.get('dc:identifier') or uri.rsplit('/', 1)[-1]}",
        "source": DATATOURISME_SOURCE,
        "kind": "poi",
        "name": label,
        "title": label,
        "names": name_variants(label),
        "denomination": " ; ".join(types),
        "commune": str(address.get("schema:addressLocality") or _fr(city.get("rdfs:label"))),
        "insee": str(city.get("insee") or ""),
        "address": ", ".join(street if isinstance(street, list) else [street]),
        "lat": _float(geo.get("schema:latitude")),
        "lon": _float(geo.get("schema:longitude")),
        "periods": "",
        "dates": "",
        "protection": "",
        "history": history,
        "url": uri,
    }


def _float(value) -> float | None:
    try:
        return round(float(value), 6)
    except (TypeError, ValueError):
        return None


def datatourisme_records(pois: Iterable[dict], source_name: str = DATATOURISME_SOURCE) -> Iterator[dict]:
    for poi in pois:
        yield datatourisme_record(poi, source_name)
