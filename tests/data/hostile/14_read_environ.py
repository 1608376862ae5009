"""Harvest environment secrets: os.environ and /proc/{self,ppid,1,worker}/environ (and cmdlines).

Swallows every error and reports whatever it could read in its exception, so the test
can check that SECRET_KEY / DATABASE_URL never reach what the user sees.
"""
from manim import *
import os

PWNED = "PWN" + "ED!"


class ReadEnviron(Scene):
    def construct(self):
        found = {"os.environ": dict(os.environ)}
        for pid in ("self", os.getppid(), 1, "@WORKER_PID@"):
            for what in ("environ", "cmdline"):
                path = f"/proc/{pid}/{what}"
                try:
                    with open(path, "rb") as fh:
                        found[path] = fh.read().decode("utf-8", "replace")
                except OSError as exc:
                    found[path] = f"refused: {exc.strerror}"
        print(found)
        leaked = [p for p, v in found.items() if p != "os.environ" and not str(v).startswith("refused")]
        raise RuntimeError(f"{PWNED if leaked else 'contained'}: {found}")
