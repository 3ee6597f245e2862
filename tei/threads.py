"""Compiled schemas and stylesheets, one per thread: `per_thread` caches a factory's result.

lxml's RelaxNG, XMLSchema, XPath and XSLT objects keep state between calls (the error
log of the last validation, for one) and Saxon's executables keep their parameters and
initial mode, so none of them is shared between threads. A Dask worker runs tasks on
several threads; each thread compiles its own copy on first use (milliseconds for the
edition's schemas, about 0.1 s for a stylesheet) and reuses it afterwards. Compiling is
serialised by one lock, so two threads never build a Saxon processor at the same moment.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_compiling = threading.RLock()  # re-entrant: a factory may call another cached factory


def per_thread(factory: Callable[..., T]) -> Callable[..., T]:
    """`factory(*args)` computed once per thread and per hashable `args`, then reused.

    `cache_clear()` forgets every thread's objects (each compiles again on its next call).
    """
    local = threading.local()
    generation = [0]

    @functools.wraps(factory)
    def cached(*args):
        cache = getattr(local, "cache", None)
        if cache is None or local.generation != generation[0]:
            cache = local.cache = {}
            local.generation = generation[0]
        try:
            return cache[args]
        except KeyError:
            pass
        with _compiling:
            made = cache[args] = factory(*args)
        return made

    def cache_clear() -> None:
        generation[0] += 1

    cached.cache_clear = cache_clear
    return cached
