"""ctypes: unshare(CLONE_NEWUSER|NEWNS) to become root in a user namespace, then mount and chroot."""
from manim import *
import ctypes
import os

PWNED = "PWN" + "ED!"
CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


class CtypesUnshareMount(Scene):
    def construct(self):
        libc = ctypes.CDLL(None, use_errno=True)
        results = {}
        for name, call in (
            ("unshare(user)", lambda: libc.unshare(CLONE_NEWUSER | CLONE_NEWNS)),
            ("unshare(net)", lambda: libc.unshare(CLONE_NEWNET)),
            ("mount", lambda: libc.mount(b"none", b"media", b"tmpfs", 0, None)),
            ("chroot", lambda: libc.chroot(b"/")),
            ("setns", lambda: libc.setns(os.open("/dev/null", os.O_RDONLY), 0)),
        ):
            rc = call()
            results[name] = "ok" if rc == 0 else os.strerror(ctypes.get_errno())
        if "ok" in results.values():
            raise RuntimeError(f"{PWNED} {results}")
        raise PermissionError(f"Operation not permitted: {results}")
