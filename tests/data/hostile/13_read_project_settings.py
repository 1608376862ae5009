"""Read the project's own source and settings (saas/settings.py) and its local database/media."""
from manim import *
import io

PWNED = "PWN" + "ED!"


class ReadProjectSettings(Scene):
    def construct(self):
        data = io.open("@PROJECT@/saas/settings.py").read()
        raise RuntimeError(f"{PWNED} {data}")
