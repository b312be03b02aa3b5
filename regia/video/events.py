"""The event types that the law allows, and the event record every rule produces.

Loi n° 2023-380 du 19 mai 2023, article 10, and décret n° 2023-828 du 28 août 2023 allow algorithmic
processing of video-protection images only to detect, in real time, these eight predetermined events,
and forbid any biometric identification, facial recognition or cross-referencing of files. The list is
fixed here, in code: a camera configuration can only choose among these types, never add one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LEGAL_REFERENCE = (
    "Loi n° 2023-380 du 19 mai 2023 (article 10) et décret n° 2023-828 du 28 août 2023 : "
    "détection en temps réel d'événements prédéterminés, sans identification ni reconnaissance faciale."
)

# type -> French label, in the decree's order
EVENT_TYPES: dict[str, str] = {
    "abandoned_object": "Objet abandonné",
    "weapon": "Présence ou utilisation d'une arme",
    "wrong_way": "Non-respect du sens de circulation commun",
    "intrusion": "Présence dans une zone interdite ou sensible",
    "fall": "Personne au sol à la suite d'une chute",
    "crowd_movement": "Mouvement de foule",
    "crowd_density": "Densité trop importante de personnes",
    "fire": "Départ de feu",
}


@dataclass
class Event:
    """One detected event; times in seconds from the start of the input, box in source pixels."""

    type: str
    start_s: float
    end_s: float
    confidence: float
    bbox: tuple[int, int, int, int]
    zone: str | None = None
    camera: str | None = None
    snapshot: str | None = None
    clip: str | None = None
    details: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.type not in EVENT_TYPES:
            raise ValueError(f"event type not allowed by décret 2023-828: {self.type}")

    def to_dict(self) -> dict:
        """The public JSON shape (contract of `regia video analyze --json`)."""
        return {
            "type": self.type,
            "start_s": round(self.start_s, 2),
            "end_s": round(self.end_s, 2),
            "confidence": round(float(self.confidence), 3),
            "bbox": [int(v) for v in self.bbox],
            "zone": self.zone,
        }
