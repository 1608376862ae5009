"""AF_INET TCP connect to the listener the test opens on 127.0.0.1."""
from manim import *
import socket

PWNED = "PWN" + "ED!"  # only ever printed when an attack got through


class TcpConnect(Scene):
    def construct(self):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.settimeout(2)
        sock.connect(("127.0.0.1", int("@TCP_PORT@")))
        sock.sendall(PWNED.encode())
        raise RuntimeError(f"{PWNED} connected to the worker's loopback")
