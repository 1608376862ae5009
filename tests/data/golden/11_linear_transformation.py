from manim import *
import numpy as np


class LinearTransformation(Scene):
    def construct(self):
        plane = NumberPlane(x_range=[-7, 7, 1], y_range=[-4, 4, 1])
        i_hat = Vector([1, 0], color=GREEN)
        j_hat = Vector([0, 1], color=RED)
        matrix = np.array([[1, 1], [0, 1]])
        label = MathTex(r"\begin{bmatrix} 1 & 1 \\ 0 & 1 \end{bmatrix}").to_corner(UL)
        label.add_background_rectangle()
        self.add(plane, i_hat, j_hat)
        self.play(FadeIn(label), run_time=0.5)
        self.play(
            ApplyMatrix(matrix, plane),
            ApplyMatrix(matrix, i_hat),
            ApplyMatrix(matrix, j_hat),
            run_time=1.5,
        )
        self.wait(0.5)
