"""Web server plus, when REDIS_URL is unset, the Dramatiq worker threads in the same process."""

import os
import signal
import sys

import dramatiq
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Start the web server (and the in-process worker when REDIS_URL is unset)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--threads", type=int, default=8, help="Web server threads.")
        parser.add_argument("--no-worker", action="store_true", help="Never start the in-process worker.")

    def handle(self, *args, host: str, port: int, threads: int, no_worker: bool, **options):
        worker = None
        if not settings.REDIS_URL and not no_worker:
            # The in-memory broker only reaches workers in this process.
            import generation.tasks  # noqa: F401 - registers the actors on the broker

            worker = dramatiq.Worker(dramatiq.get_broker(), worker_threads=settings.WORKER_THREADS)
            worker.start()
            self.stdout.write(f"In-process worker started ({settings.WORKER_THREADS} threads).")
        elif settings.REDIS_URL:
            self.stdout.write("REDIS_URL is set: run workers with `python manage.py rundramatiq`.")

        from saas.server import serve_forever

        def stop(*_):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        self.stdout.write(f"Eigenframe listening on http://{host}:{port}/")
        sys.stdout.flush()
        try:
            serve_forever(host, port, threads)
        except OSError as exc:
            raise CommandError(f"Cannot listen on {host}:{port}: {exc}")
        except KeyboardInterrupt:
            pass
        finally:
            if worker is not None:
                worker.stop(timeout=5_000)
