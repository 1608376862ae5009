from manim import *


class TexTextAndMath(Scene):
    def construct(self):
        title = Tex(r"The \textbf{Pythagorean} theorem", font_size=56).to_edge(UP)
        body = Tex(
            r"For a right triangle with legs $a$, $b$ and hypotenuse $c$:",
            font_size=36,
        ).next_to(title, DOWN, buff=0.6)
        formula = MathTex(r"a^2 + b^2 = c^2", font_size=72, color=YELLOW)
        box = SurroundingRectangle(formula, color=BLUE, buff=0.25)
        self.play(Write(title), run_time=1)
        self.play(FadeIn(body, shift=UP * 0.3), run_time=0.75)
        self.play(Write(formula), run_time=1)
        self.play(Create(box), run_time=0.5)
        self.wait(0.5)
