"""What a conversation knows of the person: built from each message's reading, stored with the session.

Only facts are kept (age, place, statuses, need keywords, which questions were asked or declined), never
the messages themselves.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from regia import territory
from regia.aids.conditions import OCCUPATIONS, Person
from regia.aids.eligibility import occupation_words
from regia.aids.themes import themes_of
from regia.aids.understanding import Reading

PERSON_KIND = "Particuliers"  # who talks to the agent, unless they say they speak for an organisation


@dataclass
class Profile:
    age: int | None = None
    place: dict | None = None  # kind, code, name, department, guessed, note
    statuses: list[str] = field(default_factory=list)
    not_statuses: list[str] = field(default_factory=list)
    organisation: bool = False
    need: str | None = None
    themes: list[str] = field(default_factory=list)
    declined: list[str] = field(default_factory=list)  # slots the person chose not to answer
    asked: list[str] = field(default_factory=list)  # slots asked since the need was stated
    pending: str | None = None  # slot of the last question

    @classmethod
    def from_dict(cls, data: dict) -> Profile:
        known = {k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def to_dict(self) -> dict:
        return asdict(self)

    def person(self) -> Person:
        facts = {} if self.organisation else {"beneficiaire": PERSON_KIND}
        return Person(
            age=self.age,
            statuses=frozenset(self.statuses),
            not_statuses=frozenset(self.not_statuses),
            facts=facts,
        )

    def where(self):
        """The territory Place of the person, or None."""
        if not self.place:
            return None
        return territory.place_of(self.place["kind"], self.place["code"])

    def knows(self, slot: str) -> bool:
        if slot == "age":
            return self.age is not None
        if slot == "place":
            return bool(self.place) and self.place["kind"] == "commune"
        if slot == "status":
            return any(s in OCCUPATIONS for s in self.statuses)
        if slot == "need":
            return bool(self.need)
        return slot in self.statuses or slot in self.not_statuses

    def summary(self) -> str:
        """ "20 ans, étudiant, Bordeaux" (what the answers are based on)."""
        parts = [f"{self.age} ans"] if self.age is not None else []
        if words := occupation_words(self.statuses):
            parts.append(words)
        if self.place:
            parts.append(self.place["name"])
        return ", ".join(parts)

    def public(self) -> dict:
        """The profile as the JSON contract shows it."""
        return {
            "age": self.age,
            "place": self.place,
            "status": sorted(s for s in self.statuses if s in OCCUPATIONS),
            "situations": {s: True for s in self.statuses if s not in OCCUPATIONS}
            | {s: False for s in self.not_statuses if s not in OCCUPATIONS},
            "need": self.need,
            "themes": self.themes,
            "declined": self.declined,
        }

    def apply(self, reading: Reading) -> list[str]:
        """Update the profile with what a message says; returns French notes for the person (corrections,
        guesses, places not found)."""
        notes: list[str] = []
        if reading.age is not None:
            if self.age is not None and self.age != reading.age:
                notes.append(f"C'est noté : vous avez {reading.age} ans (et non {self.age}).")
            self.age = reading.age
        if reading.place is not None:
            p = reading.place
            self.place = {
                "kind": p.kind,
                "code": p.code,
                "name": p.name,
                "insee": p.commune.insee if p.commune else None,
                "department": p.department.code if p.department else None,
                "guessed": p.guessed,
                "note": p.note,
            }
            if p.guessed and p.note:
                notes.append(p.note)
        elif reading.place_unknown:
            notes.append(
                f"Je ne trouve pas la commune « {reading.place_unknown[:60]} » : "
                "donnez son nom complet ou son code postal."
            )
        said = set(reading.statuses)
        if said & OCCUPATIONS:  # a new occupation replaces the previous one ("en fait je suis salarié")
            self.statuses = [s for s in self.statuses if s not in OCCUPATIONS]
        self.statuses = sorted((set(self.statuses) | said) - reading.not_statuses)
        self.not_statuses = sorted((set(self.not_statuses) | reading.not_statuses) - said)
        if reading.organisation:
            self.organisation = True
        if reading.dont_know and self.pending and self.pending not in self.declined:
            self.declined.append(self.pending)
        if reading.need:
            if reading.need_also and self.need:
                self.need = f"{self.need} {reading.need}"
            else:
                if self.need:
                    self.asked = []
                self.need = reading.need
            self.themes = themes_of(self.need)
        return notes
