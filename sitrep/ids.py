"""Stable ids from content hashes: the same input gives the same id on every run."""

from __future__ import annotations

import hashlib


def stable_id(*parts: object, prefix: str = "", length: int = 16) -> str:
    """A short hex digest of the parts, joined unambiguously."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:length]}"
