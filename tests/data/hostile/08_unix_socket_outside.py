"""Connect to a pathname UNIX socket outside the job dir (the test listens on one, mode 0777)."""
from manim import *
import socket

PWNED = "PWN" + "ED!"


class UnixSocketOutside(Scene):
    def construct(self):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(2)
        sock.connect("@UNIX_SOCK@")
        sock.sendall(PWNED.encode())
        raise RuntimeError(f"{PWNED} connected to a UNIX socket outside the sandbox")
