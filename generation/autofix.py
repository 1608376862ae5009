"""Turn a model's answer into code that has a fair chance to render: fix, don't reject.

``prepare(text)`` extracts the program from the answer and applies a series of small,
independent rules, each recorded as a :class:`Fix` (``kind`` is a short machine string
used for counting, ``description`` a sentence for people). The rules, in order:

text level (they also work on code that does not parse yet)
    extract     the program out of markdown fences / prose (several blocks, unterminated
                fences, shell lines such as ``manim -pql scene.py X``)
    whitespace  Windows newlines, tabs, non-breaking spaces, a uniform extra indentation
    quotes      typographic quotes used as string delimiters (only when the code does not parse)
    manimgl     ``manimlib`` / ``manim_imports_ext`` / ``big_ol_pile_of_manim_imports`` imports
    import      the missing ``from manim import *``

syntax-tree level (only on code that parses; edits are made in the source text, so the
code keeps its comments and layout)
    main        ``if __name__ == "__main__":`` launchers (``os.system("manim ...")`` etc.)
    embed       ``self.embed()`` / ``self.interact()`` / ``digest_config(...)`` (manimgl only)
    config      render settings (``config.frame_rate = 60``...) the request decides
    class_config  manimgl ``CONFIG = {...}`` class dicts -> class attributes
    graphscene  ``GraphScene`` (gone from CE) -> a small compatible shim built on ``Axes``
    rename      manimgl/old-CE names -> CE (ShowCreation -> Create, TexMobject -> MathTex...)
    fade        FadeInFrom/FadeOutAndShift/...(mob, DIR) and FadeIn(mob, UP) -> shift=DIR
    graph       ``axes.get_graph`` -> ``axes.plot``; ``x_min``/``x_max`` -> ``x_range``
    animate     ``ApplyMethod(mob.f, a)`` and ``self.play(mob.f, a)`` -> ``mob.animate.f(a)``
    mathtex     ``$`` inside MathTex strings (MathTex is already in math mode)
    camera      ``self.camera.frame`` in a plain Scene -> MovingCameraScene
    asset       ImageMobject / SVGMobject of files (the sandbox has none) -> labelled placeholders
    sound       ``self.add_sound(...)`` removed
    scene       several scenes: report (and, given the prompt, make the best match the last)
    format      ``ruff format`` of model output (not recorded as a fix; skipped without ruff)

``undefined_names(code)`` lists the names the code uses but never defines (after
``from manim import *``) so the pipeline can send them to the repair loop before rendering.
"""

from __future__ import annotations

import ast
import builtins
import functools
import importlib
import re
import shutil
import subprocess
import symtable
import sys
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .policy import ALLOWED_IMPORTS, CONFIG_PATH_KEYS, CONFIG_RENDER_KEYS

__all__ = ["Fix", "autofix", "choose_scene", "extract_code", "prepare", "undefined_names"]


@dataclass(frozen=True)
class Fix:
    kind: str
    description: str


# --------------------------------------------------------------------------------------
# extraction
# --------------------------------------------------------------------------------------

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*([A-Za-z0-9_+.-]*)[^\n]*\n(.*?)(?:^[ \t]*\1[ \t\r]*$|\Z)",
                    re.DOTALL | re.MULTILINE)
_PYTHON_LANGS = {"", "python", "py", "python3", "py3", "manim", "python-manim"}
_SHELL_LINE = re.compile(r"^\s*(\$\s*)?(manim|manimgl|python3?\s+-m\s+manim|pip3?\s+install|uv\s+pip|conda)\b.*$")
_CODE_START = re.compile(r"^(from\s+\w|import\s+\w|class\s+\w|def\s+\w|@\w|#|[A-Za-z_]\w*\s*=)")
_SCENE_CLASS = re.compile(r"^\s*class\s+\w+\s*\([^)]*Scene", re.MULTILINE)


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except (SyntaxError, ValueError):
        return False
    return True


def _defined_names(code: str) -> set[str]:
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return set(re.findall(r"^\s*(?:class|def)\s+(\w+)", code, re.MULTILINE))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
    return names


def _drop_shell_lines(code: str) -> str:
    if _parses(code):
        return code
    kept = [line for line in code.split("\n") if not _SHELL_LINE.match(line)]
    return "\n".join(kept)


def _trim_prose(text: str) -> str:
    """Unfenced answers: cut the prose before the first code line and after the last."""
    if _parses(text):
        return text
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if _CODE_START.match(line)), None)
    if start is None:
        return text
    for end in range(len(lines), max(start, len(lines) - 60), -1):
        candidate = "\n".join(lines[start:end])
        if _parses(candidate):
            return candidate
    return "\n".join(lines[start:])


def extract_code(text: str) -> tuple[str, list[Fix]]:
    """The Python program inside a model's answer (fenced or not).

    Several python blocks: a block defining a scene is the program. When several blocks
    define scenes, a later block redefining the same class is a revision (the last wins);
    blocks defining different scenes are all kept. Blocks that only define helpers the
    program uses (functions, classes, imports) are put in front of it.
    """
    fixes: list[Fix] = []
    blocks = [(lang.lower(), textwrap.dedent(body)) for _, lang, body in _FENCE.findall(text)]
    blocks = [(lang, body) for lang, body in blocks if body.strip()]
    if blocks:
        python_blocks = [body for lang, body in blocks if lang in _PYTHON_LANGS and not _is_shell(body)]
        candidates = python_blocks or [body for _, body in blocks]
        scene_blocks = [b for b in candidates if _SCENE_CLASS.search(b) or re.search(r"class\s+\w+\s*\(", b)]
        if not scene_blocks:
            code = max(candidates, key=len)
        else:
            chosen: list[str] = []
            for block in scene_blocks:
                names = _defined_names(block)
                chosen = [b for b in chosen if not (_defined_names(b) & names)]
                chosen.append(block)
            code = "\n\n".join(b.strip("\n") for b in chosen)
            used = set(re.findall(r"\b[A-Za-z_]\w*\b", code))
            helpers = []
            for block in candidates:
                if block in chosen or not _parses(block):
                    continue
                names = _defined_names(block) | _assigned_names(block)
                if names and names & used and not names & _defined_names(code):
                    helpers.append(block.strip("\n"))
            if helpers:
                block = "\n\n\n".join(helpers)
                code = _insert_after_imports(code, "\n\n" + block) if _parses(code) else block + "\n\n" + code
        if text.strip() != code.strip():
            fixes.append(Fix("extract", "Took the code out of the markdown around it."))
    else:
        code = _trim_prose(text)
        if code.strip() != text.strip():
            fixes.append(Fix("extract", "Took the code out of the prose around it."))
    cleaned = _drop_shell_lines(code)
    if cleaned != code:
        code = cleaned
        if not fixes:
            fixes.append(Fix("extract", "Removed shell commands mixed into the code."))
    return code.strip("\n") + "\n", fixes


def _is_shell(body: str) -> bool:
    lines = [line for line in body.strip().split("\n") if line.strip()]
    return bool(lines) and all(_SHELL_LINE.match(line) or line.strip().startswith("#") for line in lines)


def _assigned_names(code: str) -> set[str]:
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return set()
    return {t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if isinstance(t, ast.Name)}


# --------------------------------------------------------------------------------------
# text-level rules
# --------------------------------------------------------------------------------------

_INVISIBLE = {"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "", "\ufeff": "", "\u2060": ""}


def fix_whitespace(code: str) -> tuple[str, list[Fix]]:
    done: list[str] = []
    if "\r" in code:
        code = code.replace("\r\n", "\n").replace("\r", "\n")
        done.append("Windows newlines")
    if "\t" in code:
        code = code.expandtabs(4)
        done.append("tabs")
    if any(ch in code for ch in _INVISIBLE) and not _parses(code):
        for ch, repl in _INVISIBLE.items():
            code = code.replace(ch, repl)
        done.append("non-breaking or invisible spaces")
    if not _parses(code):
        lines = code.split("\n")
        for head in range(0, 4):
            candidate = "\n".join(lines[:head] + textwrap.dedent("\n".join(lines[head:])).split("\n"))
            if candidate != code and _parses(candidate):
                code = candidate
                done.append("extra indentation")
                break
    if not done:
        return code, []
    return code, [Fix("whitespace", "Normalised " + ", ".join(done) + ".")]


_SMART = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u2032": "'"}


def fix_quotes(code: str) -> tuple[str, list[Fix]]:
    """Typographic quotes used as string delimiters -> ASCII; quotes inside strings stay."""
    if not any(ch in code for ch in _SMART) or _parses(code):
        return code, []
    out: list[str] = []
    i, n = 0, len(code)
    delim = ""  # the open string's delimiter ('"', "'", '"""' or "'''"), "" outside strings
    count = 0
    while i < n:
        ch = code[i]
        if not delim:
            if ch == "#":
                j = code.find("\n", i)
                j = n if j < 0 else j
                out.append(code[i:j])
                i = j
                continue
            quote = _SMART.get(ch, ch)
            if quote in "\"'":
                if ch != quote:
                    count += 1
                triple = code[i:i + 3]
                if len(triple) == 3 and all(_SMART.get(c, c) == quote for c in triple):
                    delim = quote * 3
                    count += sum(1 for c in triple[1:] if c != quote)
                    out.append(delim)
                    i += 3
                    continue
                delim = quote
                out.append(quote)
                i += 1
                continue
            out.append(ch)
            i += 1
            continue
        if ch == "\\":
            out.append(code[i:i + 2])
            i += 2
            continue
        if len(delim) == 1 and ch == "\n":
            delim = ""  # unterminated single-line string: give up on it
            out.append(ch)
            i += 1
            continue
        quote = _SMART.get(ch, ch)
        if ch != quote and i + 1 < n and code[i + 1].isalnum():
            out.append(ch)  # an apostrophe (It’s), not the closing quote
            i += 1
            continue
        if quote == delim[0]:
            chunk = code[i:i + len(delim)]
            if all(_SMART.get(c, c) == delim[0] for c in chunk) and len(chunk) == len(delim):
                count += sum(1 for c in chunk if c != delim[0])
                out.append(delim)
                i += len(delim)
                delim = ""
                continue
        out.append(ch)
        i += 1
    fixed = "".join(out)
    if not count or not _parses(fixed):
        plain = code
        for smart, ascii_ in _SMART.items():
            plain = plain.replace(smart, ascii_)
        if not _parses(plain):
            return code, []
        fixed = plain
    return fixed, [Fix("quotes", "Replaced typographic quotes used as string delimiters with ASCII quotes.")]


_MANIMGL_IMPORT = re.compile(
    r"^([ \t]*)(?:from\s+(?:manimlib|manim_imports_ext|big_ol_pile_of_manim_imports)(?:\.[\w.]+)?\s+import\s+"
    r"(?:\([^)]*\)|[^\n]*)|import\s+(?:manimlib|manim_imports_ext|big_ol_pile_of_manim_imports)(?:\.[\w.]+)?"
    r"(?:\s+as\s+\w+)?)[ \t]*$",
    re.MULTILINE,
)
_MANIM_STAR = re.compile(r"^\s*from\s+manim\s+import\s+\*", re.MULTILINE)


def fix_manimgl_imports(code: str) -> tuple[str, list[Fix]]:
    if not _MANIMGL_IMPORT.search(code):
        return code, []
    seen = False

    def replace(match: re.Match) -> str:
        nonlocal seen
        if seen or match.group(1):
            return match.group(1) + "pass" if match.group(1) else ""
        seen = True
        return "from manim import *"

    code = _MANIMGL_IMPORT.sub(replace, code)
    return code, [Fix("manimgl", "Replaced manimgl (manimlib) imports with `from manim import *`.")]


def fix_missing_import(code: str) -> tuple[str, list[Fix]]:
    if _MANIM_STAR.search(code):
        return code, []
    future = re.match(r"((?:\s*(?:#[^\n]*|from\s+__future__\s+import[^\n]*)\n)*)", code)
    head = future.group(1) if future and "__future__" in future.group(1) else ""
    code = head + "from manim import *\n\n" + code[len(head):].lstrip("\n")
    return code, [Fix("import", "Added the missing `from manim import *`.")]


# --------------------------------------------------------------------------------------
# syntax-tree rules: edits made in the source text
# --------------------------------------------------------------------------------------


@dataclass
class _Edit:
    start: int
    end: int
    text: str
    label: str = ""


class _Source:
    def __init__(self, code: str):
        self.code = code
        self.tree = ast.parse(code)
        self._line_starts = [0]
        for line in code.split("\n"):
            self._line_starts.append(self._line_starts[-1] + len(line) + 1)
        self._lines = code.split("\n")
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node

    def offset(self, lineno: int, col: int) -> int:
        line = self._lines[lineno - 1]
        return self._line_starts[lineno - 1] + len(line.encode("utf-8")[:col].decode("utf-8", "replace"))

    def span(self, node: ast.AST) -> tuple[int, int]:
        start = getattr(node, "decorator_list", None)
        first = node.decorator_list[0] if start else node
        return (self.offset(first.lineno, first.col_offset), self.offset(node.end_lineno, node.end_col_offset))

    def text(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.code[start:end]

    def replace(self, node: ast.AST, text: str, label: str = "") -> _Edit:
        start, end = self.span(node)
        return _Edit(start, end, text, label)

    def remove_statement(self, stmt: ast.stmt, label: str = "") -> _Edit:
        """Delete a statement (its whole lines when it has them to itself), or turn it into ``pass``."""
        parent = self.parents.get(stmt)
        body = None
        for field in ("body", "orelse", "finalbody", "handlers"):
            seq = getattr(parent, field, None)
            if isinstance(seq, list) and stmt in seq:
                body = seq
        start, end = self.span(stmt)
        if body is not None and len(body) == 1:
            return _Edit(start, end, "pass", label)
        line_start = self._line_starts[stmt.lineno - 1]
        line_end = self._line_starts[stmt.end_lineno] if stmt.end_lineno < len(self._lines) else len(self.code)
        before = self.code[line_start:start]
        after = self.code[end:line_end].strip()
        if not before.strip() and (not after or after.startswith("#")):
            return _Edit(line_start, line_end, "", label)
        return _Edit(start, end, "pass", label)

    def user_bound(self) -> set[str]:
        bound: set[str] = set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                bound.add(node.id)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                bound.add(node.name)
            elif isinstance(node, ast.arg):
                bound.add(node.arg)
            elif isinstance(node, ast.alias) and node.name != "*":
                bound.add((node.asname or node.name).split(".")[0])
        return bound


_Finder = Callable[[_Source], Iterable[_Edit]]


def _rewrite(code: str, finder: _Finder, rounds: int = 8) -> tuple[str, Counter]:
    """Apply ``finder``'s edits (non-overlapping ones per round) until it finds nothing."""
    counts: Counter = Counter()
    for _ in range(rounds):
        try:
            source = _Source(code)
        except (SyntaxError, ValueError):
            break
        edits = sorted(finder(source), key=lambda e: (e.start, -e.end))
        if not edits:
            break
        accepted: list[_Edit] = []
        last_end = -1
        for edit in edits:
            if edit.start >= last_end or (edit.start == edit.end == last_end):
                accepted.append(edit)
                last_end = max(last_end, edit.end)
        new = _apply(code, accepted)
        if not _parses(new) and len(accepted) > 1:
            accepted = accepted[:1]  # e.g. two removals emptying one body: one at a time
            new = _apply(code, accepted)
        if not _parses(new):
            break
        for edit in accepted:
            counts[edit.label] += 1
        if new == code:
            break
        code = new
    return code, counts


def _apply(code: str, edits: list[_Edit]) -> str:
    for edit in reversed(edits):
        code = code[:edit.start] + edit.text + code[edit.end:]
    return code


def _times(n: int) -> str:
    return f" ({n}\u00d7)" if n > 1 else ""


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _is_self_call(node: ast.AST, method: str) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == method
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "self")


# -- main / embed / sound -------------------------------------------------------------


def fix_main_guard(code: str) -> tuple[str, list[Fix]]:
    def finder(src: _Source) -> Iterator[_Edit]:
        for stmt in src.tree.body:
            if (isinstance(stmt, ast.If) and isinstance(stmt.test, ast.Compare)
                    and isinstance(stmt.test.left, ast.Name) and stmt.test.left.id == "__name__"):
                yield src.remove_statement(stmt, "main")

    code, counts = _rewrite(code, finder)
    if not counts:
        return code, []
    return code, [Fix("main", "Removed the `if __name__ == \"__main__\":` launcher; Eigenframe renders the scene itself.")]


_EMBED_METHODS = {"embed", "interact"}


def fix_embed(code: str) -> tuple[str, list[Fix]]:
    def finder(src: _Source) -> Iterator[_Edit]:
        for node in ast.walk(src.tree):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
                call = node.value
                if any(_is_self_call(call, m) for m in _EMBED_METHODS):
                    yield src.remove_statement(node, f"self.{call.func.attr}()")
                elif isinstance(call.func, ast.Name) and call.func.id == "digest_config":
                    yield src.remove_statement(node, "digest_config()")

    code, counts = _rewrite(code, finder)
    return code, [Fix("embed", f"Removed {label}{_times(n)}, which only works in an interactive manimgl session.")
                  for label, n in counts.items()]


def fix_sound(code: str) -> tuple[str, list[Fix]]:
    def finder(src: _Source) -> Iterator[_Edit]:
        for node in ast.walk(src.tree):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
                func = node.value.func
                if (isinstance(func, ast.Attribute) and func.attr == "add_sound") or _name(func) == "Sound":
                    yield src.remove_statement(node, "sound")

    code, counts = _rewrite(code, finder)
    if not counts:
        return code, []
    return code, [Fix("sound", f"Removed sound{_times(counts['sound'])}: videos are rendered silent and "
                               "the sandbox has no audio files.")]


# -- config ------------------------------------------------------------------------


_REFUSED_CONFIG = CONFIG_RENDER_KEYS | CONFIG_PATH_KEYS


def _config_key(target: ast.AST) -> str | None:
    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == "config":
        return target.attr
    if (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id == "config"
            and isinstance(target.slice, ast.Constant) and isinstance(target.slice.value, str)):
        return target.slice.value
    return None


def fix_config(code: str) -> tuple[str, list[Fix]]:
    """Drop writes of render settings (quality, frame rate, size, paths): the request decides them."""
    removed: list[str] = []

    def finder(src: _Source) -> Iterator[_Edit]:
        for node in ast.walk(src.tree):
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                keys = [_config_key(t) for t in targets]
                if keys and all(k in _REFUSED_CONFIG for k in keys):
                    removed.extend(k for k in keys if k)
                    yield src.remove_statement(node, "config")
            elif (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                  and isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "update"
                  and _name(node.value.func.value) == "config"):
                call = node.value
                if len(call.args) == 1 and isinstance(call.args[0], ast.Dict) and not call.keywords:
                    keys = [k.value for k in call.args[0].keys if isinstance(k, ast.Constant)]
                    if len(keys) == len(call.args[0].keys) and all(k in _REFUSED_CONFIG for k in keys):
                        removed.extend(keys)
                        yield src.remove_statement(node, "config")

    code, counts = _rewrite(code, finder)
    if not counts:
        return code, []
    names = ", ".join(dict.fromkeys(f"config.{k}" for k in removed))
    return code, [Fix("config", f"Removed {names}: quality, frame rate and format come from the request.")]


# -- CONFIG dicts --------------------------------------------------------------------


def fix_class_config(code: str) -> tuple[str, list[Fix]]:
    """manimgl ``CONFIG = {"key": value}`` in a class body -> ``key = value`` class attributes."""
    converted: list[str] = []

    def finder(src: _Source) -> Iterator[_Edit]:
        for cls in ast.walk(src.tree):
            if not isinstance(cls, ast.ClassDef):
                continue
            for stmt in cls.body:
                if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                        and _name(stmt.targets[0]) == "CONFIG" and isinstance(stmt.value, ast.Dict)):
                    continue
                indent = " " * stmt.col_offset
                lines: list[str] = []
                for key, value in zip(stmt.value.keys, stmt.value.values):
                    if not (isinstance(key, ast.Constant) and isinstance(key.value, str)
                            and key.value.isidentifier()):
                        continue
                    text = src.text(value)
                    if "\n" in text and not text.startswith(("(", "[", "{")):
                        text = "(" + text + ")"
                    if key.value == "camera_config":
                        if isinstance(value, ast.Dict):
                            for k2, v2 in zip(value.keys, value.values):
                                if isinstance(k2, ast.Constant) and k2.value == "background_color":
                                    lines.append(f"config.background_color = {src.text(v2)}")
                        continue
                    lines.append(f"{key.value} = {text}")
                    converted.append(key.value)
                body = ("\n" + indent).join(lines) if lines else "pass"
                yield src.replace(stmt, body, cls.name)

    code, counts = _rewrite(code, finder)
    if not counts:
        return code, []
    return code, [Fix("class_config", f"Turned the manimgl CONFIG dict of {', '.join(counts)} into class attributes"
                                      f" ({', '.join(dict.fromkeys(converted)) or 'none usable'}).")]


# -- GraphScene ----------------------------------------------------------------------

GRAPH_SCENE_SHIM = '''

class GraphScene(Scene):
    """Compatibility shim added by Eigenframe: the old GraphScene API on top of Axes."""

    x_min = -1
    x_max = 10
    x_axis_width = 9
    x_tick_frequency = 1
    x_labeled_nums = None
    x_axis_label = "$x$"
    y_min = -1
    y_max = 10
    y_axis_height = 6
    y_tick_frequency = 1
    y_labeled_nums = None
    y_axis_label = "$y$"
    axes_color = GREY
    graph_origin = 2.5 * DOWN + 4 * LEFT
    include_tip = False
    default_graph_colors = [BLUE, GREEN, YELLOW]
    default_derivative_color = GREEN
    default_input_color = YELLOW
    default_riemann_start_color = BLUE
    default_riemann_end_color = GREEN
    area_opacity = 0.8
    num_rects = 50

    def graph_axes(self):
        if getattr(self, "axes", None) is None:
            self.axes = Axes(
                x_range=[self.x_min, self.x_max, self.x_tick_frequency],
                y_range=[self.y_min, self.y_max, self.y_tick_frequency],
                x_length=self.x_axis_width,
                y_length=self.y_axis_height,
                tips=self.include_tip,
                axis_config={"color": self.axes_color},
                x_axis_config={"numbers_to_include": list(self.x_labeled_nums or [])},
                y_axis_config={"numbers_to_include": list(self.y_labeled_nums or [])},
            )
            self.axes.shift(np.array(self.graph_origin) - self.axes.c2p(0, 0))
            self.x_axis = self.axes.x_axis
            self.y_axis = self.axes.y_axis
        return self.axes

    def setup_axes(self, animate=False):
        axes = self.graph_axes()
        labels = VGroup()
        if self.x_axis_label:
            labels.add(axes.get_x_axis_label(Tex(self.x_axis_label)))
        if self.y_axis_label:
            labels.add(axes.get_y_axis_label(Tex(self.y_axis_label)))
        self.axis_labels = labels
        if animate:
            self.play(Create(axes), *([Write(labels)] if len(labels) else []))
        else:
            self.add(axes, labels)

    def get_graph(self, func, color=None, x_min=None, x_max=None, **kwargs):
        if color is None:
            self.graph_count = getattr(self, "graph_count", 0) + 1
            color = self.default_graph_colors[(self.graph_count - 1) % len(self.default_graph_colors)]
        x_min = self.x_min if x_min is None else x_min
        x_max = self.x_max if x_max is None else x_max
        x_range = kwargs.pop("x_range", None) or [x_min, x_max]
        return self.graph_axes().plot(func, x_range=x_range, color=color, **kwargs)

    def coords_to_point(self, x, y):
        return self.graph_axes().c2p(x, y)

    def point_to_coords(self, point):
        return self.graph_axes().p2c(point)

    def input_to_graph_point(self, x, graph):
        return self.graph_axes().i2gp(x, graph)

    def angle_of_tangent(self, x, graph, dx=1e-4):
        return self.graph_axes().angle_of_tangent(x, graph, dx)

    def slope_of_tangent(self, x, graph, dx=1e-4):
        return self.graph_axes().slope_of_tangent(x, graph, dx)

    def get_derivative_graph(self, graph, dx=1e-4, **kwargs):
        kwargs.setdefault("color", self.default_derivative_color)
        return self.graph_axes().plot_derivative_graph(graph, **kwargs)

    def get_graph_label(self, graph, label="f(x)", x_val=None, direction=RIGHT, buff=MED_SMALL_BUFF,
                        color=None, **kwargs):
        return self.graph_axes().get_graph_label(graph, label=label, x_val=x_val, direction=direction,
                                                 buff=buff, color=color)

    def get_vertical_line_to_graph(self, x, graph, line_class=Line, **kwargs):
        return self.graph_axes().get_vertical_line(
            self.input_to_graph_point(x, graph),
            line_func=line_class,
            color=kwargs.pop("color", None),
            stroke_width=kwargs.pop("stroke_width", 2),
            line_config=kwargs or None,
        )

    def get_riemann_rectangles(self, graph, x_min=None, x_max=None, dx=0.1, input_sample_type="left",
                               stroke_width=1, stroke_color=BLACK, fill_opacity=1, start_color=None,
                               end_color=None, **kwargs):
        return self.graph_axes().get_riemann_rectangles(
            graph,
            x_range=[self.x_min if x_min is None else x_min, self.x_max if x_max is None else x_max],
            dx=dx,
            input_sample_type=input_sample_type,
            stroke_width=stroke_width,
            stroke_color=stroke_color,
            fill_opacity=fill_opacity,
            color=(start_color or self.default_riemann_start_color, end_color or self.default_riemann_end_color),
        )

    def get_area(self, graph, t_min=None, t_max=None, **kwargs):
        x_range = [self.x_min if t_min is None else t_min, self.x_max if t_max is None else t_max]
        return self.graph_axes().get_area(graph, x_range=x_range, opacity=self.area_opacity)

    def get_secant_slope_group(self, x, graph, dx=None, **kwargs):
        return self.graph_axes().get_secant_slope_group(x, graph, dx=dx, **kwargs)
'''

_SHIM_MARKER = "Compatibility shim added by Eigenframe"


def fix_graph_scene(code: str) -> tuple[str, list[Fix]]:
    """CE has no GraphScene: insert a small subclass of Scene that offers its API on Axes."""
    try:
        src = _Source(code)
    except (SyntaxError, ValueError):
        return code, []
    if "GraphScene" in src.user_bound():
        return code, []
    users = [node for node in src.tree.body if isinstance(node, ast.ClassDef)
             and any(_name(base) == "GraphScene" for base in node.bases)]
    if not users:
        return code, []
    first = users[0]
    start = src.span(first)[0]
    code = code[:start].rstrip("\n") + "\n" + GRAPH_SCENE_SHIM + "\n\n" + code[start:]
    # uses of numpy in the shim: `np` comes with `from manim import *`.
    names = ", ".join(c.name for c in users)
    return code, [Fix("graphscene", f"Added a GraphScene compatibility class on top of Axes for {names} "
                                    "(setup_axes, get_graph, coords_to_point... as in old Manim).")]


# -- renames -------------------------------------------------------------------------

# old name -> CE name (checked against the installed package by the tests).
SIMPLE_RENAMES: dict[str, str] = {
    "ShowCreation": "Create",
    "TexMobject": "MathTex",
    "TexText": "Tex",
    "WiggleOutThenIn": "Wiggle",
    "ContinualAnimation": "Animation",
    "FRAME_WIDTH": "config.frame_width",
    "FRAME_HEIGHT": "config.frame_height",
    "FRAME_X_RADIUS": "config.frame_x_radius",
    "FRAME_Y_RADIUS": "config.frame_y_radius",
    "OldTex": "MathTex",
    "OldTexText": "Tex",
    "ShowIncreasingSubsets": "ShowIncreasingSubsets",
    "ApplyFunction": "ApplyFunction",
}
RATE_FUNCTIONS_ONLY = (
    "ease_in_sine", "ease_out_sine", "ease_in_out_sine", "ease_in_quad", "ease_out_quad", "ease_in_out_quad",
    "ease_in_cubic", "ease_out_cubic", "ease_in_out_cubic", "ease_in_quart", "ease_out_quart",
    "ease_in_out_quart", "ease_in_quint", "ease_out_quint", "ease_in_out_quint", "ease_in_expo",
    "ease_out_expo", "ease_in_out_expo", "ease_in_circ", "ease_out_circ", "ease_in_out_circ", "ease_in_back",
    "ease_out_back", "ease_in_out_back", "ease_in_elastic", "ease_out_elastic", "ease_in_out_elastic",
    "ease_in_bounce", "ease_out_bounce", "ease_in_out_bounce",
)
for _rate in RATE_FUNCTIONS_ONLY:
    SIMPLE_RENAMES[_rate] = f"rate_functions.{_rate}"
SIMPLE_RENAMES = {k: v for k, v in SIMPLE_RENAMES.items() if k != v}

# manimgl's Tex is math mode: in code that came from manimgl it is CE's MathTex.
MANIMGL_ONLY_RENAMES: dict[str, str] = {"Tex": "MathTex"}

_LATEXY = re.compile(r"\$|\\[A-Za-z]")


def fix_renames(code: str, manimgl: bool = False) -> tuple[str, list[Fix]]:
    renames = dict(SIMPLE_RENAMES)
    if manimgl:
        renames.update(MANIMGL_ONLY_RENAMES)

    def finder(src: _Source) -> Iterator[_Edit]:
        bound = src.user_bound()
        for node in ast.walk(src.tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "TextMobject" \
                    and "TextMobject" not in bound:
                strings = [a for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                latexy = (len(node.args) > 1 or any(_LATEXY.search(s.value) for s in strings)
                          or any(k.arg and "tex" in k.arg for k in node.keywords)
                          or not all(isinstance(a, ast.Constant) for a in node.args))
                new = "Tex" if latexy else "Text"
                yield src.replace(node.func, new, f"TextMobject\u2192{new}")
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in renames \
                    and node.id not in bound:
                yield src.replace(node, renames[node.id], f"{node.id}\u2192{renames[node.id]}")

    if manimgl:
        # Rename Tex -> MathTex first, once, so the later TexText -> Tex is not renamed again.
        code, counts = _rewrite(code, lambda s: (e for e in finder(s) if e.label == "Tex\u2192MathTex"), rounds=1)
        renames.pop("Tex")
        more_code, more = _rewrite(code, lambda s: (e for e in finder(s) if e.label != "Tex\u2192MathTex"))
        code = more_code
        counts.update(more)
    else:
        code, counts = _rewrite(code, finder)
    fixes = []
    for label, n in counts.items():
        old, new = label.split("\u2192")
        fixes.append(Fix("rename", f"Replaced {old} with {new}{_times(n)}."))
    return code, fixes


# -- fades ---------------------------------------------------------------------------

_DIRECTIONS = {"UP", "DOWN", "LEFT", "RIGHT", "UL", "UR", "DL", "DR", "IN", "OUT"}


def _is_direction(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id in _DIRECTIONS
    if isinstance(node, ast.UnaryOp):
        return _is_direction(node.operand)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Add, ast.Sub, ast.Div)):
        sides = [node.left, node.right]
        return any(_is_direction(s) for s in sides) and all(
            _is_direction(s) or isinstance(s, ast.Constant) or (isinstance(s, ast.UnaryOp)
                                                                 and isinstance(s.operand, ast.Constant))
            for s in sides)
    return False


# old animation -> (CE class, keyword the direction goes to, default direction)
_FADE_CLASSES = {
    "FadeInFrom": ("FadeIn", "shift", "DOWN", -1),
    "FadeInFromDown": ("FadeIn", "shift", "UP", 1),
    "FadeInFromUp": ("FadeIn", "shift", "DOWN", 1),
    "FadeOutAndShift": ("FadeOut", "shift", "DOWN", 1),
    "FadeOutAndShiftDown": ("FadeOut", "shift", "DOWN", 1),
    "FadeOutAndShiftUp": ("FadeOut", "shift", "UP", 1),
    "FadeInFromLarge": ("FadeIn", "scale", "2", 1),
}


def fix_fades(code: str) -> tuple[str, list[Fix]]:
    def finder(src: _Source) -> Iterator[_Edit]:
        bound = src.user_bound()
        for node in ast.walk(src.tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)) or node.func.id in bound:
                continue
            name = node.func.id
            if name in _FADE_CLASSES and node.args:
                new, keyword, default, sign = _FADE_CLASSES[name]
                mob = src.text(node.args[0])
                kws = [f"{k.arg}={src.text(k.value)}" if k.arg else f"**{src.text(k.value)}" for k in node.keywords
                       if k.arg not in ("direction", "scale_factor")]
                direction = next((src.text(k.value) for k in node.keywords if k.arg in ("direction", "scale_factor")),
                                 src.text(node.args[1]) if len(node.args) > 1 else default)
                if sign < 0 and direction is not None:
                    direction = f"-({direction})" if not re.fullmatch(r"[A-Z]+", direction) else f"-{direction}"
                    direction = {"-UP": "DOWN", "-DOWN": "UP", "-LEFT": "RIGHT", "-RIGHT": "LEFT"}.get(
                        direction, direction)
                args = [mob] + ([f"{keyword}={direction}"] if direction else []) + kws
                yield src.replace(node, f"{new}({', '.join(args)})", f"{name}\u2192{new}(…, {keyword}=…)")
            elif name in ("FadeIn", "FadeOut") and len(node.args) == 2 and _is_direction(node.args[1]) \
                    and not any(k.arg == "shift" for k in node.keywords):
                start, _ = src.span(node.args[0])
                _, end = src.span(node.args[1])
                new_args = f"{src.text(node.args[0])}, shift={src.text(node.args[1])}"
                yield _Edit(start, end, new_args, f"{name}(mob, DIR)\u2192{name}(mob, shift=DIR)")

    code, counts = _rewrite(code, finder)
    return code, [Fix("fade", f"Replaced {label.replace(chr(0x2192), ' with ')}{_times(n)}.")
                  for label, n in counts.items()]


# NB: manimgl's FadeInFrom(mob, direction) moves the mobject in *from* that direction, so the
# shift is the opposite vector; FadeOutAndShift(mob, direction) moves it *towards* it.


# -- graphs --------------------------------------------------------------------------

_RANGE_CLASSES = {"Axes", "NumberPlane", "ThreeDAxes", "ComplexPlane", "NumberLine"}


def fix_graphs(code: str) -> tuple[str, list[Fix]]:
    def ranged(src: _Source, node: ast.Call, axes: Iterable[str], prefix: bool = True) -> str | None:
        keywords = {k.arg: k for k in node.keywords if k.arg}
        used: set[str] = set()
        parts = []
        for axis in axes:
            lo, hi = (f"{axis}_min", f"{axis}_max") if prefix else ("x_min", "x_max")
            step = f"{axis}_step" if f"{axis}_step" in keywords else None
            if lo in keywords or hi in keywords:
                if f"{axis}_range" in keywords:
                    return None
                if lo not in keywords or hi not in keywords:
                    return None
                rng = [src.text(keywords[lo].value), src.text(keywords[hi].value)]
                if step:
                    rng.append(src.text(keywords[step].value))
                    used.add(step)
                used |= {lo, hi}
                parts.append(f"{axis}_range=[{', '.join(rng)}]")
        if not parts:
            return None
        rest = [src.text(a) for a in node.args]
        rest += [f"{k.arg}={src.text(k.value)}" if k.arg else f"**{src.text(k.value)}" for k in node.keywords
                 if k.arg not in used]
        return ", ".join(rest + parts)

    def finder(src: _Source) -> Iterator[_Edit]:
        for node in ast.walk(src.tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "get_graph" and _name(func.value) != "self":
                args = ranged(src, node, ["x"])
                if args is not None:
                    yield src.replace(node, f"{src.text(func.value)}.plot({args})", "get_graph\u2192plot")
                else:
                    start, end = src.span(func)
                    yield _Edit(end - len("get_graph"), end, "plot", "get_graph\u2192plot")
            elif isinstance(func, ast.Name) and func.id in _RANGE_CLASSES:
                axes = ["x"] if func.id == "NumberLine" else ["x", "y", "z"]
                args = ranged(src, node, axes)
                if args is not None:
                    yield src.replace(node, f"{func.id}({args})", f"{func.id}(x_min=…)\u2192x_range")

    code, counts = _rewrite(code, finder)
    return code, [Fix("graph", f"Replaced {label.replace(chr(0x2192), ' with ')}{_times(n)}.")
                  for label, n in counts.items()]


# -- ApplyMethod / old method passing --------------------------------------------------

# Mobject methods seen passed to self.play in manimgl-style code.
_ANIMATABLE_METHODS = {
    "shift", "move_to", "scale", "rotate", "set_color", "set_fill", "set_stroke", "next_to", "to_edge",
    "to_corner", "set_opacity", "flip", "stretch", "set_width", "set_height", "scale_to_fit_width",
    "scale_to_fit_height", "stretch_to_fit_width", "stretch_to_fit_height", "become", "match_color", "fade",
    "arrange", "center", "align_to", "set_x", "set_y", "set_z", "set_value", "increment_value",
    "set_color_by_gradient", "match_height", "match_width", "match_x", "match_y", "move_to_target",
    "rotate_about_origin", "set_submobject_colors_by_gradient", "put_start_and_end_on", "set_points",
    "apply_function", "apply_matrix", "arrange_in_grid", "surround", "set_angle", "set_length", "fade_to",
}


def _looks_like_animation(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Name) and func.id[:1].isupper():
            return True
        chain = func
        while isinstance(chain, (ast.Attribute, ast.Call)):
            if isinstance(chain, ast.Attribute) and chain.attr == "animate":
                return True
            chain = chain.value if isinstance(chain, ast.Attribute) else chain.func
    if isinstance(node, ast.Attribute) and node.attr in _ANIMATABLE_METHODS:
        return True
    if isinstance(node, ast.Starred):
        return True
    return False


def fix_animate(code: str) -> tuple[str, list[Fix]]:
    def method_call(src: _Source, method: ast.Attribute, args: list[ast.AST], kwargs: list[ast.keyword]) -> str:
        anim = ", ".join(f"{k.arg}={src.text(k.value)}" if k.arg else f"**{src.text(k.value)}" for k in kwargs)
        animate = f"animate({anim})" if anim else "animate"
        return f"{src.text(method.value)}.{animate}.{method.attr}({', '.join(src.text(a) for a in args)})"

    def finder(src: _Source) -> Iterator[_Edit]:
        bound = src.user_bound()
        for node in ast.walk(src.tree):
            if not isinstance(node, ast.Call):
                continue
            if (isinstance(node.func, ast.Name) and node.func.id == "ApplyMethod" and "ApplyMethod" not in bound
                    and node.args and isinstance(node.args[0], ast.Attribute)
                    and not any(isinstance(a, ast.Starred) for a in node.args)):
                yield src.replace(node, method_call(src, node.args[0], node.args[1:], node.keywords),
                                  "ApplyMethod")
            elif _is_self_call(node, "play") and any(
                    isinstance(a, ast.Attribute) and a.attr in _ANIMATABLE_METHODS for a in node.args):
                parts: list[str] = []
                i, args = 0, node.args
                changed = False
                while i < len(args):
                    arg = args[i]
                    if isinstance(arg, ast.Attribute) and arg.attr in _ANIMATABLE_METHODS:
                        j = i + 1
                        while j < len(args) and not _looks_like_animation(args[j]):
                            j += 1
                        parts.append(method_call(src, arg, args[i + 1:j], []))
                        changed = True
                        i = j
                    else:
                        parts.append(src.text(arg))
                        i += 1
                if changed:
                    parts += [f"{k.arg}={src.text(k.value)}" if k.arg else f"**{src.text(k.value)}"
                              for k in node.keywords]
                    yield src.replace(node, f"{src.text(node.func)}({', '.join(parts)})", "play(mob.method)")

    code, counts = _rewrite(code, finder)
    fixes = []
    if counts.get("ApplyMethod"):
        fixes.append(Fix("animate", f"Replaced ApplyMethod(mob.method, ...) with mob.animate.method(...)"
                                    f"{_times(counts['ApplyMethod'])}."))
    if counts.get("play(mob.method)"):
        fixes.append(Fix("animate", "Replaced the old self.play(mob.method, args) style with "
                                    f"self.play(mob.animate.method(args)){_times(counts['play(mob.method)'])}."))
    return code, fixes


# -- MathTex dollars ----------------------------------------------------------------

_DOLLAR = re.compile(r"(?<!\\)\$")


def fix_mathtex_dollars(code: str) -> tuple[str, list[Fix]]:
    def finder(src: _Source) -> Iterator[_Edit]:
        for node in ast.walk(src.tree):
            if isinstance(node, ast.Call) and _name(node.func) in ("MathTex", "SingleStringMathTex"):
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _DOLLAR.search(arg.value):
                        text = src.text(arg)
                        new = _DOLLAR.sub("", text)
                        if new != text:
                            yield src.replace(arg, new, "mathtex")

    code, counts = _rewrite(code, finder)
    if not counts:
        return code, []
    return code, [Fix("mathtex", f"Removed $ signs from MathTex strings{_times(counts['mathtex'])}: MathTex is "
                                 "already in math mode.")]


# -- camera -------------------------------------------------------------------------


def fix_camera_frame(code: str) -> tuple[str, list[Fix]]:
    def finder(src: _Source) -> Iterator[_Edit]:
        for cls in src.tree.body:
            if not isinstance(cls, ast.ClassDef):
                continue
            plain = [b for b in cls.bases if _name(b) == "Scene"]
            if len(plain) != 1:
                continue
            uses = any(isinstance(n, ast.Attribute) and n.attr == "frame" and isinstance(n.value, ast.Attribute)
                       and n.value.attr == "camera" and _name(n.value.value) == "self" for n in ast.walk(cls))
            if uses:
                yield src.replace(plain[0], "MovingCameraScene", cls.name)

    code, counts = _rewrite(code, finder)
    if not counts:
        return code, []
    return code, [Fix("camera", f"Made {', '.join(counts)} a MovingCameraScene: it moves self.camera.frame.")]


# -- assets -------------------------------------------------------------------------

PLACEHOLDER_HELPERS = '''

def placeholder_image(label, height=3.0):
    """Stands in for an image file: the render sandbox has no files (added by Eigenframe)."""
    frame = Rectangle(width=height * 4 / 3, height=height, color=GREY_B, stroke_width=3)
    frame.set_fill(GREY_E, opacity=1)
    sun = Circle(radius=height * 0.09, color=YELLOW, fill_opacity=0.9, stroke_width=0)
    sun.move_to(frame.get_corner(UR) + height * 0.18 * DL)
    hills = Polygon(
        frame.get_corner(DL) + height * 0.25 * UP,
        frame.get_bottom() + height * 0.5 * UP + height * 0.1 * LEFT,
        frame.get_bottom() + height * 0.3 * UP + height * 0.3 * RIGHT,
        frame.get_corner(DR) + height * 0.4 * UP,
        frame.get_corner(DR),
        frame.get_corner(DL),
        color=GREEN_E, fill_opacity=0.8, stroke_width=0,
    )
    text = Text(label, font_size=28, color=WHITE)
    text.scale_to_fit_width(min(text.width, frame.width))
    text.next_to(frame, DOWN, buff=0.15)
    return VGroup(frame, hills, sun, text)


def placeholder_icon(label, height=2.0, width=None, color=None, fill_color=None, fill_opacity=None,
                     stroke_color=None, stroke_width=None, **kwargs):
    """Stands in for an SVG file: the render sandbox has no files (added by Eigenframe)."""
    size = height if height is not None else (width if width is not None else 2.0)
    box = RoundedRectangle(width=size, height=size, corner_radius=size * 0.18,
                           color=stroke_color or color or BLUE_B, stroke_width=stroke_width or 4)
    box.set_fill(fill_color or color or BLUE_E, opacity=0.35 if fill_opacity is None else fill_opacity)
    text = Text(label, font_size=24, color=WHITE)
    text.scale_to_fit_width(min(text.width, size * 0.8))
    text.move_to(box)
    return VGroup(box, text)
'''

_ASSET_CLASSES = {"ImageMobject": ("filename_or_array", "placeholder_image"),
                  "SVGMobject": ("file_name", "placeholder_icon")}


def _prettify(stem: str) -> str:
    words = re.sub(r"[_\-.]+", " ", re.sub(r"([a-z])([A-Z])", r"\1 \2", stem)).strip()
    if words.islower():
        return words.title()
    return (words[:1].upper() + words[1:]) if words else "Image"


def _asset_label(node: ast.AST, fallback: str) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _prettify(Path(node.value.replace("\\", "/")).stem) or fallback
    if isinstance(node, ast.JoinedStr):
        return fallback
    return None


def fix_assets(code: str) -> tuple[str, list[Fix]]:
    labels: list[str] = []

    def finder(src: _Source) -> Iterator[_Edit]:
        bound = src.user_bound()
        for node in ast.walk(src.tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)) or node.func.id in bound:
                continue
            if node.func.id not in _ASSET_CLASSES:
                continue
            keyword, helper = _ASSET_CLASSES[node.func.id]
            fallback = "Image" if node.func.id == "ImageMobject" else "Icon"
            path = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == keyword), None)
            label = _asset_label(path, fallback) if path is not None else None
            if label is None:
                continue
            kept = []
            allowed = {"height", "width", "color", "fill_color", "fill_opacity", "stroke_color", "stroke_width"}
            if helper == "placeholder_image":
                allowed = {"height"}
            for k in node.keywords:
                if k.arg in allowed:
                    kept.append(f"{k.arg}={src.text(k.value)}")
            labels.append(f"{src.text(path)} \u2192 “{label}”")
            quoted = '"' + label.replace("\\", "\\\\").replace('"', '\\"') + '"'
            yield src.replace(node, f"{helper}({quoted}{''.join(', ' + k for k in kept)})", node.func.id)

    code, counts = _rewrite(code, finder)
    if not counts:
        return code, []
    code = _insert_after_imports(code, PLACEHOLDER_HELPERS)
    return code, [Fix("asset", "Replaced files the sandbox does not have with labelled placeholders: "
                               + "; ".join(dict.fromkeys(labels)) + ".")]


def _insert_after_imports(code: str, block: str) -> str:
    tree = ast.parse(code)
    last = 0
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)) or (
                isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
            last = stmt.end_lineno
        else:
            break
    lines = code.split("\n")
    return "\n".join(lines[:last]) + "\n" + block + "\n\n" + "\n".join(lines[last:]).lstrip("\n")


# --------------------------------------------------------------------------------------
# scenes
# --------------------------------------------------------------------------------------

_STOPWORDS = {"the", "and", "with", "that", "this", "from", "into", "then", "show", "showing", "shows", "make",
              "animate", "animation", "scene", "create", "draw", "how", "what", "for", "using", "explain", "visualize",
              "visualise", "demonstrate", "video", "manim", "simple", "some", "its", "our", "your"}


def _words(text: str) -> set[str]:
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    words = set()
    for word in re.findall(r"[A-Za-z]{3,}", text.lower()):
        if word in _STOPWORDS:
            continue
        words.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return words


def _scene_classes(tree: ast.Module) -> list[ast.ClassDef]:
    names: list[str] = []
    classes: list[ast.ClassDef] = []
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            doc = ast.get_docstring(node) or ""
            if _SHIM_MARKER in doc:
                names.append(node.name)
                continue
            for base in node.bases:
                base_name = _name(base)
                if base_name.endswith("Scene") or base_name in names:
                    names.append(node.name)
                    classes.append(node)
                    break
    return classes


def choose_scene(code: str, prompt: str | None) -> str | None:
    """The scene to render: the one whose name/docstring best matches the prompt, else the last.

    Scenes that other scenes derive from (abstract bases) are not chosen when there are others.
    None when the code defines no scene (or does not parse).
    """
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return None
    classes = _scene_classes(tree)
    if not classes:
        return None
    bases = {_name(b) for c in classes for b in c.bases}
    leaves = [c for c in classes if c.name not in bases] or classes
    wanted = _words(prompt or "")
    best, best_score = leaves[-1], 0.0
    for cls in leaves:
        score = len(wanted & _words(cls.name)) * 2 + len(wanted & _words(ast.get_docstring(cls) or ""))
        if score >= best_score and score > 0:
            best, best_score = cls, score
    return best.name


def fix_scenes(code: str, prompt: str | None = None) -> tuple[str, list[Fix]]:
    """Several scenes: keep them all; given a prompt, move the best match last (the renderer's default)."""
    try:
        src = _Source(code)
    except (SyntaxError, ValueError):
        return code, []
    classes = _scene_classes(src.tree)
    if len(classes) < 2:
        return code, []
    chosen = choose_scene(code, prompt)
    names = ", ".join(c.name for c in classes)
    moved = False
    if prompt and chosen and chosen != classes[-1].name:
        node = next(c for c in classes if c.name == chosen)
        index = src.tree.body.index(node)
        later = src.tree.body[index + 1:]
        referenced = any(isinstance(n, ast.Name) and n.id == chosen for stmt in later for n in ast.walk(stmt))
        if not referenced:
            start, end = src.span(node)
            line_start = src._line_starts[(node.decorator_list[0] if node.decorator_list else node).lineno - 1]
            block = code[line_start:end]
            rest = code[:line_start].rstrip("\n") + "\n" + code[end:]
            code = rest.rstrip("\n") + "\n\n\n" + block.strip("\n") + "\n"
            moved = _parses(code)
    description = f"The code defines {len(classes)} scenes ({names}); {chosen} is rendered"
    description += " (moved last, it best matches the request)." if moved else "."
    return code, [Fix("scene", description)]


# --------------------------------------------------------------------------------------
# formatting and undefined names
# --------------------------------------------------------------------------------------


def _ruff_binary() -> str | None:
    local = Path(sys.executable).parent / "ruff"
    if local.exists():
        return str(local)
    return shutil.which("ruff")


def fix_format(code: str) -> tuple[str, list[Fix]]:
    """``ruff format`` the code when ruff is installed; silently nothing otherwise."""
    binary = _ruff_binary()
    if binary is None:
        return code, []
    try:
        proc = subprocess.run([binary, "format", "--isolated", "--line-length", "100", "--quiet", "-"],
                              input=code, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return code, []
    if proc.returncode != 0 or not proc.stdout.strip() or proc.stdout == code or not _parses(proc.stdout):
        return code, []
    # Formatting is cosmetic, not a repair: it is not recorded as a fix.
    return proc.stdout, []


# Star imports whose names we can list: only modules the policy allows (never import others).
@functools.lru_cache(maxsize=None)
def _star_names(module: str) -> frozenset[str] | None:
    if module.split(".")[0] not in ALLOWED_IMPORTS:
        return None
    try:
        mod = importlib.import_module(module)
    except Exception:  # noqa: BLE001 - a module we cannot import: we cannot tell what it exports
        return None
    exported = getattr(mod, "__all__", None)
    if exported is None:
        exported = [n for n in dir(mod) if not n.startswith("_")]
    return frozenset(exported)


def undefined_names(code: str) -> list[tuple[int, str]]:
    """Names the code reads but never defines, as ``(line, name)`` sorted by line.

    Uses ``symtable`` (real Python scoping: class bodies, closures, comprehensions, ``global``)
    and counts as defined: builtins, what the module binds, and what its star imports export
    (``from manim import *`` imports manim in this process, once). An unlistable star import
    (a module outside the policy's allowed imports) makes the answer ``[]``: we cannot tell.
    Meant to run on ``prepare()``'s output before rendering: a non-empty list is a NameError
    waiting to happen and can go straight to the repair loop (``[]`` for code that does not parse).
    """
    try:
        tree = ast.parse(code)
        table = symtable.symtable(code, "scene.py", "exec")
    except (SyntaxError, ValueError):
        return []
    known = set(dir(builtins)) | {"__file__", "__name__", "__doc__", "__builtins__", "__spec__", "__loader__"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names):
            if node.level:
                return []
            names = _star_names(node.module or "")
            if names is None:
                return []
            known |= names
    module_defined: set[str] = set()
    referenced: set[str] = set()

    def walk(tab: symtable.SymbolTable, top: bool) -> None:
        for sym in tab.get_symbols():
            name = sym.get_name()
            if top:
                if sym.is_assigned() or sym.is_imported() or sym.is_namespace():
                    module_defined.add(name)
                if sym.is_referenced():
                    referenced.add(name)
            else:
                if sym.is_declared_global() and sym.is_assigned():
                    module_defined.add(name)
                if sym.is_global() and sym.is_referenced():
                    referenced.add(name)
        for child in tab.get_children():
            walk(child, False)

    walk(table, True)
    missing = referenced - module_defined - known
    if not missing:
        return []
    lines: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in missing:
            lines[node.id] = min(lines.get(node.id, node.lineno), node.lineno)
    return sorted(((lines.get(name, 0), name) for name in missing))


# --------------------------------------------------------------------------------------
# putting it together
# --------------------------------------------------------------------------------------

def autofix(code: str, prompt: str | None = None, *, format_code: bool = False) -> tuple[str, list[Fix]]:
    """Apply every rule to extracted code, in order; returns the code and what was changed."""
    fixes: list[Fix] = []

    def step(rule: Callable[..., tuple[str, list[Fix]]], *args) -> None:
        nonlocal code
        code, more = rule(code, *args)
        fixes.extend(more)

    step(fix_whitespace)
    step(fix_quotes)
    manimgl = bool(re.search(r"\b(manimlib|manim_imports_ext|big_ol_pile_of_manim_imports)\b", code))
    step(fix_manimgl_imports)
    step(fix_missing_import)
    if not _parses(code):
        return code, fixes
    step(fix_main_guard)
    step(fix_embed)
    step(fix_config)
    step(fix_class_config)
    step(fix_renames, manimgl)
    step(fix_graph_scene)
    step(fix_fades)
    step(fix_graphs)
    step(fix_animate)
    step(fix_mathtex_dollars)
    step(fix_camera_frame)
    step(fix_assets)
    step(fix_sound)
    step(fix_scenes, prompt)
    if format_code:
        step(fix_format)
    return code, fixes


def prepare(text: str, prompt: str | None = None, *, format_code: bool = False) -> tuple[str, list[Fix]]:
    """Extract then autofix: the code that goes to the renderer, and what was changed.

    ``prompt`` (optional) lets the scene rule pick, among several scenes, the one the
    request asked for and make it the last one (the renderer's default). ``format_code=True``
    (model output only) runs ruff format; a developer's own code keeps its layout, so error
    line numbers match their file.
    """
    code, fixes = extract_code(text)
    code, more = autofix(code, prompt, format_code=format_code)
    return code, fixes + more
