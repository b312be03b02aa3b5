"""Camera configuration (one YAML file per camera): zones, calibration, dwell times, sensitivity.

Every coordinate is in pixels of the camera image (x to the right, y downwards). Validation errors
name the faulty field and say what to fix; nothing is half-loaded.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from regia.errors import InputError
from regia.video.events import EVENT_TYPES

ZoneKind = Literal["forbidden", "sensitive", "ignore", "area"]
EventType = Literal[
    "abandoned_object",
    "weapon",
    "wrong_way",
    "intrusion",
    "fall",
    "crowd_movement",
    "crowd_density",
    "fire",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _segments_cross(p1, p2, q1, q2) -> bool:
    """Proper intersection of segments p1p2 and q1q2 (shared end points do not count)."""

    def orient(a, b, c) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2 = orient(q1, q2, p1), orient(q1, q2, p2)
    d3, d4 = orient(p1, p2, q1), orient(p1, p2, q2)
    return d1 * d2 < 0 and d3 * d4 < 0


def polygon_area(points: list[tuple[float, float]]) -> float:
    n = len(points)
    return (
        abs(
            sum(
                points[i][0] * points[(i + 1) % n][1] - points[(i + 1) % n][0] * points[i][1]
                for i in range(n)
            )
        )
        / 2
    )


class Zone(_Strict):
    """A polygon of the image. forbidden/sensitive: entering it is an intrusion; ignore: masked out;
    area: a plain zone (direction, density). ``direction`` is the allowed direction of movement in
    degrees in the image (0 = towards the right, 90 = downwards, 180 = left, 270 = upwards)."""

    name: str = Field(min_length=1, max_length=60)
    kind: ZoneKind
    polygon: list[tuple[float, float]] = Field(min_length=3, max_length=64)
    direction: float | None = Field(None, ge=0, lt=360)

    @field_validator("polygon")
    @classmethod
    def _simple_polygon(cls, points: list[tuple[float, float]]) -> list[tuple[float, float]]:
        if any(not (math.isfinite(x) and math.isfinite(y)) for x, y in points):
            raise ValueError("les coordonnées doivent être des nombres finis")
        if any(x < 0 or y < 0 for x, y in points):
            raise ValueError("les coordonnées doivent être positives (pixels de l'image)")
        n = len(points)
        for i in range(n):
            for j in range(i + 1, n):
                if abs(i - j) in (1, n - 1):
                    continue
                if _segments_cross(points[i], points[(i + 1) % n], points[j], points[(j + 1) % n]):
                    raise ValueError(
                        f"le polygone se croise lui-même (côtés {i + 1} et {j + 1}) : "
                        "ordonner les points le long du contour"
                    )
        if polygon_area(points) < 4:
            raise ValueError("le polygone est plat (aire nulle) : donner au moins 3 points non alignés")
        return points

    @model_validator(mode="after")
    def _direction_needs_zone(self) -> Zone:
        if self.kind == "ignore" and self.direction is not None:
            raise ValueError("une zone « ignore » ne peut pas porter de sens de circulation")
        return self


class GroundLine(_Strict):
    y: float = Field(ge=0, description="image row of the line, in pixels")
    ppm: float = Field(gt=0, le=5000, description="pixels per metre on the ground at that row")


class Calibration(_Strict):
    """Simple ground-plane calibration: pixels per metre at a near (low) and a far (high) image row,
    interpolated linearly in between."""

    near: GroundLine
    far: GroundLine

    @model_validator(mode="after")
    def _near_below_far(self) -> Calibration:
        if self.near.y <= self.far.y:
            raise ValueError("near.y doit être plus bas dans l'image (plus grand) que far.y")
        if self.near.ppm < self.far.ppm:
            raise ValueError("near.ppm doit être supérieur ou égal à far.ppm (le proche paraît plus grand)")
        return self

    def ppm(self, y: float) -> float:
        """Pixels per metre at image row ``y`` (never below a fifth of the far value)."""
        slope = (self.near.ppm - self.far.ppm) / (self.near.y - self.far.y)
        return max(self.far.ppm / 5, self.far.ppm + slope * (y - self.far.y))


class Density(_Strict):
    """People are counted from the foreground area: each person covers about ``person_area_m2`` of
    the image at the ground scale (0.3 seen from above, 0.7 from a low camera). Overlaps make the
    count saturate near 1 / person_area_m2 people per square metre."""

    max_per_m2: float = Field(1.5, gt=0, le=20, description="people per square metre")
    person_area_m2: float = Field(0.5, gt=0.05, le=2)
    max_people: int | None = Field(None, ge=1, description="people in the zone (or the image)")
    min_people: int = Field(5, ge=1, description="no density alert below this many people")


class Crowd(_Strict):
    run_speed_mps: float = Field(2.5, gt=0, le=15, description="speed counted as running")
    min_people: int = Field(5, ge=2, description="people running together for a crowd movement")


class Dwell(_Strict):
    """Seconds a situation must last before it becomes an event."""

    abandoned_object_s: float = Field(60.0, ge=1, le=3600)
    fall_s: float = Field(1.0, ge=0.2, le=120)
    intrusion_s: float = Field(0.5, ge=0, le=600)
    wrong_way_s: float = Field(1.0, ge=0.2, le=60)
    crowd_s: float = Field(3.0, ge=0.5, le=600)
    crowd_movement_s: float = Field(1.0, ge=0.2, le=60)
    fire_s: float = Field(2.0, ge=0.5, le=60)


class OnnxModel(_Strict):
    """An object-detection model provided by the operator (YOLO-style output)."""

    model: Path
    classes: list[str] = Field(min_length=1)
    person_classes: list[str] | None = Field(None, description="default: ['person'] when the model has it")
    weapon_classes: list[str] = []
    vehicle_classes: list[str] = []
    score_threshold: float = Field(0.5, gt=0, lt=1)
    fps: float = Field(2.0, gt=0, le=30, description="detections per second of video")

    @model_validator(mode="after")
    def _known_classes(self) -> OnnxModel:
        if self.person_classes is None:
            self.person_classes = [c for c in ("person",) if c in self.classes]
        for field_name in ("person_classes", "weapon_classes", "vehicle_classes"):
            unknown = [c for c in getattr(self, field_name) if c not in self.classes]
            if unknown:
                raise ValueError(f"{field_name} : classes absentes de `classes` : {', '.join(unknown)}")
        return self


class Privacy(_Strict):
    blur_people: bool = True


class Clips(_Strict):
    pre_s: float = Field(3.0, ge=0, le=30)
    post_s: float = Field(3.0, ge=0, le=30)
    fps: float = Field(8.0, gt=0, le=30)
    width: int = Field(640, ge=160, le=1920)


class Reconnect(_Strict):
    max_attempts: int = Field(0, ge=0, description="0 = try again forever")
    backoff_max_s: float = Field(30.0, gt=0, le=600)
    timeout_s: float = Field(10.0, gt=0, le=120)


ALL_BUT_MODEL = [t for t in EVENT_TYPES if t != "weapon"]
NEEDS_CALIBRATION = ("crowd_density", "crowd_movement")


class CameraConfig(_Strict):
    camera: str = Field("camera", min_length=1, max_length=80)
    source: str | None = None
    fps: float | None = Field(12.5, gt=0, le=60, description="frames analysed per second (None: all)")
    work_width: int = Field(320, ge=160, le=1280, description="width of the analysed image")
    backend: Literal["av", "opencv"] = Field("av", description="decoder: PyAV (FFmpeg) or OpenCV")
    detector: Literal["motion", "onnx"] = "motion"
    pose: Literal["auto", "off", "always"] = "auto"
    sensitivity: float = Field(0.5, ge=0, le=1)
    events: list[EventType] | None = None
    zones: list[Zone] = []
    calibration: Calibration | None = None
    density: Density = Density()
    crowd: Crowd = Crowd()
    dwell: Dwell = Dwell()
    onnx: OnnxModel | None = None
    privacy: Privacy = Privacy()
    clips: Clips = Clips()
    reconnect: Reconnect = Reconnect()

    @model_validator(mode="after")
    def _consistent(self) -> CameraConfig:
        names = [z.name for z in self.zones]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"zones : noms en double : {', '.join(duplicates)}")
        if self.detector == "onnx" and self.onnx is None:
            raise ValueError("detector: onnx demande un modèle (section onnx.model)")
        if self.events is not None:
            if "weapon" in self.events and not (self.onnx and self.onnx.weapon_classes):
                raise ValueError(
                    "events : « weapon » demande un modèle ONNX de détection d'armes fourni par l'exploitant "
                    "(onnx.model et onnx.weapon_classes) ; aucun modèle d'arme n'est livré avec Regia"
                )
            if "intrusion" in self.events and not any(
                z.kind in ("forbidden", "sensitive") for z in self.zones
            ):
                raise ValueError(
                    "events : « intrusion » demande au moins une zone de type forbidden ou sensitive"
                )
            if "wrong_way" in self.events and not any(z.direction is not None for z in self.zones):
                raise ValueError(
                    "events : « wrong_way » demande une zone avec un sens autorisé (zones[].direction)"
                )
            missing = [t for t in self.events if t in NEEDS_CALIBRATION]
            if missing and self.calibration is None:
                raise ValueError(
                    f"events : {', '.join(missing)} demande une calibration au sol "
                    "(calibration.near et calibration.far en pixels par mètre)"
                )
        return self

    @property
    def active_events(self) -> list[str]:
        """The event types this camera detects: the configured list, or every type it can serve."""
        if self.events is not None:
            return list(dict.fromkeys(self.events))
        active = [t for t in ALL_BUT_MODEL if self.calibration or t not in NEEDS_CALIBRATION]
        if not any(z.kind in ("forbidden", "sensitive") for z in self.zones):
            active.remove("intrusion")
        if not any(z.direction is not None for z in self.zones):
            active.remove("wrong_way")
        if self.onnx and self.onnx.weapon_classes:
            active.append("weapon")
        return active

    def inactive_reasons(self) -> dict[str, str]:
        """Why each allowed event type is off for this camera (shown in the analysis report)."""
        reasons = {}
        for t in EVENT_TYPES:
            if t in self.active_events:
                continue
            if t == "weapon" and not (self.onnx and self.onnx.weapon_classes):
                reasons[t] = "inactif : aucun modèle ONNX d'armes fourni (onnx.model, onnx.weapon_classes)"
            elif t == "intrusion" and not any(z.kind in ("forbidden", "sensitive") for z in self.zones):
                reasons[t] = (
                    "inactif : aucune zone interdite ou sensible (zones[].kind: forbidden | sensitive)"
                )
            elif t == "wrong_way" and not any(z.direction is not None for z in self.zones):
                reasons[t] = "inactif : aucune zone avec sens de circulation autorisé (zones[].direction)"
            elif t in NEEDS_CALIBRATION and self.calibration is None:
                reasons[t] = "inactif : calibration au sol absente (calibration.near, calibration.far)"
            else:
                reasons[t] = "inactif : non retenu dans `events` de la configuration"
        return reasons

    def check_frame(self, width: int, height: int) -> None:
        """Zones and calibration must fit the image actually received."""
        for i, zone in enumerate(self.zones):
            for x, y in zone.polygon:
                if x > width or y > height:
                    raise InputError(
                        f"zones[{i}] ({zone.name}) : le point ({x:g}, {y:g}) sort de l'image "
                        f"{width}x{height}",
                        f"zones[{i}].polygon",
                    )
        if self.calibration:
            for name in ("near", "far"):
                if getattr(self.calibration, name).y > height:
                    raise InputError(
                        f"calibration.{name}.y dépasse la hauteur de l'image ({height} pixels)",
                        f"calibration.{name}.y",
                    )


def _location(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "configuration"


def parse_config(data: dict | None, source: str = "configuration") -> CameraConfig:
    """Validate a configuration mapping; raise InputError naming the first faulty field."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(
            f"{source} : la configuration doit être un dictionnaire YAML (clé: valeur)", "config"
        )
    try:
        return CameraConfig.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = _location(tuple(p for p in err["loc"] if p not in ("function-after",)))
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "clé inconnue (vérifier l'orthographe)"
        elif err["type"] == "literal_error":
            message = f"valeur non autorisée ; attendu : {err['ctx']['expected']}"
        raise InputError(f"{source} : {where} : {message}", where) from None


def load_config(path: Path | str | None, camera: str | None = None) -> CameraConfig:
    """Read a camera YAML file (or the defaults when ``path`` is None)."""
    if path is None:
        config = CameraConfig()
    else:
        path = Path(path)
        if not path.is_file():
            raise InputError(f"fichier de configuration introuvable : {path}", "config")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise InputError(f"{path.name} : YAML invalide ({exc})", "config") from None
        config = parse_config(data, path.name)
    if camera:
        config = config.model_copy(update={"camera": camera})
    return config
