from manim import *
import numpy as np


class ParametricCurve(Scene):
    def construct(self):
        lissajous = ParametricFunction(
            lambda t: np.array([3 * np.sin(3 * t), 2 * np.sin(2 * t), 0]),
            t_range=[0, TAU],
            color=TEAL,
        )
        heart = ParametricFunction(
            lambda t: 0.15 * np.array([16 * np.sin(t) ** 3, 13 * np.cos(t) - 5 * np.cos(2 * t) - 2 * np.cos(3 * t) - np.cos(4 * t), 0]),
            t_range=[0, TAU],
            color=RED,
        )
        dot = Dot(color=YELLOW).move_to(lissajous.get_start())
        self.play(Create(lissajous), run_time=1)
        self.play(MoveAlongPath(dot, lissajous), run_time=1)
        self.play(ReplacementTransform(lissajous, heart), FadeOut(dot), run_time=1)
        self.wait(0.25)
