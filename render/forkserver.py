"""The warm render pool: a fork server with Manim already imported.

Started by the worker (render/sandbox.py) with an empty environment, as
``python -I render/forkserver.py FD``, where FD is a SOCK_SEQPACKET control socket.
Importing Manim costs most of a small render, so it happens once, here. For each
job the worker sends a JSON message with a connected socket attached (SCM_RIGHTS);
the server forks a *supervisor* for it, and goes back to waiting.

The supervisor (still trusted, still privileged) puts the job in its own cgroups,
forks the *renderer*, reports its pid, enforces the wall-clock and disk limits, and
reports how the renderer ended. The renderer locks itself down (rlimits → empty
network namespace → unprivileged uid → no_new_privs → Landlock → seccomp) before it
reads a single line of the user's code, then renders and writes ``result.json``.

Every job is a fresh fork of a server that never rendered, so nothing of one job
(Manim's global config included) can leak into the next.

This file must not import Django or the project: it runs outside both.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import sys
import time
import traceback
import types
from pathlib import Path

# Started with -I (isolated mode), which leaves this file's folder off sys.path.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import lockdown  # noqa: E402

SCENE_FILE = "scene.py"
POLL_S = 0.02
DISK_CHECK_S = 0.25


# --- cgroups --------------------------------------------------------------------------


def _own_cgroup_v1(controller: str) -> str | None:
    try:
        for line in Path("/proc/self/cgroup").read_text().splitlines():
            _, controllers, path = line.split(":", 2)
            if controller in controllers.split(","):
                return path
    except OSError:
        pass
    return None


def cgroup_bases() -> dict[str, Path]:
    """Writable cgroup v1 hierarchies for pids and memory (where we may create children)."""
    bases: dict[str, Path] = {}
    for controller in ("pids", "memory"):
        own = _own_cgroup_v1(controller)
        root = Path("/sys/fs/cgroup") / controller
        if own is None or not root.is_dir():
            continue
        base = root / own.lstrip("/")
        if os.access(base, os.W_OK):
            bases[controller] = base
    return bases


class JobCgroups:
    def __init__(self, name: str, limits: dict):
        self.dirs: list[Path] = []
        self.controllers: list[str] = []
        for controller, base in cgroup_bases().items():
            path = base / name
            try:
                path.mkdir()
                if controller == "pids":
                    (path / "pids.max").write_text(str(int(limits["procs"])))
                else:
                    (path / "memory.limit_in_bytes").write_text(str(int(limits["memory_mb"]) * 1024 * 1024))
                    try:  # no swapping around the limit either
                        (path / "memory.memsw.limit_in_bytes").write_text(str(int(limits["memory_mb"]) * 1024 * 1024))
                    except OSError:
                        pass
                self.dirs.append(path)
                self.controllers.append(controller)
            except OSError:
                continue

    def join(self, pid: int) -> None:
        for path in self.dirs:
            (path / "cgroup.procs").write_text(str(pid))

    def pids(self) -> set[int]:
        found: set[int] = set()
        for path in self.dirs:
            try:
                found.update(int(p) for p in (path / "cgroup.procs").read_text().split())
            except OSError:
                pass
        return found

    def kill_all(self) -> None:
        for _ in range(50):
            pids = self.pids()
            if not pids:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.01)

    def remove(self) -> None:
        self.kill_all()
        for path in self.dirs:
            for _ in range(100):
                try:
                    path.rmdir()
                    break
                except OSError:
                    time.sleep(0.01)


def kill_uid(uid: int) -> None:
    """Fallback when there are no cgroups: every process of the job's own uid."""
    if uid == os.getuid():
        return
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    os.kill(int(entry), signal.SIGKILL)
            except (OSError, ProcessLookupError):
                pass


def disk_usage(root: str, pids: set[int]) -> tuple[int, int]:
    """Bytes and files the job holds: everything under its dir, plus files its processes keep
    open after unlinking them (invisible to a directory walk). Each inode counts once."""
    seen: set[tuple[int, int]] = set()
    total = 0
    stack = [root]
    while stack:
        try:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    try:
                        st = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    if (st.st_dev, st.st_ino) not in seen:
                        seen.add((st.st_dev, st.st_ino))
                        total += st.st_blocks * 512
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
        except OSError:
            continue
    for pid in pids:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:
            continue
        for fd in fds:
            try:
                st = os.stat(f"/proc/{pid}/fd/{fd}")  # follows the magic link, deleted or not
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode) and (st.st_dev, st.st_ino) not in seen:
                seen.add((st.st_dev, st.st_ino))
                total += st.st_blocks * 512
    return total, len(seen)


# --- the renderer (runs the user's code) -------------------------------------------------


def read_paths() -> list[str]:
    """What Python, Manim, TeX and fonts need to read. Nothing else (no /etc/passwd, no /proc)."""
    prefixes = {sys.prefix, sys.base_prefix, os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix)}
    paths = ["/usr", "/lib", "/lib64", "/bin", "/var/lib/texmf", "/var/cache/fontconfig",
             "/etc/fonts", "/etc/texmf", "/etc/ld.so.cache", "/etc/alternatives", "/etc/localtime",
             "/etc/mime.types", "/etc/ImageMagick-6", "/sys/devices/system/cpu", "/dev/urandom", "/dev/random",
             "/proc/cpuinfo", "/proc/meminfo"]
    paths += sorted(p for p in prefixes if not p.startswith("/usr"))
    paths += [p for p in sys.path if p and os.path.isdir(p) and not p.startswith("/usr")]
    return paths


def renderer(job: dict, report_fd: int) -> None:
    """Never returns: locks down, renders, exits."""
    job_dir = job["dir"]
    os.setsid()  # its own process group, killed as a whole
    log_fd = os.open(os.path.join(job_dir, "render.log"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    devnull = os.open("/dev/null", os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(log_fd, 1)
    os.dup2(log_fd, 2)
    keep = {0, 1, 2, report_fd}
    for fd in range(3, 1024):
        if fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass
    os.chdir(job_dir)
    tmp = os.path.join(job_dir, "tmp")
    os.environ.clear()
    os.environ.update({
        "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": job_dir, "TMPDIR": tmp,
        "XDG_CACHE_HOME": os.path.join(job_dir, ".cache"), "MPLCONFIGDIR": tmp,
        "TEXMFVAR": os.path.join(job_dir, ".texmf-var"), "TEXMFCONFIG": os.path.join(job_dir, ".texmf-config"),
        # TeX may not read or write outside the working directory, nor run shell commands.
        "openin_any": "p", "openout_any": "p", "shell_escape": "f", "TEXMFOUTPUT": job_dir,
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
    })
    layers: dict = {}
    try:
        lockdown.set_limits(job["limits"])
        layers["rlimits"] = True
        layers["network_namespace"] = lockdown.enter_empty_network_namespace()
        layers["uid_drop"] = lockdown.drop_privileges(job["uid"], job["gid"])
        layers["uid"] = os.getuid()
        lockdown.no_new_privs()
        layers["no_new_privs"] = True
        layers["landlock_abi"] = lockdown.apply_landlock(read_paths(), ["/usr/bin", "/bin", "/usr/lib", "/lib",
                                                                        "/lib64"], [job_dir, "/dev/null"])
        layers["seccomp"] = lockdown.apply_seccomp()
    except Exception as exc:  # noqa: BLE001 - refuse to run user code half locked down
        os.write(report_fd, (json.dumps({"layers": layers, "error": f"lockdown failed: {exc}"}) + "\n").encode())
        os._exit(70)
    os.write(report_fd, (json.dumps({"layers": layers}) + "\n").encode())
    os.close(report_fd)
    os._exit(MEDIA_TASKS[job["kind"]](job) if job.get("kind") in MEDIA_TASKS else render_scene(job))


# --- media jobs: untrusted video files are decoded only in here ------------------------------
# A rendered file is hostile (the scene could have written any bytes there), so probing and
# watermarking run in a fresh, locked-down child too: a crafted file aimed at an FFmpeg bug
# finds no privileges, no network and no writable path but its own job dir.

_DEMUXERS = {"mp4": "mp4", "webm": "webm", "gif": "gif"}


def probe_media(job: dict) -> int:
    import av

    try:
        with av.open(f"input.{job['format']}", format=_DEMUXERS[job["format"]]) as container:
            stream = container.streams.video[0]
            frame = next(container.decode(stream))
            _write_result({"ok": True, "width": frame.width, "height": frame.height,
                           "seconds": float(container.duration or 0) / av.time_base})
    except Exception as exc:  # noqa: BLE001 - any failure means "not a usable video"
        _write_result({"ok": False, "error_type": exc.__class__.__name__, "message": str(exc)[:500]})
        return 1
    return 0


def watermark_media(job: dict) -> int:
    from pathlib import Path as _Path

    import watermark  # render/watermark.py

    fmt = job["format"]
    try:
        watermark.watermark_video(_Path(f"input.{fmt}").resolve(), _Path(f"output.{fmt}").resolve(),
                                  text=job.get("text", "eigenframe"))
    except Exception as exc:  # noqa: BLE001
        _write_result({"ok": False, "error_type": exc.__class__.__name__, "message": str(exc)[:500]})
        return 1
    _write_result({"ok": True})
    return 0


MEDIA_TASKS = {"probe": probe_media, "watermark": watermark_media}


def _user_line(tb) -> int | None:
    line = None
    for frame in traceback.extract_tb(tb):
        if frame.filename == SCENE_FILE:
            line = frame.lineno
    return line


def _write_result(payload: dict) -> None:
    with open("result.json.tmp", "w") as fh:
        json.dump(payload, fh)
    os.replace("result.json.tmp", "result.json")


def render_scene(job: dict) -> int:
    from manim import __version__, tempconfig

    started = time.monotonic()
    job_dir = job["dir"]
    os.makedirs(os.path.join(job_dir, "tmp"), exist_ok=True)
    settings = {
        "quality": job["quality"],
        "format": job["format"],
        "media_dir": os.path.join(job_dir, "media"),
        "output_file": "animation",
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
        "write_to_movie": True,
        "notify_outdated_version": False,
        "input_file": os.path.join(job_dir, SCENE_FILE),
        "scene_names": [job["scene"]],
    }
    try:
        with open(SCENE_FILE) as fh:
            source = fh.read()
        with tempconfig(settings):
            # A real module, so dataclasses and typing can find the scene's namespace.
            module = types.ModuleType("scene")
            module.__file__ = os.path.join(job_dir, SCENE_FILE)
            sys.modules["scene"] = module
            exec(compile(source, SCENE_FILE, "exec"), module.__dict__)
            scene_cls = module.__dict__.get(job["scene"])
            if scene_cls is None:
                raise LookupError(f"The code defines no scene called {job['scene']}.")
            scene_cls().render()
    except BaseException as exc:  # noqa: BLE001 - report everything, the parent decides
        message = str(exc).strip() or exc.__class__.__name__
        _write_result({
            "ok": False,
            "error_type": exc.__class__.__name__,
            "message": message[:4000],
            "line": _user_line(exc.__traceback__),
            "traceback": "".join(traceback.format_exception(exc))[-8000:],
        })
        return 1
    _write_result({"ok": True, "seconds": time.monotonic() - started, "manim_version": __version__})
    return 0


# --- the supervisor ----------------------------------------------------------------------


def send(conn: socket.socket, payload: dict) -> None:
    try:
        conn.sendall((json.dumps(payload) + "\n").encode())
    except OSError:
        pass  # the worker went away; finish and clean up anyway


def supervise(job: dict, conn: socket.socket) -> None:
    limits = job["limits"]
    cgroups = JobCgroups(f"eigenframe-{os.path.basename(job['dir'])}", limits)
    report_r, report_w = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(report_r)
            conn.close()
            cgroups.join(os.getpid())
            renderer(job, report_w)
        finally:
            os._exit(71)
    os.close(report_w)
    send(conn, {"pid": pid})
    with os.fdopen(report_r, "rb") as report:
        lockdown_report = report.readline(65536)
    try:
        layers = json.loads(lockdown_report or b"{}")
    except ValueError:
        layers = {}
    layers.setdefault("layers", {})["cgroups"] = sorted(cgroups.controllers)
    deadline = started + float(job["timeout_s"])
    disk_cap = int(limits["disk_mb"]) * 1024 * 1024
    max_files = int(limits.get("max_files", 20000))
    next_disk_check = 0.0
    reason = None
    status = None
    usage = None
    while True:
        waited, status, usage = os.wait4(pid, os.WNOHANG)
        if waited == pid:
            break
        now = time.monotonic()
        if now > deadline:
            reason = "timeout"
        elif now >= next_disk_check:
            next_disk_check = now + DISK_CHECK_S
            used, files = disk_usage(job["dir"], cgroups.pids() or {pid})
            if used > disk_cap or files > max_files:
                reason = "disk"
        if reason:
            os.killpg(pid, signal.SIGKILL) if _alive(pid) else None
            cgroups.kill_all()
            _, status, usage = os.wait4(pid, 0)
            break
        time.sleep(POLL_S)
    # Stray grandchildren (daemonised, setsid) never outlive the job.
    cgroups.remove()
    kill_uid(job["uid"])
    send(conn, {
        "exit": os.waitstatus_to_exitcode(status) if status is not None else None,
        "reason": reason,
        "seconds": time.monotonic() - started,
        "maxrss_kb": getattr(usage, "ru_maxrss", 0),
        **layers,
    })


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False


# --- the server ------------------------------------------------------------------------


def preflight() -> dict:
    return {
        "uid": os.getuid(),
        "landlock_abi": lockdown.landlock_abi(),
        "cgroups": sorted(cgroup_bases()),
        "seccomp": _seccomp_available(),
    }


def _seccomp_available() -> bool:
    try:
        import pyseccomp  # noqa: F401

        return True
    except (ImportError, OSError):
        return False


def serve(ctrl: socket.socket) -> None:
    import manim  # noqa: F401 - the whole point: import once, fork many

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # supervisors are reaped automatically
    ctrl.send(json.dumps({"ready": True, "manim_version": manim.__version__, "pid": os.getpid(),
                          "preflight": preflight()}).encode())
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(ctrl, 1 << 16, 1)
        except InterruptedError:
            continue
        if not message:
            return  # the worker is gone
        if not fds:
            continue
        try:
            job = json.loads(message)
        except ValueError:
            for fd in fds:
                os.close(fd)
            continue
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                ctrl.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                conn = socket.socket(fileno=fds[0])
                supervise(job, conn)
            except BaseException:  # noqa: BLE001
                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)
        for fd in fds:
            os.close(fd)


def main() -> None:
    ctrl = socket.socket(fileno=int(sys.argv[1]))
    os.chdir("/")
    serve(ctrl)


if __name__ == "__main__":
    main()
