"""Where the per-document stages run: in this process, in a pool of worker processes
(`workers > 1`), or on a Dask cluster (`dask`: a scheduler address, or "local").

Each worker process loads the model and resources once and keeps them for every document it is
given. Workers are handed chunks of documents, which they run through the pipeline as this process
does (analysed together, failures isolated per document); a bounded number of chunks is in flight,
and results come back in input order, so the output is the same wherever the work ran. Store
writes, checkpoints and the cross-document merge stay with the caller, in this process, one
document at a time.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, wait
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from sitrep.errors import ConfigError
from sitrep.pipeline import BATCH_SIZE, Resources, load_resources, run
from sitrep.records import DocumentResult, RawInput, UnreadableInput
from sitrep.settings import Settings

Input = RawInput | UnreadableInput
DocumentRunner = Callable[[Iterable[Input]], Iterator[DocumentResult]]
DASK_HINT = "pip install 'sitrep[dask]'"
CONNECT_TIMEOUT = "20s"
IN_FLIGHT_PER_WORKER = 2  # chunks handed out per worker: one running, one waiting its turn
_T = TypeVar("_T")
# A local cluster's workers run without Dask's sampling profiler and keep glibc's own threshold for
# returning freed memory (Dask's low one costs the model's many small allocations CPU time).
_LOCAL_WORKER_CONFIG = {"distributed.worker.profile.enabled": False,
                        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}


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


def _process_in_worker(chunk: list[Input], settings: Settings) -> list[DocumentResult]:
    return list(run(chunk, settings=settings, resources=_start_worker(settings)))


def chunks(items: Iterable[_T], *, size: int, workers: int) -> Iterator[list[_T]]:
    """The items in order, in lists of `size`, read at most `size * workers` items ahead. Once the
    input has ended, what is left goes out in smaller lists (each a `workers`-th of the rest), so
    that no worker is left with a long last chunk while the others wait."""
    ahead: deque[_T] = deque()
    for item in items:
        ahead.append(item)
        if len(ahead) == size * workers:
            yield [ahead.popleft() for _ in range(size)]
    while ahead:
        take = min(size, -(-len(ahead) // workers))
        yield [ahead.popleft() for _ in range(take)]


def _ordered(submit: Callable[[list[Input]], _Future], items: Iterable[Input], *,
             workers: int) -> Iterator[DocumentResult]:
    """Results in input order, the inputs going out in chunks of up to BATCH_SIZE (analysed
    together, as in this process), at most IN_FLIGHT_PER_WORKER chunks per worker in flight."""
    pending: deque[_Future] = deque()
    for part in chunks(items, size=BATCH_SIZE, workers=workers):
        pending.append(submit(part))
        if len(pending) >= IN_FLIGHT_PER_WORKER * workers:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


@contextmanager
def _pool_runner(settings: Settings) -> Iterator[DocumentRunner]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(settings.workers, mp_context=context, initializer=_start_worker,
                             initargs=(settings,)) as pool:
        wait([pool.submit(_warm_worker, settings) for _ in range(settings.workers)])  # start them now
        yield lambda items: _ordered(lambda part: pool.submit(_process_in_worker, part, settings), items,
                                     workers=settings.workers)


@contextmanager
def _dask_runner(settings: Settings) -> Iterator[DocumentRunner]:
    try:
        import dask
        from distributed import LocalCluster
    except ImportError as err:
        raise ConfigError(f"running on Dask needs the dask extra: {DASK_HINT}", source="dask") from err
    cluster = None
    if settings.dask == "local":
        with dask.config.set(_LOCAL_WORKER_CONFIG):
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=settings.workers, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with _client(cluster if cluster is not None else settings.dask) as client:
            client.run(_warm_worker, settings)
            workers = max(1, sum(client.nthreads().values()))  # task slots
            yield lambda items: _ordered(lambda part: client.submit(_process_in_worker, part, settings, pure=False),
                                         items, workers=workers)
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
