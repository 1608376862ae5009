"""Kernel and host information: /proc/kcore, /proc/self/maps, /proc/1/cmdline, /sys."""
from manim import *

PWNED = "PWN" + "ED!"


class ReadProcSys(Scene):
    def construct(self):
        read, errors = {}, []
        for path in ("/proc/kcore", "/proc/self/maps", "/proc/1/cmdline", "/proc/self/mountinfo",
                     "/sys/kernel/notes", "/sys/class/net/lo/address", "/sys/fs/cgroup/memory/memory.limit_in_bytes",
                     "/proc/sys/kernel/hostname", "/proc/self/status"):
            try:
                with open(path, "rb") as fh:
                    read[path] = fh.read(200)
            except OSError as exc:
                errors.append(exc)
        if read:
            raise RuntimeError(f"{PWNED} read {sorted(read)}")
        # Report the sandbox's refusal (some of these files do not exist on every kernel).
        raise next((e for e in errors if isinstance(e, PermissionError)), errors[0])
