"""The static scene policy: legitimate scenes pass untouched, obvious escapes are named by line."""

from __future__ import annotations

import re
import sys
import textwrap
import types

import pytest

from generation.policy import ALLOWED_IMPORTS, PolicyViolation, check_policy

# ---------------------------------------------------------------------------------------
# Legitimate scenes: none of these may be refused (a false positive is a bug).
# ---------------------------------------------------------------------------------------

OK_SCENES: dict[str, str] = {
    "axes_plot": '''
from manim import *


class PlotParabola(Scene):
    def construct(self):
        axes = Axes(
            x_range=[-3, 3, 1],
            y_range=[-1, 9, 2],
            x_length=7,
            y_length=5,
            axis_config={"include_numbers": True},
        )
        labels = axes.get_axis_labels(x_label="x", y_label="f(x)")
        curve = axes.plot(lambda x: x**2, color=BLUE)
        label = axes.get_graph_label(curve, label=MathTex("x^2"), x_val=2)
        area = axes.get_area(curve, x_range=(0, 2), color=GREEN, opacity=0.4)
        dot = Dot(axes.c2p(2, 4), color=YELLOW)
        self.play(Create(axes), Write(labels))
        self.play(Create(curve), FadeIn(label))
        self.play(FadeIn(area), GrowFromCenter(dot))
        self.wait()
''',
    "mathtex_transform": r'''
from manim import *


class Derivation(Scene):
    def construct(self):
        title = Tex(r"The quadratic formula").to_edge(UP)
        steps = [
            MathTex(r"ax^2 + bx + c = 0"),
            MathTex(r"x^2 + \frac{b}{a}x = -\frac{c}{a}"),
            MathTex(r"\left(x + \frac{b}{2a}\right)^2 = \frac{b^2 - 4ac}{4a^2}"),
            MathTex(r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}"),
        ]
        self.play(Write(title))
        current = steps[0]
        self.play(Write(current))
        for step in steps[1:]:
            self.play(TransformMatchingShapes(current, step))
            current = step
        box = SurroundingRectangle(current, color=YELLOW, buff=0.2)
        self.play(Create(box))
        eq = MathTex("e^{i", r"\pi", "}", "+ 1 = 0")
        eq.set_color_by_tex(r"\pi", RED)
        self.play(ReplacementTransform(VGroup(current, box), eq))
        self.wait()
''',
    "three_d_surface": '''
from manim import *
import numpy as np


class WavySurface(ThreeDScene):
    def construct(self):
        axes = ThreeDAxes(x_range=[-3, 3], y_range=[-3, 3], z_range=[-2, 2])
        surface = Surface(
            lambda u, v: axes.c2p(u, v, np.sin(u) * np.cos(v)),
            u_range=[-3, 3],
            v_range=[-3, 3],
            resolution=(24, 24),
            fill_opacity=0.8,
        )
        surface.set_fill_by_checkerboard(BLUE_D, BLUE_E)
        self.set_camera_orientation(phi=65 * DEGREES, theta=-45 * DEGREES)
        self.add(axes)
        self.play(Create(surface))
        self.begin_ambient_camera_rotation(rate=0.2)
        self.wait(2)
        self.stop_ambient_camera_rotation()
        self.move_camera(phi=30 * DEGREES, theta=30 * DEGREES, run_time=2)
        sphere = Sphere(radius=0.5, resolution=(12, 12)).move_to(axes.c2p(0, 0, 1.5))
        self.add_fixed_in_frame_mobjects(Text("z = sin(x) cos(y)").to_corner(UL))
        self.play(FadeIn(sphere))
''',
    "updaters_value_tracker": '''
from manim import *


class TangentDemo(Scene):
    def construct(self):
        axes = Axes(x_range=[0, 6], y_range=[-2, 2])
        graph = axes.plot(lambda x: np.sin(x), color=BLUE)
        t = ValueTracker(0.5)

        dot = always_redraw(lambda: Dot(axes.i2gp(t.get_value(), graph), color=YELLOW))
        tangent = always_redraw(
            lambda: TangentLine(graph, alpha=t.get_value() / 6, length=3, color=RED)
        )
        readout = DecimalNumber(0, num_decimal_places=2).to_corner(UR)
        readout.add_updater(lambda m: m.set_value(np.cos(t.get_value())))

        spinner = Square(side_length=0.5).to_corner(DL)
        spinner.add_updater(lambda m, dt: m.rotate(dt * PI))

        self.add(axes, graph, dot, tangent, readout, spinner)
        self.play(t.animate.set_value(5.5), run_time=4, rate_func=smooth)
        spinner.clear_updaters()
        readout.remove_updater(readout.updaters[0])
        self.wait()
''',
    "moving_camera": '''
from manim import *


class ZoomIn(MovingCameraScene):
    def construct(self):
        self.camera.frame.save_state()
        grid = NumberPlane()
        dots = VGroup(*[Dot(point=[x, y, 0], radius=0.05) for x in range(-3, 4) for y in range(-2, 3)])
        target = dots[10]
        self.add(grid, dots)
        self.play(self.camera.frame.animate.scale(0.3).move_to(target))
        self.play(target.animate.set_color(RED).scale(2))
        self.play(Restore(self.camera.frame))
        frame = self.camera.frame
        frame.add_updater(lambda f: f.move_to(target))
        self.play(target.animate.shift(RIGHT))
        frame.clear_updaters()
        self.wait()
''',
    "boolean_ops": '''
from manim import *


class Venn(Scene):
    def construct(self):
        a = Circle(radius=1.5, color=BLUE, fill_opacity=0.3).shift(LEFT)
        b = Circle(radius=1.5, color=RED, fill_opacity=0.3).shift(RIGHT)
        self.play(Create(a), Create(b))
        ops = [
            Union(a, b, color=GREEN, fill_opacity=0.6),
            Intersection(a, b, color=YELLOW, fill_opacity=0.6),
            Difference(a, b, color=PURPLE, fill_opacity=0.6),
            Exclusion(a, b, color=ORANGE, fill_opacity=0.6),
        ]
        names = ["A ∪ B", "A ∩ B", "A − B", "A △ B"]
        for shape, name in zip(ops, names):
            caption = Text(name).to_edge(DOWN)
            self.play(FadeIn(shape), Write(caption))
            self.play(FadeOut(shape), FadeOut(caption))
''',
    "tables": r'''
from manim import *


class Tables(Scene):
    def construct(self):
        table = Table(
            [["1", "1"], ["2", "4"], ["3", "9"]],
            col_labels=[Text("n"), Text("n²")],
            include_outer_lines=True,
        ).scale(0.6).to_edge(LEFT)
        math_table = MathTable(
            [[r"\sin", r"\cos"], [r"\cos", r"-\sin"]],
            row_labels=[MathTex("f"), MathTex("f'")],
        ).scale(0.6).to_edge(RIGHT)
        self.play(table.create())
        self.play(math_table.create())
        cell = table.get_cell((2, 2), color=YELLOW)
        self.play(Create(cell))
        self.play(table.get_entries((3, 2)).animate.set_color(RED))
        self.play(math_table.get_rows()[1].animate.set_color(BLUE))
''',
    "code_mobject": '''
from manim import *

SOURCE = """def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
"""


class ShowCode(Scene):
    def construct(self):
        code = Code(
            code_string=SOURCE,
            language="python",
            background="window",
            formatter_style="monokai",
        )
        self.play(FadeIn(code))
        highlight = SurroundingRectangle(code.code_lines[2], color=YELLOW)
        self.play(Create(highlight))
        for line in code.code_lines[3:]:
            self.play(highlight.animate.move_to(line), run_time=0.5)
''',
    "vmobject_subclass": '''
from manim import *


class Spring(VMobject):
    def __init__(self, start=LEFT * 3, end=RIGHT * 3, coils=8, amplitude=0.25, **kwargs):
        super().__init__(**kwargs)
        self.coils = coils
        self.amplitude = amplitude
        self.rebuild(start, end)

    def rebuild(self, start, end):
        start, end = np.array(start), np.array(end)
        direction = end - start
        normal = rotate_vector(normalize(direction), PI / 2)
        points = [start]
        for i in range(1, 2 * self.coils):
            offset = normal * self.amplitude * (1 if i % 2 else -1)
            points.append(start + direction * i / (2 * self.coils) + offset)
        points.append(end)
        self.set_points_as_corners(points)
        return self

    def __repr__(self):
        return f"{type(self).__name__}(coils={self.coils})"


class LabeledDot(VGroup):
    def __init__(self, label, **kwargs):
        dot = Dot(radius=0.2, color=WHITE)
        text = Text(str(label), color=BLACK).scale(0.4)
        super().__init__(dot, text, **kwargs)
        self.name = self.__class__.__name__


class SpringScene(Scene):
    def construct(self):
        block = Square(side_length=1, fill_opacity=1).shift(RIGHT * 3)
        spring = Spring(start=LEFT * 4, end=block.get_left())
        spring.add_updater(lambda s: s.rebuild(LEFT * 4, block.get_left()))
        self.add(spring, block, LabeledDot(1).to_corner(UL))
        self.play(block.animate.shift(LEFT * 2), rate_func=there_and_back, run_time=2)
''',
    "dataclasses_and_enum": '''
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from manim import *


class Kind(Enum):
    PLANET = "planet"
    MOON = "moon"


@dataclass(frozen=True)
class Body:
    name: str
    radius: float
    orbit: float
    kind: Kind = Kind.PLANET
    color: ManimColor = BLUE
    tags: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self):
        if self.radius <= 0:
            object.__setattr__(self, "radius", 0.1)


BODIES = [
    Body("Mercury", 0.08, 1.0, color=GRAY),
    Body("Venus", 0.12, 1.6, color=GOLD),
    Body("Earth", 0.13, 2.2, color=BLUE),
    Body("Mars", 0.10, 2.9, color=RED),
]


class Orbits(Scene):
    def construct(self):
        sun = Dot(radius=0.3, color=YELLOW)
        self.add(sun)
        planets = VGroup()
        for body in BODIES:
            orbit = Circle(radius=body.orbit, stroke_opacity=0.3)
            planet = Dot(radius=body.radius, color=body.color).move_to(orbit.point_from_proportion(0))
            self.add(orbit)
            planets.add(planet)
        self.play(*[
            Rotating(p, about_point=ORIGIN, angle=TAU / b.orbit, run_time=4)
            for p, b in zip(planets, BODIES)
        ])
''',
    "numpy_fourier": '''
from manim import *
import numpy as np


def square_wave_coefficients(n_terms):
    ks = np.arange(1, 2 * n_terms, 2)
    return ks, 4 / (np.pi * ks)


class FourierSeries(Scene):
    def construct(self):
        axes = Axes(x_range=[-PI, PI, PI / 2], y_range=[-1.5, 1.5, 0.5])
        self.add(axes)
        previous = None
        for n in (1, 2, 4, 8, 16):
            ks, amps = square_wave_coefficients(n)
            curve = axes.plot(
                lambda x: float(np.sum(amps * np.sin(ks * x))),
                color=interpolate_color(BLUE, RED, n / 16),
            )
            label = MathTex(f"N = {n}").to_corner(UR)
            if previous is None:
                self.play(Create(curve), Write(label))
            else:
                self.play(Transform(previous[0], curve), Transform(previous[1], label))
                continue
            previous = (curve, label)
        samples = np.linspace(-1, 1, 64)
        spectrum = np.abs(np.fft.rfft(np.sign(samples)))
        bars = BarChart(list(spectrum[:8] / spectrum.max()), bar_colors=[BLUE, GREEN])
        self.play(FadeOut(axes), FadeIn(bars.scale(0.6)))
''',
    "random_seeded": '''
from manim import *
import random


class MonteCarloPi(Scene):
    def construct(self):
        random.seed(42)
        np.random.seed(42)
        square = Square(side_length=4)
        circle = Circle(radius=2, color=BLUE)
        self.add(square, circle)
        inside = 0
        dots = VGroup()
        for i in range(1, 201):
            x, y = random.uniform(-2, 2), random.uniform(-2, 2)
            hit = x * x + y * y <= 4
            inside += hit
            dots.add(Dot([x, y, 0], radius=0.03, color=GREEN if hit else RED))
        estimate = MathTex(r"\\pi \\approx " + f"{4 * inside / 200:.3f}").to_edge(RIGHT)
        jitter = np.random.normal(0, 0.1, size=(5, 3))
        self.play(LaggedStart(*[FadeIn(d) for d in dots], lag_ratio=0.02))
        self.play(Write(estimate))
        self.play(*[d.animate.shift(j) for d, j in zip(dots[:5], jitter)])
''',
    "itertools_complete_graph": '''
from itertools import combinations, cycle, product
from functools import reduce
import operator

from manim import *


class CompleteGraph(Scene):
    def construct(self):
        n = 6
        points = [rotate_vector(UP * 2.5, TAU * i / n) for i in range(n)]
        colors = cycle([RED, GREEN, BLUE])
        dots = VGroup(*[Dot(p, color=next(colors)) for p in points])
        edges = VGroup(*[Line(points[i], points[j], stroke_width=2) for i, j in combinations(range(n), 2)])
        count = reduce(operator.add, (1 for _ in combinations(range(n), 2)))
        grid = VGroup(*[Square(0.3).move_to([x * 0.4, y * 0.4, 0]) for x, y in product(range(3), repeat=2)])
        self.play(FadeIn(dots))
        self.play(LaggedStartMap(Create, edges, lag_ratio=0.1))
        self.play(Write(Text(f"{count} edges").to_edge(DOWN)))
        self.play(FadeIn(grid.to_corner(UL)))
''',
    "networkx_graph": '''
import networkx as nx
from manim import *


class BFS(Scene):
    def construct(self):
        g = nx.balanced_tree(2, 3)
        graph = Graph(
            list(g.nodes),
            list(g.edges),
            layout="tree",
            root_vertex=0,
            labels=True,
            layout_config={"vertex_spacing": (1.0, 1.2)},
        )
        self.play(Create(graph))
        order = list(nx.bfs_tree(g, 0))
        for node in order:
            self.play(graph[node].animate.set_color(YELLOW), run_time=0.3)
        cycle_graph = Graph.from_networkx(nx.cycle_graph(5), layout="circular")
        self.play(ReplacementTransform(graph, cycle_graph))
        di = DiGraph([1, 2, 3], [(1, 2), (2, 3), (3, 1)], layout="kamada_kawai")
        self.play(FadeIn(di.shift(RIGHT * 3)))
''',
    "scipy_ode": '''
from manim import *
import numpy as np
from scipy.integrate import odeint, quad
from scipy import special


def lorenz(state, t, sigma=10.0, rho=28.0, beta=8 / 3):
    x, y, z = state
    return [sigma * (y - x), x * (rho - z) - y, x * y - beta * z]


class Lorenz(ThreeDScene):
    def construct(self):
        ts = np.linspace(0, 20, 3000)
        path = odeint(lorenz, [1.0, 1.0, 1.0], ts) / 8
        curve = VMobject().set_points_smoothly([np.array([x, y, z - 3]) for x, y, z in path[::5]])
        curve.set_color_by_gradient(BLUE, GREEN, YELLOW)
        self.set_camera_orientation(phi=70 * DEGREES, theta=45 * DEGREES)
        self.play(Create(curve), run_time=6, rate_func=linear)
        value, _ = quad(lambda x: np.exp(-x * x), -np.inf, np.inf)
        gamma = special.gamma(0.5)
        label = MathTex(rf"\\int e^{{-x^2}}dx = {value:.4f} = \\Gamma(1/2) = {gamma:.4f}")
        self.add_fixed_in_frame_mobjects(label.scale(0.6).to_edge(UP))
''',
    "linear_transformation": '''
from manim import *


class Shear(LinearTransformationScene):
    def __init__(self, **kwargs):
        LinearTransformationScene.__init__(
            self,
            show_coordinates=True,
            leave_ghost_vectors=True,
            **kwargs,
        )

    def construct(self):
        matrix = [[1, 1], [0, 1]]
        vector = self.add_vector([1, 2], color=YELLOW)
        label = MathTex(r"\\begin{bmatrix} 1 & 1 \\\\ 0 & 1 \\end{bmatrix}").to_corner(UL)
        self.add_background_mobject(label)
        self.apply_matrix(matrix)
        self.wait()
''',
    "vector_field_streamlines": '''
from manim import *


class Flow(Scene):
    def construct(self):
        func = lambda p: np.array([-p[1], p[0], 0]) / 2 + 0.1 * p
        field = ArrowVectorField(func, x_range=[-5, 5, 1], y_range=[-3, 3, 1])
        self.add(field)
        lines = StreamLines(func, stroke_width=2, max_anchors_per_line=30)
        self.add(lines)
        lines.start_animation(warm_up=False, flow_speed=1.5)
        self.wait(lines.virtual_time / lines.flow_speed)
        dot = Dot(RIGHT * 2)
        dot.add_updater(field.get_nudge_updater())
        self.add(dot)
        self.wait(2)
''',
    "function_machine_names": '''
from manim import *


def machine(label: str) -> VGroup:
    box = Rectangle(width=3, height=1.5, color=BLUE, fill_opacity=0.2)
    return VGroup(box, Text(label).scale(0.6))


class FunctionMachine(Scene):
    def construct(self):
        input = MathTex("x = 3").shift(LEFT * 4)
        output = MathTex("f(x) = 9").shift(RIGHT * 4)
        vars = [input, output]
        box = machine("square it")
        for mob in vars:
            color = getattr(mob, "color", WHITE)
            mob.set_color(color)
        if hasattr(box, "submobjects"):
            setattr(box, "label_text", "square it")
        self.play(Write(input), Create(box))
        self.play(input.animate.move_to(box))
        self.play(ReplacementTransform(input, output))
''',
    "config_visual_and_main_guard": '''
from manim import *

config.background_color = "#1e1e2e"
config["background_opacity"] = 1.0
WIDTH = config.frame_width
HEIGHT = config["frame_height"]
logger.info("frame is %s x %s", WIDTH, HEIGHT)


class Title(Scene):
    def construct(self):
        title = Text("Eigenvalues", gradient=(BLUE, GREEN)).scale_to_fit_width(WIDTH * 0.6)
        underline = Underline(title)
        self.play(Write(title), Create(underline))
        self.wait()


if __name__ == "__main__":
    with tempconfig({"quality": "medium_quality", "preview": True}):
        Title().render()
''',
    "text_and_paragraph": '''
from manim import *
import textwrap


class Captions(Scene):
    def construct(self):
        body = textwrap.fill("Eigenvectors keep their direction under a linear map; only their length changes.", 40)
        para = Paragraph(*body.split("\\n"), alignment="center", line_spacing=0.8).scale(0.5)
        markup = MarkupText('<span fgcolor="yellow">A</span>v = <i>λ</i>v').next_to(para, DOWN)
        self.play(AddTextLetterByLetter(Text("Eigen", font_size=72)))
        self.play(FadeIn(para, shift=UP), Write(markup))
        self.play(Succession(Indicate(markup), Circumscribe(para)))
''',
    "sorting_collections": '''
from collections import deque, namedtuple, Counter
import heapq
from manim import *

Step = namedtuple("Step", ["i", "j"])


class BubbleSort(Scene):
    def construct(self):
        values = [5, 2, 8, 1, 9, 3]
        bars = VGroup(*[Rectangle(width=0.6, height=v * 0.4, fill_opacity=0.8) for v in values])
        bars.arrange(RIGHT, aligned_edge=DOWN, buff=0.2)
        self.play(FadeIn(bars))
        steps = deque()
        vals = list(values)
        for end in range(len(vals) - 1, 0, -1):
            for i in range(end):
                if vals[i] > vals[i + 1]:
                    vals[i], vals[i + 1] = vals[i + 1], vals[i]
                    steps.append(Step(i, i + 1))
        while steps:
            step = steps.popleft()
            a, b = bars[step.i], bars[step.j]
            self.play(Swap(a, b), run_time=0.3)
            bars.submobjects[step.i], bars.submobjects[step.j] = b, a
        smallest = heapq.nsmallest(2, values)
        counts = Counter(values)
        self.play(Write(Text(f"{smallest} {len(counts)}").to_edge(UP)))
''',
    "complex_plane": '''
import cmath
from manim import *


class ComplexSquare(Scene):
    def construct(self):
        plane = ComplexPlane().add_coordinates()
        self.add(plane)
        z = complex(1, 1)
        dot = Dot(plane.n2p(z), color=YELLOW)
        label = MathTex("z").next_to(dot, UR)
        self.play(FadeIn(dot), Write(label))
        w = z ** 2
        self.play(dot.animate.move_to(plane.n2p(w)))
        roots = [cmath.exp(2j * cmath.pi * k / 5) for k in range(5)]
        self.play(*[GrowFromCenter(Dot(plane.n2p(r), color=RED)) for r in roots])
        self.play(plane.animate.apply_complex_function(lambda c: c ** 2), run_time=3)
''',
    "helper_classes_and_decimals": '''
from fractions import Fraction
from decimal import Decimal
from typing import Callable, Iterable
import math

from manim import *


class Riemann:
    """Helper that builds Riemann rectangles for a function."""

    def __init__(self, f: Callable[[float], float], a: float, b: float):
        self.f, self.a, self.b = f, a, b

    def __call__(self, n: int) -> float:
        dx = (self.b - self.a) / n
        return sum(self.f(self.a + (k + 0.5) * dx) * dx for k in range(n))

    def __len__(self) -> int:
        return int(self.b - self.a)


def sizes(limit: int) -> Iterable[int]:
    n = 1
    while n <= limit:
        yield n
        n *= 2


class RiemannSums(Scene):
    def construct(self):
        ax = Axes(x_range=[0, math.pi], y_range=[0, 1.2])
        graph = ax.plot(math.sin, x_range=[0, math.pi])
        helper = Riemann(math.sin, 0, math.pi)
        self.add(ax, graph)
        rects = None
        for n in sizes(32):
            new = ax.get_riemann_rectangles(graph, x_range=[0, math.pi], dx=math.pi / n, fill_opacity=0.6)
            text = DecimalNumber(helper(n), num_decimal_places=4).to_corner(UR)
            if rects is None:
                self.play(Create(new), FadeIn(text))
            else:
                self.play(Transform(rects, new), run_time=0.5)
            rects = rects or new
        half = Fraction(1, 2) + Fraction(1, 3)
        self.play(Write(MathTex(rf"\\frac{{{half.numerator}}}{{{half.denominator}}}", str(Decimal("0.5")))))
''',
    "numpy_pixels_and_groups": '''
from manim import *
import numpy as np


class Gradient(Scene):
    def construct(self):
        xs = np.linspace(0, 1, 12)
        shade = np.outer(xs, xs[::-1])
        pixels = VGroup(*[
            Square(0.3, stroke_width=0, fill_opacity=1).set_fill(interpolate_color(BLACK, TEAL, shade[i, j]))
            for i in range(shade.shape[0])
            for j in range(shade.shape[1])
        ]).arrange_in_grid(rows=12, buff=0)
        self.play(FadeIn(pixels))
        arrows = VGroup(*[Arrow(ORIGIN, direction) for direction in (UP, RIGHT, DOWN, LEFT)])
        self.play(AnimationGroup(*[GrowArrow(a) for a in arrows], lag_ratio=0.25))
        brace = Brace(arrows, DOWN)
        text = brace.get_text("four directions")
        self.play(GrowFromCenter(brace), FadeIn(text))
        self.play(arrows.animate.rotate(PI / 2), rate_func=rate_functions.ease_in_out_sine)
        self.play(FadeOut(Group(pixels, arrows, brace, text)))
''',
    "explicit_manim_imports": '''
import math
import manim as mn
from manim import Scene, Circle, Create, config, BLUE
from manim.utils.rate_functions import ease_out_bounce
from manim.mobject.geometry.polygram import RegularPolygon
import numpy.linalg as la


class Explicit(Scene):
    def construct(self):
        m = mn.np.array([[2, 1], [1, 3]])
        values = la.eigvalsh(m)
        poly = RegularPolygon(n=max(3, int(math.ceil(values.max()))), color=BLUE)
        self.play(Create(Circle(radius=config.frame_height / 4)))
        self.play(Create(poly), rate_func=ease_out_bounce)
        self.play(poly.animate.set_fill(mn.RED, opacity=mn.config.background_opacity))
''',
}


def _dedent(code: str) -> str:
    return textwrap.dedent(code).lstrip("\n")


@pytest.mark.parametrize("name", sorted(OK_SCENES))
def test_it_accepts_legitimate_scenes(name):
    code = _dedent(OK_SCENES[name])
    assert check_policy(code) == [], f"{name}: {[str(v) for v in check_policy(code)]}"


def test_it_has_a_real_corpus_that_loads():
    """The corpus is real Manim: every scene compiles, imports and defines its classes."""
    assert len(OK_SCENES) >= 20
    from manim import Scene

    for name, code in OK_SCENES.items():
        # A real module: dataclasses with string annotations look their module up in sys.modules.
        module = types.ModuleType(f"policy_ok_{name}")
        sys.modules[module.__name__] = module
        try:
            exec(compile(_dedent(code), f"{name}.py", "exec"), module.__dict__)
        finally:
            del sys.modules[module.__name__]
        scenes = [v for v in vars(module).values() if isinstance(v, type) and issubclass(v, Scene) and v is not Scene]
        assert scenes, name


# ---------------------------------------------------------------------------------------
# Hostile snippets: (code, expected rule, expected line, a word the message must name).
# ---------------------------------------------------------------------------------------

HOSTILE: dict[str, tuple[str, str, int, str]] = {
    "import_os": ("from manim import *\nimport os\n", "import", 2, "'os'"),
    "import_subprocess": ("import subprocess\n", "import", 1, "'subprocess'"),
    "import_socket": ("from manim import *\n\n\nimport socket\n", "import", 4, "'socket'"),
    "import_ctypes": ("import ctypes.util\n", "import", 1, "'ctypes.util'"),
    "import_pickle": ("import numpy as np, pickle\n", "import", 1, "'pickle'"),
    "import_importlib": ("import importlib\n", "import", 1, "'importlib'"),
    "import_sys": ("import sys as system\n", "import", 1, "'sys'"),
    "import_builtins": ("import builtins\n", "import", 1, "'builtins'"),
    "from_os_import_system": ("from manim import *\nfrom os import system\n", "import", 2, "'os'"),
    "import_inside_method": (
        "from manim import *\n\nclass S(Scene):\n    def construct(self):\n        import shutil\n",
        "import",
        5,
        "'shutil'",
    ),
    "dunder_import": ("x = __import__('os')\n", "builtin", 1, "'__import__'"),
    "eval": ("from manim import *\nvalue = eval('1 + 1')\n", "builtin", 2, "'eval'"),
    "exec_base64_import": ("import base64\n", "import", 1, "'base64'"),
    "exec_base64_call": (
        "import base64\nexec(base64.b64decode('cHJpbnQoMSk='))\n",
        "builtin",
        2,
        "'exec'",
    ),
    "open_passwd": ("data = open('/etc/passwd').read()\n", "builtin", 1, "'open'"),
    "compile": ("code = compile('1', 'x', 'eval')\n", "builtin", 1, "'compile'"),
    "subclasses_walk_bases": ("().__class__.__bases__[0].__subclasses__()\n", "dunder", 1, "'__bases__'"),
    "subclasses_walk_subclasses": ("\n\n().__class__.__bases__[0].__subclasses__()\n", "dunder", 3, "'__subclasses__'"),
    "function_globals": ("def f():\n    pass\n\ng = f.__globals__\n", "dunder", 4, "'__globals__'"),
    "frame_walk_import": ("import inspect\n", "import", 1, "'inspect'"),
    "frame_walk": (
        "import inspect\nleak = inspect.currentframe().f_back.f_globals\n",
        "attribute",
        2,
        "'f_globals'",
    ),
    "generator_frame": ("def g():\n    yield 1\n\nfr = g().gi_frame\n", "attribute", 4, "'gi_frame'"),
    "getattr_dunder_literal": ("def f():\n    pass\nx = getattr(f, '__globals__')\n", "builtin", 3, "'__globals__'"),
    "getattr_variable": ("obj = object()\nname_var = 'x'\ny = getattr(obj, name_var)\n", "builtin", 3, "'getattr'"),
    "getattr_frame_literal": ("x = getattr(frame, 'f_globals')\n", "attribute", 1, "'f_globals'"),
    "getattr_as_value": ("g = getattr\n", "builtin", 1, "'getattr'"),
    "setattr_computed": ("setattr(obj, 'a' + 'b', 1)\n", "builtin", 1, "'setattr'"),
    "globals_subscript": ("x = globals()['x']\n", "builtin", 1, "'globals'"),
    "locals": ("def f():\n    return locals()\n", "builtin", 2, "'locals'"),
    "vars": ("from manim import *\nv = vars()\n", "builtin", 2, "'vars'"),
    "config_media_dir": ("from manim import *\nconfig.media_dir = '/etc'\n", "config", 2, "'media_dir'"),
    "config_output_file_item": ("from manim import *\n\nconfig['output_file'] = '../../x'\n", "config", 3, "'output_file'"),
    "config_alias": ("from manim import config as cfg\nc = cfg\nc.video_dir = '/tmp'\n", "config", 3, "'video_dir'"),
    "config_manim_attr": ("import manim\nmanim.config.log_dir = '/tmp'\n", "config", 2, "'log_dir'"),
    "config_setattr": ("from manim import *\nsetattr(config, 'tex_dir', '/tmp')\n", "config", 2, "'tex_dir'"),
    "config_update": ("from manim import *\nconfig.update({'images_dir': '/tmp'})\n", "config", 2, "'images_dir'"),
    "config_update_variable": ("from manim import *\nd = {}\nconfig.update(d)\n", "config", 3, "config.update"),
    "config_quality": ("from manim import *\nconfig.pixel_height = 2160\n", "config", 2, "'pixel_height'"),
    "config_preview_command": ("from manim import *\nconfig.preview_command = 'sh'\n", "config", 2, "'preview_command'"),
    "config_private": ("from manim import *\nconfig._d['media_dir'] = '/'\n", "config", 2, "'_d'"),
    "config_digest_file": ("from manim import *\nconfig.digest_file('/etc/manim.cfg')\n", "config", 2, "digest_file"),
    "tempconfig_paths": (
        "from manim import *\nwith tempconfig({'media_dir': '/'}):\n    pass\n",
        "config",
        2,
        "'media_dir'",
    ),
    "breakpoint": ("x = 1\nbreakpoint()\n", "builtin", 2, "'breakpoint'"),
    "relative_import": ("from . import x\n", "import", 1, "from . import"),
    "relative_import_module": ("from ..pkg import y\n", "import", 1, "from ..pkg import"),
    "builtins_subscript": ("f = __builtins__['open']\n", "name", 1, "'__builtins__'"),
    "type_subclasses": ("classes = type.__subclasses__(object)\n", "dunder", 1, "'__subclasses__'"),
    "lambda_eval": ("from manim import *\nf = lambda s: eval(s)\n", "builtin", 2, "'eval'"),
    "nested_function": (
        "def outer():\n    def inner():\n        return exec('x = 1')\n    return inner\n",
        "builtin",
        3,
        "'exec'",
    ),
    "class_method": (
        "from manim import *\n\nclass S(Scene):\n    def construct(self):\n        self.add(Dot())\n"
        "        data = open('secrets.txt').read()\n",
        "builtin",
        6,
        "'open'",
    ),
    "decorator_and_default": ("def f(x=globals()):\n    return x\n", "builtin", 1, "'globals'"),
    "open_file_helper": ("from manim import *\nopen_file('/etc/passwd')\n", "name", 2, "'open_file'"),
    "module_via_attribute": ("from manim import *\nutils.file_ops.os.system('id')\n", "attribute", 2, "'os'"),
    "file_ops_import": ("from manim.utils.file_ops import open_file\n", "import", 1, "'manim.utils.file_ops'"),
    "numpy_load": ("import numpy as np\ndata = np.load('/etc/x.npy', allow_pickle=True)\n", "attribute", 2, "'np.load'"),
    "bare_os_name": ("from manim import *\nos.system('id')\n", "name", 2, "'os'"),
    "dunder_file": ("print(__file__)\n", "name", 1, "'__file__'"),
    "format_string_dunder": ("s = '{0.__globals__}'.format(f)\n", "dunder", 1, "'__globals__'"),
    "code_object": ("def f():\n    pass\nc = f.__code__.co_code\n", "dunder", 3, "'__code__'"),
    "dict_dunder": ("import numpy as np\nns = np.__dict__\n", "dunder", 2, "'__dict__'"),
    "getattribute": ("x = object.__getattribute__(o, n)\n", "dunder", 1, "'__getattribute__'"),
    "input": ("name = input()\n", "builtin", 1, "'input'"),
    "attrgetter_dunder": ("import operator\nget = operator.attrgetter('__globals__')\n", "dunder", 2, "'__globals__'"),
    "methodcaller_computed": ("from operator import methodcaller\nm = methodcaller(name)\n", "builtin", 2, "'methodcaller'"),
    "latex_input": ("from manim import *\nleak = Tex(r'\\input{/etc/passwd}')\n", "latex", 2, "input"),
    "latex_write18": (
        "from manim import *\ntpl = TexTemplate()\ntpl.add_to_preamble(r'\\immediate\\write18{id}')\n",
        "latex",
        3,
        "immediate",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_it_refuses_hostile_code(name):
    code, rule, line, word = HOSTILE[name]
    violations = check_policy(code)
    assert violations, f"{name} was accepted"
    matching = [v for v in violations if v.rule == rule and v.line == line]
    assert matching, f"{name}: expected rule {rule!r} on line {line}, got {[(v.rule, v.line, str(v)) for v in violations]}"
    assert any(word in v.message for v in matching), f"{name}: {word!r} not named in {[str(v) for v in matching]}"


def test_it_has_enough_hostile_cases():
    assert len(HOSTILE) >= 25


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_it_writes_one_line_numbered_sentence_per_violation(name):
    for violation in check_policy(HOSTILE[name][0]):
        assert isinstance(violation, PolicyViolation)
        assert violation.message.startswith(f"Line {violation.line}: ")
        assert violation.message.endswith(".")
        unquoted = re.sub(r"'[^']*'", "''", violation.message)
        assert ". " not in unquoted, violation.message
        assert "\n" not in violation.message
        assert str(violation) == violation.message
        assert violation.column >= 0


def test_it_reports_every_violation_sorted_by_line():
    code = _dedent(
        """
        from manim import *
        import os

        class Evil(Scene):
            def construct(self):
                config.media_dir = "/etc"
                self.add(Text(open("/etc/passwd").read()))
                eval("1")
                ().__class__.__base__.__subclasses__()
        import subprocess
        """
    )
    violations = check_policy(code)
    found = [(v.line, v.rule) for v in violations]
    assert found == sorted(found)
    assert (2, "import") in found
    assert (6, "config") in found
    assert (7, "builtin") in found
    assert (8, "builtin") in found
    assert (9, "dunder") in found
    assert (10, "import") in found
    assert len([v for v in violations if v.line == 9]) == 2  # __base__ and __subclasses__


def test_it_reports_syntax_errors_as_a_violation():
    violations = check_policy("from manim import *\n\nclass S(Scene:\n    pass\n")
    assert len(violations) == 1
    violation = violations[0]
    assert violation.rule == "syntax"
    assert violation.line == 3
    assert violation.message.startswith("Line 3: SyntaxError: ")


def test_it_allows_super_init_and_safe_dunders():
    code = _dedent(
        """
        from manim import *

        class Box(VGroup):
            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.kind = self.__class__.__name__
                self.doc = type(self).__doc__ or type(self).__qualname__

            def __getitem__(self, i):
                return super().__getitem__(i)

            def __iter__(self):
                return super().__iter__()

            def __len__(self):
                return super().__len__()
        """
    )
    assert check_policy(code) == []


def test_it_treats_user_bound_soft_builtin_names_as_variables():
    assert check_policy("def f(input):\n    return input * 2\n") == []
    assert check_policy("vars = [1, 2]\nprint(vars)\n") == []
    # ...but never the strict ones, even shadowed at module level (it may be conditional).
    assert [v.rule for v in check_policy("if False:\n    eval = print\neval('1')\n")] == ["builtin"]


def test_it_exempts_config_only_in_a_real_main_guard():
    guarded = 'from manim import *\nif __name__ == "__main__":\n    config.media_dir = "/tmp"\n'
    assert check_policy(guarded) == []
    # Still refused when the guard could be made true, and other rules still apply inside.
    rebound = '__name__ = "__main__"\n' + guarded
    assert [v.rule for v in check_policy(rebound)] == ["config"]
    inside = 'if __name__ == "__main__":\n    import os\n'
    assert [v.rule for v in check_policy(inside)] == ["import"]


def test_it_lets_scenes_read_config_and_set_visual_settings():
    code = _dedent(
        """
        from manim import *
        config.background_color = WHITE
        config.frame_width = 16
        config["frame_height"] = 9
        w = config.frame_width + config.pixel_width
        path_len = len(str(config.media_dir))
        value = getattr(config, "media_dir")
        """
    )
    assert check_policy(code) == []


def test_it_keeps_the_import_allowlist_to_top_level_names():
    assert isinstance(ALLOWED_IMPORTS, frozenset)
    assert all("." not in name for name in ALLOWED_IMPORTS)
    for needed in ("manim", "numpy", "math", "random", "itertools", "networkx", "scipy", "__future__"):
        assert needed in ALLOWED_IMPORTS
    for refused in ("os", "sys", "subprocess", "manim_voiceover", "inspect", "pathlib", "base64", "io"):
        assert refused not in ALLOWED_IMPORTS
    assert check_policy("import manim.mobject.geometry.arc\nimport numpy.random\nfrom __future__ import annotations\n") == []
