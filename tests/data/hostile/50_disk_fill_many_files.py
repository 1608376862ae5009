"""Fill the disk with many files, each under the per-file limit (RLIMIT_FSIZE does not stop this)."""
from manim import *
import os

chunk = b"\1" * (1024 * 1024)


class DiskFillManyFiles(Scene):
    def construct(self):
        os.makedirs("fill", exist_ok=True)
        for n in range(100_000):
            with open(f"fill/{n}.bin", "wb") as fh:
                for _ in range(8):
                    fh.write(chunk)
