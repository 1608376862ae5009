"""Read /etc/passwd and show it (on screen and in the error)."""
from manim import *

PWNED = "PWN" + "ED!"


class ReadEtcPasswd(Scene):
    def construct(self):
        with open("/etc/passwd") as fh:
            data = fh.read()
        self.add(Text(data[:40]))
        raise RuntimeError(f"{PWNED} {data}")
