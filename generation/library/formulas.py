"""User formulas: text -> checked AST -> numpy code, LaTeX, and safe numeric evaluation.

A formula is parsed with :mod:`ast` and every node is checked against an allowlist (``x``,
numbers, ``pi``, ``e``, + - * / ^ and a few functions) before anything is generated from it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field

import numpy as np

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
