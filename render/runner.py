"""Runs inside the render child: load one scene file, render one scene, report.

This file is executed as a script by a fresh interpreter (it imports nothing
from the project and never sees Django settings). It reads ``job.json`` from
its working directory, renders, and writes ``result.json`` there. Everything
it writes is treated as untrusted by the parent.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
import traceback
from pathlib import Path

SCENE_FILE = "scene.py"


def _limit(kind: int, value: int) -> None:
    try:
        soft, hard = resource.getrlimit(kind)
        new = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(kind, (new, new))
    except (ValueError, OSError):
        pass


def _user_line(tb) -> int | None:
    """The innermost line of the user's scene file in a traceback."""
    line = None
    for frame in traceback.extract_tb(tb):
        if os.path.basename(frame.filename) == SCENE_FILE:
            line = frame.lineno
    return line


def _write_result(job_dir: Path, payload: dict) -> None:
    tmp = job_dir / "result.json.tmp"
    tmp.write_text(json.dumps(payload))
    os.replace(tmp, job_dir / "result.json")


def main() -> int:
    job_dir = Path.cwd()
    job = json.loads((job_dir / "job.json").read_text())
    limits = job.get("limits", {})
    # Limits first, before any user code can run.
    _limit(resource.RLIMIT_CPU, int(limits.get("cpu_s", 300)))
    _limit(resource.RLIMIT_AS, int(limits.get("memory_mb", 4096)) * 1024 * 1024)
    _limit(resource.RLIMIT_FSIZE, int(limits.get("file_mb", 512)) * 1024 * 1024)
    _limit(resource.RLIMIT_CORE, 0)

    started = time.monotonic()
    from manim import config, tempconfig

    source = (job_dir / SCENE_FILE).read_text()
    settings = {
        "quality": job["quality"],
        "format": job["format"],
        "media_dir": str(job_dir / "media"),
        "output_file": "animation",
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
        "write_to_movie": job["format"] != "png",
        "input_file": str(job_dir / SCENE_FILE),
        "scene_names": [job["scene"]],
    }
    try:
        with tempconfig(settings):
            namespace: dict = {"__name__": "__eigenframe_scene__", "__file__": str(job_dir / SCENE_FILE)}
            exec(compile(source, SCENE_FILE, "exec"), namespace)
            scene_cls = namespace.get(job["scene"])
            if scene_cls is None:
                raise LookupError(f"The code defines no scene called {job['scene']}.")
            scene = scene_cls()
            scene.render()
            writer = scene.renderer.file_writer
            path = Path(writer.movie_file_path)
            if job["format"] == "gif":
                path = Path(getattr(writer, "gif_file_path", path))
    except BaseException as exc:  # noqa: BLE001 - report everything, the parent decides
        tb = exc.__traceback__
        message = str(exc).strip() or exc.__class__.__name__
        _write_result(
            job_dir,
            {
                "ok": False,
                "error_type": exc.__class__.__name__,
                "message": message[:4000],
                "line": _user_line(tb),
                "traceback": "".join(traceback.format_exception(exc))[-8000:],
            },
        )
        return 1
    _write_result(
        job_dir,
        {
            "ok": True,
            "video": str(path),
            "seconds": time.monotonic() - started,
            "manim_version": getattr(sys.modules.get("manim"), "__version__", ""),
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
