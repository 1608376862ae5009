"""Signal the worker: pid 1, then probe every pid with signal 0 (and a harmless SIGURG) to find any we may signal."""
from manim import *
import os
import signal

PWNED = "PWN" + "ED!"


class SignalWorker(Scene):
    def construct(self):
        me = {os.getpid()}
        reachable = []
        try:
            os.kill(1, signal.SIGURG)
            reachable.append(1)
        except OSError:
            pass
        for pid in range(2, 70_000):
            if pid in me:
                continue
            try:
                os.kill(pid, 0)
                os.kill(pid, signal.SIGURG)
                reachable.append(pid)
            except OSError:
                pass
        if reachable:
            raise RuntimeError(f"{PWNED} could signal {reachable[:20]}")
        os.kill(1, signal.SIGTERM)
