"""Write a 10 GB file into the job dir (dense writes), after trying a sparse one and fallocate."""
from manim import *
import os

PWNED = "PWN" + "ED!"


class HugeFile(Scene):
    def construct(self):
        fd = os.open("sparse.bin", os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            os.posix_fallocate(fd, 0, 10 * 1024**3)
        except OSError:
            pass
        try:
            os.lseek(fd, 10 * 1024**3, os.SEEK_SET)
            os.write(fd, b"x")
        except OSError:
            pass
        chunk = b"\0" * (1024 * 1024)
        with open("huge.bin", "wb") as fh:
            for _ in range(10 * 1024):
                fh.write(chunk)
        raise RuntimeError(f"{PWNED} wrote 10 GB")
