"""The HTTP API: `create_app(settings)` builds the FastAPI app that `sitrep serve` runs."""

from sitrep.api.app import ApiSettings, create_app, load_api_settings

__all__ = ["ApiSettings", "create_app", "load_api_settings"]
