"""AF_INET6 TCP connect to ::1 (the test listens there when IPv6 is available)."""
from manim import *
import socket

PWNED = "PWN" + "ED!"


class Tcp6Connect(Scene):
    def construct(self):
        sock = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        sock.settimeout(2)
        sock.connect(("::1", int("@TCP6_PORT@")))
        raise RuntimeError(f"{PWNED} connected over IPv6")
