"""Allocate 50 GB at once (numpy and bytearray)."""
from manim import *
import numpy as np


class MemoryBombNumpy(Scene):
    def construct(self):
        try:
            big = np.ones(50 * 1024**3, dtype=np.uint8)
        except MemoryError:
            big = bytearray(50 * 1024**3)
        self.add(Text(str(big[0])))
