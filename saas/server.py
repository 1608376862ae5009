"""The web server behind `manage.py serve`: waitress, a production-grade threaded WSGI server."""

from __future__ import annotations

import waitress
from django.core.wsgi import get_wsgi_application


def serve_forever(host: str, port: int, threads: int = 8) -> None:
    waitress.serve(get_wsgi_application(), host=host, port=port, threads=threads, ident="eigenframe",
                   # Video downloads can be large; don't buffer them whole in memory.
                   send_bytes=65536, channel_timeout=120)
