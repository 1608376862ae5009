"""Raw IP, ICMP, AF_PACKET and AF_NETLINK sockets (sniffing, forging, talking to the kernel)."""
from manim import *
import socket

PWNED = "PWN" + "ED!"
AF_PACKET = getattr(socket, "AF_PACKET", 17)
AF_NETLINK = getattr(socket, "AF_NETLINK", 16)


class RawPacketNetlink(Scene):
    def construct(self):
        opened, errors = [], []
        for family, kind, proto in ((socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP),
                                    (AF_PACKET, socket.SOCK_RAW, 0x0300),
                                    (AF_NETLINK, socket.SOCK_RAW, 0),
                                    (socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP)):
            try:
                socket.socket(family, kind, proto)
                opened.append(family)
            except OSError as exc:
                errors.append(exc)
        if opened:
            raise RuntimeError(f"{PWNED} opened socket families {opened}")
        raise errors[0]
