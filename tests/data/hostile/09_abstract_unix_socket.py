"""Connect to an abstract UNIX socket the test listens on (no file system path to protect it)."""
from manim import *
import socket

PWNED = "PWN" + "ED!"


class AbstractUnixSocket(Scene):
    def construct(self):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(2)
        sock.connect("\0@ABSTRACT@")
        sock.sendall(PWNED.encode())
        raise RuntimeError(f"{PWNED} connected to an abstract UNIX socket")
