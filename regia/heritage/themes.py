"""Heritage themes of a video and its keywords, from its words and from the linked records."""

from __future__ import annotations

from collections import Counter

from regia.text.lemmas import lemma_tokens
from regia.text.normalize import fold, normalize
from regia.text.stopwords import stopwords

# theme -> folded lemmas, and DATAtourisme types (capitalised), that evoke it
_TRIGGERS = {
    "patrimoine religieux": (
        "abbaye basilique cathedrale chapelle cloitre couvent eglise monastere prieure relique pelerinage",
        "chanoine moine religieux religieuse eveche archeveche temple synagogue",
        "Abbey Church Cloister ReligiousSite",
    ),
    "architecture civile et urbaine": (
        "hotel immeuble maison facade place capitole palais mairie bourse tribunal demeure urbanisme",
        "RemarkableBuilding",
    ),
    "ouvrages d'art et voies d'eau": (
        "pont canal ecluse port quai fleuve riviere garonne passerelle aqueduc barrage navigation",
        "Aqueduct",
    ),
    "patrimoine industriel et technique": (
        "usine manufacture moulin centrale atelier fabrique fonderie minoterie industrie industriel",
        "aeronautique TechnicalHeritage",
    ),
    "fortifications et patrimoine militaire": (
        "rempart enceinte fortification chateau donjon caserne arsenal citadelle militaire",
    ),
    "transports et vie quotidienne": (
        "tramway tram train gare voiture caleche cheval pieton marche commerce automobile rue",
    ),
    "nature et paysages": (
        "jardin parc foret montagne lac campagne arbre paysage vigne vignoble nature SportsAndLeisurePlace",
    ),
    "arts et musées": (
        "musee peinture sculpture tableau exposition fresque vitrail artiste theatre cinema",
        "Exhibition CulturalSite",
    ),
    "mémoire et histoire": ("guerre souvenir revolution histoire historique roi memoire commemoration",),
}


def _words(lines: tuple[str, ...]) -> frozenset[str]:
    words = " ".join(lines).split()
    return frozenset(normalize(" ".join(words)).split()) | frozenset(
        w.lower() for w in words if w[0].isupper()
    )


THEMES: dict[str, frozenset[str]] = {name: _words(lines) for name, lines in _TRIGGERS.items()}


def themes(text: str, records: list[dict]) -> list[dict]:
    """Themes with their evidence: one word of a linked record's kind is enough, words of the video
    itself must be two distinct ones."""
    words = set(lemma_tokens(text))
    record_words = set()
    for record in records:
        record_words |= set(normalize(record.get("denomination", "")).split())
        record_words |= {w.lower() for w in record.get("denomination", "").replace(";", " ").split()}
    out = []
    for name, triggers in THEMES.items():
        from_records = sorted(triggers & record_words)
        from_text = sorted(triggers & words)
        if from_records or len(from_text) >= 2:
            out.append({"theme": name, "evidence": sorted(set(from_records) | set(from_text))})
    return out


def _plausible(forms: Counter[str], count: int) -> bool:
    """A French noun of the dictionary, or a proper noun met twice: a misheard word ("élients") is
    rarely either."""
    import simplemma

    form = forms.most_common(1)[0][0]
    if form[0].isupper():
        return count >= 2
    return simplemma.is_known(form, lang="fr")


def keywords(docs: list, names: list[str], limit: int = 12) -> list[str]:
    """Place names first, then the nouns and proper nouns said or shown most often (spaCy docs), the
    rarer words of the language first among equals ("rugissement" before "chose")."""
    stops = stopwords()
    counts: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = {}
    for doc in docs:
        for token in doc:
            if token.pos_ not in ("NOUN", "PROPN") or len(token.text) < 3 or not token.text.isalpha():
                continue
            key = fold(token.text.lower())
            if key in stops:
                continue
            counts[key] += 1
            form = token.text if token.pos_ == "PROPN" else token.text.lower()
            surface.setdefault(key, Counter())[form] += 1
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        if fold(name) not in seen:
            out.append(name)
            seen.add(fold(name))
    in_names = {w for n in names for w in normalize(n).split()}
    vocab = docs[0].vocab if docs else None

    def rarity(key: str) -> int:  # rank of the word in the model's frequency-ordered vectors
        return vocab[surface[key].most_common(1)[0][0].lower()].rank if vocab is not None else 0

    for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], -rarity(kv[0]), kv[0])):
        if len(out) >= limit:
            break
        if key in seen or key in in_names or not _plausible(surface[key], count):
            continue
        out.append(surface[key].most_common(1)[0][0])
        seen.add(key)
    return out
