"""LaTeX \\openout to write files outside the job dir (absolute path and ../ into the render root)."""
from manim import *


class LatexOpenout(Scene):
    def construct(self):
        tex = Tex(
            r"\newwrite\pwn"
            r"\immediate\openout\pwn=/tmp/eigenframe-pwned-@MARK@-39.tex"
            r"\immediate\write\pwn{pwned}\immediate\closeout\pwn"
            r"\immediate\openout\pwn=../../eigenframe-pwned-@MARK@-39b.tex"
            r"\immediate\write\pwn{pwned}\immediate\closeout\pwn ok"
        )
        self.play(Write(tex), run_time=0.5)
