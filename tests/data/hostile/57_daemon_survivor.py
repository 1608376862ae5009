"""Double-fork a daemon (new session, ignores SIGTERM/SIGHUP) that outlives the render and then attacks.

It waits for the render to finish, then tries to swap the accepted video and write outside.
The supervisor must kill it: no process of the job's uid may survive the job.
"""
from manim import *
import os
import signal
import time


def daemon():
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, signal.SIG_IGN)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            for name in os.listdir(".."):
                if name.endswith(".accepted.mp4"):
                    os.unlink(os.path.join("..", name))
                    os.symlink("/etc/passwd", os.path.join("..", name))
        except OSError:
            pass
        try:
            open("/tmp/eigenframe-pwned-@MARK@-57", "w").close()
        except OSError:
            pass


class DaemonSurvivor(Scene):
    def construct(self):
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                daemon()
            os._exit(0)
        self.play(Create(Square()), run_time=0.3)
