"""Run a function over many files in worker processes that can be stopped.

One pathological file (a PDF whose drawing makes pdfium loop, a page that needs
gigabytes to render) must not stall a batch of thousands. Each file is handed to
a worker process; the parent waits for the result with the file's deadline:

* past ``timeout`` seconds the worker is killed, the file comes back as failed
  ("gave up after 120 s") and a fresh worker takes the next file;
* the worker's address space is capped with ``RLIMIT_AS``, so a runaway
  allocation raises ``MemoryError`` (reported as such) or kills the worker
  (reported as a crash), never the machine;
* a worker that dies for any other reason (a segfault in a C library) costs
  one file, not the batch.

Workers start from a ``forkserver``: a clean process, started once, that has
imported the parsing code and forks each worker from itself. ``fork`` from the
parent would copy its SQLite connection (SQLite forbids using a connection
across ``fork``) and the threads Rich runs for the progress bar (forking a
threaded process can deadlock on a lock held by another thread); ``spawn``
would import everything again in each worker (about 0.5 s each).

Results stream back as they complete, one file in flight per worker, so the
parent's memory stays flat whatever the batch size; only the parent writes to
the database.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
import sys
import time
import types
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# A worker is replaced after this many files, so fragmentation or a slow leak
# in a C library cannot accumulate over a batch of thousands.
MAX_TASKS_PER_WORKER = 500
_STOP = None


@dataclass(slots=True)
class _Worker:
    process: Any
    conn: Connection
    item: Any = None
    started: float = 0.0
    done: int = 0

    @property
    def busy(self) -> bool:
        return self.item is not None


def _limit_memory(memory_bytes: int | None) -> None:
    """Cap this process's address space (inherited by subprocesses it runs)."""
    if not memory_bytes:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _worker_main(conn: Connection, fn: Callable[[Any], Any], memory_bytes: int | None,
                 on_error: Callable[[Any, str], Any]) -> None:
    """Receive items, send back ``fn(item)``; stop on ``None`` or when the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _limit_memory(memory_bytes)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is _STOP:
            return
        result = _call(fn, item, memory_bytes, on_error)
        try:
            conn.send(result)
        except MemoryError:
            conn.send(on_error(item, _memory_reason(memory_bytes)))
        except (BrokenPipeError, OSError):
            return


def _call(fn: Callable[[Any], Any], item: Any, memory_bytes: int | None,
          on_error: Callable[[Any, str], Any]) -> Any:
    try:
        return fn(item)
    except MemoryError:
        return on_error(item, _memory_reason(memory_bytes))
    except RecursionError:
        return on_error(item, "structure nested too deeply to read")
    except Exception as err:  # a bug in one reader must cost one file, not the batch
        return on_error(item, f"internal error while reading ({type(err).__name__}: {err}); please report it")


def _memory_reason(memory_bytes: int | None) -> str:
    limit = f" (limit {memory_bytes // 2**20} MiB)" if memory_bytes else ""
    return f"ran out of memory{limit}"


def _death_reason(exitcode: int | None, memory_bytes: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        how = f"was killed by {name}"
    else:
        how = f"exited with status {exitcode}"
    limit = f" limit of {memory_bytes // 2**20} MiB" if memory_bytes else ""
    return f"the reader process {how} (out of memory{limit}, or a crash in a PDF/DOCX library)"


@contextmanager
def _main_hidden(*functions: Callable[..., Any]) -> Iterator[None]:
    """Start processes without re-running the caller's script in them.

    ``forkserver`` and ``spawn`` import the parent's ``__main__`` in the new
    process, which runs a script's top level again unless it is guarded by
    ``if __name__ == "__main__"`` (an ingest started from a notebook or a small
    script would start ingesting in every worker). The workers only need the
    modules ``fn`` and ``on_error`` live in, so ``__main__`` is hidden while they
    start, unless one of those functions lives in it.
    """
    main = sys.modules.get("__main__")
    if main is None or any(getattr(getattr(f, "func", f), "__module__", None) == "__main__" for f in functions):
        yield
        return
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


class SupervisedPool:
    """``workers`` processes running ``fn``; see :func:`supervised_map`."""

    def __init__(self, fn: Callable[[T], R], workers: int, timeout: float | None,
                 memory_bytes: int | None, on_error: Callable[[T, str], R], context: str = "forkserver",
                 preload: tuple[str, ...] = ()) -> None:
        self.fn, self.timeout, self.memory_bytes, self.on_error = fn, timeout, memory_bytes, on_error
        self.ctx = mp.get_context(context)
        if context == "forkserver":
            self.ctx.set_forkserver_preload([getattr(fn, "func", fn).__module__, *preload])
        self.size = max(1, workers)
        self.workers: list[_Worker] = []

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(
            target=_worker_main, args=(child, self.fn, self.memory_bytes, self.on_error), daemon=True
        )
        with _main_hidden(self.fn, self.on_error):
            if self.ctx.get_start_method() == "forkserver":
                _ensure_fork_server()
            process.start()
        child.close()
        return _Worker(process, parent)

    def map(self, items: Iterable[T]) -> Iterator[tuple[T, R]]:
        """``(item, result)`` pairs in completion order; never raises for one item."""
        pending = iter(items)
        try:
            # Workers start as items arrive: three files never start four processes.
            while len(self.workers) < self.size:
                worker = self._assign(None, pending)
                if worker is None:
                    break
                self.workers.append(worker)
            while any(w.busy for w in self.workers):
                yield from self._collect(pending)
        finally:
            self.close()

    def _assign(self, worker: _Worker | None, pending: Iterator[T]) -> _Worker | None:
        """Give ``worker`` (started if ``None`` or worn out) the next item, if any."""
        item = next(pending, _STOP)
        if item is _STOP:
            return worker
        if worker is None:
            worker = self._start()
        elif worker.done >= MAX_TASKS_PER_WORKER or not worker.process.is_alive():
            self._stop(worker)
            worker = self._start()
        worker.item, worker.started = item, time.monotonic()
        try:
            worker.conn.send(item)
        except (BrokenPipeError, OSError):
            # The worker died between files; a fresh one takes the item.
            self._stop(worker)
            worker = self._start()
            worker.item, worker.started = item, time.monotonic()
            worker.conn.send(item)
        return worker

    def _collect(self, pending: Iterator[T]) -> Iterator[tuple[T, R]]:
        busy = [w for w in self.workers if w.busy]
        waits: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = set(wait(waits, timeout=self._wait_seconds(busy)))
        now = time.monotonic()
        for index, worker in enumerate(self.workers):
            if not worker.busy:
                continue
            result, replace = self._outcome(worker, ready, now)
            if result is None:
                continue
            item = worker.item
            worker.item, worker.done = None, worker.done + 1
            if replace:
                self._stop(worker)
                worker = self._start()
            self.workers[index] = self._assign(worker, pending)
            yield item, result[0]

    def _wait_seconds(self, busy: list[_Worker]) -> float | None:
        if not self.timeout:
            return None
        first = min(w.started for w in busy)
        return max(0.0, first + self.timeout - time.monotonic())

    def _outcome(self, worker: _Worker, ready: set, now: float) -> tuple[tuple[R] | None, bool]:
        """``((result,), replace_worker)`` when ``worker`` is finished with its item."""
        if worker.conn in ready or worker.process.sentinel in ready:
            try:
                if worker.conn.poll():
                    return (worker.conn.recv(),), False
            except (EOFError, OSError):
                pass
            worker.process.join(1)
            reason = _death_reason(worker.process.exitcode, self.memory_bytes)
            return (self.on_error(worker.item, reason),), True
        if self.timeout and now - worker.started >= self.timeout:
            worker.process.kill()
            return (self.on_error(worker.item, f"gave up after {self.timeout:g} s (time limit per file)"),), True
        return None, False

    def _stop(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            try:
                worker.conn.send(_STOP)
            except (BrokenPipeError, OSError):
                pass
            worker.process.join(0.5 if not worker.busy else 0)
            if worker.process.is_alive():
                worker.process.kill()
        worker.process.join()
        worker.conn.close()

    def close(self) -> None:
        for worker in self.workers:
            if worker.busy:
                worker.process.kill()
            self._stop(worker)


def supervised_map(fn: Callable[[T], R], items: Iterable[T], on_error: Callable[[T, str], R], workers: int = 1,
                   timeout: float | None = None, memory_bytes: int | None = None,
                   context: str = "forkserver", preload: tuple[str, ...] = ()) -> Iterator[tuple[T, R]]:
    """Apply ``fn`` to each item in ``workers`` processes, yielding ``(item, result)`` as completed.

    ``fn`` and ``on_error`` must be picklable (module-level functions or
    ``functools.partial`` of them). ``preload`` names modules the fork server
    imports once, before any worker is forked from it. An item
    whose call takes longer than ``timeout`` seconds, exhausts ``memory_bytes``,
    raises, or kills its worker yields ``on_error(item, reason)`` instead.

    >>> dict(supervised_map(abs, [-1, 2], on_error=lambda i, r: r))  # doctest: +SKIP
    {-1: 1, 2: 2}
    """
    pool = SupervisedPool(fn, workers, timeout, memory_bytes, on_error, context, preload)
    yield from pool.map(items)


def start_fork_server(preload: tuple[str, ...]) -> None:
    """Start the fork server now, importing ``preload``, instead of at the first pool.

    Its imports take about half a second; started early, they run on another CPU
    while this process is still loading and finding files. A pool created later
    with the same modules uses the running server.
    """
    mp.get_context("forkserver").set_forkserver_preload(list(preload))
    _ensure_fork_server()


def _ensure_fork_server() -> None:
    """Start the fork server, if it is not running, with this process's modules on its path.

    The server is a new interpreter started with ``-c``, which puts the current
    directory first on ``sys.path`` (the parent's path is passed to it but not
    used). Run from a folder that holds a ``pipeline`` or ``schemas`` package of
    its own, it would import that instead of kehoach's. ``PYTHONSAFEPATH`` keeps
    the current directory off its path.
    """
    from multiprocessing import forkserver

    before = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        forkserver.ensure_running()
    finally:
        if before is None:
            del os.environ["PYTHONSAFEPATH"]
        else:
            os.environ["PYTHONSAFEPATH"] = before


def cpu_count() -> int:
    """CPUs this process may run on (the affinity mask, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
