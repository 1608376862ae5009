"""After Manim finished, move the output dir away and put directory symlinks in its place.

media/videos/scene/480p15 -> /etc and media/videos/root -> the render root, so a parent
walking media/ for animation.mp4 and following links would pick up files outside the job.
"""
from manim import *
import os


class SymlinkDirAfterRender(Scene):
    def construct(self):
        self.play(Create(Square()), run_time=0.3)

    def render(self, *args, **kwargs):
        result = super().render(*args, **kwargs)
        os.rename("media/videos/scene/480p15", "moved-480p15")
        os.symlink("/etc", "media/videos/scene/480p15")
        os.symlink(os.path.dirname(os.getcwd()), "media/videos/root")
        os.symlink("/", "media/videos/slash")
        return result
