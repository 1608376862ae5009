from manim import *
import numpy as np


class AxesPlot(Scene):
    def construct(self):
        axes = Axes(
            x_range=[-3, 3, 1],
            y_range=[-1.5, 1.5, 0.5],
            x_length=9,
            y_length=5,
            axis_config={"include_numbers": True, "font_size": 24},
            tips=False,
        )
        labels = axes.get_axis_labels(x_label="x", y_label="y")
        sin_graph = axes.plot(np.sin, color=BLUE)
        cos_graph = axes.plot(lambda x: np.cos(x), color=RED)
        sin_label = axes.get_graph_label(sin_graph, r"\sin(x)", x_val=2, direction=UP)
        cos_label = axes.get_graph_label(cos_graph, label=r"\cos(x)", x_val=-2.5, direction=DOWN)
        self.play(Create(axes), Write(labels), run_time=1)
        self.play(Create(sin_graph), FadeIn(sin_label), run_time=1)
        self.play(Create(cos_graph), FadeIn(cos_label), run_time=1)
        self.wait(0.5)
