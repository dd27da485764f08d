"""The HTTP API: `create_app(settings)` builds the FastAPI app that `sitrep serve` runs."""

from sitrep.api.app import ApiSettings, app_from_environment, create_app, load_api_settings, serving_environment

__all__ = ["ApiSettings", "app_from_environment", "create_app", "load_api_settings", "serving_environment"]
