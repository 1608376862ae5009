"""Hide disk usage from the disk cap: write files, unlink them, keep them open.

The supervisor measures the job dir by walking it; unlinked files are not in any
directory but still hold their blocks until the process dies.
"""
from manim import *
import os

PWNED = "PWN" + "ED!"
CAP_MB = int("@DISK_MB@")


class UnlinkedOpenFiles(Scene):
    def construct(self):
        chunk = b"\1" * (1024 * 1024)
        held = []
        for n in range(6):
            fd = os.open(f"hidden{n}.bin", os.O_WRONLY | os.O_CREAT, 0o600)
            os.unlink(f"hidden{n}.bin")
            for _ in range(40):
                os.write(fd, chunk)
            os.fsync(fd)
            held.append(fd)
        os.sync()
        import time
        time.sleep(1)  # give the disk watcher its chance
        hidden_mb = sum(os.fstat(fd).st_blocks * 512 for fd in held) // 2**20
        if hidden_mb > CAP_MB:
            raise RuntimeError(f"{PWNED} holding {hidden_mb} MB of disk with a {CAP_MB} MB cap")
        raise RuntimeError(f"only {hidden_mb} MB could be held")
