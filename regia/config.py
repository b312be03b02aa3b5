"""One Settings object for the whole platform (environment prefix ``REGIA_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REGIA_", env_file=".env", extra="ignore")

    # where things live
    home: Path = Field(
        PROJECT_ROOT / "var", description="state folder: database, indexes, caches, media outputs"
    )
    data_dir: Path = Field(PROJECT_ROOT / "data", description="compact data shipped with the project")
    shared_data_dir: Path = Field(
        PROJECT_ROOT.parent / "shared" / "data", description="large open datasets (read-only)"
    )
    database_url: str | None = Field(None, description="SQLAlchemy URL; SQLite file in `home` when unset")
    embedding_cache_dir: Path | None = Field(None, description="embedding cache; `home`/cache when unset")
    embedding_threads: int = Field(1, ge=1, le=64, description="OpenMP threads of the e5 model")

    # optional text generation through an OpenAI-compatible endpoint (off when llm_url is unset)
    llm_url: str | None = None
    llm_model: str = "albert-large"
    llm_api_key: str | None = None
    llm_timeout_s: float = 20.0

    # administration: admin endpoints answer 403 unless this token is set and given
    admin_token: str | None = None

    # video: days an event (its blurred snapshot and clip) is kept before `regia video purge` removes it
    video_retention_days: int = Field(30, ge=1, le=365)

    # the Region's identity on the portal
    region_name: str = "Région"
    region_code: str | None = Field(None, description="INSEE code of the Region, used as default territory")
    region_logo_url: str | None = None
    color_primary: str = "#1d4e89"
    color_accent: str = "#b8336a"

    # projects map: no tile server by default (boundaries only, works offline); a URL template enables tiles
    projects_tiles_url: str | None = Field(
        None, description="e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    )
    projects_tiles_attribution: str = Field("", description="attribution the tile provider requires")

    # limits at the boundaries
    max_query_chars: int = 1000
    max_message_chars: int = 2000
    max_upload_bytes: int = 5 * 1024 * 1024
    session_ttl_minutes: int = 60
    heritage_max_duration_s: float = Field(
        4 * 3600, description="heritage: longest video described (seconds); longer files are refused"
    )
    skills_max_description_chars: int = Field(
        50_000, description="skills: longest offer description extracted; longer ones are skipped"
    )

    @property
    def db_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'regia.db'}"

    @property
    def cache_dir(self) -> Path:
        return self.embedding_cache_dir or self.home / "cache"

    @property
    def index_dir(self) -> Path:
        return self.home / "indexes"


@lru_cache
def get_settings() -> Settings:
    return Settings()
