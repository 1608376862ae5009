"""Forge the child's reports: a gigantic result.json, render.log replaced by a FIFO, then exit."""
from manim import *
import json
import os


class ForgeResultAndLog(Scene):
    def construct(self):
        with open("result.json", "w") as fh:
            json.dump({"ok": False, "error_type": "E" * 10_000, "message": "M" * 10**6, "line": "x"}, fh)
        os.unlink("render.log")
        os.mkfifo("render.log")
        os._exit(1)
