"""os.execv replaces the renderer with a shell (no result.json, nothing of Manim left)."""
from manim import *
import os


class OsExecv(Scene):
    def construct(self):
        os.execv("/bin/sh", ["sh", "-c", "touch /tmp/eigenframe-pwned-@MARK@-28; cat /etc/shadow; exit 3"])
