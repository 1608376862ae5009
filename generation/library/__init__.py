"""The offline ("builtin") generator: a library of parameterised Manim CE scene templates.

Each :class:`SceneTemplate` turns a dict of parameter values into a complete, self-contained
Manim Community Edition program (``from manim import *`` plus exactly one Scene subclass).
:func:`match_prompt` picks the template that fits a free-text prompt and pulls parameter
values (functions, ranges, shapes, colours, numbers, lists) out of it.

Everything a user can type ends up in the generated code only after validation:

* formulas ("expr" parameters) are parsed with :mod:`ast` and checked against an allowlist of
  names and operators, then re-emitted as numpy code and as LaTeX;
* strings are embedded as Python string literals (never pasted into code), and LaTeX is
  refused when it uses commands that read or write files or redefine TeX itself;
* numbers are range-checked, colours and shapes come from fixed tables.

Layout: :mod:`.core` holds the engine (parameters, validation, formulas, matching); each
subject module (``basics``, ``algebra``, ``calculus``, ``geometry``, ``linear_algebra``,
``probability``, ``physics``, ``computer_science``) holds its templates.
"""

from __future__ import annotations

from . import algebra, basics, calculus, computer_science, geometry, linear_algebra, physics, probability
from .core import (
    COLORS,
    SHAPES,
    SUBJECTS,
    Formula,
    Param,
    SceneTemplate,
    TemplateMatch,
    TemplateParamError,
    compile_formula,
    match_templates,
)

# The first thirteen keep their historical order (the wizard and the provider's error message
# list templates in this order); newer templates follow, grouped by subject.
_ORDER = (
    "shape-transform",
    "function-plot",
    "equation",
    "tangent-line",
    "riemann-sums",
    "pythagorean",
    "unit-circle-sine",
    "vector-addition",
    "matrix-transform",
    "circle-area",
    "normal-distribution",
    "bubble-sort",
    "pendulum",
)

_MODULES = (basics, algebra, calculus, geometry, linear_algebra, probability, physics, computer_science)


def _assemble() -> tuple[SceneTemplate, ...]:
    found: dict[str, SceneTemplate] = {}
    for module in _MODULES:
        for template in module.TEMPLATES:
            if template.slug in found:  # pragma: no cover - a programming error
                raise RuntimeError(f"duplicate template slug {template.slug!r}")
            found[template.slug] = template
    ordered = [found.pop(slug) for slug in _ORDER]
    return tuple(ordered) + tuple(found.values())


_TEMPLATE_LIST: tuple[SceneTemplate, ...] = _assemble()

TEMPLATES: dict[str, SceneTemplate] = {t.slug: t for t in _TEMPLATE_LIST}


def match_prompt(prompt: str) -> TemplateMatch | None:
    """The template that best fits ``prompt`` with parameters taken from it, or None."""
    return match_templates(prompt, _TEMPLATE_LIST)


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
