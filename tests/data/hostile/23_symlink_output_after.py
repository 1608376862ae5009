"""Swap the finished video for a symlink to /etc/passwd AFTER Manim wrote it.

The scene overrides render(): Manim renders and writes animation.mp4 normally, then the
scene replaces the file with a link to /etc/passwd (and a background thread keeps trying
to, in case the parent were to look while the child still runs). The child reports
success; the parent must not copy /etc/passwd out as the video.
"""
from manim import *
import os
import threading
import time

FINAL = "media/videos/scene/480p15/animation.mp4"


def swap():
    tmp = FINAL + ".swap"
    if os.path.lexists(tmp):
        os.unlink(tmp)
    os.symlink("/etc/passwd", tmp)
    os.replace(tmp, FINAL)


def keep_swapping():
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if os.path.exists(FINAL) and not os.path.islink(FINAL):
                swap()
        except OSError:
            pass
        time.sleep(0.001)


class SymlinkOutputAfter(Scene):
    def construct(self):
        self.play(Create(Square()), run_time=0.3)

    def render(self, *args, **kwargs):
        result = super().render(*args, **kwargs)
        swap()
        threading.Thread(target=keep_swapping, daemon=True).start()
        return result
