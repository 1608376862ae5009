"""Calculus: derivatives, integrals, limits and series."""

from __future__ import annotations

import math
import re

import numpy as np

from .core import (
    _AXES_CODE,
    _EXPR_HELP,
    _NUM,
    Formula,
    Param,
    SceneTemplate,
    TemplateParamError,
    _axes_values,
    _axis_range,
    _find_number,
    _find_exprs,
    _NUM_OR_PI,
    _range_check,
    _check_graph_all,
    _color,
    _extract_graph,
    _find_colors,
    _find_expr,
    _find_range,
    _fmt_number,
    _graph_layout,
    _graph_params,
    _integral,
    _plot_range,
    _py_str,
    _sub,
    _to_number,
    compile_formula,
)


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


def _score_graph(prompt: str, extracted: dict, base: float) -> float:
    return 0.5 if "expr" in extracted else 0.0



def _build_fourier(v: dict) -> str:
    return _sub('''
from manim import *


class FourierSquareWave(Scene):
    def construct(self):
        terms = $terms  # odd harmonics in the last partial sum
        axes = Axes(
            x_range=[-2 * PI, 2 * PI, PI / 2],
            y_range=[-1.5, 1.5, 0.5],
            x_length=12,
            y_length=4.5,
            tips=False,
        ).shift(DOWN * 0.6)
        # The square wave itself: +1 on (0, pi), -1 on (pi, 2 pi), repeated.
        corners = []
        for k in range(-2, 2):
            x0 = k * PI
            level = 1 if k % 2 == 0 else -1
            corners += [axes.c2p(x0, level), axes.c2p(x0 + PI, level)]
        square = VMobject(stroke_color=GREY_B, stroke_width=3).set_points_as_corners(corners)

        def partial_sum(n):
            return lambda x: 4 / PI * sum(np.sin((2 * k - 1) * x) / (2 * k - 1) for k in range(1, n + 1))

        def curve(n):
            return axes.plot(partial_sum(n), x_range=[-2 * PI, 2 * PI, 0.02], color=$color)

        formula = MathTex(
            r"S_n(x) = \\frac{4}{\\pi} \\sum_{k=1}^{n} \\frac{\\sin\\big((2k-1)x\\big)}{2k-1}", font_size=40
        ).to_edge(UP, buff=0.3)
        count = Text("n = 1", font_size=32).to_corner(UR, buff=0.4).shift(DOWN * 0.9)

        self.play(Create(axes), Write(formula))
        self.play(Create(square), run_time=1)
        approximation = curve(1)
        self.play(Create(approximation), FadeIn(count))
        for n in range(2, terms + 1):
            new_count = Text(f"n = {n}", font_size=32).move_to(count)
            self.play(Transform(approximation, curve(n)), Transform(count, new_count),
                      run_time=max(0.35, 3 / terms))
        self.play(Indicate(count))
        self.wait(1)
''', terms=v["terms"], color=_color(v))


def _extract_fourier(prompt: str) -> dict:
    values: dict = {}
    n = _find_number(prompt, r"\b(\d+)\s+(?:terms|harmonics|partial sums|frequencies|sine waves|sines)") or \
        _find_number(prompt, r"\bn\s*=\s*(\d+)")
    if n is not None:
        values["terms"] = int(n)
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


def _build_secant(v: dict) -> str:
    formula = compile_formula(v["expr"])
    x0, h0 = v["x0"], v["h"]
    lo, hi = x0 - 2.5, x0 + h0 + 1.5
    layout = _graph_layout("expr", formula, lo, hi, need_all=True)
    step = max((hi - lo) * 1e-5, 1e-7)
    slope = float((formula(x0 + step) - formula(x0 - step)) / (2 * step))
    return _sub('''
from manim import *


class SecantToTangent(Scene):
    def construct(self):
''' + _AXES_CODE + '''
        x0 = $x0
        graph = axes.plot(f, x_range=$plot_range, color=$color)
        label = MathTex($label, color=$color).to_corner(UL, buff=0.3)
        p = axes.c2p(x0, f(x0))

        def secant(h):
            q = axes.c2p(x0 + h, f(x0 + h))
            direction = (q - p) / np.linalg.norm(q - p)
            return Line(p - 2.5 * direction, p + 2.5 * direction, color=YELLOW)

        quotient = MathTex(r"\\frac{f(x_0 + h) - f(x_0)}{h} =", font_size=36)
        h_label = MathTex("h =", font_size=36)

        def readout(h):
            slope = (f(x0 + h) - f(x0)) / h
            numbers = VGroup(
                h_label.copy(), DecimalNumber(h, num_decimal_places=3, font_size=36),
                quotient.copy(), DecimalNumber(slope, num_decimal_places=3, font_size=36),
            ).arrange(RIGHT)
            return numbers.to_corner(UR, buff=0.3).add_background_rectangle()

        hs = [$h * 0.5**k for k in range(4)] + [0.01]
        line = secant(hs[0])
        p_dot = Dot(p, color=WHITE)
        q_dot = Dot(axes.c2p(x0 + hs[0], f(x0 + hs[0])), color=RED)
        numbers = readout(hs[0])

        self.play(Create(axes), Write(axis_labels), Create(graph), Write(label))
        self.play(FadeIn(p_dot), FadeIn(q_dot), Create(line), FadeIn(numbers))
        for h in hs[1:]:
            self.play(
                Transform(line, secant(h)),
                q_dot.animate.move_to(axes.c2p(x0 + h, f(x0 + h))),
                Transform(numbers, readout(h)),
                run_time=0.8,
            )
        result = MathTex($result, color=YELLOW).next_to(numbers, DOWN, aligned_edge=RIGHT)
        self.play(Write(result), line.animate.set_color(ORANGE))
        self.wait(1)
''', **_axes_values(layout, formula), x0=_fmt_number(x0), h=_fmt_number(h0),
        plot_range=_plot_range(lo, hi), color=_color(v), label=_py_str(f"f(x) = {formula.latex}"),
        result=_py_str(rf"f'({_fmt_number(x0)}) \approx {slope:.3f}"))


def _check_secant(v: dict) -> None:
    formula = compile_formula(v["expr"])
    _graph_layout("expr", formula, v["x0"] - 2.5, v["x0"] + v["h"] + 1.5, need_all=True)


def _extract_secant(prompt: str) -> dict:
    values = _extract_graph(prompt)
    values.pop("x_min", None), values.pop("x_max", None)
    x0 = _find_number(prompt, rf"\b(?:at|x\s*=|x_0\s*=|x0\s*=|point)\s*(?:x\s*=\s*)?({_NUM})")
    if x0 is not None:
        values["x0"] = x0
    return values


def _score_secant(prompt: str, extracted: dict, base: float) -> float:
    lower = prompt.lower()
    if re.search(r"secant|difference quotient|first principles|h\s*(?:->|→|approaches|goes to|tends to)\s*0", lower):
        return 2.0
    return -100


def _two_curve_layout(f: Formula, g: Formula, a: float, b: float) -> dict:
    first = _graph_layout("expr_top", f, a, b, need_all=True)
    second = _graph_layout("expr_bottom", g, a, b, need_all=True)
    ay = _axis_range(min(first["ay"][0], second["ay"][0]), max(first["ay"][1], second["ay"][1]), 6)
    return {"ax": first["ax"], "ay": ay}


def _build_area_between(v: dict) -> str:
    f, g = compile_formula(v["expr_top"]), compile_formula(v["expr_bottom"])
    a, b = v["x_min"], v["x_max"]
    layout = _two_curve_layout(f, g, a, b)
    xs = np.linspace(a, b, 4001)
    gap = np.abs(np.broadcast_to(f(xs), xs.shape) - np.broadcast_to(g(xs), xs.shape))
    area = float(np.sum((gap[1:] + gap[:-1]) / 2) * (b - a) / 4000)
    values = _axes_values(layout, f)
    return _sub('''
from manim import *


class AreaBetweenCurves(Scene):
    def construct(self):
''' + _AXES_CODE + '''
        def g(x):
            return $python_g

        a, b = $a, $b
        top = axes.plot(f, x_range=$plot_range, color=$color)
        bottom = axes.plot(g, x_range=$plot_range, color=$color_b)
        top_label = MathTex($label_f, color=$color, font_size=36)
        bottom_label = MathTex($label_g, color=$color_b, font_size=36)
        labels = VGroup(top_label, bottom_label).arrange(DOWN, aligned_edge=LEFT).to_corner(UL, buff=0.3)
        labels.add_background_rectangle()
        area = axes.get_area(top, x_range=[a, b], bounded_graph=bottom, color=$color, opacity=0.45)
        edges = VGroup(
            axes.get_vertical_line(axes.c2p(a, max(f(a), g(a))), color=GREY),
            axes.get_vertical_line(axes.c2p(b, max(f(b), g(b))), color=GREY),
        )
        result = MathTex($result, font_size=40).to_corner(UR, buff=0.3)
        result.add_background_rectangle()

        self.play(Create(axes), Write(axis_labels))
        self.play(Create(top), Create(bottom), Write(labels), run_time=1.5)
        self.play(Create(edges))
        self.play(FadeIn(area), run_time=1)
        self.play(Write(result))
        self.wait(1)
''', **values, python_g=g.python, a=_fmt_number(a), b=_fmt_number(b), plot_range=_plot_range(a, b),
        color=_color(v), color_b=_color(v, "color_bottom"), label_f=_py_str(f"f(x) = {f.latex}"),
        label_g=_py_str(f"g(x) = {g.latex}"),
        result=_py_str(rf"\int_{{{_fmt_number(a)}}}^{{{_fmt_number(b)}}} \left|f(x) - g(x)\right|\,dx "
                       rf"\approx {area:.3f}"))


def _check_area_between(v: dict) -> None:
    _range_check("x_min", "x_max")(v)
    f, g = compile_formula(v["expr_top"]), compile_formula(v["expr_bottom"])
    _two_curve_layout(f, g, v["x_min"], v["x_max"])


def _crossings(f: Formula, g: Formula, lo: float = -10, hi: float = 10) -> list[float]:
    xs = np.linspace(lo, hi, 4001)
    with np.errstate(all="ignore"):
        d = np.broadcast_to(f(xs), xs.shape) - np.broadcast_to(g(xs), xs.shape)
    roots = []
    for i in range(len(xs) - 1):
        if not (np.isfinite(d[i]) and np.isfinite(d[i + 1])):
            continue
        if d[i] == 0:
            roots.append(float(xs[i]))
        elif d[i] * d[i + 1] < 0:
            roots.append(float(xs[i] - d[i] * (xs[i + 1] - xs[i]) / (d[i + 1] - d[i])))
    return [round(r, 4) + 0.0 for r in roots]


def _extract_area_between(prompt: str) -> dict:
    values: dict = {}
    exprs = _find_exprs(prompt)
    if len(exprs) >= 2:
        f, g = compile_formula(exprs[0]), compile_formula(exprs[1])
        values["expr_top"], values["expr_bottom"] = exprs[0], exprs[1]
        rng = _find_range(re.sub(r"\bbetween\b(?=.*\bcurves?\b)", "", prompt)) if "from" in prompt.lower() else None
        if rng is None:
            roots = _crossings(f, g)
            if len(roots) >= 2:
                near = sorted(roots, key=abs)[:2]
                rng = (min(near), max(near))
        if rng:
            values["x_min"], values["x_max"] = rng
            mid = (rng[0] + rng[1]) / 2
            if float(g(mid)) > float(f(mid)):
                values["expr_top"], values["expr_bottom"] = exprs[1], exprs[0]
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


def _score_area_between(prompt: str, extracted: dict, base: float) -> float:
    if re.search(r"\bbetween\b.*\bcurves\b|\bbetween\s+(?:the\s+)?(?:graphs|functions)\b|\benclosed\b|\bbounded by\b",
                 prompt, re.I):
        return 1.5 + (0.5 if "expr_top" in extracted else 0.0)
    return 1.0 if "expr_top" in extracted and "area" in prompt.lower() else -100


def _limit_value(formula: Formula, a: float) -> tuple[float, float]:
    with np.errstate(all="ignore"):
        left = [float(formula(np.float64(a - h))) for h in (1e-3, 1e-4, 1e-5)]
        right = [float(formula(np.float64(a + h))) for h in (1e-3, 1e-4, 1e-5)]
    return left[-1], right[-1]


def _check_limit(v: dict) -> None:
    formula = compile_formula(v["expr"])
    left, right = _limit_value(formula, v["a"])
    if not (math.isfinite(left) and math.isfinite(right)):
        raise TemplateParamError("expr", f"y = {formula.source} has no finite limit as x approaches "
                                         f"{_fmt_number(v['a'])}.")
    if abs(left - right) > 1e-2 * (1 + abs(left)):
        raise TemplateParamError("expr", f"the limit of {formula.source} at x = {_fmt_number(v['a'])} does not exist: "
                                         "the left and right limits differ.")
    _graph_layout("expr", formula, v["a"] - 4, v["a"] + 4, need_all=False)


def _finite_piece(formula: Formula, lo: float, hi: float) -> tuple[float, float]:
    """Nudge the ends of a plotting interval inwards until f is finite there (e.g. off a hole)."""
    step = (hi - lo) * 1e-3
    with np.errstate(all="ignore"):
        while not math.isfinite(float(formula(np.float64(lo)))) and lo + step < hi:
            lo = round(lo + step, 6)
        while not math.isfinite(float(formula(np.float64(hi)))) and hi - step > lo:
            hi = round(hi - step, 6)
    return lo, hi


def _build_limit(v: dict) -> str:
    formula = compile_formula(v["expr"])
    a = v["a"]
    left, right = _limit_value(formula, a)
    limit = round((left + right) / 2, 4) + 0.0
    layout = _graph_layout("expr", formula, a - 4, a + 4, need_all=False)
    pieces = [_finite_piece(formula, lo, hi) for lo, hi in layout["pieces"] or [layout["plot"]]]
    ranges = ", ".join(_plot_range(lo, hi) for lo, hi in pieces)
    lim_tex = rf"\lim_{{x \to {_fmt_number(a)}}} {formula.latex} = {_fmt_number(limit)}"
    return _sub('''
from manim import *


class LimitApproach(Scene):
    def construct(self):
''' + _AXES_CODE + '''
        a, limit = $a, $limit
        graph = VGroup(*[axes.plot(f, x_range=r, color=$color) for r in [$ranges]])
        label = MathTex($label, color=$color).to_corner(UL, buff=0.3)
        label.add_background_rectangle()
        hole = Circle(radius=0.08, color=$color, fill_color=BLACK, fill_opacity=1).move_to(axes.c2p(a, limit))
        guides = VGroup(
            DashedLine(axes.c2p(a, 0), axes.c2p(a, limit), color=GREY),
            DashedLine(axes.c2p(0, limit), axes.c2p(a, limit), color=GREY),
        )
        d = ValueTracker(3)
        left = always_redraw(lambda: Dot(axes.c2p(a - d.get_value(), f(a - d.get_value())), color=YELLOW))
        right = always_redraw(lambda: Dot(axes.c2p(a + d.get_value(), f(a + d.get_value())), color=RED))
        result = MathTex($result, font_size=44).to_corner(UR, buff=0.3)
        result.add_background_rectangle()

        self.play(Create(axes), Write(axis_labels))
        self.play(Create(graph), Write(label), run_time=1.5)
        self.play(FadeIn(hole), Create(guides))
        self.play(FadeIn(left), FadeIn(right))
        self.play(d.animate.set_value(0.02), run_time=3, rate_func=smooth)
        self.play(Write(result), Flash(hole, color=YELLOW))
        self.wait(1)
''', **_axes_values(layout, formula), a=_fmt_number(a), limit=_fmt_number(limit), ranges=ranges,
        color=_color(v), label=_py_str(f"f(x) = {formula.latex}"), result=_py_str(lim_tex))


def _extract_limit(prompt: str) -> dict:
    values: dict = {}
    text = re.sub(r"\blim(?:it)?\s+(?:as\s+)?x\s*(?:->|→|approaches|tends to|goes to)\s*" + _NUM_OR_PI + r"\s*(?:of\s+)?",
                  "limit of ", prompt, flags=re.I)
    expr = _find_expr(text)
    if expr:
        values["expr"] = expr
    m = re.search(rf"\bx\s*(?:->|→|approaches|tends to|goes to|to)\s*({_NUM_OR_PI})", prompt, re.I)
    if m:
        a = _to_number(m.group(1))
        if a is not None:
            values["a"] = a
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


_TAYLOR = {
    # function -> (x range, y range, series as LaTeX)
    "sin": ("[-2 * PI, 2 * PI, PI / 2]", "[-3, 3, 1]", r"\sin x = \sum_{k=0}^{\infty} \frac{(-1)^k x^{2k+1}}{(2k+1)!}"),
    "cos": ("[-2 * PI, 2 * PI, PI / 2]", "[-3, 3, 1]", r"\cos x = \sum_{k=0}^{\infty} \frac{(-1)^k x^{2k}}{(2k)!}"),
    "exp": ("[-4, 3, 1]", "[-2, 14, 2]", r"e^x = \sum_{k=0}^{\infty} \frac{x^k}{k!}"),
}


def _build_taylor(v: dict) -> str:
    name = v["function"]
    x_range, y_range, series = _TAYLOR[name]
    return _sub('''
from manim import *
import math


class TaylorPolynomials(Scene):
    def construct(self):
        name, max_degree = "$name", $degree
        axes = Axes(x_range=$x_range, y_range=$y_range, x_length=11, y_length=5.2, tips=False).shift(DOWN * 0.5)
        functions = {"sin": np.sin, "cos": np.cos, "exp": np.exp}
        # derivatives at 0 repeat with period 4 (sin, cos) or are all 1 (exp)
        cycles = {"sin": [0, 1, 0, -1], "cos": [1, 0, -1, 0], "exp": [1, 1, 1, 1]}
        x_min, x_max = axes.x_range[0], axes.x_range[1]
        y_min, y_max = axes.y_range[0], axes.y_range[1]

        def taylor(n):
            coefficients = [cycles[name][k % 4] / math.factorial(k) for k in range(n + 1)]
            return lambda x: sum(c * x**k for k, c in enumerate(coefficients))

        def visible_range(p):
            # the stretch around 0 where the polynomial stays on screen
            xs = np.linspace(x_min, x_max, 801)
            inside = (p(xs) >= y_min) & (p(xs) <= y_max)
            i = j = int(np.argmin(np.abs(xs)))
            while i > 0 and inside[i - 1]:
                i -= 1
            while j < len(xs) - 1 and inside[j + 1]:
                j += 1
            return [xs[i], xs[j], (x_max - x_min) / 300]

        def approximation(n):
            p = taylor(n)
            return axes.plot(p, x_range=visible_range(p), color=$color, stroke_width=5)

        target = axes.plot(functions[name], x_range=visible_range(functions[name]), color=WHITE)
        series = MathTex($series, font_size=40).to_edge(UP, buff=0.3)
        degrees = [n for n in range(max_degree + 1) if cycles[name][n % 4] != 0]
        count = Text(f"degree {degrees[0]}", font_size=30, color=$color).to_corner(UR, buff=0.3).shift(DOWN * 0.9)

        self.play(Create(axes), Write(series))
        self.play(Create(target))
        curve = approximation(degrees[0])
        self.play(Create(curve), FadeIn(count))
        for n in degrees[1:]:
            new_count = Text(f"degree {n}", font_size=30, color=$color).move_to(count)
            self.play(Transform(curve, approximation(n)), Transform(count, new_count),
                      run_time=max(0.4, 3.5 / len(degrees)))
        self.wait(1)
''', name=name, degree=v["degree"], x_range=x_range, y_range=y_range, series=_py_str(series),
        color=_color(v))


def _extract_taylor(prompt: str) -> dict:
    values: dict = {}
    lower = prompt.lower()
    if re.search(r"\bcos", lower):
        values["function"] = "cos"
    elif re.search(r"\be\s*\^\s*x|\bexp|\bexponential", lower):
        values["function"] = "exp"
    elif re.search(r"\bsin", lower):
        values["function"] = "sin"
    degree = _find_number(prompt, r"\b(?:degree|order)\s*(?:of\s+|up\s+to\s+|=\s*)?(\d+)") or \
        _find_number(prompt, r"\b(\d+)(?:st|nd|rd|th)?[\s-]+(?:degree|order)\b") or \
        _find_number(prompt, r"\bup\s+to\s+x\s*\^\s*(\d+)")
    if degree is not None:
        values["degree"] = int(degree)
    else:
        terms = _find_number(prompt, r"\b(\d+)\s+terms\b")
        if terms is not None:
            n = int(terms)
            values["degree"] = {"sin": 2 * n - 1, "cos": 2 * n - 2}.get(values.get("function", "sin"), n - 1)
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


TEMPLATES: tuple[SceneTemplate, ...] = (
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
        weak=("differentiate", "differentiation"),
        excludes=("newton's method", "newton-raphson", "newton raphson", "l'hopital", "l'hôpital",
                  "l’hopital", "l’hôpital"),
        examples=(
            "Show a tangent line moving along y = sin(x)",
            "Visualise the derivative of x^2 as the slope of the tangent",
            "Tangent line to f(x) = x^3 - 3x from -2 to 2",
        ),
        builder=_build_tangent_line,
        checker=_check_graph_all,
        scorer=_score_graph,
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
        weak=("integrate", "integration", "rectangles"),
        excludes=("fundamental theorem", "accumulated", "accumulation", "volume", "revolution"),
        examples=(
            "Riemann sums for x^2 from 0 to 2",
            "Show the area under the curve y = sin(x) between 0 and 3 with rectangles",
            "Explain the definite integral",
        ),
        builder=_build_riemann,
        checker=_check_graph_all,
        scorer=_score_graph,
        extractor=_extract_graph,
    ),
    SceneTemplate(
        slug="fourier-square-wave",
        title="Fourier series of a square wave",
        subject="calculus",
        description="Partial sums of sine waves converge to a square wave (with the Gibbs overshoot).",
        scene_name="FourierSquareWave",
        params=(
            Param("terms", "int", 6, "Terms", "Number of odd harmonics in the last partial sum.", 1, 15),
            Param("color", "color", "yellow", "Curve colour"),
        ),
        keywords=("fourier", "fourier series", "square wave", "harmonics", "partial sums", "gibbs",
                  "sum of sines", "sine waves"),
        weak=("partial sums", "sine waves", "sum of sines"),
        excludes=("standing wave", "standing waves"),
        examples=(
            "Show the Fourier series of a square wave with 7 terms",
            "Square wave built from harmonics",
            "Fourier partial sums converging",
        ),
        builder=_build_fourier,
        checker=None,
        extractor=_extract_fourier,
    ),
    SceneTemplate(
        slug="secant-to-tangent",
        title="Derivative as a limit of secants",
        subject="calculus",
        description="A secant through (x₀, f(x₀)) and (x₀ + h, f(x₀ + h)) turns into the tangent as h → 0.",
        scene_name="SecantToTangent",
        params=(
            Param("expr", "expr", "x^2/2", "Function f(x)", _EXPR_HELP),
            Param("x0", "float", 1.0, "Point x₀", minimum=-50, maximum=50),
            Param("h", "float", 2.0, "Starting h", "The secant's first width.", 0.2, 5),
            Param("color", "color", "blue", "Curve colour"),
        ),
        keywords=("secant", "secant line", "secant lines", "difference quotient", "first principles", "derivative",
                  "limit", "tangent", "slope"),
        examples=(
            "Show the derivative as the limit of secant lines for x^2",
            "Secant line becoming the tangent of sin(x) at x = 1",
            "Derivative from first principles: difference quotient as h goes to 0",
        ),
        builder=_build_secant,
        checker=_check_secant,
        extractor=_extract_secant,
        scorer=_score_secant,
    ),
    SceneTemplate(
        slug="area-between-curves",
        title="Area between curves",
        subject="calculus",
        description="Two graphs and the region between them, shaded, with its area as an integral.",
        scene_name="AreaBetweenCurves",
        params=(
            Param("expr_top", "expr", "x", "Function f(x)", _EXPR_HELP),
            Param("expr_bottom", "expr", "x^2", "Function g(x)", _EXPR_HELP),
            Param("x_min", "float", 0.0, "x from", "Left end of the region.", -100, 100),
            Param("x_max", "float", 1.0, "x to", "Right end of the region.", -100, 100),
            Param("color", "color", "blue", "Colour of f and the area"),
            Param("color_bottom", "color", "green", "Colour of g"),
        ),
        keywords=("area between", "between curves", "between the curves", "between two curves", "enclosed",
                  "bounded by", "region between", "area", "integral"),
        examples=(
            "Area between the curves y = x and y = x^2",
            "Find the area enclosed by x^2 and 2x",
            "Shade the region between the curves sin(x) and cos(x) from 0 to 3",
        ),
        builder=_build_area_between,
        checker=_check_area_between,
        extractor=_extract_area_between,
        scorer=_score_area_between,
    ),
    SceneTemplate(
        slug="limit",
        title="Limit of a function",
        subject="calculus",
        description="Points on both sides close in on x = a while f(x) approaches the limit (a hole in the graph).",
        scene_name="LimitApproach",
        params=(
            Param("expr", "expr", "sin(x)/x", "Function f(x)", _EXPR_HELP),
            Param("a", "float", 0.0, "x approaches", minimum=-50, maximum=50),
            Param("color", "color", "blue", "Curve colour"),
        ),
        keywords=("limit", "limits", "approaches", "approaching", "tends to", "lim", "goes to", "removable discontinuity", "hole"),
        excludes=("epsilon", "epsilon-delta", "l'hopital", "l'hôpital", "l’hopital", "central limit"),
        examples=(
            "Show the limit of sin(x)/x as x approaches 0",
            "Limit of (x^2 - 4)/(x - 2) as x tends to 2",
            "What does it mean for a function to approach a limit?",
        ),
        builder=_build_limit,
        checker=_check_limit,
        extractor=_extract_limit,
    ),
    SceneTemplate(
        slug="taylor-series",
        title="Taylor polynomials",
        subject="calculus",
        description="Taylor polynomials of increasing degree hug sin x, cos x or eˣ ever more closely.",
        scene_name="TaylorPolynomials",
        params=(
            Param("function", "choice", "sin", "Function", choices=("sin", "cos", "exp")),
            Param("degree", "int", 7, "Highest degree", minimum=1, maximum=15),
            Param("color", "color", "yellow", "Polynomial colour"),
        ),
        keywords=("taylor", "taylor series", "taylor polynomial", "taylor polynomials", "maclaurin",
                  "power series", "polynomial approximation", "approximate sin", "approximating"),
        weak=("approximating", "polynomial approximation"),
        examples=(
            "Taylor polynomials approximating sin(x) up to degree 9",
            "Maclaurin series of e^x",
            "Show the Taylor series of cos x",
        ),
        builder=_build_taylor,
        checker=None,
        extractor=_extract_taylor,
    ),
)
