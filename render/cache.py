"""The render cache: the same code, quality and format never renders twice.

Keyed by a hash of the code, the quality, the format and the Manim version; the
video lives in the media storage under ``render-cache/``, so every worker host
shares it.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from django.core.files.storage import default_storage

from .storage import store_video


@lru_cache(maxsize=1)
def manim_version() -> str:
    return version("manim")


def render_key(code: str, quality: str, format: str, scene: str | None = None) -> str:
    raw = "\0".join([manim_version(), quality, format, scene or "", code])
    return hashlib.sha256(raw.encode()).hexdigest()


def _name(key: str, format: str) -> str:
    return f"render-cache/{key[:2]}/{key}.{format}"


def cached_render(key: str, format: str) -> str | None:
    name = _name(key, format)
    return name if default_storage.exists(name) else None


def remember_render(key: str, format: str, local_path: Path) -> str:
    return store_video(local_path, _name(key, format))
