"""AF_INET UDP datagram to the UDP socket the test binds on 127.0.0.1."""
from manim import *
import socket

PWNED = "PWN" + "ED!"


class UdpSendto(Scene):
    def construct(self):
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sent = sock.sendto(PWNED.encode(), ("127.0.0.1", int("@UDP_PORT@")))
        raise RuntimeError(f"{PWNED} sent {sent} bytes over UDP")
