from manim import *


class DecimalCounter(Scene):
    def construct(self):
        bar_bg = Rectangle(width=8, height=0.5, color=GREY).shift(DOWN)
        progress = ValueTracker(0)
        bar = always_redraw(
            lambda: Rectangle(
                width=max(progress.get_value() * 8, 0.01), height=0.5, fill_color=GREEN, fill_opacity=1, stroke_width=0
            ).align_to(bar_bg, LEFT).set_y(bar_bg.get_y())
        )
        number = DecimalNumber(0, num_decimal_places=1, unit=r"\%", font_size=72).shift(UP)
        number.add_updater(lambda m: m.set_value(progress.get_value() * 100))
        self.add(bar_bg, bar, number)
        self.play(progress.animate.set_value(1), run_time=2, rate_func=linear)
        number.clear_updaters()
        self.play(number.animate.set_color(GREEN).scale(1.2), run_time=0.5)
        self.wait(0.25)
