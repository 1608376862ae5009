"""The offline ("builtin") generator: a library of parameterised Manim CE scene templates.

Each :class:`SceneTemplate` turns a dict of parameter values into a complete, self-contained
Manim Community Edition program (``from manim import *`` plus exactly one Scene subclass).
:func:`match_prompt` picks the template that fits a free-text prompt and pulls parameter
values (functions, ranges, shapes, colours, numbers) out of it.

Everything a user can type ends up in the generated code only after validation:

* formulas ("expr" parameters) are parsed with :mod:`ast` and checked against an allowlist of
  names and operators, then re-emitted as numpy code and as LaTeX;
* strings are embedded as Python string literals (never pasted into code), and LaTeX is
  refused when it uses commands that read or write files or redefine TeX itself;
* numbers are range-checked, colours and shapes come from fixed tables.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from string import Template

import numpy as np

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


# --------------------------------------------------------------------------------------------
# Formulas: user syntax -> checked AST -> numpy code / LaTeX / safe numeric evaluation
# --------------------------------------------------------------------------------------------

_FUNCTIONS = ("sin", "cos", "tan", "exp", "log", "sqrt", "abs")
_CONSTANTS = ("pi", "e")
_ALLOWED_NAMES = frozenset(("x",) + _FUNCTIONS + _CONSTANTS)
_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_UNARYOPS = (ast.UAdd, ast.USub)
_MAX_EXPR_CHARS = 120
_MAX_EXPR_NODES = 80
_FUNC_NAMES_RE = "sin|cos|tan|exp|log|ln|sqrt|abs"


class _ExprError(ValueError):
    pass


def _normalise_expr(text: str) -> str:
    """User formula syntax -> Python expression syntax (still to be checked)."""
    s = text.strip().lower()
    for old, new in (("π", "pi"), ("−", "-"), ("–", "-"), ("×", "*"), ("·", "*"), ("÷", "/"),
                     ("²", "^2"), ("³", "^3"), ("√", "sqrt")):
        s = s.replace(old, new)
    s = re.sub(r"^\s*(?:y|f\s*\(\s*x\s*\))\s*=\s*", "", s)
    s = s.rstrip(" .;")
    previous = None
    while previous != s:  # |x| -> abs(x), innermost first
        previous = s
        s = re.sub(r"\|([^|]*)\|", r"abs(\1)", s, count=1)
    s = s.replace("^", "**")
    s = re.sub(r"\bln\b", "log", s)
    # sin x -> sin(x), sqrt 2 -> sqrt(2)
    s = re.sub(rf"\b({_FUNC_NAMES_RE})\s+(x|pi|e|\d+(?:\.\d+)?)\b", r"\1(\2)", s)
    # implicit multiplication: 2x, 2(x+1), 2sin(x), (x+1)(x-1), (x)x, x(x+1), x sin(x)
    s = re.sub(r"(\d)\s*(?=[a-z(])", r"\1*", s)
    s = re.sub(r"\)\s*(?=[a-z0-9(])", ")*", s)
    s = re.sub(r"\b(x|pi|e)\s*(?=\()", r"\1*", s)
    s = re.sub(rf"\b(x|pi|e)\s+(?=(?:{_FUNC_NAMES_RE}|x|pi|e)\b)", r"\1*", s)
    return s


def _check_tree(tree: ast.Expression) -> None:
    count = 0
    for node in ast.walk(tree):
        count += 1
        if isinstance(node, (ast.Expression, ast.Load)) or type(node) in _BINOPS or isinstance(node, _UNARYOPS):
            continue
        if isinstance(node, ast.BinOp):
            if type(node.op) not in _BINOPS:
                raise _ExprError("it uses an operator that is not allowed (use + - * / ^)")
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, _UNARYOPS):
                raise _ExprError("it uses an operator that is not allowed (use + - * / ^)")
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
                raise _ExprError("only numbers, x, pi and e can appear in it")
        elif isinstance(node, ast.Name):
            if node.id not in _ALLOWED_NAMES:
                raise _ExprError(
                    f"it uses '{node.id}', which is not allowed (use x, pi, e, "
                    + ", ".join(_FUNCTIONS) + ")"
                )
        elif isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS:
                name = node.func.id if isinstance(node.func, ast.Name) else "that call"
                raise _ExprError(f"'{name}' is not an allowed function (use {', '.join(_FUNCTIONS)})")
            if len(node.args) != 1 or node.keywords:
                raise _ExprError(f"'{node.func.id}' takes exactly one argument")
        else:
            raise _ExprError("only arithmetic on x, numbers and the functions "
                             + ", ".join(_FUNCTIONS) + " is allowed")
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in _FUNCTIONS:
            # a function name used as a value (e.g. "sin + 1") rather than called
            parents = [p for p in ast.walk(tree) if isinstance(p, ast.Call) and p.func is node]
            if not parents:
                raise _ExprError(f"'{node.id}' must be called, e.g. {node.id}(x)")
        if isinstance(node, ast.Name) and node.id in ("x",) + _CONSTANTS:
            if any(isinstance(p, ast.Call) and p.func is node for p in ast.walk(tree)):
                raise _ExprError(f"'{node.id}' is not a function")
    if count > _MAX_EXPR_NODES:
        raise _ExprError("it is too long")


def _uses_x(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id == "x" for n in ast.walk(node))


def _eval_node(node: ast.AST, x):
    """Evaluate a checked tree with numpy floats only (never Python ints: no huge powers)."""
    if isinstance(node, ast.Expression):
        return _eval_node(node.body, x)
    if isinstance(node, ast.Constant):
        return np.float64(node.value)
    if isinstance(node, ast.Name):
        return {"x": x, "pi": np.float64(np.pi), "e": np.float64(np.e)}[node.id]
    if isinstance(node, ast.UnaryOp):
        value = _eval_node(node.operand, x)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp):
        left, right = _eval_node(node.left, x), _eval_node(node.right, x)
        op = type(node.op)
        if op is ast.Add:
            return np.add(left, right)
        if op is ast.Sub:
            return np.subtract(left, right)
        if op is ast.Mult:
            return np.multiply(left, right)
        if op is ast.Div:
            return np.divide(left, right)
        return np.power(left, right)
    if isinstance(node, ast.Call):
        arg = _eval_node(node.args[0], x)
        func = {"sin": np.sin, "cos": np.cos, "tan": np.tan, "exp": np.exp, "log": np.log,
                "sqrt": np.sqrt, "abs": np.abs}[node.func.id]
        return func(arg)
    raise _ExprError("unsupported syntax")


def _check_constants(tree: ast.Expression) -> None:
    """Every constant sub-expression must be a finite number (no 10^10^10, 1/0, (-8)^(1/3))."""
    with np.errstate(all="ignore"):
        for node in ast.walk(tree.body):
            if isinstance(node, (ast.BinOp, ast.UnaryOp, ast.Call)) and not _uses_x(node):
                value = _eval_node(node, np.float64(0.0))
                if not np.isfinite(value):
                    raise _ExprError("part of it has no finite value (too large, or undefined)")
                if abs(float(value)) > 1e12:
                    raise _ExprError("a number in it is too large")
            if isinstance(node, ast.Constant) and abs(float(node.value)) > 1e9:
                raise _ExprError("a number in it is too large")


def _parse_expr(text: object) -> ast.Expression:
    if not isinstance(text, str):
        raise _ExprError("it must be a formula in x given as text, e.g. x^2 - 1")
    if not text.strip():
        raise _ExprError("it is empty; give a formula in x, e.g. x^2 - 1")
    if len(text) > _MAX_EXPR_CHARS:
        raise _ExprError(f"it is longer than {_MAX_EXPR_CHARS} characters")
    source = _normalise_expr(text)
    if "__" in source or "=" in source or ";" in source:
        raise _ExprError("it can only contain a formula in x, e.g. x^2 - 1")
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError):
        raise _ExprError("it could not be read as a formula in x (e.g. x^2 - 1, sin(x), 2x + 1)") from None
    _check_tree(tree)
    _check_constants(tree)
    return tree


class _ToNumpy(ast.NodeTransformer):
    def visit_Call(self, node: ast.Call) -> ast.AST:
        arg = self.visit(node.args[0])
        return ast.Call(func=ast.Attribute(value=ast.Name("np", ast.Load()), attr=node.func.id, ctx=ast.Load()),
                        args=[arg], keywords=[])

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        if isinstance(node.op, ast.Pow) and isinstance(node.left, ast.Name) and node.left.id == "e":
            return ast.Call(func=ast.Attribute(value=ast.Name("np", ast.Load()), attr="exp", ctx=ast.Load()),
                            args=[self.visit(node.right)], keywords=[])
        return ast.BinOp(left=self.visit(node.left), op=node.op, right=self.visit(node.right))

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id in _CONSTANTS:
            return ast.Attribute(value=ast.Name("np", ast.Load()), attr=node.id, ctx=ast.Load())
        return node


def _fmt_number(value: float) -> str:
    """A short, exact-looking literal for a number (used in code and LaTeX)."""
    value = float(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.6g}"
    return text


_PREC_ADD, _PREC_MUL, _PREC_UNARY, _PREC_POW, _PREC_ATOM = 1, 2, 3, 4, 5


def _to_latex(node: ast.AST) -> tuple[str, int]:
    if isinstance(node, ast.Expression):
        return _to_latex(node.body)
    if isinstance(node, ast.Constant):
        return _fmt_number(node.value), _PREC_ATOM
    if isinstance(node, ast.Name):
        return {"x": "x", "pi": r"\pi", "e": "e"}[node.id], _PREC_ATOM
    if isinstance(node, ast.UnaryOp):
        inner, prec = _to_latex(node.operand)
        if prec <= _PREC_ADD:
            inner = rf"\left({inner}\right)"
        sign = "-" if isinstance(node.op, ast.USub) else "+"
        return f"{sign}{inner}", _PREC_UNARY
    if isinstance(node, ast.Call):
        inner, _ = _to_latex(node.args[0])
        name = node.func.id
        if name == "sqrt":
            return rf"\sqrt{{{inner}}}", _PREC_ATOM
        if name == "abs":
            return rf"\left|{inner}\right|", _PREC_ATOM
        if name == "exp":
            return rf"e^{{{inner}}}", _PREC_POW
        command = r"\ln" if name == "log" else "\\" + name
        return rf"{command}\left({inner}\right)", _PREC_ATOM
    if isinstance(node, ast.BinOp):
        op = type(node.op)
        left, lp = _to_latex(node.left)
        right, rp = _to_latex(node.right)
        if op is ast.Div:
            return rf"\frac{{{left}}}{{{right}}}", _PREC_ATOM
        if op is ast.Pow:
            if lp < _PREC_ATOM or left.startswith("-"):
                left = rf"\left({left}\right)"
            return f"{left}^{{{right}}}", _PREC_POW
        if op is ast.Add:
            return f"{left} + {right}", _PREC_ADD
        if op is ast.Sub:
            if rp <= _PREC_ADD or (rp == _PREC_UNARY):
                right = rf"\left({right}\right)"
            return f"{left} - {right}", _PREC_ADD
        # multiplication
        if lp <= _PREC_ADD:
            left = rf"\left({left}\right)"
        if rp <= _PREC_UNARY:
            right = rf"\left({right}\right)"
        if isinstance(node.left, ast.Constant) and not right[:1].isdigit() and not right.startswith(r"\frac"):
            return f"{left}{right}", _PREC_MUL
        return rf"{left} \cdot {right}", _PREC_MUL
    raise _ExprError("unsupported syntax")


@dataclass(frozen=True)
class Formula:
    """A checked formula in x: how the user wrote it, as numpy code and as LaTeX."""

    source: str
    python: str
    latex: str
    tree: ast.Expression = field(repr=False, compare=False)

    def __call__(self, x):
        with np.errstate(all="ignore"):
            return _eval_node(self.tree, np.asarray(x, dtype=float))


def compile_formula(text: str) -> Formula:
    """Parse and check a user formula; raises ValueError with a readable reason."""
    tree = _parse_expr(text)
    python = ast.unparse(ast.fix_missing_locations(_ToNumpy().visit(_parse_expr(text))))
    latex, _ = _to_latex(tree)
    return Formula(source=" ".join(text.split()), python=python, latex=latex, tree=tree)


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
# Code builders
# --------------------------------------------------------------------------------------------


def _build_shape_transform(v: dict) -> str:
    start = SHAPES[v["from_shape"]].format(color=_color(v, "from_color"))
    end = SHAPES[v["to_shape"]].format(color=_color(v, "to_color"))
    return _sub('''
from manim import *


class ShapeTransform(Scene):
    def construct(self):
        start = $start
        end = $end

        self.play(DrawBorderThenFill(start))
        self.wait(0.5)
        self.play(Transform(start, end), run_time=2)
        self.play(Indicate(start, scale_factor=1.1))
        self.wait(1)
''', start=start, end=end)


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


def _build_function_plot(v: dict) -> str:
    formula = compile_formula(v["expr"])
    layout = _graph_layout("expr", formula, v["x_min"], v["x_max"], need_all=False)
    pieces = layout["pieces"] or [layout["plot"]]
    if len(pieces) == 1:
        plot = f"axes.plot(f, x_range={_plot_range(*pieces[0])}, color={_color(v)})"
    else:
        # the curve leaves the picture (asymptote or gap): one piece per visible stretch
        ranges = "".join(f"                {_plot_range(lo, hi)},\n" for lo, hi in pieces)
        plot = ("VGroup(*[\n"
                f"            axes.plot(f, x_range=r, color={_color(v)})\n"
                "            for r in [\n"
                f"{ranges}"
                "            ]\n"
                "        ])")
    return _sub('''
from manim import *


class FunctionPlot(Scene):
    def construct(self):
''' + _AXES_CODE + '''
        graph = $plot
        label = MathTex($label, color=$color).to_edge(UP, buff=0.3)

        self.play(Create(axes), Write(axis_labels))
        self.play(Create(graph), run_time=2)
        self.play(Write(label))
        self.wait(1)
''', **_axes_values(layout, formula), plot=plot, color=_color(v),
        label=_py_str(f"y = {formula.latex}"))


def _check_function_plot(v: dict) -> None:
    _range_check("x_min", "x_max")(v)
    formula = compile_formula(v["expr"])
    _graph_layout("expr", formula, v["x_min"], v["x_max"], need_all=False)


def _check_graph_all(v: dict) -> None:
    _range_check("x_min", "x_max")(v)
    formula = compile_formula(v["expr"])
    _graph_layout("expr", formula, v["x_min"], v["x_max"], need_all=True)


def _build_tangent_line(v: dict) -> str:
    formula = compile_formula(v["expr"])
    a, b = v["x_min"], v["x_max"]
    layout = _graph_layout("expr", formula, a, b, need_all=True)
    margin = 0.1 * (b - a)
    h = max((b - a) * 1e-4, 1e-6)
    return _sub('''
from manim import *


class MovingTangent(Scene):
    def construct(self):
''' + _AXES_CODE + '''
        def slope(x):
            h = $h
            return (f(x + h) - f(x - h)) / (2 * h)

        graph = axes.plot(f, x_range=$plot_range, color=$color)
        label = MathTex($label, color=$color).to_edge(UP, buff=0.3)
        x0 = ValueTracker($start)

        def tangent():
            x = x0.get_value()
            point = axes.c2p(x, f(x))
            direction = axes.c2p(x + 1, f(x) + slope(x)) - point
            direction = direction / np.linalg.norm(direction)
            return Line(point - 1.8 * direction, point + 1.8 * direction, color=$tangent_color)

        tangent_line = always_redraw(tangent)
        dot = always_redraw(lambda: Dot(axes.c2p(x0.get_value(), f(x0.get_value())), color=$tangent_color))
        slope_value = DecimalNumber(slope($start), num_decimal_places=2, include_sign=True)
        readout = VGroup(MathTex(r"\\text{slope} ="), slope_value).arrange(RIGHT).to_corner(UR, buff=0.3)
        slope_value.add_updater(lambda m: m.set_value(slope(x0.get_value())))

        self.play(Create(axes), Write(axis_labels))
        self.play(Create(graph), Write(label), run_time=1.5)
        self.play(Create(tangent_line), FadeIn(dot), FadeIn(readout))
        self.play(x0.animate.set_value($end), run_time=4, rate_func=there_and_back_with_pause)
        self.wait(0.5)
''', **_axes_values(layout, formula), h=_fmt_number(h), plot_range=_plot_range(a, b), color=_color(v),
        tangent_color=_color(v, "tangent_color"), label=_py_str(f"y = {formula.latex}"),
        start=_fmt_number(round(a + margin, 6)), end=_fmt_number(round(b - margin, 6)))


def _integral(formula: Formula, a: float, b: float) -> float:
    xs = np.linspace(a, b, 2001)
    ys = formula(xs)
    ys = np.broadcast_to(ys, xs.shape)
    h = (b - a) / 2000
    return float(h / 3 * (ys[0] + ys[-1] + 4 * ys[1:-1:2].sum() + 2 * ys[2:-1:2].sum()))


def _build_riemann(v: dict) -> str:
    formula = compile_formula(v["expr"])
    a, b = v["x_min"], v["x_max"]
    layout = _graph_layout("expr", formula, a, b, need_all=True)
    area = _integral(formula, a, b)
    area_text = f"{area:.3f}" if abs(area) < 1e4 else f"{area:.4g}"
    return _sub('''
from manim import *


class RiemannSums(Scene):
    def construct(self):
''' + _AXES_CODE + '''
        graph = axes.plot(f, x_range=$plot_range, color=$color)
        label = MathTex($label, color=$color).to_edge(UP, buff=0.3)
        a, b = $a, $b

        def rectangles(n):
            return axes.get_riemann_rectangles(
                graph,
                x_range=[a, b],
                dx=(b - a) / n,
                input_sample_type="$sample",
                color=(BLUE, GREEN),
                fill_opacity=0.7,
                stroke_width=1,
            )

        self.play(Create(axes), Write(axis_labels))
        self.play(Create(graph), Write(label))
        rects = rectangles(4)
        count = Text("n = 4", font_size=32).to_corner(UR, buff=0.4)
        self.play(Create(rects), FadeIn(count))
        for n in (8, 16, 32, 64):
            new_count = Text(f"n = {n}", font_size=32).move_to(count)
            self.play(Transform(rects, rectangles(n)), Transform(count, new_count), run_time=1)
        area = axes.get_area(graph, x_range=[a, b], color=(BLUE, GREEN), opacity=0.7)
        result = MathTex($result).to_corner(UR, buff=0.4)
        self.play(FadeOut(rects), FadeIn(area), ReplacementTransform(count, result))
        self.wait(1)
''', **_axes_values(layout, formula), plot_range=_plot_range(a, b), color=_color(v),
        label=_py_str(f"y = {formula.latex}"), a=_fmt_number(a), b=_fmt_number(b), sample=v["sample"],
        result=_py_str(rf"\int_{{{_fmt_number(a)}}}^{{{_fmt_number(b)}}} f(x)\,dx \approx {area_text}"))


def _build_equation(v: dict) -> str:
    steps = [s.strip() for s in v["steps"].split(";") if s.strip()] if v["steps"] else []
    lines = [
        "from manim import *",
        "",
        "",
        "class EquationScene(Scene):",
        "    def construct(self):",
        f"        equation = MathTex({_py_str(v['latex'])}, font_size=72, color={_color(v)})",
        "        if equation.width > config.frame_width - 1:",
        "            equation.scale_to_fit_width(config.frame_width - 1)",
        "        self.play(Write(equation), run_time=2)",
        "        self.play(Circumscribe(equation, color=YELLOW))",
    ]
    for i, step in enumerate(steps, start=1):
        lines += [
            f"        step_{i} = MathTex({_py_str(step)}, font_size=72, color={_color(v)})",
            f"        if step_{i}.width > config.frame_width - 1:",
            f"            step_{i}.scale_to_fit_width(config.frame_width - 1)",
            f"        self.play(TransformMatchingShapes(equation, step_{i}), run_time=1.5)",
            f"        equation = step_{i}",
            "        self.wait(0.5)",
        ]
    lines += [
        "        self.play(equation.animate.set_color(YELLOW), rate_func=there_and_back, run_time=1)",
        "        self.wait(1)",
    ]
    return "\n".join(lines)


def _check_equation(v: dict) -> None:
    if v["steps"]:
        for step in v["steps"].split(";"):
            if step.strip():
                _check_latex("steps", step, allow_empty=False)


def _build_pythagorean(v: dict) -> str:
    a, b = v["a"], v["b"]
    c2 = a * a + b * b
    c = math.sqrt(c2)
    sa, sb, sc2 = _fmt_number(a), _fmt_number(b), _fmt_number(round(c2, 6))
    c_text = _fmt_number(c) if abs(c - round(c)) < 1e-9 else f"{c:.2f}"
    approx = "=" if abs(c - round(c)) < 1e-9 else r"\approx"
    numbers = rf"{sa}^2 + {sb}^2 = {_fmt_number(round(a * a, 6))} + {_fmt_number(round(b * b, 6))} = {sc2}"
    c_line = rf"c = \sqrt{{{sc2}}} {approx} {c_text}"
    return _sub('''
from manim import *


class Pythagorean(Scene):
    def construct(self):
        a, b = $a, $b
        s = min(6.2 / (a + 2 * b), 6.8 / (2 * a + b))  # scale so the figure fits

        C = ORIGIN
        B = RIGHT * a * s
        A = UP * b * s
        normal = np.array([b, a, 0]) * s  # outward side of the hypotenuse, length c*s
        triangle = Polygon(C, B, A, color=WHITE, stroke_width=4)
        right_angle = RightAngle(Line(C, B), Line(C, A), length=min(0.3, 0.3 * a * s, 0.3 * b * s))
        square_a = Polygon(C, C + DOWN * a * s, B + DOWN * a * s, B, color=BLUE, fill_opacity=0.5)
        square_b = Polygon(C, A, A + LEFT * b * s, C + LEFT * b * s, color=GREEN, fill_opacity=0.5)
        square_c = Polygon(B, B + normal, A + normal, A, color=RED, fill_opacity=0.5)
        figure = VGroup(square_a, square_b, square_c, triangle, right_angle)
        figure.move_to(LEFT * 3)

        labels = VGroup()
        for square, tex, side in ((square_a, "a^2", a), (square_b, "b^2", b), (square_c, "c^2", np.hypot(a, b))):
            label = MathTex(tex, font_size=44)
            if label.width > 0.7 * side * s:
                label.scale_to_fit_width(0.7 * side * s)
            labels.add(label.move_to(square))

        formula = MathTex("a^2", "+", "b^2", "=", "c^2", font_size=56)
        formula[0].set_color(BLUE)
        formula[2].set_color(GREEN)
        formula[4].set_color(RED)
        numbers = MathTex($numbers, font_size=40)
        hypotenuse = MathTex($c_line, font_size=40)
        text = VGroup(formula, numbers, hypotenuse).arrange(DOWN, buff=0.5).to_edge(RIGHT, buff=0.5)

        self.play(Create(triangle), Create(right_angle))
        self.play(DrawBorderThenFill(square_a), DrawBorderThenFill(square_b))
        self.play(Write(labels[0]), Write(labels[1]))
        self.play(DrawBorderThenFill(square_c), Write(labels[2]))
        self.play(Write(formula))
        self.play(FadeIn(numbers, shift=UP * 0.3))
        self.play(FadeIn(hypotenuse, shift=UP * 0.3))
        self.play(Indicate(square_c, color=RED))
        self.wait(1)
''', a=sa, b=sb, numbers=_py_str(numbers), c_line=_py_str(c_line))


def _check_pythagorean(v: dict) -> None:
    if max(v["a"], v["b"]) / min(v["a"], v["b"]) > 6:
        raise TemplateParamError("b", "the legs a and b must be within a factor of 6 of each other.")


def _build_unit_circle(v: dict) -> str:
    cycles = v["cycles"]
    ticks = ", ".join(
        f"{k} * PI / 2: MathTex({_py_str(_pi_label(k))})" for k in range(1, 4 * cycles + 1) if k % 2 == 0
    )
    return _sub('''
from manim import *


class UnitCircleSine(Scene):
    def construct(self):
        cycles = $cycles
        r = 1.5  # the unit circle's radius on screen: one unit of the graph's y axis
        center = LEFT * 4.7
        circle = Circle(radius=r, color=WHITE).move_to(center)
        cross = VGroup(
            Line(center + LEFT * (r + 0.3), center + RIGHT * (r + 0.3)),
            Line(center + DOWN * (r + 0.3), center + UP * (r + 0.3)),
        ).set_stroke(GREY, 2)
        axes = Axes(
            x_range=[0, 2 * PI * cycles, PI / 2],
            y_range=[-1.5, 1.5, 0.5],
            x_length=8.5,
            y_length=3 * r,
            tips=False,
        )
        axes.shift(LEFT * 2 - axes.c2p(0, 0))
        axes.x_axis.add_labels({$ticks}, font_size=28)
        title = MathTex(r"y = \\sin\\theta", color=$color).to_edge(UP)

        theta = ValueTracker(0)

        def on_circle():
            t = theta.get_value()
            return center + r * np.array([np.cos(t), np.sin(t), 0])

        def on_graph():
            t = theta.get_value()
            return axes.c2p(t, np.sin(t))

        radius = always_redraw(lambda: Line(center, on_circle(), color=BLUE))
        dot = always_redraw(lambda: Dot(on_circle(), color=$color))
        wave = always_redraw(
            lambda: axes.plot(np.sin, x_range=[0, max(theta.get_value(), 0.01), 0.05], color=$color)
        )
        wave_dot = always_redraw(lambda: Dot(on_graph(), color=$color))
        link = always_redraw(lambda: Line(on_circle(), on_graph(), color=GREY, stroke_width=2))

        self.play(Create(circle), Create(cross), Create(axes), Write(title))
        self.add(radius, link, wave, dot, wave_dot)
        self.play(theta.animate.set_value(2 * PI * cycles), run_time=4 * cycles, rate_func=linear)
        self.wait(1)
''', cycles=cycles, ticks=ticks, color=_color(v))


def _pi_label(k: int) -> str:
    """LaTeX for k*pi/2 (k even here, so multiples of pi)."""
    n = k // 2
    return r"\pi" if n == 1 else rf"{n}\pi"


def _build_vector_addition(v: dict) -> str:
    ax_, ay_, bx, by = v["ax"], v["ay"], v["bx"], v["by"]
    sx, sy = ax_ + bx, ay_ + by
    ext_x = max(abs(ax_), abs(bx), abs(sx), 1.0)
    ext_y = max(abs(ay_), abs(by), abs(sy), 1.0)
    k = max(1, math.ceil(max(ext_x / 6.0, ext_y / 3.3)))
    corner = ("DOWN" if sy >= 0 else "UP") + " + " + ("RIGHT" if sx < 0 else "LEFT")
    f = _fmt_number
    equation = (rf"\vec{{a}} + \vec{{b}} = ({f(ax_)}, {f(ay_)}) + ({f(bx)}, {f(by)}) "
                rf"= ({f(round(sx, 6))}, {f(round(sy, 6))})")
    return _sub('''
from manim import *


class VectorAddition(Scene):
    def construct(self):
        k = $k  # grid spacing, so that all three vectors fit on screen
        plane = NumberPlane(
            x_range=[-7 * k, 7 * k, k],
            y_range=[-4 * k, 4 * k, k],
            x_length=14,
            y_length=8,
            background_line_style={"stroke_opacity": 0.4},
        )
        a = np.array([$ax, $ay])
        b = np.array([$bx, $by])
        origin = plane.c2p(0, 0)

        centroid = plane.c2p(*((a + (a + b)) / 3))  # of the triangle 0, a, a + b

        def label_for(start, end, tex, color, away_from):
            # beside the arrow's middle, on the side away from `away_from`
            d = end - start
            normal = np.array([-d[1], d[0], 0]) / np.linalg.norm(d)
            middle = (start + end) / 2
            if np.dot(normal, middle - away_from) < 0:
                normal = -normal
            return MathTex(tex, color=color).move_to(middle + 0.45 * normal)

        tip_a, tip_b, tip_sum = plane.c2p(*a), plane.c2p(*b), plane.c2p(*(a + b))
        vec_a = Arrow(origin, tip_a, buff=0, color=$color_a)
        vec_b = Arrow(origin, tip_b, buff=0, color=$color_b)
        label_a = label_for(origin, tip_a, r"\\vec{a}", $color_a, centroid)
        label_b = label_for(origin, tip_b, r"\\vec{b}", $color_b, tip_a)

        self.play(Create(plane), run_time=1)
        self.play(GrowArrow(vec_a), Write(label_a))
        self.play(GrowArrow(vec_b), Write(label_b))
        moved_label_b = label_for(tip_a, tip_sum, r"\\vec{b}", $color_b, centroid)
        self.play(vec_b.animate.shift(tip_a - origin), Transform(label_b, moved_label_b), run_time=1.5)

        total = Arrow(origin, tip_sum, buff=0, color=$color_sum)
        label_sum = label_for(origin, tip_sum, r"\\vec{a} + \\vec{b}", $color_sum, centroid)
        equation = MathTex($equation, font_size=36).to_corner($corner)
        equation.add_background_rectangle()
        self.play(GrowArrow(total), Write(label_sum))
        self.play(Write(equation))
        self.wait(1)
''', k=k, ax=f(ax_), ay=f(ay_), bx=f(bx), by=f(by), color_a=_color(v, "color_a"),
        color_b=_color(v, "color_b"), color_sum=_color(v, "color_sum"), equation=_py_str(equation),
        corner=corner)


def _check_vectors(v: dict) -> None:
    if v["ax"] == 0 and v["ay"] == 0:
        raise TemplateParamError("ax", "vector a must not be the zero vector.")
    if v["bx"] == 0 and v["by"] == 0:
        raise TemplateParamError("bx", "vector b must not be the zero vector.")
    if abs(v["ax"] + v["bx"]) < 1e-9 and abs(v["ay"] + v["by"]) < 1e-9:
        raise TemplateParamError("bx", "a + b must not be the zero vector (b is exactly -a).")


def _build_matrix_transform(v: dict) -> str:
    f = _fmt_number
    a, b, c, d = v["a"], v["b"], v["c"], v["d"]
    det = a * d - b * c
    matrix_tex = rf"\begin{{bmatrix}} {f(a)} & {f(b)} \\ {f(c)} & {f(d)} \end{{bmatrix}}"
    det_tex = rf"\det = {f(round(det, 6))}"
    return _sub('''
from manim import *


class MatrixTransform(Scene):
    def construct(self):
        matrix = [[$a, $b], [$c, $d]]
        background = NumberPlane(
            background_line_style={"stroke_color": GREY, "stroke_width": 1, "stroke_opacity": 0.5},
            axis_config={"stroke_color": GREY},
        ).add_coordinates()
        # A larger grid than the screen, so that it still fills the view once transformed.
        plane = NumberPlane(
            x_range=[-16, 16, 1],
            y_range=[-16, 16, 1],
            x_length=32,
            y_length=32,
            background_line_style={"stroke_color": BLUE_D, "stroke_width": 2},
        )
        square = Polygon(ORIGIN, RIGHT, RIGHT + UP, UP, color=YELLOW, fill_opacity=0.4, stroke_width=3)
        i_hat = Vector(RIGHT, color=GREEN)
        j_hat = Vector(UP, color=RED)
        label = MathTex($matrix_tex).to_corner(UL)
        label.add_background_rectangle()
        determinant = MathTex($det_tex, font_size=36).next_to(label, DOWN, aligned_edge=LEFT)
        determinant.add_background_rectangle()

        self.add(background)
        self.play(Create(plane), run_time=1)
        self.play(FadeIn(square), GrowArrow(i_hat), GrowArrow(j_hat), Write(label))
        self.play(
            ApplyMatrix(matrix, plane),
            ApplyMatrix(matrix, square),
            Transform(i_hat, Vector([$a, $c], color=GREEN)),
            Transform(j_hat, Vector([$b, $d], color=RED)),
            run_time=2,
        )
        self.play(Write(determinant))
        self.wait(1)
''', a=f(a), b=f(b), c=f(c), d=f(d), matrix_tex=_py_str(matrix_tex), det_tex=_py_str(det_tex))


def _build_circle_area(v: dict) -> str:
    r = v["radius"]
    area = math.pi * r * r
    value_tex = rf"A = \pi \cdot {_fmt_number(r)}^2 \approx {area:.2f}"
    return _sub('''
from manim import *


class CircleArea(Scene):
    def construct(self):
        n = $sectors  # number of slices
        R = 1.7  # radius on screen
        theta = TAU / n
        center = LEFT * 3.8

        circle = VGroup(*[
            Sector(radius=R, angle=theta, start_angle=i * theta, arc_center=center,
                   color=$color, fill_opacity=0.9 if i % 2 == 0 else 0.55, stroke_width=1,
                   stroke_color=WHITE)
            for i in range(n)
        ])
        radius = Line(center, center + R * RIGHT, color=YELLOW)
        r_label = MathTex("r", color=YELLOW).next_to(radius, UP, buff=0.1)

        # Slices laid alternately tip-up and tip-down form a near-rectangle: width pi*r, height r.
        half = R * np.sin(theta / 2)
        drop = R * np.cos(theta / 2)
        left = RIGHT * 0.6 + UP * drop / 2
        pieces = VGroup()
        for i in range(n):
            up = i % 2 == 0
            vertex = left + RIGHT * (i * half + half) + (ORIGIN if up else DOWN * drop)
            start = (-PI / 2 if up else PI / 2) - theta / 2
            pieces.add(Sector(radius=R, angle=theta, start_angle=start, arc_center=vertex,
                              color=$color, fill_opacity=0.9 if i % 2 == 0 else 0.55,
                              stroke_width=1, stroke_color=WHITE))

        self.play(LaggedStart(*[DrawBorderThenFill(s) for s in circle], lag_ratio=0.05), run_time=1.5)
        self.play(Create(radius), Write(r_label))
        self.play(
            LaggedStart(*[Transform(s, p) for s, p in zip(circle, pieces)], lag_ratio=0.04),
            run_time=3,
        )
        self.play(FadeOut(radius), FadeOut(r_label))
        width = Brace(pieces, DOWN)
        width_label = width.get_tex(r"\\pi r")
        height = Brace(pieces, RIGHT)
        height_label = height.get_tex("r")
        self.play(GrowFromCenter(width), Write(width_label), GrowFromCenter(height), Write(height_label))
        formula = MathTex(r"A = \\pi r \\cdot r = \\pi r^2", font_size=54).to_edge(UP, buff=0.6)
        value = MathTex($value, font_size=40).next_to(formula, DOWN)
        self.play(Write(formula))
        self.play(FadeIn(value, shift=UP * 0.2))
        self.wait(1)
''', sectors=v["sectors"], color=_color(v), value=_py_str(value_tex))


def _check_circle_area(v: dict) -> None:
    if v["sectors"] % 2:
        raise TemplateParamError("sectors", "the number of sectors must be even.")


def _build_normal(v: dict) -> str:
    mu, sigma, a, b = v["mean"], v["sd"], v["a"], v["b"]
    prob = 0.5 * (math.erf((b - mu) / (sigma * math.sqrt(2))) - math.erf((a - mu) / (sigma * math.sqrt(2))))
    lo, hi = mu - 4 * sigma, mu + 4 * sigma
    peak = 1 / (sigma * math.sqrt(2 * math.pi))
    x_step = _nice_step(hi - lo, 8)
    y_step = _nice_step(peak * 1.2, 4)
    f = _fmt_number
    prob_tex = rf"P({f(a)} \le X \le {f(b)}) \approx {prob:.4f}"
    return _sub('''
from manim import *


class NormalDistribution(Scene):
    def construct(self):
        mu, sigma = $mu, $sigma
        axes = Axes(
            x_range=[$lo, $hi, $x_step],
            y_range=[0, $y_max, $y_step],
            x_length=11,
            y_length=5,
            tips=False,
            axis_config={"include_numbers": True, "font_size": 24},
        ).to_edge(DOWN, buff=0.5)

        def pdf(x):
            return np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * PI))

        curve = axes.plot(pdf, x_range=[$lo, $hi, $sample_step], color=$color)
        title = MathTex(r"X \\sim \\mathcal{N}(\\mu, \\sigma^2)").to_corner(UL)
        params = MathTex($params, font_size=36).next_to(title, DOWN, aligned_edge=LEFT)
        area = axes.get_area(curve, x_range=[$a, $b], color=$color, opacity=0.5)
        probability = MathTex($prob, font_size=40).to_corner(UR)

        self.play(Create(axes), Write(title), Write(params))
        self.play(Create(curve), run_time=2)
        self.play(FadeIn(area), Write(probability))
        self.play(Indicate(probability))
        self.wait(1)
''', mu=f(mu), sigma=f(sigma), lo=f(lo), hi=f(hi), x_step=f(x_step),
        y_max=f(math.ceil(peak * 1.2 / y_step) * y_step), y_step=f(y_step),
        sample_step=f((hi - lo) / 200), color=_color(v), a=f(a), b=f(b),
        params=_py_str(rf"\mu = {f(mu)},\ \sigma = {f(sigma)}"), prob=_py_str(prob_tex))


def _check_normal(v: dict) -> None:
    if v["b"] <= v["a"]:
        raise TemplateParamError("b", "b must be greater than a.")
    lo, hi = v["mean"] - 4 * v["sd"], v["mean"] + 4 * v["sd"]
    if v["a"] < lo or v["b"] > hi:
        raise TemplateParamError(
            "a" if v["a"] < lo else "b",
            f"a and b must lie within four standard deviations of the mean ({_fmt_number(lo)} to {_fmt_number(hi)}).",
        )


def _parse_int_list(param: str, text: str) -> list[int]:
    parts = [p for p in re.split(r"[,\s;]+", text.strip()) if p]
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        raise TemplateParamError(param, f"{text!r} must be whole numbers separated by commas, e.g. 5, 2, 8, 1.") from None
    if not 2 <= len(numbers) <= 8:
        raise TemplateParamError(param, "give between 2 and 8 numbers.")
    if any(n < 0 or n > 99 for n in numbers):
        raise TemplateParamError(param, "the numbers must be between 0 and 99.")
    return numbers


def _build_bubble_sort(v: dict) -> str:
    numbers = _parse_int_list("values", v["values"])
    return _sub('''
from manim import *


class BubbleSort(Scene):
    def construct(self):
        values = $values
        top = max(values) or 1
        bars = VGroup()
        for value in values:
            bar = Rectangle(width=0.8, height=0.3 + 4 * value / top, color=$color, fill_opacity=0.7)
            number = Integer(value, font_size=32).next_to(bar, DOWN, buff=0.15)
            bars.add(VGroup(bar, number))
        bars.arrange(RIGHT, buff=0.3, aligned_edge=DOWN).move_to(DOWN * 0.5)
        title = Text("Bubble sort", font_size=40).to_edge(UP)

        self.play(Write(title), LaggedStart(*[FadeIn(b, shift=UP * 0.3) for b in bars], lag_ratio=0.1))
        order = list(bars)
        n = len(values)
        for end in range(n - 1, 0, -1):
            for i in range(end):
                left, right = order[i], order[i + 1]
                self.play(left[0].animate.set_color(YELLOW), right[0].animate.set_color(YELLOW), run_time=0.25)
                if values[i] > values[i + 1]:
                    self.play(left.animate.move_to(right, aligned_edge=DOWN),
                              right.animate.move_to(left, aligned_edge=DOWN), run_time=0.4)
                    values[i], values[i + 1] = values[i + 1], values[i]
                    order[i], order[i + 1] = right, left
                self.play(order[i][0].animate.set_color($color), order[i + 1][0].animate.set_color($color),
                          run_time=0.15)
            self.play(order[end][0].animate.set_color(GREEN), run_time=0.2)
        self.play(order[0][0].animate.set_color(GREEN), run_time=0.2)
        self.play(Indicate(VGroup(*order), color=GREEN))
        self.wait(1)
''', values=repr(numbers), color=_color(v))


def _check_bubble_sort(v: dict) -> None:
    _parse_int_list("values", v["values"])


def _build_pendulum(v: dict) -> str:
    return _sub('''
from manim import *


class Pendulum(Scene):
    def construct(self):
        length = $length  # metres
        g = 9.81
        damping = $damping
        theta0 = $angle * DEGREES
        duration = 6

        # Integrate theta'' = -(g / L) sin(theta) - damping * theta' once, then play it back.
        dt = 0.001
        times = np.arange(0, duration + dt, dt)
        thetas = np.empty_like(times)
        theta, omega = theta0, 0.0
        for i in range(len(times)):
            thetas[i] = theta
            omega += (-(g / length) * np.sin(theta) - damping * omega) * dt
            theta += omega * dt

        pivot = UP * 3
        rod_length = 5.5 * length / 3  # 3 m fills the screen height
        t = ValueTracker(0)

        def bob_position():
            angle = np.interp(t.get_value(), times, thetas)
            return pivot + rod_length * np.array([np.sin(angle), -np.cos(angle), 0])

        ceiling = Line(pivot + LEFT, pivot + RIGHT, color=GREY)
        rod = always_redraw(lambda: Line(pivot, bob_position(), color=WHITE))
        bob = always_redraw(lambda: Dot(bob_position(), radius=0.2, color=$color))
        trail = TracedPath(bob.get_center, stroke_color=$color, stroke_opacity=[0, 1], dissipating_time=1)
        info = MathTex($info, font_size=36).to_corner(UL)

        self.play(Create(ceiling), Write(info))
        self.add(trail, rod, bob)
        self.play(t.animate.set_value(duration), run_time=duration, rate_func=linear)
        self.wait(0.5)
''', length=_fmt_number(v["length"]), damping=_fmt_number(v["damping"]), angle=_fmt_number(v["angle"]),
        color=_color(v),
        info=_py_str(rf"L = {_fmt_number(v['length'])}\,\mathrm{{m}},\ \theta_0 = {_fmt_number(v['angle'])}^\circ"))


# --------------------------------------------------------------------------------------------
# Prompt -> parameter extraction
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


def _find_expr(prompt: str) -> str | None:
    for marker in _EXPR_MARKERS:
        for m in re.finditer(marker, prompt, re.I):
            tail = prompt[m.end():].strip()
            previous = None
            while previous != tail:
                previous = tail
                tail = _EXPR_FILLER.sub("", tail).strip()
                tail = re.sub(r"^(?:y|f\s*\(\s*x\s*\))\s*=\s*", "", tail, flags=re.I)
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


def _extract_shapes(prompt: str) -> dict:
    names = "|".join(sorted(list(SHAPES) + list(_SHAPE_ALIASES), key=len, reverse=True))
    found = [(m.start(), m.end(), _SHAPE_ALIASES.get(m.group(1).lower(), m.group(1).lower()))
             for m in re.finditer(rf"\b({names})\b", prompt, re.I)]
    values: dict = {}
    colors = _find_colors(prompt)
    if found:
        values["from_shape"] = found[0][2]
        if len(found) > 1:
            values["to_shape"] = found[1][2]
        elif found[0][2] == "square":
            values["to_shape"] = "circle"
        for (start, _end, _name), key in zip(found[:2], ("from_color", "to_color")):
            # a colour word just before the shape ("a red circle") belongs to it
            before = [c for pos, c in colors if start - 25 <= pos < start]
            if before:
                values[key] = before[-1]
    return values


def _extract_equation(prompt: str) -> dict:
    m = re.search(r"\$\$?([^$]+)\$\$?", prompt)
    if m:
        text = m.group(1)
    else:
        m = re.search(
            r"\b(?:equation|formula|identity|expression|law)s?\b\s*(?::|is|that)?\s*(.*)$", prompt, re.I
        )
        if not m:
            m = re.search(r"\b(?:show|write|display|typeset)\s+(.*=.*)$", prompt, re.I)
        text = m.group(1) if m else ""
    text = text.strip().strip("\"'`").rstrip(". ").strip()
    values: dict = {}
    named = {
        "quadratic formula": r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}",
        "euler": r"e^{i\pi} + 1 = 0",
        "mass-energy": r"E = mc^2",
        "mass energy": r"E = mc^2",
        "binomial": r"(a + b)^2 = a^2 + 2ab + b^2",
    }
    if not text or "=" not in text and "\\" not in text:
        for key, latex in named.items():
            if key in prompt.lower():
                values["latex"] = latex
                return values
        return values
    parts = re.split(r"\s+(?:then|becomes|and then|->|→|to get)\s+|\s*(?:->|→|⇒|=>)\s*", text)
    values["latex"] = parts[0].strip()
    if len(parts) > 1:
        values["steps"] = "; ".join(p.strip() for p in parts[1:] if p.strip())
    return values


def _numbers_after(prompt: str, words: str, count: int) -> list[float] | None:
    m = re.search(rf"\b(?:{words})\b[^0-9\-−]{{0,20}}((?:{_NUM}[\s,;]*(?:and\s+)?){{{count}}})", prompt, re.I)
    if not m:
        return None
    nums = [float(n.replace("−", "-").replace(" ", "")) for n in re.findall(_NUM, m.group(1))]
    return nums[:count] if len(nums) >= count else None


def _extract_pythagorean(prompt: str) -> dict:
    m = re.search(r"\b(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\b", prompt)
    if m:
        return {"a": float(m.group(1)), "b": float(m.group(2))}
    ma = re.search(rf"\ba\s*=\s*({_NUM})", prompt)
    mb = re.search(rf"\bb\s*=\s*({_NUM})", prompt)
    if ma and mb:
        return {"a": float(ma.group(1)), "b": float(mb.group(1))}
    nums = _numbers_after(prompt, "legs?|sides?|lengths?|catheti", 2)
    return {"a": nums[0], "b": nums[1]} if nums else {}


def _extract_unit_circle(prompt: str) -> dict:
    values: dict = {}
    m = re.search(r"\b(\d|one|two|three)\s+(?:full\s+)?(?:cycles?|turns?|revolutions?|times|periods?|rotations?|laps?)\b",
                  prompt, re.I)
    if m:
        word = m.group(1).lower()
        values["cycles"] = {"one": 1, "two": 2, "three": 3}.get(word) or int(word)
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


def _extract_vectors(prompt: str) -> dict:
    pairs = re.findall(rf"[(\[<⟨]\s*({_NUM})\s*,\s*({_NUM})\s*[)\]>⟩]", prompt)
    if len(pairs) < 2:
        return {}
    (ax, ay), (bx, by) = pairs[:2]
    num = lambda t: float(t.replace("−", "-").replace(" ", ""))  # noqa: E731
    return {"ax": num(ax), "ay": num(ay), "bx": num(bx), "by": num(by)}


def _extract_matrix(prompt: str) -> dict:
    lower = prompt.lower()
    m = re.search(r"\bmatrix\b(.*)$", prompt, re.I | re.S)
    region = m.group(1) if m else prompt
    nums = re.findall(_NUM, region)
    if len(nums) >= 4 and (m or "[" in prompt):
        a, b, c, d = (float(n.replace("−", "-").replace(" ", "")) for n in nums[:4])
        return {"a": a, "b": b, "c": c, "d": d}
    if "shear" in lower:
        return {"a": 1.0, "b": 1.0, "c": 0.0, "d": 1.0}
    if "rotat" in lower:
        return {"a": 0.0, "b": -1.0, "c": 1.0, "d": 0.0}
    if "reflect" in lower:
        return {"a": 1.0, "b": 0.0, "c": 0.0, "d": -1.0}
    m = re.search(rf"\bscal\w*\s+(?:by\s+)?({_NUM})", prompt, re.I)
    if m:
        k = float(m.group(1).replace("−", "-").replace(" ", ""))
        return {"a": k, "b": 0.0, "c": 0.0, "d": k}
    return {}


def _extract_circle_area(prompt: str) -> dict:
    values: dict = {}
    m = re.search(rf"\b(?:radius|r\s*=)\s*(?:of\s+)?({_NUM})", prompt, re.I)
    if m:
        values["radius"] = float(m.group(1).replace(" ", ""))
    m = re.search(r"\b(\d+)\s+(?:sectors|slices|pieces|wedges)\b", prompt, re.I)
    if m:
        values["sectors"] = int(m.group(1))
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


def _extract_normal(prompt: str) -> dict:
    values: dict = {}
    m = re.search(rf"(?:\bmean|\bmu|μ)\s*(?:=|of|is)?\s*({_NUM})", prompt, re.I)
    if m:
        values["mean"] = float(m.group(1).replace(" ", ""))
    m = re.search(rf"(?:standard deviation|\bsd|\bsigma|σ|\bstd)\s*(?:=|of|is)?\s*({_NUM})", prompt, re.I)
    if m:
        values["sd"] = float(m.group(1).replace(" ", ""))
    rng = _find_range(prompt)
    if rng:
        values["a"], values["b"] = rng
    return values


def _extract_bubble(prompt: str) -> dict:
    m = re.search(r"(\d+(?:\s*,\s*\d+){1,7})", prompt)
    return {"values": ", ".join(re.findall(r"\d+", m.group(1)))} if m else {}


def _extract_pendulum(prompt: str) -> dict:
    values: dict = {}
    m = re.search(rf"({_NUM})\s*(?:m|metres?|meters?)\b", prompt, re.I)
    if m:
        values["length"] = float(m.group(1).replace(" ", ""))
    m = re.search(rf"({_NUM})\s*(?:°|deg|degrees?)", prompt, re.I)
    if m:
        values["angle"] = float(m.group(1).replace(" ", ""))
    if re.search(r"\bdamp", prompt, re.I) and not re.search(r"\bun-?damped|\bno damping", prompt, re.I):
        values["damping"] = 0.3
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


# --------------------------------------------------------------------------------------------
# The library
# --------------------------------------------------------------------------------------------

_EXPR_HELP = "A formula in x, e.g. x^2 - 1, sin(x), 2x + 1, e^x, sqrt(x), |x|."


def _graph_params(expr: str, x_min: float, x_max: float, color: str) -> tuple[Param, ...]:
    return (
        Param("expr", "expr", expr, "Function f(x)", _EXPR_HELP),
        Param("x_min", "float", x_min, "x from", "Left end of the range.", -100, 100),
        Param("x_max", "float", x_max, "x to", "Right end of the range.", -100, 100),
        Param("color", "color", color, "Curve colour"),
    )


_TEMPLATE_LIST: tuple[SceneTemplate, ...] = (
    SceneTemplate(
        slug="shape-transform",
        title="Shape transformation",
        subject="basics",
        description="One shape is drawn, then smoothly morphs into another.",
        scene_name="ShapeTransform",
        params=(
            Param("from_shape", "shape", "circle", "Start shape", choices=tuple(SHAPES)),
            Param("to_shape", "shape", "square", "End shape", choices=tuple(SHAPES)),
            Param("from_color", "color", "blue", "Start colour"),
            Param("to_color", "color", "red", "End colour"),
        ),
        keywords=("transform", "transforms", "transforming", "transformed", "morph", "morphs", "morphing",
                  "turns into", "turn into", "turning into", "becomes", "changes into", "change into",
                  "into a", "shape", "shapes"),
        examples=(
            "Create a circle that transforms into a square",
            "Morph a red triangle into a blue hexagon",
            "A star turning into a pentagon",
        ),
        builder=_build_shape_transform,
        checker=None,
        extractor=_extract_shapes,
    ),
    SceneTemplate(
        slug="function-plot",
        title="Function plot",
        subject="algebra",
        description="Axes with the graph of y = f(x) drawn over a range, and its formula as a label.",
        scene_name="FunctionPlot",
        params=_graph_params("x^2 - 1", -3.0, 3.0, "blue"),
        keywords=("plot", "graph", "graph of", "plot of", "y =", "f(x) =", "function", "curve", "parabola",
                  "axes", "draw the function", "sketch"),
        examples=(
            "Plot y = x^2 - 1 from -3 to 3",
            "Graph of sin(x) between -6 and 6 in yellow",
            "Draw the function f(x) = 2x + 1",
            "Plot e^x",
        ),
        builder=_build_function_plot,
        checker=_check_function_plot,
        extractor=_extract_graph,
    ),
    SceneTemplate(
        slug="equation",
        title="Equation",
        subject="algebra",
        description="A LaTeX equation is written on screen, optionally transformed step by step.",
        scene_name="EquationScene",
        params=(
            Param("latex", "latex", r"e^{i\pi} + 1 = 0", "Equation (LaTeX)", "e.g. E = mc^2"),
            Param("steps", "latex", "", "Next steps (LaTeX)",
                  "Optional further forms, separated by ';'; each is transformed into the next."),
            Param("color", "color", "white", "Colour"),
        ),
        keywords=("equation", "formula", "identity", "latex", "mathtex", "write the equation",
                  "show the equation", "euler's identity", "quadratic formula", "e = mc^2", "typeset"),
        examples=(
            "Show the equation E = mc^2",
            "Write Euler's identity",
            "Display the quadratic formula",
            "Show the equation x^2 - 1 = 0 then (x - 1)(x + 1) = 0",
        ),
        builder=_build_equation,
        checker=_check_equation,
        extractor=_extract_equation,
    ),
    SceneTemplate(
        slug="tangent-line",
        title="Moving tangent line",
        subject="calculus",
        description="A tangent line slides along the graph of f(x) while its slope is shown.",
        scene_name="MovingTangent",
        params=_graph_params("x^3/6 - x", -3.0, 3.0, "blue")
        + (Param("tangent_color", "color", "yellow", "Tangent colour"),),
        keywords=("tangent", "tangent line", "derivative", "slope", "slope of", "rate of change",
                  "differentiate", "differentiation", "instantaneous"),
        examples=(
            "Show a tangent line moving along y = sin(x)",
            "Visualise the derivative of x^2 as the slope of the tangent",
            "Tangent line to f(x) = x^3 - 3x from -2 to 2",
        ),
        builder=_build_tangent_line,
        checker=_check_graph_all,
        extractor=_extract_graph,
    ),
    SceneTemplate(
        slug="riemann-sums",
        title="Riemann sums",
        subject="calculus",
        description="Rectangles under a curve get thinner until they fill the area: the definite integral.",
        scene_name="RiemannSums",
        params=_graph_params("x^2/4 + 1", 0.0, 3.0, "yellow")
        + (Param("sample", "choice", "left", "Sample point", "Where each rectangle meets the curve.",
                 choices=("left", "right", "center")),),
        keywords=("riemann", "riemann sum", "riemann sums", "area under", "area under the curve", "integral",
                  "integrate", "integration", "definite integral", "rectangles", "approximate the area"),
        examples=(
            "Riemann sums for x^2 from 0 to 2",
            "Show the area under the curve y = sin(x) between 0 and 3 with rectangles",
            "Explain the definite integral",
        ),
        builder=_build_riemann,
        checker=_check_graph_all,
        extractor=_extract_graph,
    ),
    SceneTemplate(
        slug="pythagorean",
        title="Pythagorean theorem",
        subject="geometry",
        description="A right triangle with a square on each side: a² + b² = c².",
        scene_name="Pythagorean",
        params=(
            Param("a", "float", 3.0, "Leg a", minimum=0.5, maximum=50),
            Param("b", "float", 4.0, "Leg b", minimum=0.5, maximum=50),
        ),
        keywords=("pythagoras", "pythagorean", "pythagorean theorem", "pythagoras theorem", "hypotenuse",
                  "right triangle", "right-angled triangle", "a^2 + b^2 = c^2", "a^2+b^2=c^2", "legs"),
        examples=(
            "Prove the Pythagorean theorem",
            "Pythagoras with legs 5 and 12",
            "Show a^2 + b^2 = c^2 on a 3-4-5 right triangle",
        ),
        builder=_build_pythagorean,
        checker=_check_pythagorean,
        extractor=_extract_pythagorean,
    ),
    SceneTemplate(
        slug="unit-circle-sine",
        title="Unit circle and sine wave",
        subject="algebra",
        description="A point goes round the unit circle while its height traces the sine curve.",
        scene_name="UnitCircleSine",
        params=(
            Param("cycles", "int", 1, "Turns", "How many times the point goes round.", 1, 3),
            Param("color", "color", "yellow", "Wave colour"),
        ),
        keywords=("unit circle", "sine wave", "sine curve", "sin wave", "trace the sine", "traces sine",
                  "sine", "trigonometry", "trig", "around the circle", "sin from the circle"),
        examples=(
            "A point moving around the unit circle tracing the sine wave",
            "Show how the sine wave comes from the unit circle, two turns",
            "Unit circle trigonometry",
        ),
        builder=_build_unit_circle,
        checker=None,
        extractor=_extract_unit_circle,
    ),
    SceneTemplate(
        slug="vector-addition",
        title="Vector addition",
        subject="linear-algebra",
        description="Two vectors placed tip to tail, and their sum.",
        scene_name="VectorAddition",
        params=(
            Param("ax", "float", 3.0, "a (x)", minimum=-50, maximum=50),
            Param("ay", "float", 1.0, "a (y)", minimum=-50, maximum=50),
            Param("bx", "float", 1.0, "b (x)", minimum=-50, maximum=50),
            Param("by", "float", 2.0, "b (y)", minimum=-50, maximum=50),
            Param("color_a", "color", "yellow", "Colour of a"),
            Param("color_b", "color", "blue", "Colour of b"),
            Param("color_sum", "color", "green", "Colour of a + b"),
        ),
        keywords=("vector addition", "add vectors", "adding vectors", "add two vectors", "sum of vectors",
                  "vector sum", "tip to tail", "tip-to-tail", "vectors", "resultant", "parallelogram rule"),
        examples=(
            "Add the vectors (3, 1) and (1, 2)",
            "Vector addition tip to tail",
            "Show the sum of vectors [2, -1] and [-1, 3]",
        ),
        builder=_build_vector_addition,
        checker=_check_vectors,
        extractor=_extract_vectors,
    ),
    SceneTemplate(
        slug="matrix-transform",
        title="Matrix transformation",
        subject="linear-algebra",
        description="A 2×2 matrix acts on the plane: grid, basis vectors and unit square move together.",
        scene_name="MatrixTransform",
        params=(
            Param("a", "float", 1.0, "a (top left)", minimum=-5, maximum=5),
            Param("b", "float", 1.0, "b (top right)", minimum=-5, maximum=5),
            Param("c", "float", 0.0, "c (bottom left)", minimum=-5, maximum=5),
            Param("d", "float", 1.0, "d (bottom right)", minimum=-5, maximum=5),
        ),
        keywords=("matrix", "matrices", "linear transformation", "linear map", "transformation matrix",
                  "apply the matrix", "shear", "determinant", "basis vectors", "rotation matrix",
                  "transform the plane"),
        examples=(
            "Apply the matrix [[1, 1], [0, 1]] to the plane",
            "Show a linear transformation by a shear",
            "Matrix 2 0 0 0.5 acting on the grid",
        ),
        builder=_build_matrix_transform,
        checker=None,
        extractor=_extract_matrix,
    ),
    SceneTemplate(
        slug="circle-area",
        title="Area of a circle",
        subject="geometry",
        description="A circle cut into sectors rearranged into a near-rectangle of width πr and height r.",
        scene_name="CircleArea",
        params=(
            Param("radius", "float", 2.0, "Radius r", minimum=0.1, maximum=1000),
            Param("sectors", "int", 16, "Sectors", "Even number of slices.", 4, 48),
            Param("color", "color", "blue", "Colour"),
        ),
        keywords=("area of a circle", "circle area", "area of the circle", "area of circle", "pi r^2",
                  "πr²", "pi r squared", "πr^2", "sectors", "slices", "why is the area"),
        examples=(
            "Why is the area of a circle pi r^2?",
            "Show the area of a circle with radius 3 by cutting it into 24 sectors",
            "Circle area proof",
        ),
        builder=_build_circle_area,
        checker=_check_circle_area,
        extractor=_extract_circle_area,
    ),
    SceneTemplate(
        slug="normal-distribution",
        title="Normal distribution",
        subject="probability",
        description="The bell curve of a normal distribution and the probability of an interval as an area.",
        scene_name="NormalDistribution",
        params=(
            Param("mean", "float", 0.0, "Mean μ", minimum=-100, maximum=100),
            Param("sd", "float", 1.0, "Standard deviation σ", minimum=0.1, maximum=50),
            Param("a", "float", -1.0, "From a", minimum=-300, maximum=300),
            Param("b", "float", 1.0, "To b", minimum=-300, maximum=300),
            Param("color", "color", "blue", "Colour"),
        ),
        keywords=("normal distribution", "bell curve", "gaussian", "standard deviation", "normal curve",
                  "probability density", "z-score", "68-95-99.7", "empirical rule"),
        examples=(
            "Show the normal distribution and the area within one standard deviation",
            "Gaussian bell curve with mean 10 and sd 2 between 8 and 12",
        ),
        builder=_build_normal,
        checker=_check_normal,
        extractor=_extract_normal,
    ),
    SceneTemplate(
        slug="bubble-sort",
        title="Bubble sort",
        subject="computer-science",
        description="Bars are compared in pairs and swapped until the list is sorted.",
        scene_name="BubbleSort",
        params=(
            Param("values", "text", "5, 2, 8, 1, 9, 3", "Numbers", "2 to 8 whole numbers (0–99), comma separated.",
                  maximum=60),
            Param("color", "color", "blue", "Bar colour"),
        ),
        keywords=("bubble sort", "sorting", "sort", "sorting algorithm", "sort the list", "sort the array",
                  "swap"),
        examples=(
            "Animate bubble sort",
            "Sort the list 4, 7, 1, 3 with bubble sort",
            "Visualise a sorting algorithm",
        ),
        builder=_build_bubble_sort,
        checker=_check_bubble_sort,
        extractor=_extract_bubble,
    ),
    SceneTemplate(
        slug="pendulum",
        title="Pendulum",
        subject="physics",
        description="A simple pendulum swinging, simulated from θ'' = −(g/L)·sin θ.",
        scene_name="Pendulum",
        params=(
            Param("length", "float", 2.0, "Length (m)", minimum=0.2, maximum=3),
            Param("angle", "float", 40.0, "Start angle (°)", minimum=1, maximum=170),
            Param("damping", "float", 0.0, "Damping", "0 for none.", 0, 2),
            Param("color", "color", "red", "Bob colour"),
        ),
        keywords=("pendulum", "swinging", "swing", "oscillation", "harmonic motion", "simple harmonic"),
        examples=(
            "A swinging pendulum",
            "Simulate a damped pendulum of length 1.5 m released at 60 degrees",
        ),
        builder=_build_pendulum,
        checker=None,
        extractor=_extract_pendulum,
    ),
)

TEMPLATES: dict[str, SceneTemplate] = {t.slug: t for t in _TEMPLATE_LIST}


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------

_MIN_SCORE = 1.0


def _keyword_score(template: SceneTemplate, text: str) -> float:
    score = 0.0
    for keyword in template.keywords:
        kw = keyword.lower()
        pattern = (r"(?<![\w])" if kw[:1].isalnum() else "") + re.escape(kw) + (
            r"(?![\w])" if kw[-1:].isalnum() else "")
        if re.search(pattern, text):
            score += 1.0 + 0.5 * (len(kw.split()) - 1)
    return score


def _bonus(template: SceneTemplate, prompt: str, extracted: dict, base: float) -> float:
    """Template-specific evidence on top of the keyword hits."""
    slug = template.slug
    lower = prompt.lower()
    if slug == "shape-transform":
        shapes = [k for k in ("from_shape", "to_shape") if k in extracted]
        if not shapes:
            return -100  # no shape named: not this template
        if "to_shape" in extracted and re.search(
            rf"\b{extracted['from_shape']}s?\b.*\b(?:into|to|becomes?|->)\b.*\b{extracted['to_shape']}", lower
        ):
            return 1.5
        return 0.0 if base >= 1 else -100
    if slug in ("function-plot", "tangent-line", "riemann-sums"):
        return 0.5 if "expr" in extracted else 0.0
    if slug == "equation":
        return 0.5 if "latex" in extracted and "=" in extracted["latex"] else 0.0
    if slug == "unit-circle-sine":
        if "sin" in lower and "circle" in lower:
            return 1.0
        if base and not re.search(r"\b(?:unit circle|circle|wave|trig\w*)\b", lower):
            return -100
        return 0.0
    if slug == "vector-addition":
        return 1.0 if extracted and "vector" in lower else 0.0
    if slug == "matrix-transform":
        return 0.5 if extracted else 0.0
    if slug == "circle-area":
        return 1.0 if "circle" in lower and "area" in lower else (0.0 if "circle" in lower else -100)
    if slug == "bubble-sort":
        return 0.0
    return 0.0


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


def match_prompt(prompt: str) -> TemplateMatch | None:
    """The template that best fits ``prompt`` with parameters taken from it, or None."""
    if not isinstance(prompt, str) or not prompt.strip():
        return None
    text = " ".join(prompt.split())
    lower = text.lower()
    best: tuple[float, int, SceneTemplate, dict] | None = None
    for index, template in enumerate(_TEMPLATE_LIST):
        base = _keyword_score(template, lower)
        extracted = template.extractor(text) if template.extractor else {}
        if base <= 0 and template.slug not in ("shape-transform",):
            continue
        score = base + _bonus(template, text, extracted, base)
        if score < _MIN_SCORE:
            continue
        # Specific templates beat the generic plot/equation templates on a tie.
        if template.slug in ("function-plot", "equation"):
            score -= 0.25
        if best is None or score > best[0]:
            best = (score, index, template, extracted)
    if best is None:
        return None
    score, _, template, extracted = best
    try:
        values = _validated(template, extracted)
    except TemplateParamError:
        return None
    return TemplateMatch(template=template, values=values, score=round(score, 3))


__all__ = [
    "COLORS",
    "SHAPES",
    "SUBJECTS",
    "TEMPLATES",
    "Formula",
    "Param",
    "SceneTemplate",
    "TemplateMatch",
    "TemplateParamError",
    "compile_formula",
    "match_prompt",
]
