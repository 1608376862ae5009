"""Dramatiq middleware: start the warm render pool when a worker boots, and say which
sandbox layers are active (loudly, when some are missing)."""

from __future__ import annotations

import logging

from dramatiq.middleware import Middleware

log = logging.getLogger(__name__)


class WarmRenderPool(Middleware):
    def after_worker_boot(self, broker, worker) -> None:
        from .sandbox import SandboxUnavailable, pool

        try:
            pool().start()
        except SandboxUnavailable as exc:
            # Jobs will retry starting it; an outage here must not stop the worker.
            log.error("Render sandbox could not start: %s", exc)

    def before_worker_shutdown(self, broker, worker) -> None:
        from .sandbox import pool

        pool().stop()
