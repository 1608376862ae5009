"""LaTeX shell escape: \\immediate\\write18{...} to touch a file outside and read /etc/shadow.

With shell_escape=f TeX just logs the request and typesets the rest, so this scene may
render a video; the point is that the command never ran.
"""
from manim import *


class LatexWrite18(Scene):
    def construct(self):
        tex = Tex(r"\immediate\write18{touch /tmp/eigenframe-pwned-@MARK@-38; cp /etc/shadow shadow.txt}ok")
        self.play(Write(tex), run_time=0.5)
