"""render(code, options) -> RenderResult: the one entry point to turn Manim code into a video.

A pure service: it knows nothing of prompts, tenants or plans. Each call gets
its own job directory; the scene runs in a separate interpreter
(``render/runner.py``) with a wall-clock timeout, and the whole process group
is killed at the limit.
"""

from __future__ import annotations

import ast
import enum
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

RUNNER = Path(__file__).with_name("runner.py")

QUALITIES = {
    # option -> (manim quality name, what the user sees)
    "low": ("low_quality", "480p15"),
    "medium": ("medium_quality", "720p30"),
    "high": ("high_quality", "1080p60"),
    "4k": ("fourk_quality", "2160p60"),
}
FORMATS = ("mp4", "gif", "webm")

# Environment variables the render child may see; everything else (secrets,
# database and broker URLs) stays in the worker.
_ENV_PASSTHROUGH = ("PATH", "LANG", "LC_ALL", "TZ")


class RenderStatus(str, enum.Enum):
    OK = "ok"
    USER_ERROR = "user_error"  # the code is wrong: show the error, do not retry
    TIMEOUT = "timeout"
    VIOLATION = "violation"  # the code tried something the sandbox forbids
    INFRASTRUCTURE = "infrastructure"  # our fault: worth a retry


@dataclass
class RenderResult:
    status: RenderStatus
    error: str = ""
    video_path: Path | None = None
    log: str = ""
    seconds: float = 0.0
    line: int | None = None
    workdir: Path | None = None
    details: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status is RenderStatus.OK

    def cleanup(self) -> None:
        if self.workdir is not None:
            shutil.rmtree(self.workdir, ignore_errors=True)
            self.workdir = None


class RenderOptionsError(ValueError):
    pass


def scene_names(code: str) -> list[str]:
    """Names of the classes in ``code`` that derive from a *Scene base, in order."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    names = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                base_name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")
                if base_name.endswith("Scene") or base_name in names:
                    names.append(node.name)
                    break
    return names


def _tail(path: Path, limit: int) -> str:
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - limit))
            return fh.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _readable_error(result: dict) -> str:
    message = result.get("message", "").strip()
    kind = result.get("error_type", "Error")
    line = result.get("line")
    where = f" (line {line} of the scene)" if line else ""
    if "latex error" in message.lower():
        return f"LaTeX could not compile a Tex/MathTex expression{where}: check its syntax."
    return f"{kind}{where}: {message}"


def render(
    code: str,
    *,
    scene: str | None = None,
    quality: str = "low",
    format: str = "mp4",
    timeout_s: int | None = None,
) -> RenderResult:
    """Render ``code`` and return the result; the caller stores the video and calls cleanup()."""
    if quality not in QUALITIES:
        raise RenderOptionsError(f"Unknown quality {quality!r}.")
    if format not in FORMATS:
        raise RenderOptionsError(f"Unknown format {format!r}.")
    try:
        compile(code, "scene.py", "exec")
    except SyntaxError as exc:
        return RenderResult(
            RenderStatus.USER_ERROR,
            error=f"SyntaxError (line {exc.lineno} of the scene): {exc.msg}",
            line=exc.lineno,
        )
    candidates = scene_names(code)
    if scene is None:
        if not candidates:
            return RenderResult(RenderStatus.USER_ERROR, error="The code defines no Scene subclass to render.")
        scene = candidates[-1]
    elif scene not in candidates:
        return RenderResult(
            RenderStatus.USER_ERROR,
            error=f"The code defines no scene called {scene!r}"
            + (f"; it defines {', '.join(candidates)}." if candidates else "."),
        )

    timeout_s = timeout_s or settings.RENDER_TIMEOUT_S
    root = Path(settings.RENDER_WORK_DIR)
    root.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="job-", dir=root))
    (workdir / "scene.py").write_text(code)
    (workdir / "job.json").write_text(
        json.dumps(
            {
                "scene": scene,
                "quality": QUALITIES[quality][0],
                "format": format,
                "limits": {
                    "cpu_s": timeout_s * 2,
                    "file_mb": settings.RENDER_MAX_OUTPUT_MB,
                },
            }
        )
    )
    env = {k: os.environ[k] for k in _ENV_PASSTHROUGH if k in os.environ}
    env.update({"HOME": str(workdir), "TMPDIR": str(workdir), "PYTHONDONTWRITEBYTECODE": "1",
                "MPLBACKEND": "Agg", "TERM": "dumb", "COLUMNS": "120"})
    log_path = workdir / "render.log"
    started = time.monotonic()
    with open(log_path, "wb") as log:
        try:
            proc = subprocess.Popen(
                [sys.executable, "-I", str(RUNNER)],
                cwd=workdir,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed as a whole
            )
        except OSError as exc:
            return RenderResult(RenderStatus.INFRASTRUCTURE, error=f"Could not start the renderer: {exc}",
                                workdir=workdir)
        try:
            returncode = proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            return RenderResult(
                RenderStatus.TIMEOUT,
                error=f"The render took longer than {timeout_s} seconds and was stopped.",
                log=_tail(log_path, settings.RENDER_MAX_LOG_KB * 1024),
                seconds=time.monotonic() - started,
                workdir=workdir,
            )
        finally:
            _kill_group(proc)  # stray grandchildren never outlive the job
    seconds = time.monotonic() - started
    log_text = _tail(log_path, settings.RENDER_MAX_LOG_KB * 1024)
    result = _read_result(workdir)
    if result is None:
        if returncode < 0:
            sig = signal.Signals(-returncode).name
            error = f"The renderer was killed by {sig} (it probably exceeded a resource limit)."
            status = RenderStatus.USER_ERROR
        else:
            error = "The renderer stopped without reporting a result."
            status = RenderStatus.INFRASTRUCTURE
        return RenderResult(status, error=error, log=log_text, seconds=seconds, workdir=workdir)
    if not result.get("ok"):
        return RenderResult(
            RenderStatus.USER_ERROR,
            error=_readable_error(result),
            log=(log_text + "\n" + str(result.get("traceback", ""))).strip(),
            seconds=seconds,
            line=result.get("line") if isinstance(result.get("line"), int) else None,
            workdir=workdir,
        )
    video = _accept_output(workdir, str(result.get("video", "")), format)
    if video is None:
        return RenderResult(RenderStatus.USER_ERROR, error="The scene rendered but produced no video "
                            "(does it play any animation or wait?).", log=log_text, seconds=seconds,
                            workdir=workdir)
    return RenderResult(RenderStatus.OK, video_path=video, log=log_text, seconds=seconds, workdir=workdir,
                        details={"manim_version": result.get("manim_version", "")})


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def _read_result(workdir: Path) -> dict | None:
    path = workdir / "result.json"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        raw = fh.read(64 * 1024)
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _accept_output(workdir: Path, reported: str, format: str) -> Path | None:
    """The rendered file, only if it is a regular file inside the job dir."""
    real_root = workdir.resolve()
    candidates = [Path(reported)] if reported else []
    candidates += sorted((workdir / "media").rglob(f"animation.{format}"))
    for candidate in candidates:
        try:
            if candidate.is_symlink() or not candidate.is_file():
                continue
            real = candidate.resolve()
        except OSError:
            continue
        if real.suffix != f".{format}" or real_root not in real.parents:
            continue
        size = real.stat().st_size
        if 0 < size <= settings.RENDER_MAX_OUTPUT_MB * 1024 * 1024:
            return real
    return None
