"""The worker's side of the render sandbox: one warm fork server per worker process.

``run_job`` hands a prepared job directory to the fork server (render/forkserver.py)
and waits for the renderer to finish, with its own safety timeout on top of the one
the supervisor enforces. The layers of isolation that are active are logged loudly
when the pool starts.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)

FORKSERVER = Path(__file__).with_name("forkserver.py")
START_TIMEOUT_S = 120


class SandboxUnavailable(Exception):
    """The fork server could not be started or died: an infrastructure failure."""


class JobNeverStarted(SandboxUnavailable):
    """No supervisor picked the job up; nothing of the user's code ran."""


@dataclass
class JobOutcome:
    exit_code: int | None
    reason: str | None  # "timeout", "disk", or None
    seconds: float
    maxrss_kb: int
    layers: dict
    lockdown_error: str | None = None


def sandbox_uid() -> int:
    """A uid of its own for each job: RLIMIT_NPROC becomes per job, and jobs cannot signal each other."""
    return settings.RENDER_UID_BASE + secrets.randbelow(settings.RENDER_UID_RANGE)


class RenderPool:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._ctrl: socket.socket | None = None
        self.info: dict = {}

    # -- lifecycle --------------------------------------------------------------------

    def start(self) -> dict:
        with self._lock:
            return self._ensure_started()

    def _ensure_started(self) -> dict:
        if self._proc is not None and self._proc.poll() is None:
            return self.info
        self._close()
        make_reachable([Path(sys.prefix), Path(settings.RENDER_WORK_DIR)])
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = {
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1",
            # One thread in the fork server: forking a multi-threaded process is unsafe.
            "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
        }
        try:
            self._proc = subprocess.Popen(
                [settings.RENDER_PYTHON, "-I", str(FORKSERVER), str(child.fileno())],
                pass_fds=[child.fileno()], env=env, cwd="/", stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=None, start_new_session=True,
            )
        except OSError as exc:
            raise SandboxUnavailable(f"cannot start the render fork server: {exc}") from exc
        finally:
            child.close()
        parent.settimeout(START_TIMEOUT_S)
        try:
            hello = parent.recv(1 << 16)
        except OSError as exc:
            self._proc.kill()
            raise SandboxUnavailable(f"the render fork server did not start: {exc}") from exc
        if not hello:
            raise SandboxUnavailable("the render fork server exited during start-up")
        parent.settimeout(None)
        self._ctrl = parent
        self.info = json.loads(hello)
        _announce(self.info)
        return self.info

    def _close(self) -> None:
        if self._ctrl is not None:
            self._ctrl.close()
            self._ctrl = None
        if self._proc is not None:
            if self._proc.poll() is None:
                self._proc.kill()
            self._proc.wait()
            self._proc = None

    def stop(self) -> None:
        with self._lock:
            self._close()

    # -- jobs -------------------------------------------------------------------------

    def run(self, job: dict) -> JobOutcome:
        try:
            return self._run_once(job)
        except JobNeverStarted:
            # The fork server died between jobs (it is restarted on the next call): once more.
            with self._lock:
                self._close()
            return self._run_once(job)

    def _run_once(self, job: dict) -> JobOutcome:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            with self._lock:
                self._ensure_started()
                try:
                    socket.send_fds(self._ctrl, [json.dumps(job).encode()], [theirs.fileno()])
                except OSError as exc:
                    raise JobNeverStarted(f"the render fork server is not accepting jobs: {exc}") from exc
            theirs.close()
            return _wait(ours, float(job["timeout_s"]) + 30)
        finally:
            theirs.close()
            ours.close()


def _wait(conn: socket.socket, safety_timeout: float) -> JobOutcome:
    deadline = time.monotonic() + safety_timeout
    buffer = b""
    pid = None
    messages: list[dict] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            if pid:
                _kill_group(pid)
            raise SandboxUnavailable("the render supervisor stopped answering")
        conn.settimeout(remaining)
        try:
            chunk = conn.recv(1 << 16)
        except TimeoutError:
            continue
        if not chunk:
            break
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            message = json.loads(line)
            messages.append(message)
            pid = message.get("pid", pid)
        if messages and "exit" in messages[-1]:
            break
    final = messages[-1] if messages and "exit" in messages[-1] else None
    if final is None:
        if pid is None:
            raise JobNeverStarted("the render fork server did not take the job")
        _kill_group(pid)
        raise SandboxUnavailable("the render supervisor died without a report")
    return JobOutcome(
        exit_code=final["exit"],
        reason=final.get("reason"),
        seconds=float(final.get("seconds", 0)),
        maxrss_kb=int(final.get("maxrss_kb", 0)),
        layers=final.get("layers", {}),
        lockdown_error=final.get("error"),
    )


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def make_reachable(paths: list[Path]) -> None:
    """Let the sandbox's uids traverse (not list) the folders above the interpreter's packages
    and the job dirs. A checkout under a private folder (a 0700 temp dir, /root) would
    otherwise make every render fail once the renderer drops its uid."""
    if os.getuid() != 0:
        return
    changed = []
    for path in paths:
        path.mkdir(parents=True, exist_ok=True)
        for folder in [path.resolve(), *path.resolve().parents]:
            mode = folder.stat().st_mode
            if not mode & stat.S_IXOTH:
                os.chmod(folder, stat.S_IMODE(mode) | stat.S_IXOTH)
                changed.append(str(folder))
    if changed:
        log.warning("Render sandbox: made %s traversable (o+x) so sandboxed uids can reach the "
                    "interpreter and job dirs.", ", ".join(changed))


def _announce(info: dict) -> None:
    pre = info.get("preflight", {})
    active, missing = [], []
    (active if pre.get("uid") == 0 else missing).append("uid drop + network namespace (needs root)")
    (active if pre.get("landlock_abi") else missing).append(f"Landlock (ABI {pre.get('landlock_abi', 0)})")
    (active if pre.get("seccomp") else missing).append("seccomp")
    for controller in ("pids", "memory"):
        (active if controller in pre.get("cgroups", []) else missing).append(f"cgroup {controller}")
    log.info("Render sandbox ready (Manim %s, fork server pid %s). Active layers: %s.",
             info.get("manim_version"), info.get("pid"), ", ".join(active))
    if missing:
        log.warning("RENDER SANDBOX IS WEAKER THAN IT SHOULD BE — missing: %s. "
                    "rlimits and the process-group kill still apply.", ", ".join(missing))


_pool: RenderPool | None = None
_pool_lock = threading.Lock()


def pool() -> RenderPool:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = RenderPool()
        return _pool


def _reset_after_fork() -> None:
    # A forked worker process must start its own fork server, not share the parent's socket.
    global _pool
    _pool = None


os.register_at_fork(after_in_child=_reset_after_fork)
