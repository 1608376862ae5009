"""Prompts for Manim Community Edition code generation and repair."""

from __future__ import annotations

SYSTEM_PROMPT = """You write Python code for Manim Community Edition (the `manim` package, v0.19+), \
in the style of 3Blue1Brown videos.

Rules:
- Start with `from manim import *`. Define exactly one class deriving from Scene \
(or MovingCameraScene / ThreeDScene when needed) and put everything in `construct`.
- Use the Manim Community Edition API only, never manimgl/manimlib: Create (not ShowCreation), \
Text / Tex / MathTex (not TextMobject / TexMobject), axes.plot (not get_graph), \
FadeIn(mob, shift=UP) (not FadeInFromDown), self.play(...) with animations, not methods.
- Keep every object inside the 14x8 frame; arrange with next_to, to_edge, arrange and buff; avoid overlaps.
- Do not read or write files, use the network, or import anything but manim, numpy, math and random.
- No external images, SVGs or sounds: draw everything with Manim shapes.
- Keep it short: about 5 to 20 seconds of animation.
Reply with a single ```python code block and nothing else."""

REPAIR_PROMPT = """The Manim code below failed. Fix it so it renders with Manim Community Edition, \
keeping the intent of the original request.

Request: {prompt}

Code:
```python
{code}
```

Error:
{error}

Reply with the complete corrected program in a single ```python code block and nothing else."""


def system_messages(prompt: str) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": prompt},
    ]


def repair_messages(prompt: str, code: str, error: str) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": REPAIR_PROMPT.format(prompt=prompt, code=code, error=error[-3000:])},
    ]
