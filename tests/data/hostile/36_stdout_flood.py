"""Print gigabytes to stdout/stderr (the log the parent keeps)."""
from manim import *
import sys

CHUNK = "flood " * 200_000


class StdoutFlood(Scene):
    def construct(self):
        for _ in range(10_000):  # ~12 GB
            print(CHUNK)
            sys.stderr.write(CHUNK)
        self.play(Create(Square()), run_time=0.3)
