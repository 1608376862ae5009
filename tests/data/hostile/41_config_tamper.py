"""Point Manim's output elsewhere at import time: media_dir in /tmp, output_file with ../, video_dir."""
from manim import *

config.media_dir = "/tmp/eigenframe-pwned-@MARK@-41"
config.video_dir = "/tmp/eigenframe-pwned-@MARK@-41v"
config.output_file = "../../../../../eigenframe-pwned-@MARK@-41o"


class ConfigTamper(Scene):
    def construct(self):
        self.play(Create(Circle()), run_time=0.3)
