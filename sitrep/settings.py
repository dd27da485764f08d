"""Settings: built once at the edge (defaults <- file <- environment <- flags), then passed down."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sitrep.errors import ConfigError

ENV_PREFIX = "SITREP_"


class Settings(BaseModel):
    """Everything a run can be told; unknown keys are an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    db: str = Field("sitrep.db", description="SQLite path or a postgresql:// URL")
    published: date | None = Field(None, description="publication date for inputs that state none")
    languages: tuple[str, ...] = Field(("en",), description="languages processed; others are skipped")
    max_bytes: int = Field(20_000_000, gt=0, description="larger inputs are recorded as failed")
    model: str | None = Field(None, description="spaCy pipeline name or path (default: English small)")
    gazetteer: str = Field("bundled", description="'bundled' or 'geonames'")
    gazetteer_path: Path | None = Field(None, description="GeoNames dump for the 'geonames' gazetteer")
    cache_dir: Path | None = Field(None, description="where built indexes are cached")
    workers: int = Field(1, ge=1, description="worker processes for the per-document stages")
    dask: str | None = Field(None, description="Dask scheduler address, or 'local' for a local cluster")
    fetch_timeout: float = Field(10.0, gt=0, description="seconds to wait for a web server")
    fetch_retries: int = Field(2, ge=0, description="retries of a failed fetch (timeouts, 5xx, 429)")
    fetch_backoff: float = Field(0.5, ge=0, description="seconds before the first retry; doubles each retry")
    fetch_host_delay: float = Field(1.0, ge=0, description="least seconds between requests to one host")
    fetch_max_bytes: int = Field(5_000_000, gt=0, description="larger web pages are recorded as failed")
    fetch_robots: bool = Field(True, description="obey robots.txt")
    fetch_user_agent: str | None = Field(
        None, description="User-Agent header (default: sitrep and its version); name a contact for site owners")


def load_settings(file: Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then a JSON settings file, then SITREP_* environment variables, then overrides."""
    values: dict[str, Any] = {}
    if file is not None:
        try:
            values.update(json.loads(file.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as err:
            raise ConfigError(f"cannot read settings file: {err}", source=str(file)) from err
    for name in Settings.model_fields:
        if (value := os.environ.get(ENV_PREFIX + name.upper())) is not None:
            values[name] = value
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except ValidationError as err:
        raise ConfigError(f"invalid settings: {err}", source=str(file) if file else None) from err
