from manim import *


class CircleToSquare(Scene):
    def construct(self):
        circle = Circle(color=BLUE, fill_opacity=0.5)
        square = Square(color=GREEN, fill_opacity=0.5)
        self.play(Create(circle), run_time=0.5)
        self.play(Transform(circle, square), run_time=0.5)
