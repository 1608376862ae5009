"""Write into the project (plant code the worker would import) and /var/tmp, /dev/shm."""
from manim import *

PWNED = "PWN" + "ED!"


class WriteProject(Scene):
    def construct(self):
        errors = []
        for path in ("@PROJECT@/eigenframe-pwned-@MARK@-19.py", "@PROJECT@/saas/eigenframe-pwned-@MARK@-19.py",
                     "/var/tmp/eigenframe-pwned-@MARK@-19", "/dev/shm/eigenframe-pwned-@MARK@-19"):
            try:
                with open(path, "w") as fh:
                    fh.write(PWNED)
                raise RuntimeError(f"{PWNED} wrote {path}")
            except OSError as exc:
                errors.append(exc)
        raise errors[0]
