from manim import *


class EquationTransform(Scene):
    def construct(self):
        eq1 = MathTex("a", "^2", "+", "b", "^2", "=", "c", "^2")
        eq2 = MathTex("a", "^2", "=", "c", "^2", "-", "b", "^2")
        eq3 = MathTex("a", "=", r"\sqrt{", "c", "^2", "-", "b", "^2", "}")
        VGroup(eq1, eq2, eq3).scale(1.5)
        self.play(Write(eq1), run_time=1)
        self.play(TransformMatchingTex(eq1, eq2), run_time=1)
        self.play(TransformMatchingTex(eq2, eq3), run_time=1)
        self.wait(0.5)
