"""Basics: shapes, arithmetic and fractions."""

from __future__ import annotations

import math
import re

from .core import (
    SHAPES,
    _SHAPE_ALIASES,
    Param,
    SceneTemplate,
    TemplateParamError,
    _color,
    _find_colors,
    _fmt_number,
    _py_str,
    _sub,
)


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


def _score_shapes(prompt: str, extracted: dict, base: float) -> float:
    if not all(k in extracted for k in ("from_shape", "to_shape")):
        return -100  # a morph needs a shape to start from and one to end as
    if "to_shape" in extracted and re.search(
        rf"\b{extracted['from_shape']}s?\b.*\b(?:into|to|becomes?|->)\b.*\b{extracted['to_shape']}", prompt.lower()
    ):
        return 1.5
    return 0.0 if base >= 1 else -100



def _build_number_line(v: dict) -> str:
    a, b = v["a"], v["b"]
    sign = 1 if v["operation"] == "add" else -1
    result = a + sign * b
    lo, hi = min(0, a, result) - 1, max(0, a, result) + 1
    label_step = 1 if hi - lo <= 16 else (2 if hi - lo <= 30 else 5)
    symbol = "+" if sign > 0 else "-"
    b_tex = f"({b})" if b < 0 else str(b)
    return _sub('''
from manim import *


class NumberLineArithmetic(Scene):
    def construct(self):
        a, b, sign = $a, $b, $sign
        result = a + sign * b
        line = NumberLine(
            x_range=[$lo, $hi, 1],
            length=12,
            include_numbers=True,
            numbers_to_include=[n for n in range($lo, $hi + 1) if n % $label_step == 0],
            font_size=30,
        ).shift(DOWN * 0.8)
        problem = MathTex("$a", "$symbol", "$b_tex", "=", "?", font_size=72).to_edge(UP, buff=0.8)
        problem[0].set_color(YELLOW)
        problem[2].set_color($color)

        dot = Dot(line.n2p(a), radius=0.13, color=YELLOW)
        self.play(Create(line), Write(problem))
        self.play(FadeIn(dot, scale=0.5), Indicate(problem[0]))

        # One hop per unit for small numbers, a single jump for large ones.
        step = 1 if abs(b) <= 10 else abs(b)
        direction = sign * (1 if b >= 0 else -1)
        position = a
        for _ in range(abs(b) // step):
            target = position + direction * step
            hop = ArcBetweenPoints(line.n2p(position), line.n2p(target), angle=-direction * PI / 2,
                                   color=$color, stroke_width=5)
            self.play(Create(hop), dot.animate.move_to(line.n2p(target)), run_time=0.35 if step == 1 else 1.2)
            position = target

        answer = MathTex(str(result), font_size=72, color=GREEN)
        answer.next_to(problem[3], RIGHT, buff=0.25).align_to(problem[4], DOWN)
        self.play(Transform(problem[4], answer), Flash(dot, color=GREEN))
        self.play(dot.animate.set_color(GREEN).scale(1.4))
        self.wait(1)
''', a=a, b=b, sign=sign, lo=lo, hi=hi, label_step=label_step, symbol=symbol, b_tex=b_tex,
        color=_color(v))


def _extract_number_line(prompt: str) -> dict:
    values: dict = {}
    m = re.search(r"(?<![\w.])(-?\d{1,2})\s*([+−-]|plus|minus)\s*(\(?-?\d{1,2}\)?)(?![\w.])", prompt, re.I)
    if m:
        values["a"], values["b"] = int(m.group(1)), int(m.group(3).strip("()"))
        values["operation"] = "subtract" if m.group(2).lower() in ("-", "−", "minus") else "add"
    else:
        m = re.search(r"\b(add|subtract|take away)\s+(-?\d{1,2})\s+(?:to|from|and)\s+(-?\d{1,2})\b", prompt, re.I)
        if m:
            operation = "add" if m.group(1).lower() == "add" else "subtract"
            values.update(a=int(m.group(3)), b=int(m.group(2)), operation=operation)
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


def _score_number_line(prompt: str, extracted: dict, base: float) -> float:
    lower = prompt.lower()
    if "a" not in extracted and not re.search(
            r"\b(?:add\w*|addition|subtract\w*|plus|minus|take away|counting on|hops?|arithmetic|sum|difference)\b",
            lower):
        return -100  # the scene is a sum or a difference worked out on the line: nothing to work out
    if "number line" in lower:
        return 1.0
    return 0.5 if "a" in extracted and base else 0.0


def _build_fraction_pie(v: dict) -> str:
    n, d = v["numerator"], v["denominator"]
    g = math.gcd(n, d) or 1
    value = rf"\frac{{{n}}}{{{d}}}"
    if g > 1 and n:
        value += rf" = \frac{{{n // g}}}{{{d // g}}}"
    value += rf" = {_fmt_number(round(100 * n / d, 1))}\%"
    return _sub('''
from manim import *


class FractionPie(Scene):
    def construct(self):
        numerator, denominator = $n, $d
        radius = 2.4
        center = LEFT * 2.8 + DOWN * 0.3
        angle = TAU / denominator
        slices = VGroup(*[
            Sector(radius=radius, angle=angle, start_angle=PI / 2 - (i + 1) * angle, arc_center=center,
                   color=GREY_D, fill_opacity=0.25, stroke_color=WHITE, stroke_width=3)
            for i in range(denominator)
        ])
        title = Text("Fractions", font_size=44).to_edge(UP)
        count = Text(f"0 of {denominator} slices", font_size=36).move_to(RIGHT * 3.4 + UP * 1.2)

        self.play(Write(title), Create(slices), FadeIn(count))
        for i in range(numerator):
            new_count = Text(f"{i + 1} of {denominator} slices", font_size=36).move_to(count)
            self.play(slices[i].animate.set_fill($color, opacity=0.9), Transform(count, new_count),
                      run_time=max(0.2, 1.6 / numerator))
        fraction = MathTex($value, font_size=60).next_to(count, DOWN, buff=0.8)
        self.play(Write(fraction))
        self.play(Indicate(VGroup(*slices[:numerator]) if numerator else slices, color=$color))
        self.wait(1)
''', n=n, d=d, color=_color(v), value=_py_str(value))


def _check_fraction_pie(v: dict) -> None:
    if v["numerator"] > v["denominator"]:
        raise TemplateParamError("numerator", "the numerator must not be larger than the denominator.")


_FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                   "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
                   "eighth": 8, "eighths": 8}
_SMALL_NUMBERS = {"one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _extract_fraction(prompt: str) -> dict:
    values: dict = {}
    m = re.search(r"(?<![\d.])(\d{1,2})\s*/\s*(\d{1,2})(?![\d.])", prompt) or re.search(
        r"\b(\d{1,2})\s+(?:out\s+of|of|over)\s+(\d{1,2})\b", prompt, re.I)
    if m:
        values["numerator"], values["denominator"] = int(m.group(1)), int(m.group(2))
    else:
        words = "|".join(_FRACTION_WORDS)
        m = re.search(rf"\b(one|a|two|three|four|five|six|seven)[\s-]+({words})\b", prompt, re.I)
        if m:
            values["numerator"] = _SMALL_NUMBERS[m.group(1).lower()]
            values["denominator"] = _FRACTION_WORDS[m.group(2).lower()]
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


def _score_fraction(prompt: str, extracted: dict, base: float) -> float:
    return 1.0 if "numerator" in extracted and base else 0.0


TEMPLATES: tuple[SceneTemplate, ...] = (
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
        scorer=_score_shapes,
        extractor=_extract_shapes,
    ),
    SceneTemplate(
        slug="number-line",
        title="Number line arithmetic",
        subject="basics",
        description="Addition or subtraction as hops along a number line.",
        scene_name="NumberLineArithmetic",
        params=(
            Param("a", "int", 3, "Start number", "Where the dot starts.", -20, 20),
            Param("b", "int", 4, "Number to add or subtract", "How far the dot hops.", -20, 20),
            Param("operation", "choice", "add", "Operation", choices=("add", "subtract")),
            Param("color", "color", "blue", "Hop colour"),
        ),
        keywords=("number line", "addition", "subtraction", "add", "subtract", "adding", "subtracting",
                  "plus", "minus", "take away", "counting on", "hops", "arithmetic"),
        examples=(
            "Show 3 + 4 on a number line",
            "Subtraction on the number line: 7 - 5",
            "Add 6 to -2 with hops along a number line",
        ),
        builder=_build_number_line,
        checker=None,
        extractor=_extract_number_line,
        scorer=_score_number_line,
    ),
    SceneTemplate(
        slug="fraction-pie",
        title="Fractions pie",
        subject="basics",
        description="A pie cut into equal slices; slices are counted and coloured to show a fraction.",
        scene_name="FractionPie",
        params=(
            Param("numerator", "int", 3, "Numerator", "How many slices are coloured.", 0, 24),
            Param("denominator", "int", 4, "Denominator", "How many equal slices.", 1, 24),
            Param("color", "color", "orange", "Slice colour"),
        ),
        keywords=("fraction", "fractions", "pie", "pie chart", "numerator", "denominator", "slices of",
                  "equal parts", "counting slices", "three quarters", "one half", "one third", "out of"),
        weak=("pie", "pie chart", "slices of", "equal parts", "counting slices"),
        examples=(
            "Show the fraction 3/4 as a pie",
            "Fractions: color 5 out of 8 slices of a pie",
            "Explain two thirds with a fraction pie",
        ),
        builder=_build_fraction_pie,
        checker=_check_fraction_pie,
        extractor=_extract_fraction,
        scorer=_score_fraction,
    ),
)
