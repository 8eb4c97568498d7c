"""The worker processes that build the two languages at once (MkDocs, WeasyPrint).

They are started by a fork server, or spawned where there is none (Windows), never forked from
the process that asks for them: that process may have threads (the preview server's, a test
run's), and a child forked from it can deadlock on a lock one of them held (Python 3.12+ warns
of it; 3.14 no longer forks by default on Linux).
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

_CONTEXT = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
if _CONTEXT.get_start_method() == "forkserver":
    # Every worker is forked from a server that has imported MkDocs once: a preview's rebuild
    # would otherwise spend 0.3–0.5 s importing it in each new worker.
    _CONTEXT.set_forkserver_preload(["planpub.site"])


@contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of up to ``workers`` processes. When the block is left by an exception (a job
    failed, Ctrl+C, the preview stopping), the jobs still running are not wanted any more: their
    workers are ended at once instead of being waited for."""
    before = set(multiprocessing.active_children())  # the workers are the children started after
    pool = ProcessPoolExecutor(workers, mp_context=_CONTEXT, initializer=_leave_interrupts_to_the_parent)
    try:
        yield pool
    except BaseException:
        for worker in set(multiprocessing.active_children()) - before:
            worker.terminate()
        raise
    finally:
        pool.shutdown(cancel_futures=True)


def _leave_interrupts_to_the_parent() -> None:
    """Ctrl+C in a terminal reaches every process in its group: the parent ends its workers when
    it is interrupted, and a worker interrupted on its own would print a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
