"""Hostile scenes: the render sandbox must contain code that attacks, even without the AST policy.

Each file in tests/data/hostile is a real Manim scene whose construct() (or module body)
attacks: the network, files outside its job dir, processes, the kernel, the parent, the
resources of the host. Most tests call ``render.engine.render`` directly, so the static
policy (generation/policy.py) is bypassed on purpose; a few go through the whole job.

The scene files contain ``@NAME@`` placeholders (inside string literals, so they stay
valid Python) that the test fills in: the ports it listens on, a unique marker for
files the attack tries to create, the project dir, the worker's pid...

A scene that gets its attack through says so with the word PWNED followed by "!" (built
at run time, so a traceback showing a source line never contains it). For every scene:

* the render fails with a readable error (or, for scenes that swallow their errors and
  still render, what the parent accepted contains nothing the scene should not reach);
* no secret (SECRET_KEY, DATABASE_URL, /etc/passwd, /etc/shadow, the project's settings,
  another job's files) appears in the error, the log, the accepted video or the job dir;
* no file appeared outside the job dir (the scene's marker paths, the render root);
* nothing connected to the test's TCP/UDP/UNIX listeners;
* no process of the job's uid survives, and its cgroups are gone;
* the worker still renders a benign scene, and the video decodes.

Attacks that currently get through are listed in KNOWN_GAPS: they still run, as strict
xfails, so the day the sandbox holds they XPASS and the entry has to go.
"""

from __future__ import annotations

import ctypes
import os
import re
import secrets
import shutil
import socket
import stat
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from render.engine import RenderResult, RenderStatus, render
from render.sandbox import pool
from tests.conftest import RENDER_ROOT, assert_valid_video

HOSTILE_DIR = Path(__file__).resolve().parent.parent / "data" / "hostile"
HOSTILE_FILES = sorted(HOSTILE_DIR.glob("[0-9][0-9]_*.py"))
PROJECT_DIR = Path(django_settings.BASE_DIR)
PG_SOCKET = "/run/postgresql/.s.PGSQL.5432"
PWNED = "PWN" + "ED!"

BENIGN = """from manim import *

class Benign(Scene):
    def construct(self):
        self.play(Create(Square(color=BLUE)), run_time=0.4)
"""

OK = RenderStatus.OK
USER_ERROR = RenderStatus.USER_ERROR
VIOLATION = RenderStatus.VIOLATION
TIMEOUT = RenderStatus.TIMEOUT

# Small limits for the scenes that would otherwise run for minutes or fill the disk.
FAST_TIMEOUT = {"RENDER_TIMEOUT_S": 6}
SMALL_DISK = {"RENDER_MAX_OUTPUT_MB": 50, "RENDER_MAX_DISK_MB": 50}
SMALL_MEMORY = {"RENDER_MEMORY_MB": 1024}


@dataclass(frozen=True)
class Case:
    # What the render may end as. OK is only listed for scenes that swallow their own errors
    # and render anyway; they are then checked for what leaked into the accepted video.
    statuses: frozenset
    settings: dict = field(default_factory=dict)
    error: str = ""  # a substring the user-facing error must contain (case-insensitive)
    needs: str = ""  # "pg": a local PostgreSQL UNIX socket


def case(*statuses, **kwargs) -> Case:
    return Case(frozenset(statuses), **kwargs)


CASES: dict[str, Case] = {
    # network
    "01_tcp_connect": case(VIOLATION, error="operation not permitted"),
    "02_udp_sendto": case(VIOLATION, error="operation not permitted"),
    "03_tcp6_connect": case(VIOLATION, error="operation not permitted"),
    "04_urllib_request": case(VIOLATION, error="operation not permitted"),
    "05_http_client": case(VIOLATION, error="operation not permitted"),
    "06_dns_lookup": case(USER_ERROR, VIOLATION),
    "07_raw_packet_netlink": case(VIOLATION, error="operation not permitted"),
    "08_unix_socket_outside": case(USER_ERROR, VIOLATION),
    # ECONNREFUSED: abstract names are per network namespace (Landlock's scope would say EPERM).
    "09_abstract_unix_socket": case(USER_ERROR, VIOLATION),
    "10_postgres_unix_socket": case(USER_ERROR, VIOLATION, needs="pg"),
    # reading outside the job dir
    "11_read_etc_passwd": case(VIOLATION, error="permission denied"),
    "12_read_etc_shadow": case(VIOLATION, error="permission denied"),
    "13_read_project_settings": case(VIOLATION, error="permission denied"),
    "14_read_environ": case(USER_ERROR, VIOLATION, error="contained"),
    "15_read_root_home": case(VIOLATION, error="permission denied"),
    "16_read_sibling_job": case(VIOLATION, error="permission denied"),
    "17_read_proc_sys": case(VIOLATION, error="permission denied"),
    # writing outside the job dir
    "18_write_tmp": case(VIOLATION, error="permission denied"),
    "19_write_project": case(VIOLATION, error="permission denied"),
    "20_write_render_root": case(VIOLATION, error="permission denied"),
    "21_write_devices": case(VIOLATION),
    # planting links where the parent picks up the video, the log and the result
    "22_symlink_output_before": case(USER_ERROR, VIOLATION),
    "23_symlink_output_after": case(USER_ERROR, error="no usable video"),
    "24_symlink_media_dir": case(VIOLATION, error="permission denied"),
    "25_hardlink_output": case(OK, USER_ERROR),
    # processes and code execution
    "26_subprocess_shell": case(VIOLATION, error="could not get out"),
    "27_os_system_popen": case(VIOLATION),
    "28_os_execv": case(USER_ERROR),
    "29_ctypes_libc": case(VIOLATION, error="ptrace refused"),
    "30_ctypes_unshare_mount": case(VIOLATION, error="operation not permitted"),
    "31_pickle_reduce": case(VIOLATION, error="permission denied"),
    "32_importlib_os": case(VIOLATION, error="permission denied"),
    "33_subclasses_popen": case(VIOLATION, error="could not get out"),
    "34_frame_walk": case(USER_ERROR, VIOLATION, error="walked"),
    "35_exec_encoded": case(VIOLATION, error="permission denied"),
    # resources
    "36_stdout_flood": case(USER_ERROR, VIOLATION, settings=SMALL_DISK),
    "37_latex_input_file": case(USER_ERROR, error="latex"),
    "38_latex_write18": case(OK, USER_ERROR),
    "39_latex_openout": case(USER_ERROR, error="latex"),
    "40_svg_image_outside": case(USER_ERROR, VIOLATION),
    "41_config_tamper": case(VIOLATION, error="permission denied"),
    "42_fork_bomb": case(TIMEOUT, USER_ERROR, settings=FAST_TIMEOUT),
    "43_thread_bomb": case(USER_ERROR, TIMEOUT, settings=FAST_TIMEOUT),
    "44_memory_bomb_numpy": case(USER_ERROR, settings=SMALL_MEMORY),
    "45_memory_bomb_gradual": case(USER_ERROR, settings=SMALL_MEMORY),
    "46_cpu_spin": case(TIMEOUT, settings=FAST_TIMEOUT, error="longer than"),
    "47_sleep_forever": case(TIMEOUT, settings=FAST_TIMEOUT, error="longer than"),
    "48_wait_forever": case(TIMEOUT, VIOLATION, settings={**FAST_TIMEOUT, **SMALL_DISK}),
    "49_huge_file": case(USER_ERROR, VIOLATION, settings=SMALL_DISK),
    "50_disk_fill_many_files": case(VIOLATION, settings=SMALL_DISK, error="more than 50 mb"),
    # the parent, the worker, privileges
    "51_kill_parent": case(USER_ERROR, error="killed"),
    "52_kill_everything": case(OK),
    "53_signal_worker": case(VIOLATION, error="operation not permitted"),
    "54_setuid_chroot": case(VIOLATION, error="operation not permitted"),
    # lying to the parent
    "55_playlist_as_video": case(USER_ERROR, error="no usable video"),
    "56_forge_result_and_log": case(USER_ERROR),
    "57_daemon_survivor": case(OK, USER_ERROR),
    "58_symlink_dir_after_render": case(USER_ERROR, error="no usable video"),
    # resources that outlive the job or escape its caps
    "59_unlinked_open_files": case(USER_ERROR, VIOLATION, settings=SMALL_DISK),
    "60_sysv_ipc": case(USER_ERROR, VIOLATION),
}

# Attacks that currently get through. The test still runs them (strict xfail: the day the
# sandbox is fixed they XPASS and fail, so the entry must then be removed).
# Attacks that got through once and were fixed (kept as a record, each now an ordinary case):
#   08/10 pathname UNIX sockets (a local PostgreSQL with trust auth answered as superuser)
#         -> render children may call neither socket() nor connect() (render/syscalls.py);
#   59    unlinked files held open escaped the disk cap -> the supervisor counts open fds too;
#   60    SysV IPC shared with the host and other jobs -> IPC namespace + seccomp.
KNOWN_GAPS: dict[str, str] = {}


# --- secrets the scenes must never reach -----------------------------------------------


@pytest.fixture(scope="module")
def canaries() -> Iterator[dict[str, str]]:
    """Secrets in the worker's environment while the fork server starts, plus file canaries.

    The worker's own start-up environment (SECRET_KEY=..., DATABASE_URL=... from `make test`)
    is read from /proc/self/environ: that is what a scene reading /proc/<worker>/environ sees.
    """
    token = secrets.token_hex(8)
    mp = pytest.MonkeyPatch()
    mp.setenv("SECRET_KEY", f"canary-secret-key-{token}")
    mp.setenv("DATABASE_URL", f"postgres://canary:{token}@db.invalid:5432/eigenframe")
    mp.setenv("REDIS_URL", f"redis://:{token}@redis.invalid:6379/0")
    pool().stop()  # the next render starts a fork server from this environment
    found = {
        "SECRET_KEY (canary)": os.environ["SECRET_KEY"],
        "DATABASE_URL (canary)": token,
        "/etc/passwd": "root:x:0:0:",
        "/etc/shadow": ":99999:7:",
        "saas/settings.py": "RENDER_UID_BASE = env.int",
        "attack succeeded": PWNED,
    }
    initial = Path("/proc/self/environ").read_bytes().split(b"\0")
    for item in initial:
        name, _, value = item.decode("utf-8", "replace").partition("=")
        if name in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL") and len(value) >= 8:
            found[f"{name} (worker start-up)"] = value
    yield found
    mp.undo()
    pool().stop()


# --- what must not have happened -------------------------------------------------------


class Listeners:
    """TCP (v4 and v6), UDP, pathname and abstract UNIX sockets that no scene may reach."""

    def __init__(self) -> None:
        self.tcp = socket.create_server(("127.0.0.1", 0))
        self.tcp_port = self.tcp.getsockname()[1]
        self.tcp6 = None
        self.tcp6_port = self.tcp_port
        if socket.has_ipv6:
            try:
                self.tcp6 = socket.create_server(("::1", 0), family=socket.AF_INET6)
                self.tcp6_port = self.tcp6.getsockname()[1]
            except OSError:
                self.tcp6 = None
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", 0))
        self.udp_port = self.udp.getsockname()[1]
        # World-reachable on purpose: DAC would let any uid connect, only the sandbox may stop it.
        self.unix_dir = Path(tempfile.mkdtemp(prefix="eigenframe-hostile-sock-"))
        self.unix_dir.chmod(0o755)
        self.unix_path = str(self.unix_dir / "listener.sock")
        self.unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.unix.bind(self.unix_path)
        os.chmod(self.unix_path, 0o777)
        self.unix.listen(8)
        self.abstract_name = f"eigenframe-hostile-{uuid.uuid4().hex}"
        self.abstract = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.abstract.bind("\0" + self.abstract_name)
        self.abstract.listen(8)
        for sock in self._sockets():
            sock.setblocking(False)

    def _sockets(self):
        return [s for s in (self.tcp, self.tcp6, self.udp, self.unix, self.abstract) if s is not None]

    def arrivals(self) -> list[str]:
        arrived = []
        for name, sock in (("TCP 127.0.0.1", self.tcp), ("TCP ::1", self.tcp6), ("UNIX path", self.unix),
                           ("UNIX abstract", self.abstract)):
            if sock is None:
                continue
            try:
                conn, _ = sock.accept()
                conn.close()
                arrived.append(f"a connection on {name}")
            except BlockingIOError:
                pass
        try:
            data, peer = self.udp.recvfrom(65536)
            arrived.append(f"a UDP datagram {data[:40]!r} from {peer}")
        except BlockingIOError:
            pass
        return arrived

    def close(self) -> None:
        for sock in self._sockets():
            sock.close()
        Path(self.unix_path).unlink(missing_ok=True)
        self.unix_dir.rmdir()


@pytest.fixture
def listeners():
    opened = Listeners()
    yield opened
    opened.close()


def _marker_locations() -> list[Path]:
    return [Path("/tmp"), Path("/var/tmp"), Path("/dev/shm"), PROJECT_DIR, PROJECT_DIR / "saas", RENDER_ROOT,
            Path(django_settings.RENDER_WORK_DIR)]


def _files_with(mark: str) -> list[Path]:
    found = []
    for folder in _marker_locations():
        try:
            found += [folder / name for name in os.listdir(folder) if mark in name]
        except OSError:
            pass
    return found


def _job_uid_processes(uid: int) -> list[str]:
    """Processes of ``uid`` as "pid state" strings (zombies included)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
                    found.append(f"{entry} {state}")
            except (OSError, IndexError):
                pass
    return found


def _living_processes(uid: int, wait_s: float = 2.0) -> list[str]:
    """Processes of ``uid`` still running (zombies, killed and waiting for init to reap them, do not count)."""
    deadline = time.monotonic() + wait_s
    while True:
        living = [p for p in _job_uid_processes(uid) if not p.endswith((" Z", " X"))]
        if not living or time.monotonic() > deadline:
            return living
        time.sleep(0.05)


def _ipc_objects(uid: int) -> list[tuple[str, int]]:
    """SysV IPC objects (kind, id) owned by ``uid``, from /proc/sysvipc."""
    found = []
    for kind in ("shm", "msg", "sem"):
        try:
            lines = Path(f"/proc/sysvipc/{kind}").read_text().splitlines()
        except OSError:
            continue
        header = lines[0].split()
        for line in lines[1:]:
            cols = line.split()
            if int(cols[header.index("uid")]) == uid:
                found.append((kind, int(cols[1])))
    return found


def _remove_ipc(objects: list[tuple[str, int]]) -> None:
    flags = {"shm": "-m", "msg": "-q", "sem": "-s"}
    for kind, ident in objects:
        subprocess.run(["ipcrm", flags[kind], str(ident)], capture_output=True, check=False)


def _job_cgroups(workdir: Path) -> list[Path]:
    name = f"eigenframe-{workdir.name}"
    found: list[Path] = []
    for controller in ("pids", "memory"):
        found += [p for p in Path("/sys/fs/cgroup", controller).glob(f"**/{name}") if p.is_dir()]
    return found


def _readable_files(root: Path, limit: int = 8 << 20):
    """(path, first bytes) of every regular file under ``root``, never following a link."""
    for dirpath, _dirs, files in os.walk(root, followlinks=False):
        for name in files:
            path = os.path.join(dirpath, name)
            try:
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            except OSError:
                continue
            with os.fdopen(fd, "rb") as fh:
                if stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                    yield path, fh.read(limit)


def _leaks(text: bytes, canaries: dict[str, str]) -> list[str]:
    return [name for name, value in canaries.items() if value.encode() in text]


# --- the scenes --------------------------------------------------------------------------


def scene_code(path: Path, listeners: Listeners, mark: str, sibling: str, shm_key: int = 0) -> str:
    values = {
        "TCP_PORT": listeners.tcp_port,
        "TCP6_PORT": listeners.tcp6_port,
        "UDP_PORT": listeners.udp_port,
        "UNIX_SOCK": listeners.unix_path,
        "ABSTRACT": listeners.abstract_name,
        "PG_SOCKET": PG_SOCKET,
        "MARK": mark,
        "PROJECT": PROJECT_DIR,
        "WORKER_PID": os.getpid(),
        "SIBLING": sibling,
        "DISK_MB": django_settings.RENDER_MAX_DISK_MB,
        "SHM_KEY": shm_key,
    }
    code = path.read_text()
    for name, value in values.items():
        code = code.replace(f"@{name}@", str(value))
    assert not re.search(r"@[A-Z0-9_]+@", code), f"unfilled placeholder in {path.name}"
    return code


@pytest.fixture
def host_shm(canaries):
    """A world-readable SysV shared memory segment of "another process", holding a secret."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.shmat.restype = ctypes.c_void_p
    key = 0x5E000000 + secrets.randbelow(0xFFFF) * 16
    secret = f"host-shm-secret-{secrets.token_hex(8)}".encode()
    shmid = libc.shmget(key, 4096, 0o1000 | 0o666)
    assert shmid >= 0, os.strerror(ctypes.get_errno())
    addr = libc.shmat(shmid, None, 0)
    ctypes.memmove(addr, secret, len(secret))
    libc.shmdt(ctypes.c_void_p(addr))
    yield key, secret.decode()
    libc.shmctl(shmid, 0, None)  # IPC_RMID


@pytest.fixture
def sibling_job(settings, canaries):
    """Another tenant's job dir next to ours, world-readable: only the sandbox keeps us out."""
    root = Path(settings.RENDER_WORK_DIR)
    root.mkdir(parents=True, exist_ok=True)
    sibling = root / f"job-sibling-{uuid.uuid4().hex[:8]}"
    sibling.mkdir(mode=0o755)
    secret = f"other-tenant-secret-{secrets.token_hex(8)}"
    (sibling / "scene.py").write_text(f"# {secret}\n")
    (sibling / "scene.py").chmod(0o644)
    sibling.chmod(0o755)
    return sibling.name, secret


def assert_benign_render_still_works() -> None:
    result = render(BENIGN)
    try:
        assert result.ok, f"the worker no longer renders a benign scene: {result.status} {result.error}\n{result.log}"
        assert_valid_video(result.video_path, min_seconds=0.2)
    finally:
        result.cleanup()


def assert_contained(name: str, result: RenderResult, expected: Case, *, canaries: dict[str, str], mark: str,
                     listeners: Listeners, before: set[str]) -> None:
    context = f"{name}: {result.status.value} {result.error!r}"
    assert result.status in expected.statuses, f"{context}\n--- log ---\n{result.log[-3000:]}"
    if not result.ok:
        assert result.error.strip(), context
        assert "Traceback (most recent call last)" not in result.error, context
        assert len(result.error) < 2100, context
        if expected.error:
            assert expected.error.lower() in result.error.lower(), f"{context}\n--- log ---\n{result.log[-3000:]}"

    # Nothing the scene should not reach may appear in what the user gets back...
    shown = (result.error + "\n" + result.log).encode()
    assert not _leaks(shown, canaries), f"{context}: leaked {_leaks(shown, canaries)} to the user"
    if result.video_path is not None:
        video = result.video_path.read_bytes()
        assert not _leaks(video, canaries), f"{context}: the accepted video holds {_leaks(video, canaries)}"
        assert_valid_video(result.video_path, min_seconds=0.1)
    # ...nor anywhere the scene could write (it would have read it first).
    assert result.workdir is not None, context
    for path, data in _readable_files(result.workdir):
        if path.endswith("scene.py"):
            continue
        assert not _leaks(data, canaries), f"{context}: {path} holds {_leaks(data, canaries)}"

    # No file outside the job dir.
    assert not _files_with(mark), f"{context}: files appeared outside the job dir: {_files_with(mark)}"
    allowed = before | {result.workdir.name}
    if result.video_path is not None:
        allowed.add(result.video_path.name)
    after = set(os.listdir(django_settings.RENDER_WORK_DIR))
    assert after <= allowed, f"{context}: new entries next to the job dir: {sorted(after - allowed)}"

    # No connection, no datagram.
    assert not listeners.arrivals(), f"{context}: {listeners.arrivals()}"

    # Nothing of the job outlives it.
    uid = result.details.get("layers", {}).get("uid")
    assert isinstance(uid, int) and uid >= django_settings.RENDER_UID_BASE, f"{context}: {result.details}"
    survivors = _living_processes(uid)
    assert not survivors, f"{context}: processes of uid {uid} survived the job: {survivors}"
    leftovers = _ipc_objects(uid)
    assert not leftovers, f"{context}: SysV IPC objects of uid {uid} outlived the job: {leftovers}"
    assert not _job_cgroups(result.workdir), f"{context}: cgroups left behind: {_job_cgroups(result.workdir)}"


def test_it_has_a_hostile_corpus():
    names = [p.stem for p in HOSTILE_FILES]
    assert len(names) >= 30, names
    assert sorted(CASES) == names, set(CASES) ^ set(names)


@pytest.mark.render
@pytest.mark.parametrize("path", HOSTILE_FILES, ids=[p.stem for p in HOSTILE_FILES])
def test_the_sandbox_contains_hostile_scene(path: Path, settings, canaries, listeners, sibling_job, host_shm,
                                            request):
    expected = CASES[path.stem]
    if path.stem in KNOWN_GAPS:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_GAPS[path.stem], strict=True))
    if expected.needs == "pg" and not os.path.exists(PG_SOCKET):
        pytest.skip(f"no local PostgreSQL socket at {PG_SOCKET}")
    for key, value in expected.settings.items():
        setattr(settings, key, value)
    mark = f"{uuid.uuid4().hex[:12]}"
    sibling_name, sibling_secret = sibling_job
    shm_key, shm_secret = host_shm
    canaries = {**canaries, "sibling job": sibling_secret, "host shared memory": shm_secret}
    code = scene_code(path, listeners, mark, sibling_name, shm_key)
    before = set(os.listdir(settings.RENDER_WORK_DIR))

    result = render(code)
    try:
        print(f"\n{path.stem}: {result.status.value} in {result.seconds:.1f}s: {result.error[:300]}")
        assert_contained(path.stem, result, expected, canaries=canaries, mark=mark, listeners=listeners,
                         before=before)
    finally:
        uid = result.details.get("layers", {}).get("uid")
        if isinstance(uid, int):
            _remove_ipc(_ipc_objects(uid))
        result.cleanup()
        for leftover in _files_with(mark):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
    assert_benign_render_still_works()
    assert not listeners.arrivals()


# --- through the job flow (policy first, then the sandbox) ------------------------------

PIPELINE_SCENES = {
    # name: (extra settings, who refuses it)
    "01_tcp_connect": ({}, "policy"),
    "33_subclasses_popen": ({}, "policy"),
    "40_svg_image_outside": ({}, "sandbox"),  # file paths the static policy cannot judge
    "48_wait_forever": ({**FAST_TIMEOUT, **SMALL_DISK}, "sandbox"),
}


@pytest.mark.render
@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PIPELINE_SCENES))
def test_a_hostile_job_ends_failed_with_a_readable_error(name, settings, canaries, listeners):
    from generation import pipeline
    from generation.models import Animation
    from tests.factories import make_user

    extra, refused_by = PIPELINE_SCENES[name]
    for key, value in extra.items():
        setattr(settings, key, value)
    mark = uuid.uuid4().hex[:12]
    code = scene_code(HOSTILE_DIR / f"{name}.py", listeners, mark, "job-none")
    animation = Animation.objects.create(organization=make_user().personal_organization, kind=Animation.Kind.RENDER,
                                         code=code, options={"quality": "low", "format": "mp4"})

    pipeline.run(animation)

    animation.refresh_from_db()
    print(f"\n{name}: {animation.status}: {animation.error[:300]}")
    assert animation.status == Animation.Status.FAILED, (animation.status, animation.error)
    assert animation.error.strip() and "Traceback (most recent call last)" not in animation.error
    assert not animation.video
    stages = list(animation.events.values_list("stage", flat=True))
    if refused_by == "policy":
        assert animation.error.startswith("The code was refused before rendering"), animation.error
        assert "policy" in stages and "render" not in stages, stages
    else:
        assert "render" in stages, stages
    assert not _leaks(animation.error.encode(), canaries)
    assert not _files_with(mark)
    assert not listeners.arrivals()
    assert_benign_render_still_works()


def test_placeholders_are_valid_python():
    """Every scene compiles as it stands (placeholders live inside string literals)."""
    for path in HOSTILE_FILES:
        compile(path.read_text(), path.name, "exec")
