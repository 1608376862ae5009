"""Decoding untrusted video, sandboxed: probing a rendered file and burning in the watermark.

The worker never decodes a file a scene could have written: it copies the bytes into a
fresh job directory and lets a locked-down child of the fork server (render/forkserver.py,
MEDIA_TASKS) do the decoding, then reads back only a small JSON verdict and plain bytes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings

from .engine import _accept_file, _chown_tree, _make_job_dir, _read_result, media_limits
from .sandbox import SandboxUnavailable, pool, sandbox_uid

MEDIA_TIMEOUT_S = 120


class MediaError(Exception):
    """The file is not a usable video, or the sandbox could not process it."""


def _run(kind: str, src: Path, format: str, timeout_s: int = MEDIA_TIMEOUT_S, **extra) -> tuple[dict, Path]:
    workdir = _make_job_dir()
    try:
        shutil.copyfile(src, workdir / f"input.{format}")
        uid = sandbox_uid()
        _chown_tree(workdir, uid)
        job = {"kind": kind, "dir": str(workdir), "format": format, "uid": uid, "gid": uid,
               "timeout_s": timeout_s, "limits": media_limits(timeout_s), **extra}
        outcome = pool().run(job)
        result = _read_result(workdir) if outcome.exit_code in (0, 1) else None
        if outcome.lockdown_error:
            raise SandboxUnavailable(outcome.lockdown_error)
        if result is None:
            raise MediaError(f"The {kind} step stopped without a result (exit {outcome.exit_code}, "
                             f"{outcome.reason or 'no limit hit'}).")
        return result, workdir
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise


def probe_video(path: Path, format: str) -> dict | None:
    """{"width", "height", "seconds"} when ``path`` decodes as a ``format`` video, else None."""
    try:
        result, workdir = _run("probe", path, format, timeout_s=60)
    except MediaError:
        return None
    shutil.rmtree(workdir, ignore_errors=True)
    return result if result.get("ok") else None


def watermark_sandboxed(src: Path, dst: Path, format: str, *, text: str = "eigenframe") -> None:
    """Write a watermarked copy of ``src`` to ``dst``; raises MediaError when it cannot."""
    result, workdir = _run("watermark", src, format, text=text)
    try:
        if not result.get("ok"):
            raise MediaError(f"{result.get('error_type', 'Error')}: {result.get('message', '')}")
        produced = _accept_file(workdir / f"output.{format}", workdir,
                                settings.RENDER_MAX_OUTPUT_MB * 1024 * 1024)
        if produced is None:
            raise MediaError("The watermark step produced no usable file.")
        with produced as fh, open(dst, "wb") as out:
            shutil.copyfileobj(fh, out, 1 << 20)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
