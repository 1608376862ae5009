"""Plant symlinks where Manim writes the video BEFORE it writes: animation.mp4 -> /etc/passwd.

Manim then writes through the link (it must not reach /etc/passwd) and the parent must not
copy /etc/passwd out as "the video".
"""
from manim import *
import os

OUT = "media/videos/scene/480p15"


class SymlinkOutputBefore(Scene):
    def construct(self):
        os.makedirs(OUT, exist_ok=True)
        for name in ("animation.mp4", "animation.webm", "animation.gif"):
            os.symlink("/etc/passwd", os.path.join(OUT, name))
        os.makedirs(os.path.join(OUT, "partial_movie_files"), exist_ok=True)
        os.symlink("/etc", os.path.join(OUT, "partial_movie_files", "SymlinkOutputBefore"))
        self.play(Create(Square()), run_time=0.3)
