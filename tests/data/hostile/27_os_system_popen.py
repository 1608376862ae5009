"""os.system and os.popen: write a marker outside, read /etc/shadow."""
from manim import *
import os

PWNED = "PWN" + "ED!"


class OsSystemPopen(Scene):
    def construct(self):
        status = os.system("touch /tmp/eigenframe-pwned-@MARK@-27")
        shadow = os.popen("cat /etc/shadow 2>&1").read()
        if os.path.exists("/tmp/eigenframe-pwned-@MARK@-27") or ":99999:" in shadow:
            raise RuntimeError(f"{PWNED} {shadow}")
        raise PermissionError(f"os.system exited {status}; popen said {shadow.strip()[:200]!r}")
