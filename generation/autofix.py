"""Turn a model's answer into code that has a fair chance to render: fix, don't reject.

Each fix is recorded (kind + description) so failures and repairs become data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n(.*?)(?:```|\Z)", re.DOTALL)
_MANIM_IMPORT = re.compile(r"^\s*from\s+manim\s+import\s+\*", re.MULTILINE)
_MANIMLIB_IMPORT = re.compile(r"^(\s*)(from|import)\s+manimlib(\.\w+)*", re.MULTILINE)


@dataclass(frozen=True)
class Fix:
    kind: str
    description: str


def extract_code(text: str) -> tuple[str, list[Fix]]:
    """The Python program inside a model's answer (fenced or not)."""
    fixes: list[Fix] = []
    blocks = [(lang.lower(), body) for lang, body in _FENCE.findall(text)]
    if blocks:
        python_blocks = [body for lang, body in blocks if lang in ("", "python", "py", "python3")]
        candidates = python_blocks or [body for _, body in blocks]
        # The program is the block that defines a scene; else the longest block.
        with_scene = [b for b in candidates if re.search(r"class\s+\w+\s*\(", b)]
        code = max(with_scene or candidates, key=len)
        if text.strip() != code.strip():
            fixes.append(Fix("extract", "Took the code out of the markdown around it."))
    else:
        code = text
    return code.strip("\n") + "\n", fixes


def autofix(code: str) -> tuple[str, list[Fix]]:
    fixes: list[Fix] = []
    if "\t" in code:
        code = code.expandtabs(4)
        fixes.append(Fix("whitespace", "Replaced tabs with spaces."))
    if _MANIMLIB_IMPORT.search(code):
        code = _MANIMLIB_IMPORT.sub(lambda m: f"{m.group(1)}from manim import *", code)
        fixes.append(Fix("manimgl", "Replaced manimlib imports with `from manim import *`."))
    if not _MANIM_IMPORT.search(code):
        code = "from manim import *\n\n" + code.lstrip("\n")
        fixes.append(Fix("import", "Added the missing `from manim import *`."))
    return code, fixes


def prepare(text: str) -> tuple[str, list[Fix]]:
    """Extract then autofix: the code that goes to the renderer, and what was changed."""
    code, fixes = extract_code(text)
    code, more = autofix(code)
    return code, fixes + more
