"""Spin the CPU forever."""
from manim import *


class CpuSpin(Scene):
    def construct(self):
        while True:
            pass
