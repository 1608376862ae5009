"""Video storage through Django's storage API (local disk or S3-compatible)."""

from __future__ import annotations

from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage


def store_video(local_path: Path, name: str) -> str:
    """Save a rendered file under ``name`` (replacing any previous one) and return the stored name."""
    if default_storage.exists(name):
        default_storage.delete(name)
    with open(local_path, "rb") as fh:
        return default_storage.save(name, File(fh, name=Path(name).name))


def open_video(name: str):
    return default_storage.open(name, "rb")


def delete_video(name: str) -> None:
    if name and default_storage.exists(name):
        default_storage.delete(name)


def copy_video(source: str, name: str) -> str:
    """Copy a stored video to ``name`` (so each animation owns its file)."""
    if default_storage.exists(name):
        default_storage.delete(name)
    with default_storage.open(source, "rb") as fh:
        return default_storage.save(name, File(fh, name=Path(name).name))
