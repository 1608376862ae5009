"""SVGMobject / ImageMobject / Code of files outside the job dir (/etc/passwd, /root, the project).

Through the job flow the autofix swaps missing SVG/image files for placeholders; only
a real SVGMobject/ImageMobject/Code built from the file counts as a success.
"""
from manim import *

PWNED = "PWN" + "ED!"


class SvgImageOutside(Scene):
    def construct(self):
        loaded, errors = [], []
        for make in (lambda: SVGMobject("/etc/passwd"), lambda: ImageMobject("/root/.bashrc"),
                     lambda: Code("@PROJECT@/saas/settings.py"), lambda: SVGMobject("/etc/shadow")):
            try:
                mobject = make()
                if isinstance(mobject, (SVGMobject, ImageMobject, Code)):
                    loaded.append(type(mobject).__name__)
                self.add(mobject)
            except Exception as exc:
                errors.append(exc)
        if loaded:
            raise RuntimeError(f"{PWNED} loaded {loaded} from outside files")
        raise errors[0]
