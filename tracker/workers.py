"""The process pool for the CPU-bound parts of ingest and rescoring.

Contract
--------
- :class:`WorkerPool` runs tasks either inline (one worker) or in ``workers`` processes started
  by *forkserver*, never *fork*: workers must not inherit DuckDB's threads or the writer's
  locks. ``preload`` names the modules the forkserver imports once for every worker (the
  module of the task functions). A worker that dies fails the command (``concurrent.futures``
  reports a broken pool) instead of hanging it.
- Workers ignore Ctrl-C (the main process stops them) and run at a lower priority
  (:data:`WORKER_NICENESS`), so the main process's writes and the readers get the CPU first.
- :meth:`WorkerPool.terminate` stops the workers at once (the SIGTERM path). Workers also
  watch the main process (a pidfd on Linux) and exit when it is gone, so even a kill -9 of the
  ingest or rescoring leaves no orphans; the forkserver then exits because no process holds
  its pipe.
- Tasks, their functions and their results belong to the stage that submits them
  (:mod:`tracker.ingest.pipeline`, :mod:`tracker.rescore.tasks`): they must pickle (frozen
  dataclasses of plain values and Arrow tables, module-level functions). This module imports
  nothing from the tracker's stage packages.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import select
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

WORKER_NICENESS = 10


def _init_worker(parent: int) -> None:
    # The parent handles Ctrl-C and SIGTERM and stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Scoring is background work: the parent's short writes (the time readers are locked out)
    # and the readers themselves should get the CPU first.
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)
    _exit_with(parent)


def _exit_with(parent: int) -> None:
    """Exit as soon as the parent (the rescoring's main process) is gone.

    A forkserver worker's parent is the forkserver, so PR_SET_PDEATHSIG would not fire, and
    neither its task queue nor the forkserver ever see end-of-file (workers hold those pipes'
    other ends too): after a kill -9 of the main process the workers would wait forever.
    """
    try:
        handle = os.pidfd_open(parent)
    except (AttributeError, OSError):
        handle = None

    def watch() -> None:
        if handle is not None:
            select.select([handle], [], [])
        else:
            while True:
                time.sleep(0.5)
                try:
                    os.kill(parent, 0)
                except ProcessLookupError:
                    break
        os._exit(1)

    threading.Thread(target=watch, name="tracker-parent-watch", daemon=True).start()


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class WorkerPool:
    """Inline (``workers == 1``) or forkserver processes; use as a context manager.

    ``preload``: modules the forkserver imports before it forks the first worker (the task
    functions' module), so each worker does not import them again. The forkserver starts once
    per process: a later pool's ``preload`` only matters if it is the first to start one.
    """

    def __init__(self, workers: int, preload: Sequence[str] = ()) -> None:
        self.workers = max(1, workers)
        self.preload = tuple(preload)
        self._executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> WorkerPool:
        if self.workers > 1:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["tracker.workers", *self.preload])
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(os.getpid(),),
            )
        return self

    def submit(self, fn: Callable[[T], R], task: T) -> Future[R]:
        if self._executor is not None:
            return self._executor.submit(fn, task)
        future: Future[R] = Future()
        try:
            future.set_result(fn(task))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def terminate(self) -> None:
        """Stop every worker now (running tasks are lost)."""
        executor, self._executor = self._executor, None
        if executor is None:
            return
        processes: dict[Any, Any] = getattr(executor, "_processes", None) or {}
        for process in list(processes.values()):
            with contextlib.suppress(Exception):
                process.terminate()
        for process in list(processes.values()):
            with contextlib.suppress(Exception):
                process.join(1.0)
                if process.is_alive():
                    process.kill()
        executor.shutdown(wait=False, cancel_futures=True)

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is not None:
            self.terminate()
        elif self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
