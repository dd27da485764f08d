"""Progress kept in the store's database: which documents of a batch are done, which URLs a
watch has seen.

A batch is named by a digest of its inputs and of the settings that shape results, so re-running
the same command after a crash (even `kill -9`) finds the results already made and redoes only
the rest. Each done document's result is kept whole (pickled), so the cross-document merge at the
end sees every document's events, as in a run never interrupted. The rows are the user's own
database's; they are not read from anywhere else.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    delete,
    func,
    select,
)
from sqlalchemy.exc import SQLAlchemyError

from sitrep import __version__
from sitrep.errors import StoreError
from sitrep.records import DocumentResult, RawInput, UnreadableInput
from sitrep.settings import Settings
from sitrep.store import Store

# settings that change how a batch runs or fetches, never what a document yields
_RUN_ONLY = {"db", "workers", "dask", "fetch_timeout", "fetch_retries", "fetch_backoff", "fetch_host_delay",
             "fetch_max_bytes", "fetch_robots"}

logger = logging.getLogger(__name__)
_metadata = MetaData()
_done = Table(
    "batch_checkpoints", _metadata,
    Column("batch", String(64), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("result", LargeBinary, nullable=False),
)
_seen = Table(
    "seen_urls", _metadata,
    Column("url", Text, primary_key=True),
    Column("seen_at", String(32), nullable=False),
)


def batch_key(inputs: Sequence[RawInput | UnreadableInput], *, settings: Settings) -> str:
    """A digest naming a batch: its inputs, in order, and the settings that shape results."""
    digest = hashlib.sha256(f"sitrep {__version__}\n".encode())
    digest.update(settings.model_dump_json(exclude=_RUN_ONLY).encode())
    for item in inputs:
        digest.update(repr(item).encode("utf-8", errors="replace"))
    return digest.hexdigest()


class Checkpoint:
    """The done documents of one batch, by position in the batch's inputs."""

    def __init__(self, store: Store, *, batch: str) -> None:
        self.engine: Engine = store.engine
        self.batch = batch
        _create(self.engine)

    def done(self) -> dict[int, DocumentResult]:
        """The results of the documents already done, by position. Results this version of sitrep
        cannot read back (its records changed) are forgotten, and those documents redone."""
        query = select(_done.c.position, _done.c.result).where(_done.c.batch == self.batch)
        with self.engine.connect() as conn:
            rows = list(conn.execute(query))
        try:
            return {position: pickle.loads(blob) for position, blob in rows}
        except (pickle.UnpicklingError, AttributeError, ImportError, TypeError, EOFError) as err:
            logger.warning("batch checkpoint unreadable, starting the batch afresh: %s", err)
            self.clear()
            return {}

    def count(self) -> int:
        """How many documents of the batch are done."""
        query = select(func.count()).select_from(_done).where(_done.c.batch == self.batch)
        with self.engine.connect() as conn:
            return conn.scalar(query) or 0

    def mark(self, position: int, result: DocumentResult) -> None:
        """Record the document at `position` as done, with its result."""
        blob = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)

        def write(conn: Connection) -> None:
            conn.execute(delete(_done).where((_done.c.batch == self.batch) & (_done.c.position == position)))
            conn.execute(_done.insert().values(batch=self.batch, position=position, result=blob))

        self._write(write)

    def clear(self) -> None:
        """Forget the batch (it finished, or is to be started afresh)."""
        self._write(lambda conn: conn.execute(delete(_done).where(_done.c.batch == self.batch)))

    def _write(self, step: Callable[[Connection], object]) -> None:
        try:
            with self.engine.begin() as conn:
                step(conn)
        except SQLAlchemyError as err:
            raise StoreError(f"cannot write batch checkpoint: {err}", source=str(self.engine.url)) from err


def open_checkpoint(store: Store, *, inputs: Sequence[RawInput | UnreadableInput], settings: Settings) -> Checkpoint:
    """The checkpoint of the batch these inputs and settings make."""
    return Checkpoint(store, batch=batch_key(inputs, settings=settings))


class SeenUrls:
    """The URLs a watch has already taken in, kept in the database."""

    def __init__(self, store: Store) -> None:
        self.engine: Engine = store.engine
        _create(self.engine)
        with self.engine.connect() as conn:
            self._urls = set(conn.scalars(select(_seen.c.url)))

    def __contains__(self, url: object) -> bool:
        return url in self._urls

    def __len__(self) -> int:
        return len(self._urls)

    def add(self, urls: Iterable[str]) -> None:
        """Remember these URLs as seen."""
        fresh = sorted(set(urls) - self._urls)
        if not fresh:
            return
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with self.engine.begin() as conn:
                conn.execute(_seen.insert(), [{"url": url, "seen_at": now} for url in fresh])
        except SQLAlchemyError as err:
            raise StoreError(f"cannot record seen URLs: {err}", source=str(self.engine.url)) from err
        self._urls.update(fresh)


def _create(engine: Engine) -> None:
    try:
        with engine.begin() as conn:
            _metadata.create_all(conn, checkfirst=True)
    except SQLAlchemyError as err:
        raise StoreError(f"cannot create checkpoint tables: {err}", source=str(engine.url)) from err
