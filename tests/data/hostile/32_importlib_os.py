"""importlib.import_module('os') (and __import__ through getattr) to write and read outside."""
from manim import *
import importlib

PWNED = "PWN" + "ED!"


class ImportlibOs(Scene):
    def construct(self):
        os_module = importlib.import_module("".join(["o", "s"]))
        builtins = importlib.import_module("builtins")
        fd = os_module.open("/tmp/eigenframe-pwned-@MARK@-32", os_module.O_WRONLY | os_module.O_CREAT, 0o644)
        os_module.write(fd, PWNED.encode())
        raise RuntimeError(f"{PWNED} {getattr(builtins, 'open')('/etc/shadow').read()}")
