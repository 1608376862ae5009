"""Linear algebra: vectors and 2×2 matrices acting on the plane."""

from __future__ import annotations

import math
import re

import numpy as np

from .core import (
    _NUM,
    Param,
    SceneTemplate,
    TemplateParamError,
    _color,
    _fmt_number,
    _py_str,
    _sub,
)


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


def _score_vectors(prompt: str, extracted: dict, base: float) -> float:
    return 1.0 if extracted and "vector" in prompt.lower() else 0.0


def _score_matrix(prompt: str, extracted: dict, base: float) -> float:
    return 0.5 if extracted else 0.0



def _matrix_params(a: float, b: float, c: float, d: float) -> tuple[Param, ...]:
    return (
        Param("a", "float", a, "a (top left)", minimum=-5, maximum=5),
        Param("b", "float", b, "b (top right)", minimum=-5, maximum=5),
        Param("c", "float", c, "c (bottom left)", minimum=-5, maximum=5),
        Param("d", "float", d, "d (bottom right)", minimum=-5, maximum=5),
    )


def _matrix_tex(v: dict) -> str:
    f = _fmt_number
    return rf"A = \begin{{bmatrix}} {f(v['a'])} & {f(v['b'])} \\ {f(v['c'])} & {f(v['d'])} \end{{bmatrix}}"


def _eigen(v: dict) -> list[tuple[float, np.ndarray]]:
    """Real eigenvalues with a unit eigenvector each (one entry per distinct eigen-direction)."""
    m = np.array([[v["a"], v["b"]], [v["c"], v["d"]]], dtype=float)
    values, vectors = np.linalg.eig(m)
    found: list[tuple[float, np.ndarray]] = []
    for lam, vec in zip(values, vectors.T):
        if abs(lam.imag) > 1e-9:
            continue
        vec = np.real(vec)
        vec = vec / np.linalg.norm(vec)
        if vec[0] < -1e-9 or (abs(vec[0]) <= 1e-9 and vec[1] < 0):
            vec = -vec
        if all(abs(abs(float(np.dot(vec, other))) - 1) > 1e-6 for _, other in found):
            found.append((float(np.real(lam)), vec))
    if len(found) == 1 and abs(v["b"]) < 1e-12 and abs(v["c"]) < 1e-12:
        found.append((float(v["d"]), np.array([0.0, 1.0])))  # a multiple of the identity
    return found


def _check_eigen(v: dict) -> None:
    if (v["a"] - v["d"]) ** 2 + 4 * v["b"] * v["c"] < 0:
        raise TemplateParamError("b", "this matrix has no real eigenvectors (it rotates every direction); "
                                      "try a symmetric matrix such as [[2, 1], [1, 2]].")
    if not any(abs(lam) > 1e-9 for lam, _ in _eigen(v)):
        raise TemplateParamError("a", "all eigenvalues are 0; choose a matrix that does not collapse the plane.")


def _build_eigen(v: dict) -> str:
    pairs = _eigen(v)
    biggest = max(max(abs(lam) for lam, _ in pairs), 1.0)
    length = min(2.0, 3.2 / biggest)
    f = _fmt_number
    eigen_rows = ",\n".join(
        f"            ({f(round(lam, 6))}, np.array([{f(round(vec[0], 6))}, {f(round(vec[1], 6))}, 0]))"
        for lam, vec in pairs)
    lam_tex = r",\quad ".join(rf"\lambda_{{{i + 1}}} = {f(round(lam, 3))}" for i, (lam, _) in enumerate(pairs))
    return _sub('''
from manim import *


class Eigenvectors(Scene):
    def construct(self):
        matrix = [[$a, $b], [$c, $d]]
        length = $length  # on-screen length of the eigenvectors before the transformation
        eigen = [
$eigen_rows,
        ]
        plane = NumberPlane(
            x_range=[-16, 16, 1], y_range=[-16, 16, 1], x_length=32, y_length=32,
            background_line_style={"stroke_color": BLUE_D, "stroke_width": 1.5, "stroke_opacity": 0.6},
        )
        colors = [YELLOW, PINK]
        spans = VGroup(*[
            DashedLine(-8 * vec, 8 * vec, color=colors[i], stroke_width=2) for i, (_, vec) in enumerate(eigen)
        ])
        vectors = VGroup(*[Vector(length * vec[:2], color=colors[i]) for i, (_, vec) in enumerate(eigen)])
        other = Vector(length * normalize(np.array([0.6, 1.0])), color=GREY_B)
        label = MathTex($matrix_tex, font_size=40).to_corner(UL)
        label.add_background_rectangle()
        values = MathTex($lam_tex, font_size=36).next_to(label, DOWN, aligned_edge=LEFT)
        values.add_background_rectangle()
        note = Text("eigenvectors stay on their own line", font_size=26).to_corner(DR)
        note.add_background_rectangle()

        self.add(plane)
        self.play(Write(label), Create(spans))
        self.play(*[GrowArrow(v) for v in vectors], GrowArrow(other))
        self.play(
            ApplyMatrix(matrix, plane),
            *[ApplyMatrix(matrix, v) for v in vectors],
            ApplyMatrix(matrix, other),
            run_time=2.5,
        )
        self.play(Write(values), FadeIn(note))
        self.play(*[Indicate(v, color=WHITE) for v in vectors])
        self.wait(1)
''', a=f(v["a"]), b=f(v["b"]), c=f(v["c"]), d=f(v["d"]), length=f(round(length, 4)), eigen_rows=eigen_rows,
        matrix_tex=_py_str(_matrix_tex(v)), lam_tex=_py_str(lam_tex))


def _score_eigen(prompt: str, extracted: dict, base: float) -> float:
    return 1.0 if re.search(r"\beigen(?:vectors?|values?|space|basis)?\b", prompt, re.I) else -100


def _build_determinant(v: dict) -> str:
    f = _fmt_number
    det = v["a"] * v["d"] - v["b"] * v["c"]
    note = "orientation flips" if det < 0 else ("the plane collapses onto a line" if det == 0 else "")
    corners = [np.array([0, 0]), np.array([v["a"], v["c"]]), np.array([v["a"] + v["b"], v["c"] + v["d"]]),
               np.array([v["b"], v["d"]])]
    unit = min(2.0, 5.5 / max(max(abs(p[0]) for p in corners), 1e-9), 3.0 / max(max(abs(p[1]) for p in corners), 1e-9))
    return _sub('''
from manim import *


class DeterminantArea(Scene):
    def construct(self):
        matrix = [[$a, $b], [$c, $d]]
        unit = $unit  # screen length of one grid unit, so that the parallelogram fits
        plane = NumberPlane(
            x_range=[-16, 16, 1], y_range=[-16, 16, 1], x_length=32 * unit, y_length=32 * unit,
            background_line_style={"stroke_color": BLUE_D, "stroke_width": 1.5, "stroke_opacity": 0.6},
        )
        square = Polygon(ORIGIN, RIGHT * unit, (RIGHT + UP) * unit, UP * unit,
                         color=$color, fill_opacity=0.55, stroke_width=3)
        area_one = MathTex(r"\\text{area} = 1", font_size=36).next_to(square, DR, buff=0.1)
        area_one.add_background_rectangle()
        label = MathTex($matrix_tex, font_size=40).to_corner(UL)
        label.add_background_rectangle()
        result = MathTex($result, font_size=40).next_to(label, DOWN, aligned_edge=LEFT)
        result.add_background_rectangle()
        note = Text($note, font_size=28, color=YELLOW).next_to(result, DOWN, aligned_edge=LEFT)

        self.add(plane)
        self.play(DrawBorderThenFill(square), Write(label))
        self.play(FadeIn(area_one))
        self.play(FadeOut(area_one))
        self.play(ApplyMatrix(matrix, plane), ApplyMatrix(matrix, square), run_time=2.5)
        self.play(Write(result), Indicate(square, color=$color))
        if len(note.text):
            self.play(FadeIn(note))
        self.wait(1)
''', a=f(v["a"]), b=f(v["b"]), c=f(v["c"]), d=f(v["d"]), unit=f(round(unit, 4)), color=_color(v),
        matrix_tex=_py_str(_matrix_tex(v)), note=_py_str(note),
        result=_py_str(rf"\text{{area}} = |\det A| = |{f(v['a'])} \cdot {f(v['d'])} - "
                       rf"{f(v['b'])} \cdot {f(v['c'])}| = {f(round(abs(det), 6))}"))


def _score_determinant(prompt: str, extracted: dict, base: float) -> float:
    lower = prompt.lower()
    if "eigen" in lower:
        return -100
    return 1.0 if re.search(r"\bdet(?:erminant)?\b", lower) else -100


def _build_dot_product(v: dict) -> str:
    a = np.array([v["ax"], v["ay"]], dtype=float)
    b = np.array([v["bx"], v["by"]], dtype=float)
    dot = float(a @ b)
    proj = dot / float(b @ b) * b
    extent = max(abs(a[0]), abs(b[0]), abs(proj[0]), 1) / 6.0, max(abs(a[1]), abs(b[1]), abs(proj[1]), 1) / 3.3
    k = max(1, math.ceil(max(extent)))
    angle = math.degrees(math.acos(max(-1.0, min(1.0, dot / (np.linalg.norm(a) * np.linalg.norm(b))))))
    f = _fmt_number
    equation = (rf"\vec a \cdot \vec b = {f(a[0])} \cdot {f(b[0])} + {f(a[1])} \cdot {f(b[1])} = "
                rf"{f(round(dot, 6))}")
    second = rf"= |\vec a|\,|\vec b| \cos\theta,\quad \theta \approx {angle:.1f}^\circ"
    return _sub('''
from manim import *


class DotProduct(Scene):
    def construct(self):
        k = $k  # grid spacing, so that everything fits
        plane = NumberPlane(
            x_range=[-7 * k, 7 * k, k], y_range=[-4 * k, 4 * k, k], x_length=14, y_length=8,
            background_line_style={"stroke_opacity": 0.35},
        )
        a = np.array([$ax, $ay])
        b = np.array([$bx, $by])
        projection = (a @ b) / (b @ b) * b
        origin = plane.c2p(0, 0)
        vec_a = Arrow(origin, plane.c2p(*a), buff=0, color=$color_a)
        vec_b = Arrow(origin, plane.c2p(*b), buff=0, color=$color_b)
        label_a = MathTex(r"\\vec a", color=$color_a).next_to(plane.c2p(*a), UP, buff=0.15)
        label_b = MathTex(r"\\vec b", color=$color_b).next_to(plane.c2p(*b), DOWN, buff=0.15)
        direction = b / np.linalg.norm(b)
        line_b = DashedLine(plane.c2p(*(-9 * k * direction)), plane.c2p(*(9 * k * direction)), color=GREY)
        drop = DashedLine(plane.c2p(*a), plane.c2p(*projection), color=WHITE)
        shadow = Arrow(origin, plane.c2p(*projection), buff=0, color=YELLOW, stroke_width=8)
        right_angle = RightAngle(Line(plane.c2p(*projection), origin), drop, length=0.2) \\
            if np.linalg.norm(projection) > 1e-6 and np.linalg.norm(a - projection) > 1e-6 else VGroup()
        text = VGroup(MathTex($equation, font_size=36), MathTex($second, font_size=36))
        text.arrange(DOWN, aligned_edge=LEFT).to_corner(UL, buff=0.3)
        text.add_background_rectangle()

        self.play(Create(plane), run_time=1)
        self.play(GrowArrow(vec_a), GrowArrow(vec_b), Write(label_a), Write(label_b))
        self.play(Create(line_b))
        self.play(Create(drop), Create(right_angle))
        self.play(GrowArrow(shadow))
        self.play(Write(text))
        self.wait(1)
''', k=k, ax=f(a[0]), ay=f(a[1]), bx=f(b[0]), by=f(b[1]), color_a=_color(v, "color_a"),
        color_b=_color(v, "color_b"), equation=_py_str(equation), second=_py_str(second))


def _check_dot_product(v: dict) -> None:
    if v["ax"] == 0 and v["ay"] == 0:
        raise TemplateParamError("ax", "vector a must not be the zero vector.")
    if v["bx"] == 0 and v["by"] == 0:
        raise TemplateParamError("bx", "vector b must not be the zero vector.")


def _score_dot_product(prompt: str, extracted: dict, base: float) -> float:
    if re.search(r"\b(?:dot product|scalar product|inner product|projection)\b|\bproject(?:s|ed|ing)?\b.*\bonto\b",
                 prompt, re.I):
        return 1.5
    return -100


TEMPLATES: tuple[SceneTemplate, ...] = (
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
        excludes=("cross product", "dot product"),
        examples=(
            "Add the vectors (3, 1) and (1, 2)",
            "Vector addition tip to tail",
            "Show the sum of vectors [2, -1] and [-1, 3]",
        ),
        builder=_build_vector_addition,
        checker=_check_vectors,
        scorer=_score_vectors,
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
        weak=("determinant",),
        excludes=("matrix multiplication", "multiply", "multiplying", "elimination", "eigen",
                  "eigenvector", "eigenvectors"),
        examples=(
            "Apply the matrix [[1, 1], [0, 1]] to the plane",
            "Show a linear transformation by a shear",
            "Matrix 2 0 0 0.5 acting on the grid",
        ),
        builder=_build_matrix_transform,
        checker=None,
        scorer=_score_matrix,
        extractor=_extract_matrix,
    ),
    SceneTemplate(
        slug="eigenvectors",
        title="Eigenvectors of a 2×2 matrix",
        subject="linear-algebra",
        description="Under a 2×2 matrix most vectors leave their line, but eigenvectors only stretch by λ.",
        scene_name="Eigenvectors",
        params=_matrix_params(2.0, 1.0, 1.0, 2.0),
        keywords=("eigenvector", "eigenvectors", "eigenvalue", "eigenvalues", "eigen", "eigenspace",
                  "characteristic", "stay on their span", "matrix"),
        excludes=("matrix multiplication", "elimination"),
        examples=(
            "Eigenvectors of [[2, 1], [1, 2]]",
            "Show the eigenvalues and eigenvectors of the matrix 3 1 0 2",
            "What is an eigenvector?",
        ),
        builder=_build_eigen,
        checker=_check_eigen,
        extractor=_extract_matrix,
        scorer=_score_eigen,
    ),
    SceneTemplate(
        slug="determinant-area",
        title="Determinant as area scaling",
        subject="linear-algebra",
        description="The unit square becomes a parallelogram whose area is |det A|.",
        scene_name="DeterminantArea",
        params=_matrix_params(2.0, 1.0, 0.5, 1.5) + (Param("color", "color", "yellow", "Square colour"),),
        keywords=("determinant", "det", "area scaling", "scales area", "scales the area", "scale area",
                  "area of the parallelogram", "parallelogram", "unit square", "matrix"),
        weak=("det",),
        excludes=("matrix multiplication", "elimination", "cross product"),
        examples=(
            "Show the determinant as area scaling",
            "Determinant of the matrix [[3, 1], [1, 2]] as the area of a parallelogram",
            "How does a matrix with det -2 scale the unit square?",
        ),
        builder=_build_determinant,
        checker=None,
        extractor=_extract_matrix,
        scorer=_score_determinant,
    ),
    SceneTemplate(
        slug="dot-product",
        title="Dot product and projection",
        subject="linear-algebra",
        description="The projection of a onto b, and a·b = |a||b|cos θ.",
        scene_name="DotProduct",
        params=(
            Param("ax", "float", 2.0, "a (x)", minimum=-50, maximum=50),
            Param("ay", "float", 3.0, "a (y)", minimum=-50, maximum=50),
            Param("bx", "float", 4.0, "b (x)", minimum=-50, maximum=50),
            Param("by", "float", 1.0, "b (y)", minimum=-50, maximum=50),
            Param("color_a", "color", "yellow", "Colour of a"),
            Param("color_b", "color", "blue", "Colour of b"),
        ),
        keywords=("dot product", "scalar product", "inner product", "projection", "project", "projecting",
                  "vector projection", "cos theta", "vectors"),
        weak=("cos theta",),
        excludes=("matrix multiplication", "cross product", "projectile"),
        examples=(
            "Dot product of (2, 3) and (4, 1)",
            "Project the vector [1, 3] onto [3, 0]",
            "Explain the dot product as a projection",
        ),
        builder=_build_dot_product,
        checker=_check_dot_product,
        extractor=_extract_vectors,
        scorer=_score_dot_product,
    ),
)
