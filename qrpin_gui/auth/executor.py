"""One dedicated worker thread for every blocking MSAL call.

Like ``ThreadPoolExecutor(max_workers=1)``, except that its thread is a daemon: Python joins
``ThreadPoolExecutor`` threads at interpreter exit, so an abandoned sign-in (a Windows broker
window nobody closes) would hang the app's exit. Here ``shutdown(wait=False,
cancel_futures=True)`` drops the queued calls and returns at once, and exit never waits.
"""

from __future__ import annotations

import concurrent.futures
import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_Item = tuple[concurrent.futures.Future[Any], Callable[[], Any]] | None


class SingleThreadExecutor(concurrent.futures.Executor):
    def __init__(self, name: str = "msal") -> None:
        self._queue: queue.SimpleQueue[_Item] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._shutdown = False
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(
        self, fn: Callable[..., T], /, *args: Any, **kwargs: Any
    ) -> concurrent.futures.Future[T]:
        with self._lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new work after shutdown")
            future: concurrent.futures.Future[T] = concurrent.futures.Future()
            self._queue.put((future, lambda: fn(*args, **kwargs)))
            return future

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            future, call = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = call()
            except BaseException as exc:
                future.set_exception(exc)
            else:
                future.set_result(result)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            if self._shutdown:
                return
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        item = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if item is not None:
                        item[0].cancel()
            self._queue.put(None)
        if wait:
            self._thread.join()

    @property
    def is_alive(self) -> bool:
        return self._thread.is_alive()
