"""Allocate and touch memory 64 MB at a time until the kernel or the limits stop it."""
from manim import *

hoard = []


class MemoryBombGradual(Scene):
    def construct(self):
        while True:
            hoard.append(b"\1" * (64 * 1024 * 1024))
