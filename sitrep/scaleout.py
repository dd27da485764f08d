"""Where the per-document stages run: in this process, in a pool of worker processes
(`workers > 1`), or on a Dask cluster (`dask`: a scheduler address, or "local").

Each worker process loads the model and resources once and keeps them for every document it is
given; results come back in input order, so the output is the same wherever the work ran. Store
writes and the cross-document merge stay with the caller, in this process.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Any, Protocol

from sitrep.errors import ConfigError
from sitrep.pipeline import Resources, load_resources, run
from sitrep.records import DocumentResult, RawInput, UnreadableInput
from sitrep.settings import Settings

Input = RawInput | UnreadableInput
DocumentRunner = Callable[[Iterable[Input]], Iterator[DocumentResult]]
DASK_HINT = "pip install 'sitrep[dask]'"
CONNECT_TIMEOUT = "20s"
IN_FLIGHT_PER_WORKER = 8  # documents handed out ahead of the one awaited, per worker


class _Future(Protocol):
    def result(self) -> Any: ...


@contextmanager
def open_runner(settings: Settings, *, resources: Resources | None = None) -> Iterator[DocumentRunner]:
    """A function running the per-document stages over inputs, where the settings ask: Dask
    (`settings.dask`), a process pool (`settings.workers > 1`) or this process (with
    `resources`, loaded here when not given)."""
    if settings.dask:
        with _dask_runner(settings) as runner:
            yield runner
    elif settings.workers > 1:
        with _pool_runner(settings) as runner:
            yield runner
    else:
        loaded = resources or load_resources(settings)
        yield lambda items: run(items, settings=settings, resources=loaded)


# One worker process's settings and resources, loaded once by `_start_worker` (pool initializer,
# or the first Dask task a worker runs). Lives only in worker processes.
_worker: tuple[Settings, Resources] | None = None
_worker_lock = threading.Lock()


def _start_worker(settings: Settings) -> Resources:
    """This worker's resources for `settings`, loaded on first use."""
    global _worker
    with _worker_lock:
        if _worker is None or _worker[0] != settings:
            _worker = (settings, load_resources(settings))
        return _worker[1]


def _warm_worker(settings: Settings) -> None:
    """Load this worker's resources now, before the first document."""
    _start_worker(settings)


def _process_in_worker(item: Input, settings: Settings) -> DocumentResult:
    return next(run([item], settings=settings, resources=_start_worker(settings)))


def _ordered(submit: Callable[[Input], _Future], items: Iterable[Input], *, window: int) -> Iterator[DocumentResult]:
    """Results in input order, keeping at most `window` documents in flight."""
    pending: deque[_Future] = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


@contextmanager
def _pool_runner(settings: Settings) -> Iterator[DocumentRunner]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(settings.workers, mp_context=context, initializer=_start_worker,
                             initargs=(settings,)) as pool:
        wait([pool.submit(_warm_worker, settings) for _ in range(settings.workers)])  # start them now
        yield lambda items: _ordered(lambda item: pool.submit(_process_in_worker, item, settings), items,
                                     window=IN_FLIGHT_PER_WORKER * settings.workers)


@contextmanager
def _dask_runner(settings: Settings) -> Iterator[DocumentRunner]:
    try:
        from distributed import LocalCluster
    except ImportError as err:
        raise ConfigError(f"running on Dask needs the dask extra: {DASK_HINT}", source="dask") from err
    cluster = None
    if settings.dask == "local":
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=settings.workers, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with _client(cluster if cluster is not None else settings.dask) as client:
            client.run(_warm_worker, settings)
            workers = max(1, len(client.scheduler_info()["workers"]))
            yield lambda items: _ordered(lambda item: client.submit(_process_in_worker, item, settings, pure=False),
                                         items, window=IN_FLIGHT_PER_WORKER * workers)
    finally:
        if cluster is not None:
            cluster.close()


def _client(address: Any) -> Any:
    """A Dask client of a cluster or scheduler address."""
    from distributed import Client

    try:
        return Client(address, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
    except OSError as err:
        raise ConfigError(f"cannot reach the Dask scheduler {address!r}: {err}", source="dask") from err
