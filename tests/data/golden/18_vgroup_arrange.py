from manim import *
import random


class VGroupArrange(Scene):
    def construct(self):
        random.seed(7)
        heights = [random.uniform(0.5, 3) for _ in range(8)]
        bars = VGroup(
            *[Rectangle(width=0.6, height=h, fill_opacity=0.8, fill_color=interpolate_color(BLUE, RED, h / 3)) for h in heights]
        ).arrange(RIGHT, buff=0.2, aligned_edge=DOWN)
        self.play(LaggedStartMap(GrowFromEdge, bars, edge=DOWN, lag_ratio=0.1), run_time=1)
        sorted_bars = sorted(bars, key=lambda m: m.height)
        targets = VGroup(*[b.copy() for b in sorted_bars]).arrange(RIGHT, buff=0.2, aligned_edge=DOWN).move_to(bars, aligned_edge=DOWN)
        self.play(*[b.animate.move_to(t) for b, t in zip(sorted_bars, targets)], run_time=1)
        self.play(bars.animate.arrange_in_grid(rows=2, buff=0.3).scale(0.8), run_time=1)
        self.wait(0.25)
