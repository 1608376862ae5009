"""The engine of the template library: parameters, templates, validation and prompt matching.

The templates themselves live in one module per subject (``algebra``, ``calculus``, ...); the
package ``__init__`` assembles them into ``TEMPLATES`` and exposes :func:`match_prompt`.

Each :class:`SceneTemplate` turns a dict of parameter values into a complete, self-contained
Manim Community Edition program (``from manim import *`` plus exactly one Scene subclass).
:func:`match_templates` picks the template that fits a free-text prompt and pulls parameter
values (functions, ranges, shapes, colours, numbers, lists) out of it. User formulas are
compiled in :mod:`.formulas`.

Everything a user can type ends up in the generated code only after validation:

* formulas ("expr" parameters) are parsed with :mod:`ast` and checked against an allowlist of
  names and operators, then re-emitted as numpy code and as LaTeX;
* strings are embedded as Python string literals (never pasted into code), and LaTeX is
  refused when it uses commands that read or write files or redefine TeX itself;
* numbers are range-checked, colours and shapes come from fixed tables.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from string import Template

import numpy as np

from .formulas import (
    Formula,
    _ExprError,
    _fmt_number,
    _uses_x,
    compile_formula,
)

SUBJECTS = (
    "algebra",
    "calculus",
    "geometry",
    "linear-algebra",
    "probability",
    "physics",
    "computer-science",
    "basics",
)

PARAM_KINDS = ("expr", "float", "int", "color", "shape", "text", "latex", "choice")


class TemplateParamError(Exception):
    """A parameter value was rejected; ``param`` names it and ``message`` says why."""

    def __init__(self, param: str, message: str):
        self.param = param
        self.message = message
        super().__init__(f"Parameter '{param}' is invalid: {message}")


# --------------------------------------------------------------------------------------------
# Colours and shapes
# --------------------------------------------------------------------------------------------

COLORS: dict[str, str] = {
    "blue": "BLUE",
    "red": "RED",
    "green": "GREEN",
    "yellow": "YELLOW",
    "orange": "ORANGE",
    "purple": "PURPLE",
    "pink": "PINK",
    "teal": "TEAL",
    "white": "WHITE",
    "gold": "GOLD",
    "maroon": "MAROON",
    "grey": "GREY",
    "gray": "GRAY",
}

# name -> Manim constructor call; "{color}" is replaced by the colour constant.
SHAPES: dict[str, str] = {
    "circle": "Circle(radius=1.5, color={color}, fill_opacity=0.6)",
    "square": "Square(side_length=3, color={color}, fill_opacity=0.6)",
    "triangle": "Triangle(color={color}, fill_opacity=0.6).scale(1.8)",
    "pentagon": "RegularPolygon(n=5, color={color}, fill_opacity=0.6).scale(1.7)",
    "hexagon": "RegularPolygon(n=6, color={color}, fill_opacity=0.6).scale(1.7)",
    "octagon": "RegularPolygon(n=8, color={color}, fill_opacity=0.6).scale(1.7)",
    "star": "Star(n=5, outer_radius=1.8, color={color}, fill_opacity=0.6)",
    "rectangle": "Rectangle(width=4, height=2.4, color={color}, fill_opacity=0.6)",
    "ellipse": "Ellipse(width=4, height=2.4, color={color}, fill_opacity=0.6)",
}
_SHAPE_ALIASES = {"oval": "ellipse", "circles": "circle", "squares": "square", "triangles": "triangle",
                  "pentagons": "pentagon", "hexagons": "hexagon", "octagons": "octagon", "stars": "star",
                  "rectangles": "rectangle", "ellipses": "ellipse", "box": "square"}


# Formulas live in .formulas; re-exported here for the template modules.

# --------------------------------------------------------------------------------------------
# LaTeX and text checks
# --------------------------------------------------------------------------------------------

_FORBIDDEN_TEX = frozenset({
    "input", "include", "includeonly", "write", "openin", "openout", "read", "readline", "catcode",
    "def", "edef", "gdef", "xdef", "let", "futurelet", "immediate", "usepackage", "requirepackage",
    "documentclass", "newcommand", "renewcommand", "providecommand", "newenvironment",
    "renewenvironment", "csname", "endcsname", "expandafter", "special", "write18", "directlua",
    "luaexec", "shipout", "loop", "repeat", "jobname", "closein", "closeout", "newwrite", "newread",
    "verbatiminput", "lstinputlisting", "input@path", "makeatletter", "makeatother", "endinput",
    "scantokens", "everyeof", "uppercase", "lowercase", "afterassignment", "aftergroup",
    "globaldefs", "errorstopmode", "batchmode", "nonstopmode", "scrollmode", "dump", "end",
    "begingroup", "endgroup", "string", "detokenize", "unexpanded", "noexpand", "obeylines",
    "mathcode", "lccode", "uccode", "sfcode", "delcode", "char", "chardef", "mathchardef",
    "countdef", "toksdef", "newcount", "newtoks", "input", "openany", "pdfobj", "pdffiledump",
    "pdfliteral", "filecontents", "newline@",
})
_MAX_LATEX_CHARS = 300


def _check_latex(param: str, value: object, *, allow_empty: bool) -> str:
    if not isinstance(value, str):
        raise TemplateParamError(param, "it must be LaTeX given as text, e.g. E = mc^2.")
    text = value.strip()
    if text.startswith("$") and text.endswith("$"):
        text = text.strip("$").strip()
    if not text:
        if allow_empty:
            return ""
        raise TemplateParamError(param, "it is empty; give a LaTeX formula such as E = mc^2.")
    if len(text) > _MAX_LATEX_CHARS:
        raise TemplateParamError(param, f"it is longer than {_MAX_LATEX_CHARS} characters.")
    if any(ord(ch) < 32 and ch not in "\n" for ch in text) or "\n" in text:
        raise TemplateParamError(param, "it must be a single line without control characters.")
    if "$" in text:
        raise TemplateParamError(param, "it must not contain '$' (it is already typeset as maths).")
    if "^^" in text:
        raise TemplateParamError(param, "'^^' character codes are not allowed.")
    if "#" in text:
        raise TemplateParamError(param, "'#' is not allowed in the formula.")
    if re.search(r"(?<!\\)%", text):
        raise TemplateParamError(param, "an unescaped '%' would comment out the rest; write \\% instead.")
    for command in re.findall(r"\\([A-Za-z@]+)", text):
        if command.lower() in _FORBIDDEN_TEX or "@" in command:
            raise TemplateParamError(param, f"the LaTeX command \\{command} is not allowed.")
    depth = 0
    for index, ch in enumerate(text):
        if ch in "{}" and index > 0 and text[index - 1] == "\\":
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                raise TemplateParamError(param, "its braces { } are not balanced.")
    if depth != 0:
        raise TemplateParamError(param, "its braces { } are not balanced.")
    if text.endswith("\\") and not text.endswith("\\\\"):
        raise TemplateParamError(param, "it must not end with a lone backslash.")
    return text


def _py_str(text: str) -> str:
    """A Python string literal for ``text``: raw when that is safe and readable, repr otherwise."""
    if '"' not in text and "\n" not in text and "\r" not in text and not text.endswith("\\") and text.isprintable():
        return 'r"' + text + '"'
    return repr(text)


# --------------------------------------------------------------------------------------------
# Parameters and templates
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    default: object
    label: str
    help: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()

    def clean(self, value: object) -> object:
        """Coerce and check one value; raises TemplateParamError naming this parameter."""
        kind = self.kind
        if kind == "expr":
            try:
                return compile_formula(value).source  # type: ignore[arg-type]
            except _ExprError as exc:
                raise TemplateParamError(self.name, f"the formula {value!r} was rejected: {exc}.") from None
        if kind in ("float", "int"):
            number = _coerce_number(self.name, value, integer=(kind == "int"))
            if self.minimum is not None and number < self.minimum or (
                self.maximum is not None and number > self.maximum
            ):
                raise TemplateParamError(
                    self.name,
                    f"{_fmt_number(number)} is out of range; it must be between "
                    f"{_fmt_number(self.minimum)} and {_fmt_number(self.maximum)}.",
                )
            return number
        if kind == "color":
            name = value.strip().lower() if isinstance(value, str) else None
            if name not in COLORS:
                raise TemplateParamError(
                    self.name, f"unknown colour {value!r}; choose one of {', '.join(COLORS)}."
                )
            return name
        if kind == "shape":
            name = value.strip().lower() if isinstance(value, str) else None
            name = _SHAPE_ALIASES.get(name, name)
            if name not in SHAPES:
                raise TemplateParamError(
                    self.name, f"unknown shape {value!r}; choose one of {', '.join(SHAPES)}."
                )
            return name
        if kind == "choice":
            name = value.strip().lower() if isinstance(value, str) else None
            if name not in self.choices:
                raise TemplateParamError(
                    self.name, f"{value!r} is not one of the choices: {', '.join(self.choices)}."
                )
            return name
        if kind == "latex":
            return _check_latex(self.name, value, allow_empty=self.default == "")
        if kind == "text":
            if not isinstance(value, str):
                raise TemplateParamError(self.name, "it must be text.")
            text = " ".join(value.split())
            limit = int(self.maximum or 80)
            if len(text) > limit:
                raise TemplateParamError(self.name, f"it is longer than {limit} characters.")
            if not text.isprintable():
                raise TemplateParamError(self.name, "it contains control characters.")
            if not text and self.default != "":
                raise TemplateParamError(self.name, "it is empty.")
            return text
        raise TemplateParamError(self.name, f"has an unknown kind {kind!r}.")  # pragma: no cover


def _coerce_number(param: str, value: object, *, integer: bool) -> float | int:
    what = "a whole number" if integer else "a number"
    if isinstance(value, bool):
        raise TemplateParamError(param, f"it must be {what}, not {value!r}.")
    if isinstance(value, str):
        text = value.strip().replace("−", "-")
        try:
            value = float(text)
        except ValueError:
            raise TemplateParamError(param, f"{value!r} is not {what}.") from None
    if not isinstance(value, (int, float)):
        raise TemplateParamError(param, f"it must be {what}.")
    if not math.isfinite(value):
        raise TemplateParamError(param, f"it must be a finite number, not {value!r}.")
    if integer:
        if float(value) != int(value):
            raise TemplateParamError(param, f"{value!r} is not a whole number.")
        return int(value)
    return float(value) if not float(value).is_integer() else float(value)


@dataclass(frozen=True)
class SceneTemplate:
    slug: str
    title: str
    subject: str
    description: str
    scene_name: str
    params: tuple[Param, ...]
    keywords: tuple[str, ...]
    examples: tuple[str, ...]
    # Internal hooks (not part of the public data): the code builder, a cross-parameter check
    # and the prompt -> parameters extractor.
    builder: Callable[[dict], str] | None = field(default=None, repr=False, compare=False)
    checker: Callable[[dict], None] | None = field(default=None, repr=False, compare=False)
    extractor: Callable[[str], dict] | None = field(default=None, repr=False, compare=False)
    # Template-specific evidence added to the keyword score: (prompt, extracted, base) -> bonus.
    # A large negative bonus vetoes the template for that prompt.
    scorer: Callable[[str, dict, float], float] | None = field(default=None, repr=False, compare=False)
    # Generic templates (plain plot, plain equation) lose ties to specific ones.
    generic: bool = field(default=False, repr=False, compare=False)
    # Keywords of this template that, like GENERIC_KEYWORDS, support a match but cannot carry it alone.
    weak: tuple[str, ...] = field(default=(), repr=False, compare=False)
    # Phrases naming something this template does not show (another algorithm, method or concept):
    # any of them in the prompt rules the template out.
    excludes: tuple[str, ...] = field(default=(), repr=False, compare=False)

    @property
    def defaults(self) -> dict:
        return {p.name: p.default for p in self.params}

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    def validate(self, values: dict | None) -> dict:
        if values is None:
            values = {}
        if not isinstance(values, dict):
            raise TemplateParamError("values", "parameters must be given as a mapping of name to value.")
        known = {p.name for p in self.params}
        for name in values:
            if name not in known:
                raise TemplateParamError(
                    str(name),
                    f"'{name}' is not a parameter of the {self.slug} template; it takes "
                    + (", ".join(sorted(known)) or "no parameters") + ".",
                )
        cleaned = {}
        for p in self.params:
            raw = values.get(p.name, p.default)
            if raw is None:
                raw = p.default
            cleaned[p.name] = p.clean(raw)
        if self.checker is not None:
            self.checker(cleaned)
        return cleaned

    def code(self, values: dict | None = None) -> str:
        cleaned = self.validate(values)
        assert self.builder is not None
        source = self.builder(cleaned)
        return source.strip("\n") + "\n"


@dataclass
class TemplateMatch:
    template: SceneTemplate
    values: dict
    score: float


# --------------------------------------------------------------------------------------------
# Helpers shared by the graphing templates
# --------------------------------------------------------------------------------------------


def _nice_step(span: float, target: int = 8) -> float:
    if span <= 0:
        return 1.0
    raw = span / target
    magnitude = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 5, 10):
        if mult * magnitude >= raw - 1e-12:
            return mult * magnitude
    return 10 * magnitude


def _axis_range(lo: float, hi: float, target: int = 8) -> tuple[float, float, float]:
    lo, hi = min(lo, 0.0), max(hi, 0.0)
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    step = _nice_step(hi - lo, target)
    lo = math.floor(lo / step + 1e-9) * step
    hi = math.ceil(hi / step - 1e-9) * step
    return float(lo), float(hi), float(step)


def _samples(formula: Formula, x_min: float, x_max: float, n: int = 601):
    xs = np.linspace(x_min, x_max, n)
    ys = np.broadcast_to(formula(xs), xs.shape).astype(float)
    return xs, ys


def _finite_run(xs, ys) -> tuple[float, float] | None:
    """The longest stretch of x where the function is finite (e.g. x >= 0 for sqrt(x))."""
    finite = np.isfinite(ys)
    best, start, best_len = None, None, 0
    for i, ok in enumerate(list(finite) + [False]):
        if ok and start is None:
            start = i
        elif not ok and start is not None:
            if i - start > best_len:
                best_len, best = i - start, (start, i - 1)
            start = None
    if best is None or best_len < 2:
        return None
    return float(xs[best[0]]), float(xs[best[1]])


def _graph_layout(param: str, formula: Formula, x_min: float, x_max: float, *, need_all: bool) -> dict:
    xs, ys = _samples(formula, x_min, x_max)
    if need_all and not np.all(np.isfinite(ys)):
        raise TemplateParamError(
            param,
            f"y = {formula.source} is not defined (or is infinite) somewhere between "
            f"{_fmt_number(x_min)} and {_fmt_number(x_max)}; choose another formula or range.",
        )
    run = _finite_run(xs, ys)
    if run is None:
        raise TemplateParamError(
            param, f"y = {formula.source} has no finite values between {_fmt_number(x_min)} and {_fmt_number(x_max)}."
        )
    finite = ys[np.isfinite(ys)]
    lo, hi = float(finite.min()), float(finite.max())
    if hi - lo > 1000 or max(abs(lo), abs(hi)) > 1e4:
        lo, hi = (float(v) for v in np.percentile(finite, [5, 95]))
    if hi - lo > 1e6:
        raise TemplateParamError(param, f"y = {formula.source} grows too large to draw on this range.")
    pad = 0.1 * (hi - lo or 1)
    ax = _axis_range(x_min, x_max)
    ay = _axis_range(lo - pad, hi + pad, target=6)
    return {"ax": ax, "ay": ay, "plot": run, "pieces": _visible_pieces(formula, xs, ys, ay)}


def _visible_pieces(formula: Formula, xs, ys, ay) -> list[tuple[float, float]]:
    """x intervals where the curve is defined and inside the y range (split at asymptotes/gaps)."""
    margin = 0.02 * (ay[1] - ay[0])
    low, high = ay[0] - margin, ay[1] + margin

    def inside(x: float) -> bool:
        y = float(formula(x))
        return math.isfinite(y) and low <= y <= high

    def edge(x_in: float, x_out: float) -> float:
        for _ in range(40):
            mid = (x_in + x_out) / 2
            if inside(mid):
                x_in = mid
            else:
                x_out = mid
        return x_in

    ok = [math.isfinite(y) and low <= y <= high for y in ys]
    pieces, start = [], None
    for i, flag in enumerate(ok + [False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            left = float(xs[start]) if start == 0 else edge(float(xs[start]), float(xs[start - 1]))
            right = float(xs[i - 1]) if i == len(ok) else edge(float(xs[i - 1]), float(xs[i]))
            if right - left > 1e-6:
                pieces.append((round(left, 6), round(right, 6)))
            start = None
    return pieces[:12]


def _sub(template: str, **values: object) -> str:
    return Template(template).substitute({k: str(v) for k, v in values.items()})


def _range_check(lo_name: str, hi_name: str) -> Callable[[dict], None]:
    def check(v: dict) -> None:
        if v[hi_name] <= v[lo_name]:
            raise TemplateParamError(hi_name, f"{hi_name} must be greater than {lo_name}.")
    return check


def _color(v: dict, name: str = "color") -> str:
    return COLORS[v[name]]


# --------------------------------------------------------------------------------------------
# Helpers shared by the templates that draw y = f(x) on axes
# --------------------------------------------------------------------------------------------

_AXES_CODE = '''        axes = Axes(
            x_range=[$ax_min, $ax_max, $ax_step],
            y_range=[$ay_min, $ay_max, $ay_step],
            x_length=10,
            y_length=5.5,
            tips=False,
            axis_config={"include_numbers": True, "font_size": 24},
        ).to_edge(DOWN, buff=0.4)
        axis_labels = axes.get_axis_labels(x_label="x", y_label="y")

        def f(x):
            return $python
'''


def _axes_values(layout: dict, formula: Formula) -> dict:
    ax, ay = layout["ax"], layout["ay"]
    return {
        "ax_min": _fmt_number(ax[0]), "ax_max": _fmt_number(ax[1]), "ax_step": _fmt_number(ax[2]),
        "ay_min": _fmt_number(ay[0]), "ay_max": _fmt_number(ay[1]), "ay_step": _fmt_number(ay[2]),
        "python": formula.python,
    }


def _plot_range(lo: float, hi: float) -> str:
    step = (hi - lo) / 200
    return f"[{_fmt_number(lo)}, {_fmt_number(hi)}, {_fmt_number(step)}]"



def _check_function_plot(v: dict) -> None:
    _range_check("x_min", "x_max")(v)
    formula = compile_formula(v["expr"])
    _graph_layout("expr", formula, v["x_min"], v["x_max"], need_all=False)


def _check_graph_all(v: dict) -> None:
    _range_check("x_min", "x_max")(v)
    formula = compile_formula(v["expr"])
    _graph_layout("expr", formula, v["x_min"], v["x_max"], need_all=True)



def _integral(formula: Formula, a: float, b: float) -> float:
    xs = np.linspace(a, b, 2001)
    ys = formula(xs)
    ys = np.broadcast_to(ys, xs.shape)
    h = (b - a) / 2000
    return float(h / 3 * (ys[0] + ys[-1] + 4 * ys[1:-1:2].sum() + 2 * ys[2:-1:2].sum()))


# --------------------------------------------------------------------------------------------
# Prompt -> parameter extraction (shared helpers)
# --------------------------------------------------------------------------------------------

_NUM = r"[-−]?\s*(?:\d+(?:\.\d+)?|\.\d+)"
_NUM_OR_PI = rf"(?:{_NUM}\s*\*?\s*(?:pi|π)?|[-−]?\s*(?:pi|π))"


def _to_number(text: str) -> float | None:
    t = text.replace("−", "-").replace(" ", "").lower().replace("π", "pi")
    try:
        if "pi" in t:
            coeff = t.replace("*", "").replace("pi", "")
            factor = {"": 1.0, "-": -1.0}.get(coeff)
            return (factor if factor is not None else float(coeff)) * math.pi
        return float(t)
    except ValueError:
        return None


def _find_colors(prompt: str) -> list[tuple[int, str]]:
    names = "|".join(sorted(COLORS, key=len, reverse=True))
    return [(m.start(), m.group(1).lower()) for m in re.finditer(rf"\b({names})\b", prompt, re.I)]


def _find_range(prompt: str) -> tuple[float, float] | None:
    patterns = [
        rf"\bfrom\s+(?:x\s*=\s*)?({_NUM_OR_PI})\s+(?:to|until|through)\s+(?:x\s*=\s*)?({_NUM_OR_PI})",
        rf"\bbetween\s+(?:x\s*=\s*)?({_NUM_OR_PI})\s+and\s+(?:x\s*=\s*)?({_NUM_OR_PI})",
        rf"[\[(]\s*({_NUM_OR_PI})\s*,\s*({_NUM_OR_PI})\s*[\])]",
        rf"({_NUM_OR_PI})\s*(?:<=|≤|<)\s*x\s*(?:<=|≤|<)\s*({_NUM_OR_PI})",
    ]
    for pattern in patterns:
        m = re.search(pattern, prompt, re.I)
        if m:
            lo, hi = _to_number(m.group(1)), _to_number(m.group(2))
            if lo is not None and hi is not None and lo < hi:
                return lo, hi
    return None


_EXPR_MARKERS = (
    r"\by\s*=", r"\bf\s*\(\s*x\s*\)\s*=", r"\bg\s*\(\s*x\s*\)\s*=", r"\bgraph\s+of", r"\bplot\s+of",
    r"\bcurve\s+of", r"\bunder\b", r"\bfunction\b", r"\bplot\b", r"\bgraph\b", r"\bof\b", r"\bfor\b",
)
_EXPR_STOP = re.compile(
    r"\s(?:from|between|on|over|for|in|with|and|using|where|as|at|then|colou?red|to|when|which|that)\b"
    r"|[,;:!?]|\.\s|\.$",
    re.I,
)
_EXPR_FILLER = re.compile(
    r"^(?:the|a|an|curve|graph|function|plot|of|y\s*=|f\s*\(\s*x\s*\)\s*=|its|parabola|line)\s+", re.I
)


def _expr_at(tail: str) -> str | None:
    """The longest formula in x at the start of ``tail`` (after filler words), or None."""
    tail = tail.strip()
    previous = None
    while previous != tail:
        previous = tail
        tail = _EXPR_FILLER.sub("", tail).strip()
        tail = re.sub(r"^(?:y|f\s*\(\s*x\s*\)|g\s*\(\s*x\s*\))\s*=\s*", "", tail, flags=re.I)
    stop = _EXPR_STOP.search(" " + tail)
    candidate = (" " + tail)[: stop.start()] if stop else " " + tail
    words = candidate.split()
    while words:
        text = " ".join(words).strip("\"'`$ ")
        try:
            formula = compile_formula(text)
        except ValueError:
            words.pop()
            continue
        if _uses_x(formula.tree):
            return formula.source
        break
    return None


def _find_expr(prompt: str) -> str | None:
    for marker in _EXPR_MARKERS:
        for m in re.finditer(marker, prompt, re.I):
            found = _expr_at(prompt[m.end():])
            if found:
                return found
    return None


def _find_exprs(prompt: str, markers: str = r"\by\s*=|\b[fg]\s*\(\s*x\s*\)\s*=|\bbetween\b|\band\b|\bof\b|,") -> list[str]:
    """Every distinct formula in x that follows one of ``markers``, in order of appearance."""
    found: list[tuple[int, str]] = []
    for m in re.finditer(markers, prompt, re.I):
        expr = _expr_at(prompt[m.end():])
        if expr and expr not in [e for _, e in found]:
            found.append((m.start(), expr))
    return [e for _, e in sorted(found)]


def _number(text: str) -> float:
    return float(text.replace("−", "-").replace(" ", ""))


def _find_number(prompt: str, pattern: str) -> float | None:
    """The number captured by the first group of ``pattern`` (case-insensitive), or None."""
    m = re.search(pattern, prompt, re.I)
    if not m:
        return None
    try:
        return _number(m.group(1))
    except ValueError:
        return None


def _extract_graph(prompt: str, lo: str = "x_min", hi: str = "x_max") -> dict:
    values: dict = {}
    expr = _find_expr(prompt)
    if expr:
        values["expr"] = expr
    rng = _find_range(prompt)
    if rng:
        values[lo], values[hi] = rng
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


def _numbers_after(prompt: str, words: str, count: int) -> list[float] | None:
    m = re.search(rf"\b(?:{words})\b[^0-9\-−]{{0,20}}((?:{_NUM}[\s,;]*(?:and\s+)?){{{count}}})", prompt, re.I)
    if not m:
        return None
    nums = [float(n.replace("−", "-").replace(" ", "")) for n in re.findall(_NUM, m.group(1))]
    return nums[:count] if len(nums) >= count else None



def _parse_int_list(param: str, text: str, least: int = 2, most: int = 8) -> list[int]:
    parts = [p for p in re.split(r"[,\s;]+", text.strip()) if p]
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        raise TemplateParamError(param, f"{text!r} must be whole numbers separated by commas, e.g. 5, 2, 8, 1.") from None
    if not least <= len(numbers) <= most:
        raise TemplateParamError(param, f"give between {least} and {most} numbers.")
    if any(n < 0 or n > 99 for n in numbers):
        raise TemplateParamError(param, "the numbers must be between 0 and 99.")
    return numbers


_EXPR_HELP = "A formula in x, e.g. x^2 - 1, sin(x), 2x + 1, e^x, sqrt(x), |x|."


def _graph_params(expr: str, x_min: float, x_max: float, color: str) -> tuple[Param, ...]:
    return (
        Param("expr", "expr", expr, "Function f(x)", _EXPR_HELP),
        Param("x_min", "float", x_min, "x from", "Left end of the range.", -100, 100),
        Param("x_max", "float", x_max, "x to", "Right end of the range.", -100, 100),
        Param("color", "color", color, "Curve colour"),
    )



# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------

_MIN_SCORE = 1.0

# Words too common or too ambiguous to identify a template on their own ("vectors" appear in
# physics, "triangle" in Pascal's triangle, "project" in a software project, "plot" in any chart).
# Wherever a template lists one of them it is *weak*: it adds to the score, but a template is only
# considered when the prompt also contains one of its distinctive keywords, or when its scorer
# finds positive evidence in the values read from the prompt (a formula, an equation, two shapes).
GENERIC_KEYWORDS = frozenset({
    "vector", "vectors", "matrix", "matrices", "triangle", "shape", "shapes", "into a", "project",
    "projecting", "graph", "graph of", "plot", "plot of", "function", "curve", "axes", "sketch", "y =",
    "f(x) =", "equation", "formula", "identity", "area", "integral", "tree", "nodes", "insert",
    "insertion", "inserting", "solve", "step by step", "x^2", "swap", "length", "period",
    "characteristic", "out of", "slices", "sectors", "harmonics", "sine", "trig", "add", "adding",
    "plus", "minus", "subtract", "subtracting", "addition", "subtraction", "arithmetic", "traverse",
    "traversal", "vertices", "parallelogram", "unit square", "resultant", "gaussian", "derivative",
    "slope", "slope of", "lim", "hole", "approaches", "approaching", "tends to", "goes to",
})


def _phrase_pattern(phrase: str) -> str:
    kw = phrase.lower()
    return (r"(?<![\w])" if kw[:1].isalnum() else "") + re.escape(kw) + (r"(?![\w])" if kw[-1:].isalnum() else "")


def _keyword_weight(keyword: str) -> float:
    return 1.0 + 0.5 * (len(keyword.split()) - 1)


def _keyword_hits(template: SceneTemplate, text: str) -> tuple[float, float]:
    """(distinctive, weak) keyword scores of ``template`` in the lower-cased ``text``."""
    weak_words = GENERIC_KEYWORDS.union(k.lower() for k in template.weak)
    strong = weak = 0.0
    for keyword in template.keywords:
        kw = keyword.lower()
        if re.search(_phrase_pattern(kw), text):
            if kw in weak_words:
                weak += _keyword_weight(kw)
            else:
                strong += _keyword_weight(kw)
    return strong, weak


def _keyword_score(template: SceneTemplate, text: str) -> float:
    strong, weak = _keyword_hits(template, text)
    return strong + weak


def _excluded(template: SceneTemplate, text: str) -> bool:
    return any(re.search(_phrase_pattern(phrase), text) for phrase in template.excludes)


def _validated(template: SceneTemplate, extracted: dict) -> dict:
    """Validate what was extracted; drop values that do not fit rather than failing."""
    values = dict(extracted)
    for _ in range(len(values) + 1):
        try:
            return template.validate(values)
        except TemplateParamError as exc:
            if exc.param in values:
                values.pop(exc.param)
            elif values:
                values.popitem()
            else:
                raise
    return template.validate({})


def match_templates(prompt: str, templates: Sequence[SceneTemplate]) -> TemplateMatch | None:
    """The template of ``templates`` that best fits ``prompt``, with parameters taken from it.

    A template scores one point per keyword found (more for multi-word keywords) plus what its
    ``scorer`` adds from the prompt and the extracted values; the best score of at least
    ``_MIN_SCORE`` wins, earlier templates winning ties. A template is ruled out when the prompt
    names something it ``excludes``, and it needs one distinctive keyword (one that is not in
    GENERIC_KEYWORDS or its ``weak`` list) unless its scorer found evidence (a positive bonus)
    to back up the generic ones: with no good match the answer is None, never an unrelated scene.
    """
    if not isinstance(prompt, str) or not prompt.strip():
        return None
    text = " ".join(prompt.split())
    lower = text.lower()
    best: tuple[float, SceneTemplate, dict] | None = None
    for template in templates:
        if _excluded(template, lower):
            continue
        strong, weak = _keyword_hits(template, lower)
        if not strong and not weak:
            continue
        base = strong + weak
        extracted = template.extractor(text) if template.extractor else {}
        bonus = template.scorer(text, extracted, base) if template.scorer else 0.0
        if not strong and bonus <= 0:
            continue  # only generic words, and nothing read from the prompt backs them up
        score = base + bonus
        if score < _MIN_SCORE:
            continue
        if template.generic:
            score -= 0.25
        if best is None or score > best[0]:
            best = (score, template, extracted)
    if best is None:
        return None
    score, template, extracted = best
    try:
        values = _validated(template, extracted)
    except TemplateParamError:
        return None
    return TemplateMatch(template=template, values=values, score=round(score, 3))
