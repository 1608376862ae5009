"""render(code, options) -> RenderResult: the one entry point to turn Manim code into a video.

A pure service: it knows nothing of prompts, tenants or plans. Each call gets its own
job directory, owned by a uid of its own; the scene runs in a sandboxed child of the
warm fork server (render/sandbox.py, render/forkserver.py). The result is typed so
the caller retries only failures that are ours (INFRASTRUCTURE).
"""

from __future__ import annotations

import ast
import enum
import json
import os
import shutil
import signal
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from .sandbox import SandboxUnavailable, make_reachable, pool, sandbox_uid

QUALITIES = {
    # option -> (manim quality name, what the user sees)
    "low": ("low_quality", "480p15"),
    "medium": ("medium_quality", "720p30"),
    "high": ("high_quality", "1080p60"),
    "4k": ("fourk_quality", "2160p60"),
}
FORMATS = ("mp4", "gif", "webm")


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
            for leftover in self.workdir.parent.glob(f"{self.workdir.name}.accepted.*"):
                leftover.unlink(missing_ok=True)
            self.workdir = None


class RenderOptionsError(ValueError):
    pass


def scene_names(code: str) -> list[str]:
    """Names of the classes in ``code`` that derive from a *Scene base, in order."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for base in node.bases:
                base_name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")
                if base_name.endswith("Scene") or base_name in names:
                    names.append(node.name)
                    break
    return names


def render(
    code: str,
    *,
    scene: str | None = None,
    quality: str = "low",
    format: str = "mp4",
    timeout_s: int | None = None,
) -> RenderResult:
    """Render ``code`` in the sandbox; the caller stores the video and calls cleanup()."""
    if quality not in QUALITIES:
        raise RenderOptionsError(f"Unknown quality {quality!r}.")
    if format not in FORMATS:
        raise RenderOptionsError(f"Unknown format {format!r}.")
    try:
        compile(code, "scene.py", "exec")
    except SyntaxError as exc:
        return RenderResult(RenderStatus.USER_ERROR, error=f"SyntaxError (line {exc.lineno} of the scene): "
                            f"{exc.msg}", line=exc.lineno)
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
    try:
        workdir = _make_job_dir()
    except SandboxUnavailable as exc:
        return RenderResult(RenderStatus.INFRASTRUCTURE, error=str(exc))
    uid = sandbox_uid()
    (workdir / "scene.py").write_text(code)
    (workdir / "tmp").mkdir()
    _chown_tree(workdir, uid)
    job = {
        "dir": str(workdir),
        "scene": scene,
        "quality": QUALITIES[quality][0],
        "format": format,
        "uid": uid,
        "gid": uid,
        "timeout_s": timeout_s,
        "limits": media_limits(timeout_s),
    }
    try:
        outcome = pool().run(job)
    except SandboxUnavailable as exc:
        return RenderResult(RenderStatus.INFRASTRUCTURE, error=f"The render sandbox failed: {exc}", workdir=workdir)
    log_text = _tail(workdir / "render.log", settings.RENDER_MAX_LOG_KB * 1024)
    details = {"layers": outcome.layers, "maxrss_kb": outcome.maxrss_kb, "exit": outcome.exit_code}
    common = {"seconds": outcome.seconds, "workdir": workdir, "details": details}
    if outcome.lockdown_error:
        return RenderResult(RenderStatus.INFRASTRUCTURE, log=log_text,
                            error=f"The sandbox could not lock down: {outcome.lockdown_error}", **common)
    if outcome.reason == "timeout":
        return RenderResult(RenderStatus.TIMEOUT, log=log_text,
                            error=f"The render took longer than {timeout_s} seconds and was stopped.", **common)
    if outcome.reason == "disk":
        return RenderResult(RenderStatus.VIOLATION, log=log_text, error="The render wrote more than "
                            f"{settings.RENDER_MAX_DISK_MB} MB (or {settings.RENDER_MAX_FILES} files) to disk "
                            "and was stopped.", **common)
    result = _read_result(workdir) if outcome.exit_code in (0, 1) else None
    if result is None:
        return RenderResult(RenderStatus.USER_ERROR, log=log_text, error=_death_message(outcome.exit_code),
                            **common)
    if not result.get("ok"):
        line = result.get("line")
        return RenderResult(
            RenderStatus.VIOLATION if _is_violation(result) else RenderStatus.USER_ERROR,
            error=_readable_error(result),
            log=(log_text + "\n" + str(result.get("traceback", ""))).strip(),
            line=line if isinstance(line, int) else None,
            **common,
        )
    accepted = _accept_output(workdir, format)
    if accepted is None:
        return RenderResult(RenderStatus.USER_ERROR, log=log_text, error="The scene rendered but produced no "
                            "usable video (does it play any animation or wait?).", **common)
    video, info = accepted
    details["manim_version"] = str(result.get("manim_version", ""))[:20]
    details["video_seconds"] = float(info.get("seconds") or 0)
    return RenderResult(RenderStatus.OK, video_path=video, log=log_text, **common)


def media_limits(timeout_s: int) -> dict:
    return {
        "cpu_s": timeout_s * 2,
        "memory_mb": settings.RENDER_MEMORY_MB,
        "file_mb": settings.RENDER_MAX_OUTPUT_MB,
        "disk_mb": settings.RENDER_MAX_DISK_MB,
        "procs": settings.RENDER_MAX_PROCS,
        "open_files": settings.RENDER_MAX_OPEN_FILES,
        "max_files": settings.RENDER_MAX_FILES,
    }


# --- reading what the child left behind (all of it hostile) ------------------------------


def _tail(path: Path, limit: int) -> str:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return ""
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return ""
        fh.seek(0, os.SEEK_END)
        fh.seek(max(0, fh.tell() - limit))
        return fh.read(limit).decode("utf-8", "replace")


def _read_result(workdir: Path) -> dict | None:
    try:
        fd = os.open(workdir / "result.json", os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            return None
        raw = fh.read(64 * 1024)
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _readable_error(result: dict) -> str:
    message = str(result.get("message", "")).strip()
    kind = str(result.get("error_type", "Error"))[:80]
    if kind == "MemoryError":
        message = f"the scene ran out of memory (the limit is {settings.RENDER_MEMORY_MB} MB)"
    line = result.get("line")
    where = f" (line {line} of the scene)" if isinstance(line, int) else ""
    if "latex error" in message.lower() or "latex compilation" in message.lower():
        return f"LaTeX could not compile a Tex/MathTex expression{where}: check its syntax."
    return f"{kind}{where}: {message[:1500]}"


_SIGNAL_MEANINGS = {
    signal.SIGXCPU: "it used more CPU time than allowed",
    signal.SIGXFSZ: "it wrote a file larger than allowed (or printed too much)",
    signal.SIGKILL: "it was killed, most likely for using more memory or processes than allowed",
    signal.SIGSEGV: "it crashed (segmentation fault), often from running out of memory",
    signal.SIGSYS: "it made a forbidden system call",
}


def _death_message(code: int | None) -> str:
    if code is not None and code < 0:
        sig = signal.Signals(-code)
        return f"The render was stopped: {_SIGNAL_MEANINGS.get(sig, sig.name)}."
    if code in (0, 1):
        return "The render stopped without reporting a result."
    return f"The render stopped unexpectedly (exit status {code}); it may have exceeded a resource limit."


def _is_violation(result: dict) -> bool:
    kind = str(result.get("error_type", ""))
    message = str(result.get("message", "")).lower()
    return kind == "PermissionError" or "operation not permitted" in message or "permission denied" in message


def _make_job_dir() -> Path:
    root = Path(settings.RENDER_WORK_DIR)
    root.mkdir(parents=True, exist_ok=True)
    if root.is_symlink() or root.stat().st_uid != os.getuid():
        raise SandboxUnavailable(f"RENDER_WORK_DIR {root} must be a directory owned by the worker's user.")
    # Sandboxed uids must traverse (not list) the root and its parents to reach their job dir.
    os.chmod(root, 0o711)
    make_reachable([root])
    return Path(tempfile.mkdtemp(prefix="job-", dir=root))


def _chown_tree(path: Path, uid: int) -> None:
    if os.getuid() != 0:
        return  # not root: the render runs as ourselves anyway
    for dirpath, _dirnames, filenames in os.walk(path):
        os.chown(dirpath, uid, uid)
        for name in filenames:
            os.chown(os.path.join(dirpath, name), uid, uid)


def _accept_file(path: Path, workdir: Path, limit: int):
    """An open file object for ``path`` if it is a regular, single-link file inside ``workdir``
    within ``limit`` bytes, opened without following links; else None."""
    real_root = os.path.realpath(workdir)
    if os.path.commonpath([os.path.realpath(path.parent), real_root]) != real_root:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    fh = os.fdopen(fd, "rb")
    st = os.fstat(fh.fileno())
    if not stat.S_ISREG(st.st_mode) or st.st_nlink != 1 or not 0 < st.st_size <= limit:
        fh.close()
        return None
    return fh


def _accept_output(workdir: Path, format: str) -> tuple[Path, dict] | None:
    """The rendered video, copied out of the job dir only if it is a real, sane video file.

    The job dir belongs to the sandboxed uid, so everything in it is hostile: the file
    is opened with O_NOFOLLOW, must be a regular file with one link inside the job dir,
    within the size cap, and must decode as video — which is checked in a sandboxed child,
    never here. It is copied from the descriptor that was checked, so swapping the file
    afterwards changes nothing.
    """
    from .media import probe_video

    limit = settings.RENDER_MAX_OUTPUT_MB * 1024 * 1024
    for dirpath, _dirnames, filenames in os.walk(os.path.join(os.path.realpath(workdir), "media"),
                                                 followlinks=False):
        if f"animation.{format}" not in filenames or "partial_movie_files" in dirpath:
            continue
        src = _accept_file(Path(dirpath) / f"animation.{format}", workdir, limit)
        if src is None:
            continue
        accepted = workdir.parent / f"{workdir.name}.accepted.{format}"
        with src, open(accepted, "xb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        info = probe_video(accepted, format)
        if info:
            return accepted, info
        accepted.unlink(missing_ok=True)
    return None
