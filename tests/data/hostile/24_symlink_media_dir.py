"""Replace the whole output tree with symlinks to outside dirs at the end of construct().

media/videos/scene/480p15 -> /etc (so animation.mp4 resolves outside), and a second
quality dir -> the render root.
"""
from manim import *
import os
import shutil

OUT = "media/videos/scene"


class SymlinkMediaDir(Scene):
    def construct(self):
        self.play(Create(Square()), run_time=0.3)
        # After the partial movie exists, point the final dir outside the job.
        final_dir = os.path.join(OUT, "480p15")
        shutil.move(final_dir, "moved-480p15")
        os.symlink("/etc", final_dir)
        os.symlink("..", os.path.join(OUT, "720p30"))
