"""Algebra: graphs of functions, equations, trigonometry."""

from __future__ import annotations

import math
from fractions import Fraction
import re

import numpy as np

from .core import (
    _AXES_CODE,
    _NUM,
    Param,
    SceneTemplate,
    TemplateParamError,
    _axes_values,
    _axis_range,
    _find_number,
    _check_function_plot,
    _check_latex,
    _color,
    _extract_graph,
    _find_colors,
    _find_exprs,
    _fmt_number,
    _graph_layout,
    _graph_params,
    _plot_range,
    _py_str,
    _sub,
    compile_formula,
)


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



def _check_linear(v: dict) -> None:
    if v["a"] == v["c"]:
        raise TemplateParamError("c", "the x terms cancel (a = c), so there is no single solution.")


def _extract_linear(prompt: str) -> dict:
    found = _find_equation(prompt)
    if not found:
        return {}
    left, right = _polynomial(found[0], 1), _polynomial(found[1], 1)
    if not left or not right or left[0] == right[0]:
        return {}
    values = {"a": left[0], "b": left[1], "c": right[0], "d": right[1]}
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


def _score_linear(prompt: str, extracted: dict, base: float) -> float:
    return 1.5 if extracted else 0.0


def _score_graph(prompt: str, extracted: dict, base: float) -> float:
    # The scene draws one formula in x: without one (or with several) it would draw something else.
    if "expr" not in extracted:
        return -100
    if not re.search(r"\b(?:plot\w*|graph\w*|sketch\w*|draw\w*|curve)\b", prompt, re.I):
        return -100  # a formula mentioned for another purpose (a volume, a proof) is not a plot request
    if len(_find_exprs(prompt, r"\by\s*=|\b[fg]\s*\(\s*x\s*\)\s*=")) > 1:
        return -100
    if re.search(r"\by\s*=", prompt, re.I) and not _find_exprs(prompt, r"\by\s*="):
        return -100  # "y = ..." that is not a formula in x (parameters, another variable)
    return 0.5


def _score_equation(prompt: str, extracted: dict, base: float) -> float:
    # evidence is an equation the prompt itself writes out, not one looked up by name
    latex = extracted.get("latex", "")
    return 0.5 if "=" in latex and latex in prompt else 0.0


def _score_unit_circle(prompt: str, extracted: dict, base: float) -> float:
    lower = prompt.lower()
    if re.search(r"\bsin(?:e)?\b", lower) and re.search(r"\bcircle\b", lower):
        return 1.0
    if base and not re.search(r"\b(?:unit circle|circle|wave|trig\w*)\b", lower):
        return -100
    return 0.0



def _frac_tex(value: float) -> str:
    """A number as LaTeX: an integer, a small fraction, or a decimal."""
    frac = Fraction(value).limit_denominator(100)
    if abs(float(frac) - value) > 1e-9:
        return _fmt_number(round(value, 3))
    if frac.denominator == 1:
        return str(frac.numerator)
    sign = "-" if frac < 0 else ""
    return rf"{sign}\frac{{{abs(frac.numerator)}}}{{{frac.denominator}}}"


def _poly_tex(coefficients: list[float]) -> str:
    """LaTeX for c_n x^n + ... + c_0 (highest power first), e.g. [1, -5, 6] -> x^2 - 5x + 6."""
    degree = len(coefficients) - 1
    terms = []
    for i, c in enumerate(coefficients):
        power = degree - i
        if c == 0:
            continue
        body = _frac_tex(abs(c))
        if power and abs(c) == 1:
            body = ""
        if power:
            body += "x" + (f"^{power}" if power > 1 else "")
        terms.append(("-" if c < 0 else "+", body))
    if not terms:
        return "0"
    text = ("-" if terms[0][0] == "-" else "") + terms[0][1]
    for sign, body in terms[1:]:
        text += f" {sign} {body}"
    return text


def _polynomial(text: str, degree: int) -> list[float] | None:
    """Coefficients (highest power first) of a polynomial in x of at most ``degree``, or None."""
    try:
        formula = compile_formula(text)
    except ValueError:
        return None
    with np.errstate(all="ignore"):
        ys = [float(formula(np.float64(x))) for x in (-1.0, 0.0, 1.0, 2.0, 3.0, -2.5)]
    if not all(math.isfinite(y) for y in ys):
        return None
    ym, y0, y1 = ys[0], ys[1], ys[2]
    a2, a1, a0 = (y1 + ym - 2 * y0) / 2, (y1 - ym) / 2, y0
    coefficients = [a2, a1, a0]
    for x, y in ((2.0, ys[3]), (3.0, ys[4]), (-2.5, ys[5])):
        if abs(a2 * x * x + a1 * x + a0 - y) > 1e-6 * (1 + abs(y)):
            return None
    coefficients = [round(c, 9) + 0.0 for c in coefficients]
    if degree == 1:
        if coefficients[0] != 0:
            return None
        return coefficients[1:]
    return coefficients


_EQ_CHARS = r"[\dx\s+\-−*/^().²³]"


def _find_equation(prompt: str) -> tuple[str, str] | None:
    """The two sides of the first 'formula = formula' in the prompt (longest readable sides)."""
    for m in re.finditer(r"=", prompt):
        left = re.search(rf"({_EQ_CHARS}+)$", prompt[: m.start()])
        right = re.match(rf"({_EQ_CHARS}+)", prompt[m.end():])
        if not left or not right:
            continue
        lhs, rhs = left.group(1).strip(), right.group(1).strip().rstrip(".")
        while lhs and not _polynomial_ok(lhs):
            lhs = lhs.split(None, 1)[1] if " " in lhs else ""
        while rhs and not _polynomial_ok(rhs):
            rhs = rhs.rsplit(None, 1)[0] if " " in rhs else ""
        if lhs and rhs:
            return lhs, rhs
    return None


def _polynomial_ok(text: str) -> bool:
    try:
        compile_formula(text)
    except ValueError:
        return False
    return True


def _build_quadratic(v: dict) -> str:
    a, b, c = v["a"], v["b"], v["c"]
    disc = b * b - 4 * a * c
    f = _frac_tex
    neg_b = f(-b)
    lines = [(_poly_tex([a, b, c]) + " = 0", "")]
    if v["method"] == "formula":
        lines += [
            (r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}", "the quadratic formula"),
            (rf"x = \frac{{{neg_b} \pm \sqrt{{{f(disc)}}}}}{{{f(2 * a)}}}",
             rf"b^2 - 4ac = {f(b * b)} - {f(4 * a * c)}" if 4 * a * c >= 0 else rf"b^2 - 4ac = {f(b * b)} + {f(-4 * a * c)}"),
        ]
    else:
        p, q = b / a, c / a
        half = p / 2
        rhs = half * half - q
        if a != 1:
            lines.append((_poly_tex([1, p, q]) + " = 0", rf"\div {f(a)}"))
        lines += [
            (_poly_tex([1, p, 0]) + f" = {f(-q)}", rf"{'-' if q >= 0 else '+'}\,{f(abs(q))}"),
            (_poly_tex([1, p, half * half]) + rf" = {f(rhs)}", rf"+\left({f(half)}\right)^2"),
            (rf"\left({_poly_tex([1, half])}\right)^2 = {f(rhs)}", r"\text{a perfect square}"),
        ]
    if disc > 1e-12:
        r1, r2 = (-b + math.sqrt(disc)) / (2 * a), (-b - math.sqrt(disc)) / (2 * a)
        result = rf"x_1 = {f(r1)},\quad x_2 = {f(r2)}"
        roots = [r1, r2]
    elif abs(disc) <= 1e-12:
        result = rf"x = {f(-b / (2 * a))}"
        roots = [-b / (2 * a)]
    else:
        re_part, im_part = -b / (2 * a), math.sqrt(-disc) / (2 * abs(a))
        result = rf"\text{{no real roots: }} x = {f(re_part)} \pm {f(im_part)}\,i"
        roots = []
    lines.append((result, ""))

    vertex = -b / (2 * a)
    span = max(3.0, (abs(roots[0] - roots[-1]) / 2 + 1.5) if roots else 3.0)
    x_lo, x_hi = vertex - span, vertex + span
    ys = [a * x * x + b * x + c for x in np.linspace(x_lo, x_hi, 101)]
    ay = _axis_range(min(ys), max(ys), 6)
    ax = _axis_range(x_lo, x_hi, 6)
    rows = ",\n".join(f"            ({_py_str(t)}, {_py_str(n)})" for t, n in lines)
    return _sub('''
from manim import *


class QuadraticFormula(Scene):
    def construct(self):
        a, b, c = $a, $b, $c
        steps = [
$rows,
        ]
        axes = Axes(
            x_range=[$ax_lo, $ax_hi, $ax_step],
            y_range=[$ay_lo, $ay_hi, $ay_step],
            x_length=5,
            y_length=4,
            tips=False,
        ).to_edge(RIGHT, buff=0.4).shift(DOWN * 0.3)
        parabola = axes.plot(lambda x: a * x**2 + b * x + c, x_range=[$x_lo, $x_hi], color=$color)
        roots = VGroup(*[Dot(axes.c2p(r, 0), color=YELLOW) for r in $roots])

        column = VGroup()
        for tex, note in steps:
            line = MathTex(tex, font_size=40)
            if note:
                line = VGroup(line, MathTex(note, font_size=28, color=GREY_B)).arrange(RIGHT, buff=0.5)
            column.add(line)
        column.arrange(DOWN, aligned_edge=LEFT, buff=0.35).to_edge(LEFT, buff=0.5)
        if column.height > 6.8:
            column.scale_to_fit_height(6.8)
        if column.width > 7.6:
            column.scale_to_fit_width(7.6)
        column.set_y(0)

        self.play(Write(column[0]), Create(axes), Create(parabola))
        for line in column[1:]:
            self.play(FadeIn(line, shift=DOWN * 0.2), run_time=0.7)
        self.play(Circumscribe(column[-1], color=YELLOW), FadeIn(roots, scale=2))
        self.wait(1)
''', a=_fmt_number(a), b=_fmt_number(b), c=_fmt_number(c), rows=rows,
        ax_lo=_fmt_number(ax[0]), ax_hi=_fmt_number(ax[1]), ax_step=_fmt_number(ax[2]),
        ay_lo=_fmt_number(ay[0]), ay_hi=_fmt_number(ay[1]), ay_step=_fmt_number(ay[2]),
        x_lo=_fmt_number(round(x_lo, 6)), x_hi=_fmt_number(round(x_hi, 6)),
        roots="[" + ", ".join(_fmt_number(round(r, 6)) for r in roots) + "]", color=_color(v))


def _check_quadratic(v: dict) -> None:
    if v["a"] == 0:
        raise TemplateParamError("a", "a must not be 0 (then the equation is not quadratic).")


def _extract_quadratic(prompt: str) -> dict:
    values: dict = {}
    found = _find_equation(prompt)
    if found:
        coefficients = _polynomial(f"({found[0]}) - ({found[1]})", 2)
        if coefficients and coefficients[0] != 0:
            values.update(a=coefficients[0], b=coefficients[1], c=coefficients[2])
    else:
        named = {k: _find_number(prompt, rf"\b{k}\s*=\s*({_NUM})") for k in "abc"}
        if all(n is not None for n in named.values()):
            values.update(named)
    if re.search(r"complet\w*\s+(?:the\s+)?square", prompt, re.I):
        values["method"] = "square"
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


def _score_quadratic(prompt: str, extracted: dict, base: float) -> float:
    bonus = 1.5 if "a" in extracted else 0.0
    return bonus + (1.0 if extracted.get("method") == "square" else 0.0)


def _build_linear(v: dict) -> str:
    a, b, c, d = v["a"], v["b"], v["c"], v["d"]
    f = _frac_tex
    lines = [(_poly_tex([a, b]) + " = " + _poly_tex([c, d]), "")]
    k = a - c
    if c != 0:
        lines.append((_poly_tex([k, b]) + f" = {f(d)}", rf"{'-' if c > 0 else '+'}\,{_poly_tex([abs(c), 0])}"))
    if b != 0:
        lines.append((_poly_tex([k, 0]) + f" = {f(d - b)}", rf"{'-' if b > 0 else '+'}\,{f(abs(b))}"))
    if k != 1:
        lines.append((rf"x = {f((d - b) / k)}", rf"\div {f(k) if k > 0 else '(' + f(k) + ')'}"))
    rows = ",\n".join(f"            ({_py_str(t)}, {_py_str(n)})" for t, n in lines)
    return _sub('''
from manim import *


class LinearEquation(Scene):
    def construct(self):
        steps = [
$rows,
        ]
        title = Text("Solve for x", font_size=40).to_edge(UP)
        column = VGroup()
        for tex, note in steps:
            equation = MathTex(tex, font_size=56)
            label = MathTex(note, font_size=36, color=$color) if note else VMobject()
            column.add(VGroup(equation, label))
        for row in column:
            row[1].next_to(row[0], RIGHT, buff=0.8)
        column.arrange(DOWN, buff=0.45)
        for row in column:
            row.shift((0 - row[0].get_center()[0]) * RIGHT)  # centre the equations, not the notes
        column.next_to(title, DOWN, buff=0.5)
        if column.height > 5.8:
            column.scale_to_fit_height(5.8).next_to(title, DOWN, buff=0.5)

        self.play(Write(title), Write(column[0][0]))
        previous = column[0][0]
        for row in column[1:]:
            self.play(FadeIn(row[1], shift=LEFT * 0.3), run_time=0.5)
            self.play(TransformFromCopy(previous, row[0]), run_time=0.9)
            previous = row[0]
        self.play(Circumscribe(column[-1][0], color=YELLOW))
        self.wait(1)
''', rows=rows, color=_color(v))


TEMPLATES: tuple[SceneTemplate, ...] = (
    SceneTemplate(
        slug="function-plot",
        title="Function plot",
        subject="algebra",
        description="Axes with the graph of y = f(x) drawn over a range, and its formula as a label.",
        scene_name="FunctionPlot",
        params=_graph_params("x^2 - 1", -3.0, 3.0, "blue"),
        keywords=("plot", "graph", "graph of", "plot of", "y =", "f(x) =", "function", "curve", "parabola",
                  "axes", "draw the function", "sketch"),
        excludes=("volume", "revolution", "3d", "slider", "sliders", "reflect", "reflection", "polar",
                  "parametric"),
        examples=(
            "Plot y = x^2 - 1 from -3 to 3",
            "Graph of sin(x) between -6 and 6 in yellow",
            "Draw the function f(x) = 2x + 1",
            "Plot e^x",
        ),
        builder=_build_function_plot,
        checker=_check_function_plot,
        scorer=_score_graph,
        extractor=_extract_graph,
        generic=True,
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
        excludes=("derive", "derivation", "morph", "morphs", "morphing", "prove", "proof"),
        examples=(
            "Show the equation E = mc^2",
            "Write Euler's identity",
            "Display the quadratic formula",
            "Show the equation x^2 - 1 = 0 then (x - 1)(x + 1) = 0",
        ),
        builder=_build_equation,
        checker=_check_equation,
        scorer=_score_equation,
        extractor=_extract_equation,
        generic=True,
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
        weak=("sine wave", "sine curve", "sin wave", "trigonometry"),
        excludes=("complex plane", "complex number", "complex numbers", "euler's formula"),
        examples=(
            "A point moving around the unit circle tracing the sine wave",
            "Show how the sine wave comes from the unit circle, two turns",
            "Unit circle trigonometry",
        ),
        builder=_build_unit_circle,
        checker=None,
        scorer=_score_unit_circle,
        extractor=_extract_unit_circle,
    ),
    SceneTemplate(
        slug="quadratic-formula",
        title="Quadratic formula",
        subject="algebra",
        description="Solve ax² + bx + c = 0 step by step, by the quadratic formula or by completing the square, "
                    "next to the parabola and its roots.",
        scene_name="QuadraticFormula",
        params=(
            Param("a", "float", 1.0, "a (x² coefficient)", "Must not be 0.", -10, 10),
            Param("b", "float", -5.0, "b (x coefficient)", minimum=-30, maximum=30),
            Param("c", "float", 6.0, "c (constant)", minimum=-100, maximum=100),
            Param("method", "choice", "formula", "Method", "The quadratic formula, or completing the square.",
                  choices=("formula", "square")),
            Param("color", "color", "blue", "Parabola colour"),
        ),
        keywords=("quadratic formula", "quadratic equation", "solve the quadratic", "completing the square",
                  "complete the square", "discriminant", "roots of", "solve", "x^2"),
        excludes=("derive", "derivation", "tiles", "algebra tiles", "difference of squares"),
        examples=(
            "Solve x^2 - 5x + 6 = 0 with the quadratic formula",
            "Complete the square for x^2 + 6x + 5 = 0",
            "Solve the quadratic equation 2x^2 + 3x - 2 = 0",
        ),
        builder=_build_quadratic,
        checker=_check_quadratic,
        extractor=_extract_quadratic,
        scorer=_score_quadratic,
    ),
    SceneTemplate(
        slug="linear-equation",
        title="Solving a linear equation",
        subject="algebra",
        description="Solve ax + b = cx + d step by step, doing the same thing to both sides.",
        scene_name="LinearEquation",
        params=(
            Param("a", "float", 3.0, "a (x on the left)", minimum=-50, maximum=50),
            Param("b", "float", 5.0, "b (number on the left)", minimum=-100, maximum=100),
            Param("c", "float", 0.0, "c (x on the right)", "0 for none.", -50, 50),
            Param("d", "float", 20.0, "d (number on the right)", minimum=-100, maximum=100),
            Param("color", "color", "yellow", "Step colour"),
        ),
        keywords=("linear equation", "solve for x", "solve", "step by step", "both sides", "isolate x",
                  "find x", "equation"),
        excludes=("order of operations",),
        examples=(
            "Solve 3x + 5 = 20 step by step",
            "Solve for x: 5x - 3 = 2x + 9",
            "Linear equation 2x + 7 = 1",
        ),
        builder=_build_linear,
        checker=_check_linear,
        extractor=_extract_linear,
        scorer=_score_linear,
    ),
)
