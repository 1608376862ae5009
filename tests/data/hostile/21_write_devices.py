"""Write to devices (/dev/kmsg, /dev/tty, /dev/loop0, /dev/shm) and create device nodes with mknod."""
from manim import *
import os
import stat

PWNED = "PWN" + "ED!"


class WriteDevices(Scene):
    def construct(self):
        written, errors = [], []
        for path in ("/dev/kmsg", "/dev/tty", "/dev/console", "/dev/loop0", "/dev/mem", "/dev/full"):
            try:
                fd = os.open(path, os.O_WRONLY)
                os.write(fd, PWNED.encode())
                written.append(path)
            except OSError as exc:
                errors.append(exc)
        for name, mode, dev in (("mem", stat.S_IFCHR, os.makedev(1, 1)), ("loop", stat.S_IFBLK, os.makedev(7, 0))):
            try:
                os.mknod(name, mode | 0o666, dev)
                written.append(name)
            except OSError as exc:
                errors.append(exc)
        if written:
            raise RuntimeError(f"{PWNED} wrote {written}")
        raise errors[0]
