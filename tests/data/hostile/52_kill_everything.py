"""kill(-1, SIGKILL): every process we may signal. It must only reach our own job.

The scene forks a helper first; kill(-1) must kill the helper (proving it ran) and nothing
outside the job: the render then finishes normally and the worker keeps working.
"""
from manim import *
import os
import signal
import time

PWNED = "PWN" + "ED!"


class KillEverything(Scene):
    def construct(self):
        helper = os.fork()
        if helper == 0:
            time.sleep(60)
            os._exit(0)
        os.kill(-1, signal.SIGKILL)
        _, status = os.waitpid(helper, 0)
        if not os.WIFSIGNALED(status):
            raise RuntimeError("kill(-1) did not even reach our own helper")
        self.play(Create(Square()), run_time=0.3)
