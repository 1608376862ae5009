"""Prompts for Manim Community Edition code generation and repair.

Every Manim name mentioned here (prompt text and few-shot examples) is checked against the
installed package by tests/generation/test_autofix.py.
"""

from __future__ import annotations

import re

SYSTEM_PROMPT = """You write Python code for Manim Community Edition 0.22 (the `manim` package), \
in the style of 3Blue1Brown videos. The code is rendered automatically, with no human to fix it.

Program shape
- Start with `from manim import *` (it also provides `np`). You may import numpy, math, random.
- Define exactly one scene class deriving from Scene (MovingCameraScene to move \
`self.camera.frame`, ThreeDScene for 3D) and do everything in `construct(self)`.
- Write small helper functions or methods for repeated pieces (a labelled dot, an arrow with a \
label) and reuse mobjects instead of rebuilding them.
- Aim for 5 to 20 seconds of animation: a few self.play(...) calls with run_time between 0.5 and \
2, and short self.wait(0.5) pauses.

Manim CE API (use these; the old names on the right do NOT exist and crash the render)
- Create(mob) - not ShowCreation. Write(text), FadeIn(mob, shift=UP), FadeOut(mob, shift=DOWN) - \
not FadeInFromDown / FadeInFrom / FadeOutAndShift. GrowFromCenter, GrowArrow, DrawBorderThenFill, \
Transform, ReplacementTransform, TransformMatchingTex, Indicate, Circumscribe, LaggedStart, \
Succession, AnimationGroup, MoveAlongPath, Rotate.
- Animate methods with `.animate`: self.play(mob.animate.shift(UP).scale(0.5)) - never \
ApplyMethod(mob.shift, UP) or self.play(mob.shift, UP).
- Text("plain words"), Tex(r"words with $x^2$ inline math"), MathTex(r"x^2 + y^2 = r^2") - \
not TextMobject / TexMobject / TexText.
- Graphs: axes = Axes(x_range=[-3, 3, 1], y_range=[-2, 2, 1], x_length=8, y_length=5); \
axes.plot(lambda x: x**2, color=BLUE) (not get_graph, not GraphScene), axes.c2p(x, y), \
axes.i2gp(x, graph), axes.get_area(graph, x_range=[0, 1]), axes.get_riemann_rectangles, \
axes.get_graph_label(graph, label="f(x)"), axes.get_axis_labels(), NumberPlane, NumberLine.
- Use class attributes or plain variables, never a CONFIG dict; there is no self.embed().
- Changing values: ValueTracker with always_redraw or add_updater; DecimalNumber for live numbers.
- Colours: BLUE, RED, GREEN, YELLOW, ORANGE, PURPLE, TEAL, GOLD, PINK, WHITE, GREY, with variants \
such as BLUE_E or GREY_B. Directions: UP, DOWN, LEFT, RIGHT, UL, UR, DL, DR, ORIGIN; PI, TAU, DEGREES.
- Frame size: config.frame_width and config.frame_height (not FRAME_WIDTH). Do not set \
config.frame_rate, config.pixel_height or any render setting: quality is chosen elsewhere.

Text and LaTeX
- MathTex is already in math mode: never put $ inside it. Use raw strings: MathTex(r"\\frac{a}{b}").
- Tex is text mode: wrap math in $...$ there. Text needs no LaTeX and suits plain sentences.
- Split MathTex into parts to colour or transform pieces: MathTex("a^2", "+", "b^2", "=", "c^2"), \
then set_color_by_tex or TransformMatchingTex. Every part must be valid LaTeX on its own \
(do not split "\\frac{" from its "}").
- Only standard LaTeX (amsmath, amssymb); no \\usepackage, no \\input, no unusual packages.

Layout (the frame is 14.2 units wide and 8 high, centred on ORIGIN)
- Keep everything inside the frame: place with next_to(other, DOWN, buff=0.3), to_edge(UP), \
to_corner(UL), arrange(DOWN, buff=0.4) on a VGroup, move_to; never guess coordinates far from \
the centre.
- Scale long text: font_size=32 or smaller for sentences, or scale_to_fit_width(12). \
Titles go to_edge(UP); avoid overlapping a title with the main content.
- Clear old content before new content: self.play(FadeOut(old_group)) or ReplacementTransform.

Files and the outside world
- No external images, SVGs, fonts or sounds (ImageMobject, SVGMobject, add_sound have nothing to \
load): draw everything with Manim shapes (Circle, Square, Rectangle, RoundedRectangle, Polygon, \
Line, Arrow, Dot, Brace, SurroundingRectangle).
- Do not read or write files, use the network or run programs.

Reply with a single ```python code block containing the complete program, and nothing else."""

REPAIR_PROMPT = """The Manim code below failed. Fix it so it renders with Manim Community Edition 0.22, \
keeping the intent of the original request. Fix the cause of the error, and check the rest of \
the program for the same mistake.

Request: {prompt}

Code:
```python
{code}
```

Error:
{error}

Reply with the complete corrected program in a single ```python code block and nothing else."""


# --- few-shot examples ------------------------------------------------------------------
# Short, complete, rendered by the tests (tests/generation/test_autofix.py).

_CALCULUS = (
    "Show the area under y = x^2 from 0 to 2",
    '''from manim import *


class AreaUnderParabola(Scene):
    def construct(self):
        axes = Axes(x_range=[0, 3, 1], y_range=[0, 9, 3], x_length=7, y_length=5, tips=False)
        axes.add_coordinates()
        labels = axes.get_axis_labels(x_label="x", y_label="y")
        graph = axes.plot(lambda x: x**2, x_range=[0, 3], color=BLUE)
        graph_label = axes.get_graph_label(graph, label="y = x^2", x_val=2.5, direction=LEFT)
        area = axes.get_area(graph, x_range=[0, 2], color=BLUE, opacity=0.4)
        result = MathTex(r"\\int_0^2 x^2\\,dx = \\frac{8}{3}").to_corner(UL)

        self.play(Create(axes), Write(labels), run_time=1.5)
        self.play(Create(graph), FadeIn(graph_label, shift=UP))
        self.play(FadeIn(area))
        self.play(Write(result))
        self.wait(1)
''',
)

_GEOMETRY = (
    "Illustrate the Pythagorean theorem with squares on the sides of a right triangle",
    '''from manim import *


def square_on(p, q, color):
    """The square built outward on the segment p -> q."""
    side = q - p
    normal = np.array([side[1], -side[0], 0])
    return Polygon(p, q, q + normal, p + normal, color=color, fill_opacity=0.5)


class Pythagoras(Scene):
    def construct(self):
        a, b, c = np.array([-1, -1, 0]), np.array([1, -1, 0]), np.array([-1, 0.5, 0])
        triangle = Polygon(a, b, c, color=WHITE)
        squares = VGroup(square_on(a, b, BLUE), square_on(c, a, GREEN), square_on(b, c, YELLOW))
        figure = VGroup(triangle, squares).scale(0.8).move_to(LEFT * 2)
        formula = MathTex("a^2", "+", "b^2", "=", "c^2").next_to(figure, RIGHT, buff=1)
        formula[0].set_color(GREEN)
        formula[2].set_color(BLUE)
        formula[4].set_color(YELLOW)

        self.play(Create(triangle))
        self.play(LaggedStart(*(DrawBorderThenFill(s) for s in squares), lag_ratio=0.4))
        self.play(Write(formula))
        self.play(Indicate(formula[4]), Indicate(squares[2]))
        self.wait(1)
''',
)

_ALGEBRA = (
    "Solve 2x + 3 = 7 step by step",
    '''from manim import *


class SolveLinear(Scene):
    def construct(self):
        title = Text("Solving a linear equation", font_size=36).to_edge(UP)
        steps = [
            MathTex("2x", "+", "3", "=", "7"),
            MathTex("2x", "=", "7", "-", "3"),
            MathTex("2x", "=", "4"),
            MathTex("x", "=", "2"),
        ]
        self.play(Write(title))
        current = steps[0]
        self.play(Write(current))
        for step in steps[1:]:
            self.play(TransformMatchingTex(current, step))
            current = step
            self.wait(0.4)
        self.play(Circumscribe(current, color=YELLOW))
        self.wait(1)
''',
)

_LINEAR_ALGEBRA = (
    "Show a 2x2 matrix acting on a vector in the plane",
    '''from manim import *


class MatrixOnVector(Scene):
    def construct(self):
        plane = NumberPlane(x_range=[-5, 5], y_range=[-4, 4], background_line_style={"stroke_opacity": 0.5})
        vector = Arrow(ORIGIN, plane.c2p(1, 1), buff=0, color=YELLOW)
        matrix = Matrix([[2, 1], [0, 1]]).scale(0.7).to_corner(UL)
        matrix_box = BackgroundRectangle(matrix, fill_opacity=0.8)
        label = MathTex(r"\\vec{v}", color=YELLOW).next_to(vector.get_end(), UR, buff=0.1)

        self.play(Create(plane), run_time=1)
        self.play(GrowArrow(vector), Write(label))
        self.play(FadeIn(matrix_box), Write(matrix))
        moved = Arrow(ORIGIN, plane.c2p(3, 1), buff=0, color=YELLOW)
        self.play(
            ApplyMatrix([[2, 1], [0, 1]], plane),
            Transform(vector, moved),
            label.animate.next_to(moved.get_end(), UR, buff=0.1),
            run_time=2,
        )
        self.wait(1)
''',
)

_PROBABILITY = (
    "Show the outcomes of rolling two dice as a bar chart of sums",
    '''from manim import *


class DiceSums(Scene):
    def construct(self):
        counts = [min(s - 1, 13 - s) for s in range(2, 13)]
        chart = BarChart(
            values=counts,
            bar_names=[str(s) for s in range(2, 13)],
            y_range=[0, 6, 1],
            y_length=4.5,
            x_length=10,
            bar_colors=[BLUE, TEAL, GREEN],
        ).to_edge(DOWN)
        title = Text("Sum of two dice: ways to roll each total", font_size=32).to_edge(UP)
        peak = MathTex(r"P(7) = \\frac{6}{36} = \\frac{1}{6}").next_to(title, DOWN)

        self.play(Write(title))
        self.play(Create(chart), run_time=2)
        self.play(Indicate(chart.bars[5], color=YELLOW), Write(peak))
        self.wait(1)
''',
)

# topic -> (keywords, example)
FEW_SHOT_TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, str]]] = {
    "calculus": (("derivative", "integral", "area under", "limit", "tangent", "graph", "function", "plot",
                  "slope", "curve", "riemann", "calculus", "sine", "cosine", "parabola", "taylor", "series"),
                 _CALCULUS),
    "geometry": (("triangle", "circle", "square", "polygon", "angle", "geometry", "pythagor", "area of",
                  "perimeter", "radius", "proof", "theorem", "shape"), _GEOMETRY),
    "algebra": (("equation", "solve", "algebra", "formula", "quadratic", "simplify", "factor", "expand",
                 "polynomial", "identity", "fraction"), _ALGEBRA),
    "linear_algebra": (("matrix", "matrices", "vector", "linear", "eigen", "determinant", "transformation",
                        "basis", "span", "dot product"), _LINEAR_ALGEBRA),
    "probability": (("probability", "dice", "die", "coin", "random", "distribution", "statistic", "chance",
                     "bayes", "histogram", "bar chart", "expected"), _PROBABILITY),
}


def few_shot_examples(prompt: str, limit: int = 2) -> list[dict[str, str]]:
    """1-2 example exchanges (user prompt, assistant code) on the prompt's topic(s).

    Topics are ranked by how many of their keywords the prompt mentions; with no match the
    geometry example stands in as a general one.
    """
    text = prompt.lower()
    scores = []
    for order, (topic, (keywords, _)) in enumerate(FEW_SHOT_TOPICS.items()):
        score = sum(1 for k in keywords if re.search(r"\b" + re.escape(k), text))
        if score:
            scores.append((-score, order, topic))
    topics = [topic for _, _, topic in sorted(scores)[:limit]] or ["geometry"]
    messages: list[dict[str, str]] = []
    for topic in topics:
        example_prompt, code = FEW_SHOT_TOPICS[topic][1]
        messages.append({"role": "user", "content": example_prompt})
        messages.append({"role": "assistant", "content": f"```python\n{code}```"})
    return messages


def system_messages(prompt: str) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        *few_shot_examples(prompt),
        {"role": "user", "content": prompt},
    ]


def repair_messages(prompt: str, code: str, error: str) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": REPAIR_PROMPT.format(prompt=prompt, code=code, error=error[-3000:])},
    ]
