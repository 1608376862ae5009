from manim import *
import numpy as np


class UpdatersValueTracker(Scene):
    def construct(self):
        axes = Axes(x_range=[0, 4, 1], y_range=[0, 16, 4], x_length=7, y_length=4.5, tips=False)
        curve = axes.plot(lambda x: x**2, x_range=[0, 4], color=BLUE)
        t = ValueTracker(1)

        dot = always_redraw(lambda: Dot(axes.c2p(t.get_value(), t.get_value() ** 2), color=YELLOW))
        v_line = always_redraw(
            lambda: axes.get_vertical_line(axes.c2p(t.get_value(), t.get_value() ** 2), color=GREY)
        )
        label = MathTex("x^2 =").to_corner(UL)
        readout = DecimalNumber(1, num_decimal_places=2).next_to(label, RIGHT)
        readout.add_updater(lambda m: m.set_value(t.get_value() ** 2).next_to(label, RIGHT))

        self.add(axes, curve, dot, v_line, readout, label)
        self.play(t.animate.set_value(3.5), run_time=1.5, rate_func=smooth)
        self.play(t.animate.set_value(2), run_time=1)
        self.wait(0.25)
