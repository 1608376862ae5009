"""Escape the job dir into the render root next to it: a file, a dir, a rename, a symlink."""
from manim import *
import os

PWNED = "PWN" + "ED!"


class WriteRenderRoot(Scene):
    def construct(self):
        attempts = [
            lambda: open("../eigenframe-pwned-@MARK@-20", "w").write(PWNED),
            lambda: os.mkdir(os.path.join(os.path.dirname(os.getcwd()), "eigenframe-pwned-@MARK@-20d")),
            lambda: os.rename("scene.py", "../eigenframe-pwned-@MARK@-20r"),
            lambda: os.symlink("/etc/passwd", "../eigenframe-pwned-@MARK@-20s"),
            lambda: os.link("scene.py", "../eigenframe-pwned-@MARK@-20l"),
        ]
        errors = []
        for attempt in attempts:
            try:
                attempt()
                raise RuntimeError(f"{PWNED} wrote next to the job dir")
            except OSError as exc:
                errors.append(exc)
        raise errors[0]
