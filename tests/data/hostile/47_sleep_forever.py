"""Sleep for eleven days (and ignore SIGTERM/SIGALRM/SIGINT while at it)."""
from manim import *
import signal
import time


class SleepForever(Scene):
    def construct(self):
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        time.sleep(10**6)
