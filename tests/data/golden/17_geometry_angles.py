from manim import *
import math


class GeometryAngles(Scene):
    def construct(self):
        a, b, c = LEFT * 3 + DOWN * 1.5, RIGHT * 3 + DOWN * 1.5, RIGHT * 1 + UP * 2
        triangle = Polygon(a, b, c, color=WHITE)
        side_ab = Line(a, b)
        side_ac = Line(a, c)
        side_bc = Line(b, c)
        angle_a = Angle(side_ab, side_ac, radius=0.6, color=YELLOW)
        angle_value = math.degrees(math.atan2(c[1] - a[1], c[0] - a[0]))
        angle_label = MathTex(rf"{angle_value:.1f}^\circ", font_size=30).next_to(angle_a, RIGHT, buff=0.15).shift(UP * 0.15)
        angle_b = math.atan2(c[1] - b[1], c[0] - b[0])
        right_arc = Arc(radius=0.5, start_angle=angle_b, angle=PI - angle_b, arc_center=b, color=BLUE)
        brace = Brace(side_ab, DOWN)
        brace_label = brace.get_tex("c = 6")
        brace_ac = BraceBetweenPoints(a, c, direction=rotate_vector(side_ac.get_unit_vector(), PI / 2))
        brace_ac_text = brace_ac.get_text("b")
        self.play(Create(triangle), run_time=1)
        self.play(Create(angle_a), Write(angle_label), Create(right_arc), run_time=0.75)
        self.play(GrowFromCenter(brace), FadeIn(brace_label), run_time=0.5)
        self.play(GrowFromCenter(brace_ac), FadeIn(brace_ac_text), run_time=0.5)
        self.wait(0.25)
