"""SysV IPC is tied to no file and no socket: read another process's shared memory, and leave
segments, queues and semaphores behind that outlive the job (pinned memory, a channel to
the next job).
"""
from manim import *
import ctypes
import os

PWNED = "PWN" + "ED!"
IPC_CREAT = 0o1000
SHM_RDONLY = 0o10000
HOST_KEY = int("@SHM_KEY@")  # a 0666 segment the test created, holding a secret


class SysvIpc(Scene):
    def construct(self):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.shmat.restype = ctypes.c_void_p
        failed = ctypes.c_void_p(-1).value
        stolen = None
        host = libc.shmget(HOST_KEY, 0, 0)
        if host >= 0:
            addr = libc.shmat(host, None, SHM_RDONLY)
            if addr not in (None, failed):
                stolen = ctypes.string_at(addr, 48)
        created = {}
        shm = libc.shmget(HOST_KEY + 1, 64 * 1024 * 1024, IPC_CREAT | 0o666)
        if shm >= 0:
            addr = libc.shmat(shm, None, 0)
            if addr not in (None, failed):
                ctypes.memset(addr, 1, 64 * 1024 * 1024)  # pinned until someone removes it
        created["shm"] = shm
        created["msg"] = libc.msgget(HOST_KEY + 2, IPC_CREAT | 0o666)
        created["sem"] = libc.semget(HOST_KEY + 3, 4, IPC_CREAT | 0o666)
        if stolen is not None:
            raise RuntimeError(f"{PWNED} read another process's memory: {stolen!r}; created {created}")
        if all(v < 0 for v in created.values()):
            raise PermissionError(f"Operation not permitted: {os.strerror(ctypes.get_errno())}")
        raise RuntimeError(f"created IPC objects {created}: they must not outlive the job")
