"""Records <-> JSON without loss, so stored reports can be merged again exactly as they were made.

The output contract (`sitrep.export.event_record`) flattens an event for readers; this codec keeps
every field of the record (actor and place evidence included) and rebuilds the same frozen record.
"""

from __future__ import annotations

import json
import types
from dataclasses import fields, is_dataclass
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from sitrep.records import Event


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _build(kind: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        (inner,) = [a for a in get_args(kind) if a is not type(None)]
        return _build(inner, data)
    if origin is tuple:
        return tuple(_build(get_args(kind)[0], v) for v in data)
    if is_dataclass(kind) and isinstance(kind, type):
        hints = _hints(kind)
        maker: Any = kind
        return maker(**{k: _build(hints[k], v) for k, v in data.items()})
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is date:
        return date.fromisoformat(data)
    if kind is float:
        return float(data)
    return data


def dump_event(event: Event) -> str:
    """An event as JSON text holding every field."""
    return json.dumps(_plain(event), ensure_ascii=False, separators=(",", ":"))


def load_event(text: str) -> Event:
    """The event `dump_event` wrote."""
    event: Event = _build(Event, json.loads(text))
    return event
