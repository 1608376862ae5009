"""Locking a render child down: rlimits, network namespace, uid drop, Landlock, seccomp.

Runs inside the sandbox's own processes (render/forkserver.py), never in Django: it
imports only the standard library, pyseccomp and render/syscalls.py. Each layer
reports whether it is active, so the worker can say at start which ones protect it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import resource

import syscalls  # render/syscalls.py, on sys.path via the fork server

_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
_libc.syscall.restype = ctypes.c_long

CLONE_NEWNET = 0x40000000
CLONE_NEWIPC = 0x08000000
PR_SET_NO_NEW_PRIVS = 38
PR_SET_DUMPABLE = 4

# Landlock (include/uapi/linux/landlock.h)
SYS_LANDLOCK_CREATE_RULESET = 444
SYS_LANDLOCK_ADD_RULE = 445
SYS_LANDLOCK_RESTRICT_SELF = 446
LANDLOCK_CREATE_RULESET_VERSION = 1
LANDLOCK_RULE_PATH_BENEATH = 1

FS_EXECUTE = 1 << 0
FS_WRITE_FILE = 1 << 1
FS_READ_FILE = 1 << 2
FS_READ_DIR = 1 << 3
FS_REMOVE_DIR = 1 << 4
FS_REMOVE_FILE = 1 << 5
FS_MAKE_CHAR = 1 << 6
FS_MAKE_DIR = 1 << 7
FS_MAKE_REG = 1 << 8
FS_MAKE_SOCK = 1 << 9
FS_MAKE_FIFO = 1 << 10
FS_MAKE_BLOCK = 1 << 11
FS_MAKE_SYM = 1 << 12
FS_REFER = 1 << 13  # ABI 2
FS_TRUNCATE = 1 << 14  # ABI 3
FS_IOCTL_DEV = 1 << 15  # ABI 5
NET_BIND_TCP = 1 << 0  # ABI 4
NET_CONNECT_TCP = 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET = 1 << 0  # ABI 6
SCOPE_SIGNAL = 1 << 1

FILE_RIGHTS = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV
READ_RIGHTS = FS_READ_FILE | FS_READ_DIR
EXEC_RIGHTS = READ_RIGHTS | FS_EXECUTE
WRITE_RIGHTS = (
    FS_WRITE_FILE | FS_READ_FILE | FS_READ_DIR | FS_REMOVE_DIR | FS_REMOVE_FILE | FS_MAKE_DIR
    | FS_MAKE_REG | FS_MAKE_SYM | FS_MAKE_FIFO | FS_MAKE_SOCK | FS_REFER | FS_TRUNCATE
)


class LockdownError(Exception):
    pass


def _check(result: int, what: str) -> int:
    if result < 0:
        err = ctypes.get_errno()
        raise LockdownError(f"{what} failed: {os.strerror(err)}")
    return result


# --- rlimits ------------------------------------------------------------------------


def set_limits(limits: dict) -> None:
    """Per-process limits; NPROC counts every process of the uid, which is unique per job."""
    def cap(kind: int, value: int) -> None:
        soft, hard = resource.getrlimit(kind)
        value = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(kind, (value, value))

    mb = 1024 * 1024
    cap(resource.RLIMIT_CPU, int(limits["cpu_s"]))
    cap(resource.RLIMIT_AS, int(limits["memory_mb"]) * mb)
    cap(resource.RLIMIT_FSIZE, int(limits["file_mb"]) * mb)
    cap(resource.RLIMIT_NOFILE, int(limits.get("open_files", 256)))
    cap(resource.RLIMIT_NPROC, int(limits["procs"]))
    cap(resource.RLIMIT_CORE, 0)
    cap(resource.RLIMIT_MEMLOCK, 0)
    cap(resource.RLIMIT_MSGQUEUE, 0)


# --- network namespace --------------------------------------------------------------


def enter_empty_network_namespace() -> bool:
    """New network and IPC namespaces: only a down loopback, and no SysV IPC objects shared with
    the host or other jobs (they would also outlive the job). Needs CAP_SYS_ADMIN."""
    return _libc.unshare(CLONE_NEWNET | CLONE_NEWIPC) == 0


# --- uid drop -----------------------------------------------------------------------


def drop_privileges(uid: int, gid: int) -> bool:
    if os.getuid() != 0:
        return False  # already unprivileged (e.g. a container user): nothing to drop
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    if os.getuid() != uid or os.geteuid() != uid:
        raise LockdownError("could not drop privileges")
    return True


def no_new_privs() -> None:
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(NO_NEW_PRIVS)")
    # Not dumpable: other processes of the same uid cannot ptrace or read /proc/<pid>/mem.
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


# --- Landlock -----------------------------------------------------------------------


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def landlock_abi() -> int:
    result = _libc.syscall(SYS_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0),
                           ctypes.c_uint32(LANDLOCK_CREATE_RULESET_VERSION))
    return int(result) if result > 0 else 0


def apply_landlock(read: list[str], execute: list[str], write: list[str]) -> int:
    """Restrict this process (and its children) to the given trees. Returns the ABI used, 0 if none."""
    abi = landlock_abi()
    if abi < 1:
        return 0
    handled = (FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_READ_DIR | FS_REMOVE_DIR | FS_REMOVE_FILE
               | FS_MAKE_CHAR | FS_MAKE_DIR | FS_MAKE_REG | FS_MAKE_SOCK | FS_MAKE_FIFO | FS_MAKE_BLOCK
               | FS_MAKE_SYM)
    if abi >= 2:
        handled |= FS_REFER
    if abi >= 3:
        handled |= FS_TRUNCATE
    if abi >= 5:
        handled |= FS_IOCTL_DEV
    attr = _RulesetAttr(handled_access_fs=handled)
    size = 8
    if abi >= 4:
        attr.handled_access_net = NET_BIND_TCP | NET_CONNECT_TCP  # no rule: no TCP at all
        size = 16
    if abi >= 6:
        attr.scoped = SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL  # nothing outside this job
        size = 24
    ruleset = _check(_libc.syscall(SYS_LANDLOCK_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size),
                                   ctypes.c_uint32(0)), "landlock_create_ruleset")
    try:
        for paths, rights in ((read, READ_RIGHTS), (execute, EXEC_RIGHTS), (write, WRITE_RIGHTS)):
            for path in paths:
                try:
                    fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
                except FileNotFoundError:
                    continue
                try:
                    allowed = rights & handled
                    if not os.path.isdir(path):
                        allowed &= FILE_RIGHTS  # files only take file rights
                    rule = _PathBeneathAttr(allowed_access=allowed, parent_fd=fd)
                    _check(_libc.syscall(SYS_LANDLOCK_ADD_RULE, ctypes.c_int(ruleset),
                                         ctypes.c_int(LANDLOCK_RULE_PATH_BENEATH), ctypes.byref(rule),
                                         ctypes.c_uint32(0)), f"landlock_add_rule({path})")
                finally:
                    os.close(fd)
        _check(_libc.syscall(SYS_LANDLOCK_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)),
               "landlock_restrict_self")
    finally:
        os.close(ruleset)
    return abi


# --- seccomp ------------------------------------------------------------------------


def apply_seccomp() -> bool:
    try:
        import pyseccomp as seccomp
    except (ImportError, OSError):
        return False
    flt = seccomp.SyscallFilter(defaction=seccomp.ERRNO(errno.EPERM))
    for name in syscalls.sandbox_syscalls():
        try:
            flt.add_rule(seccomp.ALLOW, name)
        except (ValueError, OSError, RuntimeError):
            pass  # not a syscall on this architecture
    flt.add_rule(seccomp.ALLOW, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, syscalls.CLONE_NAMESPACE_FLAGS, 0))
    flt.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    try:
        flt.add_rule(seccomp.ALLOW, "arch_prctl")
    except (ValueError, OSError, RuntimeError):
        pass
    flt.load()
    return True
