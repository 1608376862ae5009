"""Geometry: triangles and circles."""

from __future__ import annotations

import math
import re

from .core import (
    _NUM,
    Param,
    SceneTemplate,
    TemplateParamError,
    _color,
    _find_number,
    _find_colors,
    _fmt_number,
    _numbers_after,
    _py_str,
    _sub,
)


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


def _score_circle_area(prompt: str, extracted: dict, base: float) -> float:
    lower = prompt.lower()
    return 1.0 if "circle" in lower and "area" in lower else (0.0 if "circle" in lower else -100)



def _build_triangle_angles(v: dict) -> str:
    return _sub('''
from manim import *


class TriangleAngleSum(Scene):
    def construct(self):
        alpha, beta = $alpha * DEGREES, $beta * DEGREES
        gamma = PI - alpha - beta
        # Vertices from the angles (law of sines), base AB of length 1, then scaled to fit.
        A, B = ORIGIN, RIGHT
        side_b = np.sin(beta) / np.sin(gamma)
        C = side_b * np.array([np.cos(alpha), np.sin(alpha), 0])
        points = [A, B, C]
        width = max(p[0] for p in points) - min(p[0] for p in points)
        scale = min(7 / width, 4.2 / C[1])
        shift = DOWN * 2.3 + LEFT * (scale * (max(p[0] for p in points) + min(p[0] for p in points)) / 2)
        A, B, C = [scale * p + shift for p in points]
        triangle = Polygon(A, B, C, color=WHITE, stroke_width=4)

        def wedge(center, start, angle, color):
            return Sector(radius=0.55, start_angle=start, angle=angle, arc_center=center,
                          color=color, fill_opacity=0.75, stroke_width=0)

        def direction(p, q):
            d = q - p
            return np.arctan2(d[1], d[0])

        wedge_a = wedge(A, 0, alpha, $color_a)
        wedge_b = wedge(B, direction(B, C), beta, $color_b)
        wedge_c = wedge(C, direction(C, A), gamma, $color_c)
        labels = VGroup(
            MathTex(r"\\alpha", color=$color_a).move_to(A + 0.85 * np.array([np.cos(alpha / 2), np.sin(alpha / 2), 0])),
            MathTex(r"\\beta", color=$color_b).move_to(
                B + 0.85 * np.array([np.cos(PI - beta / 2), np.sin(PI - beta / 2), 0])),
            MathTex(r"\\gamma", color=$color_c).move_to(
                C + 0.85 * np.array([np.cos(-PI / 2 + (alpha - beta) / 2), np.sin(-PI / 2 + (alpha - beta) / 2), 0])),
        )
        parallel = DashedLine(C + LEFT * 3, C + RIGHT * 3, color=GREY)
        # Alternate angles: alpha and beta reappear at C, on either side of gamma.
        moved_a = wedge(C, PI, alpha, $color_a)
        moved_b = wedge(C, -beta, beta, $color_b)
        equation = MathTex(r"\\alpha + \\beta + \\gamma = 180^\\circ", font_size=52).to_edge(UP, buff=0.4)
        values = MathTex($values, font_size=36).next_to(equation, DOWN)

        self.play(Create(triangle))
        self.play(FadeIn(wedge_a), FadeIn(wedge_b), FadeIn(wedge_c), Write(labels))
        self.play(Create(parallel))
        self.play(TransformFromCopy(wedge_a, moved_a), TransformFromCopy(wedge_b, moved_b), run_time=2)
        self.play(Indicate(VGroup(moved_a, wedge_c, moved_b)), Write(equation))
        self.play(FadeIn(values, shift=UP * 0.2))
        self.wait(1)
''', alpha=_fmt_number(v["angle_a"]), beta=_fmt_number(v["angle_b"]), color_a="RED", color_b="BLUE",
        color_c="GREEN", values=_py_str(rf"{_fmt_number(v['angle_a'])}^\circ + {_fmt_number(v['angle_b'])}^\circ + "
                                        rf"{_fmt_number(round(180 - v['angle_a'] - v['angle_b'], 6))}^\circ = 180^\circ"))


def _check_triangle_angles(v: dict) -> None:
    if v["angle_a"] + v["angle_b"] > 165:
        raise TemplateParamError("angle_b", "the two angles must add up to at most 165° (the third needs room).")


def _extract_triangle_angles(prompt: str) -> dict:
    nums = [float(n) for n in re.findall(r"(\d+(?:\.\d+)?)\s*(?:°|deg|degrees?)?", prompt)
            if 0 < float(n) < 180 and float(n) != 180]
    nums = [n for n in nums if n != 180]
    if len(nums) >= 2:
        return {"angle_a": nums[0], "angle_b": nums[1]}
    return {}


def _score_triangle_angles(prompt: str, extracted: dict, base: float) -> float:
    lower = prompt.lower()
    if not re.search(r"\bangles?\b", lower):
        return -100
    # the scene adds the three angles up: the prompt must be about their sum
    return 1.0 if re.search(r"\btriangles?\b", lower) and re.search(r"\b(?:sum\w*|add\w*|total|180)", lower) else 0.0


def _build_inscribed(v: dict) -> str:
    return _sub('''
from manim import *


class InscribedAngle(Scene):
    def construct(self):
        theta = $angle * DEGREES  # central angle subtending the arc AB
        R = 2.6
        O = LEFT * 2.2 + DOWN * 0.2
        circle = Circle(radius=R, color=WHITE).move_to(O)

        def on_circle(t):
            return O + R * np.array([np.cos(t), np.sin(t), 0])

        a_angle, b_angle = -PI / 2 - theta / 2, -PI / 2 + theta / 2
        A, B = on_circle(a_angle), on_circle(b_angle)
        arc = Arc(radius=R, start_angle=a_angle, angle=theta, arc_center=O, color=$color, stroke_width=8)
        central = VGroup(Line(O, A), Line(O, B)).set_color(BLUE)
        central_wedge = Sector(radius=0.6, start_angle=a_angle, angle=theta, arc_center=O,
                               color=BLUE, fill_opacity=0.6, stroke_width=0)
        # P travels along the other arc, from just after B round to just before A.
        t = ValueTracker(b_angle + 0.5 * (TAU - theta))

        def inscribed():
            P = on_circle(t.get_value())
            da = np.arctan2(*(A - P)[1::-1])
            db = np.arctan2(*(B - P)[1::-1])
            span = (da - db + PI) % TAU - PI
            return VGroup(
                Line(P, A, color=YELLOW), Line(P, B, color=YELLOW),
                Sector(radius=0.6, start_angle=db, angle=span, arc_center=P, color=YELLOW,
                       fill_opacity=0.6, stroke_width=0),
                Dot(P, color=YELLOW),
            )

        angle_lines = always_redraw(inscribed)
        dots = VGroup(Dot(A), Dot(B), Dot(O, color=BLUE))
        names = VGroup(MathTex("A").next_to(A, DOWN + LEFT, buff=0.1), MathTex("B").next_to(B, DOWN + RIGHT, buff=0.1),
                       MathTex("O").next_to(O, LEFT, buff=0.15))
        theorem = MathTex(r"\\angle APB = \\tfrac{1}{2}\\,\\angle AOB", font_size=44).to_corner(UR, buff=0.5)
        values = MathTex($values, font_size=34).next_to(theorem, DOWN, buff=0.4).to_edge(RIGHT, buff=0.4)

        self.play(Create(circle), FadeIn(dots), Write(names))
        self.play(Create(arc), Create(central), FadeIn(central_wedge))
        self.play(Create(angle_lines))
        self.play(Write(theorem))
        self.play(t.animate.set_value(b_angle + 0.15 * (TAU - theta)), run_time=1.5)
        self.play(t.animate.set_value(b_angle + 0.85 * (TAU - theta)), run_time=2)
        self.play(FadeIn(values, shift=UP * 0.2))
        self.wait(1)
''', angle=_fmt_number(v["central_angle"]), color=_color(v),
        values=_py_str(rf"\angle AOB = {_fmt_number(v['central_angle'])}^\circ,\ "
                       rf"\angle APB = {_fmt_number(round(v['central_angle'] / 2, 3))}^\circ"))


def _extract_inscribed(prompt: str) -> dict:
    values: dict = {}
    n = _find_number(prompt, r"(\d+(?:\.\d+)?)\s*(?:°|deg|degrees?)")
    if n is not None:
        values["central_angle"] = n * 2 if re.search(r"inscribed angle (?:of|is)\s*\d", prompt, re.I) else n
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


TEMPLATES: tuple[SceneTemplate, ...] = (
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
        weak=("legs",),
        excludes=("rearranging", "rearrange", "rearranged", "rearrangement"),
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
        weak=("why is the area",),
        examples=(
            "Why is the area of a circle pi r^2?",
            "Show the area of a circle with radius 3 by cutting it into 24 sectors",
            "Circle area proof",
        ),
        builder=_build_circle_area,
        checker=_check_circle_area,
        scorer=_score_circle_area,
        extractor=_extract_circle_area,
    ),
    SceneTemplate(
        slug="triangle-angle-sum",
        title="Angles of a triangle",
        subject="geometry",
        description="The three angles of a triangle, moved side by side along a parallel line, make 180°.",
        scene_name="TriangleAngleSum",
        params=(
            Param("angle_a", "float", 55.0, "Angle α (°)", minimum=10, maximum=150),
            Param("angle_b", "float", 70.0, "Angle β (°)", minimum=10, maximum=150),
        ),
        keywords=("angle sum", "angles of a triangle", "sum of the angles", "sum of angles", "interior angles",
                  "180 degrees", "180°", "triangle", "angles add up"),
        excludes=("pascal", "pascal's"),
        examples=(
            "Show that the angles of a triangle add up to 180 degrees",
            "Triangle angle sum with angles 40 and 75 degrees",
            "Prove the interior angles of a triangle sum to 180°",
        ),
        builder=_build_triangle_angles,
        checker=_check_triangle_angles,
        extractor=_extract_triangle_angles,
        scorer=_score_triangle_angles,
    ),
    SceneTemplate(
        slug="inscribed-angle",
        title="Inscribed angle theorem",
        subject="geometry",
        description="An inscribed angle stays the same as its vertex moves round the circle: half the central angle.",
        scene_name="InscribedAngle",
        params=(
            Param("central_angle", "float", 100.0, "Central angle (°)", "The angle AOB at the centre.", 20, 300),
            Param("color", "color", "red", "Arc colour"),
        ),
        keywords=("inscribed angle", "central angle", "circle theorem", "circle theorems", "angle at the centre",
                  "angle at the center", "subtended", "same arc", "angles in the same segment"),
        examples=(
            "Inscribed angle theorem",
            "Circle theorem: the angle at the centre is twice the angle at the circumference",
            "Show an inscribed angle with a central angle of 120 degrees",
        ),
        builder=_build_inscribed,
        checker=None,
        extractor=_extract_inscribed,
    ),
)
