"""self.wait(10**6): a legitimate-looking call that would render 15 million frames."""
from manim import *


class WaitForever(Scene):
    def construct(self):
        self.add(Square())
        self.wait(10**6)
