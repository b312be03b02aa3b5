"""The questionnaire: who the person is, what they want, and the constraints the proposals must respect.

Field names are English (the API and the ``--answers`` JSON file); a few French aliases are accepted
(``rayon_km``, ``permis``...). Unknown fields are ignored; invalid values are refused with the field named.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator

from regia.errors import InputError

RIASEC = {
    "R": ("Réaliste", "concret, manuel, technique : fabriquer, réparer, conduire, travailler dehors"),
    "I": ("Investigateur", "comprendre, analyser, chercher, résoudre des problèmes"),
    "A": ("Artistique", "créer, imaginer, s'exprimer"),
    "S": ("Social", "aider, soigner, accompagner, enseigner"),
    "E": ("Entreprenant", "convaincre, vendre, diriger, prendre des initiatives"),
    "C": ("Conventionnel", "organiser, gérer, suivre des procédures, classer, compter"),
}
STATUSES = {
    "demandeur_emploi": "Demandeur ou demandeuse d'emploi",
    "salarie": "Salarié·e",
    "reconversion": "En reconversion",
    "etudiant": "Étudiant·e ou lycéen·ne",
    "autre": "Autre situation",
}
LEVELS = {
    2: "Sans diplôme ou brevet des collèges",
    3: "CAP, BEP (niveau 3)",
    4: "Baccalauréat (niveau 4)",
    5: "Bac + 2 : BTS, DUT (niveau 5)",
    6: "Bac + 3 ou 4 : licence, BUT (niveau 6)",
    7: "Bac + 5 : master, ingénieur (niveau 7)",
    8: "Doctorat (niveau 8)",
}
CONTRACTS = {
    "CDI": "CDI",
    "CDD": "CDD",
    "MIS": "Intérim",
    "SAI": "Saisonnier",
    "ALT": "Alternance, apprentissage",
}
WORKING_TIMES = {"plein": "Temps plein", "partiel": "Temps partiel"}
DEFAULT_RADIUS_KM = 30.0


class Answers(BaseModel):
    """The person's answers; every field is optional."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    age: int | None = Field(None, ge=14, le=99)
    status: Literal["demandeur_emploi", "salarie", "reconversion", "etudiant", "autre"] | None = None
    education_level: int | None = Field(
        None, ge=2, le=8, validation_alias=AliasChoices("education_level", "niveau", "level")
    )
    commune: str | None = Field(
        None, max_length=100, validation_alias=AliasChoices("commune", "city", "place")
    )
    radius_km: float = Field(
        DEFAULT_RADIUS_KM, gt=0, le=200, validation_alias=AliasChoices("radius_km", "radius", "rayon_km")
    )
    driving_licence: bool | None = Field(
        None, validation_alias=AliasChoices("driving_licence", "driving_license", "permis")
    )
    vehicle: bool | None = Field(None, validation_alias=AliasChoices("vehicle", "vehicule"))
    max_training_years: float | None = Field(
        None,
        gt=0,
        le=5,
        validation_alias=AliasChoices(
            "max_training_years", "max_training_duration_years", "duree_formation_max"
        ),
    )
    contracts: list[Literal["CDI", "CDD", "MIS", "SAI", "ALT"]] = Field(default_factory=list)
    working_time: Literal["plein", "partiel"] | None = None
    interests: list[Literal["R", "I", "A", "S", "E", "C"]] = Field(
        default_factory=list, validation_alias=AliasChoices("interests", "riasec")
    )
    target: str | None = Field(
        None, max_length=200, validation_alias=AliasChoices("target", "wanted_job", "metier_vise")
    )
    save: bool = False

    @field_validator("contracts", "interests", mode="before")
    @classmethod
    def _listify(cls, value):
        """Accept "CDI,CDD" or "SA" as well as lists; upper-case the codes."""
        if value is None or value == "":
            return []
        if isinstance(value, str):
            compact = value.strip().upper()
            if 1 < len(compact) <= 6 and all(c in RIASEC for c in compact):
                value = list(compact)  # "SA": Social then Artistic
            else:
                value = value.replace(";", ",").split(",")
        return [str(v).strip().upper() for v in value if str(v).strip()]

    @field_validator("working_time", mode="before")
    @classmethod
    def _working_time(cls, value):
        if isinstance(value, str):
            lowered = value.strip().lower()
            if not lowered:
                return None
            return "partiel" if "partiel" in lowered else "plein" if "plein" in lowered else lowered
        return value

    @field_validator("commune", "target", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        return None if isinstance(value, str) and not value.strip() else value


def parse_answers(data: dict | None) -> Answers:
    """Validated answers; InputError naming the first faulty field otherwise."""
    if data is None:
        return Answers()
    if not isinstance(data, dict):
        raise InputError("Les réponses doivent être un objet JSON (clé : valeur).", "answers")
    try:
        return Answers.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first.get("loc", ())) or "answers"
        raise InputError(f"Réponse invalide pour « {field} » : {_french(first)}", field) from None


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def _french(error: dict) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx", {})
    if kind == "greater_than_equal":
        return f"la valeur doit être au moins {_number(ctx.get('ge'))}."
    if kind == "greater_than":
        return f"la valeur doit être supérieure à {_number(ctx.get('gt'))}."
    if kind in ("less_than_equal", "less_than"):
        return f"la valeur doit être au plus {_number(ctx.get('le', ctx.get('lt')))}."
    if kind in ("int_parsing", "int_type", "float_parsing", "float_type", "int_from_float"):
        return "un nombre est attendu."
    if kind in ("bool_parsing", "bool_type"):
        return "oui ou non (true / false) est attendu."
    if kind == "literal_error":
        return f"valeur inconnue ; valeurs possibles : {ctx.get('expected', '')}."
    if kind == "string_too_long":
        return f"texte trop long (au plus {ctx.get('max_length')} caractères)."
    return error.get("msg", "valeur incorrecte") + "."
