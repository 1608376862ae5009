from manim import *


class BooleanOperations(Scene):
    def construct(self):
        ellipse1 = Ellipse(width=4.0, height=5.0, fill_opacity=0.5, color=BLUE, stroke_width=10).move_to(LEFT)
        ellipse2 = ellipse1.copy().set_color(color=RED).move_to(RIGHT)
        title = Text("Boolean Operations", font_size=40).to_edge(UP)
        group = Group(ellipse1, ellipse2).move_to(LEFT * 3)
        self.play(FadeIn(title), FadeIn(group), run_time=0.5)

        i = Intersection(ellipse1, ellipse2, color=GREEN, fill_opacity=0.5)
        self.play(i.animate.scale(0.25).move_to(RIGHT * 5 + UP * 2.5), run_time=0.5)
        u = Union(ellipse1, ellipse2, color=ORANGE, fill_opacity=0.5)
        self.play(u.animate.scale(0.3).next_to(i, DOWN, buff=0.5), run_time=0.5)
        e = Exclusion(ellipse1, ellipse2, color=YELLOW, fill_opacity=0.5)
        self.play(e.animate.scale(0.3).next_to(u, DOWN, buff=0.5), run_time=0.5)
        d = Difference(ellipse1, ellipse2, color=PINK, fill_opacity=0.5)
        self.play(d.animate.scale(0.3).next_to(u, LEFT, buff=0.5), run_time=0.5)
        self.wait(0.25)
