"""SIGKILL the supervisor (our parent) and its process group, then our own group."""
from manim import *
import os
import signal

PWNED = "PWN" + "ED!"


class KillParent(Scene):
    def construct(self):
        parent = os.getppid()
        results = {}
        for name, call in (("kill(ppid)", lambda: os.kill(parent, signal.SIGKILL)),
                           ("killpg(ppid's group)", lambda: os.killpg(os.getpgid(parent), signal.SIGKILL))):
            try:
                call()
                results[name] = "delivered"
            except OSError as exc:
                results[name] = exc.strerror
        if "delivered" in results.values():
            raise RuntimeError(f"{PWNED} {results}")
        print(results)
        os.killpg(0, signal.SIGKILL)  # our own group: this is allowed, and ends the render
