from manim import *
import numpy as np


class ThreeDSurface(ThreeDScene):
    def construct(self):
        axes = ThreeDAxes(x_range=[-3, 3, 1], y_range=[-3, 3, 1], z_range=[-2, 2, 1])
        surface = Surface(
            lambda u, v: axes.c2p(u, v, np.sin(u) * np.cos(v)),
            u_range=[-3, 3],
            v_range=[-3, 3],
            resolution=(8, 8),
            fill_opacity=0.8,
            checkerboard_colors=[BLUE_D, BLUE_E],
        )
        self.set_camera_orientation(phi=70 * DEGREES, theta=-45 * DEGREES)
        self.play(Create(axes), run_time=0.75)
        self.play(Create(surface), run_time=1)
        self.move_camera(theta=-15 * DEGREES, run_time=1)
        self.wait(0.25)
