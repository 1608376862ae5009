"""Write a file into /tmp (shared with the worker and everything else on the host)."""
from manim import *

PWNED = "PWN" + "ED!"


class WriteTmp(Scene):
    def construct(self):
        with open("/tmp/eigenframe-pwned-@MARK@-18", "w") as fh:
            fh.write(PWNED)
        raise RuntimeError(f"{PWNED} wrote /tmp")
