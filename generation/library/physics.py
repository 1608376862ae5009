"""Physics: mechanics and oscillations."""

from __future__ import annotations

import math
import re

from .core import (
    _NUM,
    Param,
    SceneTemplate,
    _color,
    _find_number,
    _find_colors,
    _fmt_number,
    _nice_step,
    _py_str,
    _sub,
)


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



def _build_pendulum_period(v: dict) -> str:
    l1, l2 = v["length_a"], v["length_b"]
    t1, t2 = 2 * math.pi * math.sqrt(l1 / 9.81), 2 * math.pi * math.sqrt(l2 / 9.81)
    f = _fmt_number
    return _sub('''
from manim import *


class PendulumPeriod(Scene):
    def construct(self):
        g = 9.81
        lengths = [$l1, $l2]  # metres
        colors = [$color_a, $color_b]
        amplitude = 20 * DEGREES
        scale = 4.6 / max(lengths)  # screen units per metre
        pivots = [LEFT * 4.2 + UP * 2.6, LEFT * 0.6 + UP * 2.6]
        periods = [2 * PI * np.sqrt(length / g) for length in lengths]
        t = ValueTracker(0)

        def bob(i):
            # small swings: theta(t) = theta0 cos(2 pi t / T)
            angle = amplitude * np.cos(TAU * t.get_value() / periods[i])
            return pivots[i] + scale * lengths[i] * np.array([np.sin(angle), -np.cos(angle), 0])

        ceiling = Line(LEFT * 5.8 + UP * 2.6, RIGHT * 1 + UP * 2.6, color=GREY)
        pendulums = VGroup(*[
            always_redraw(lambda i=i: VGroup(
                Line(pivots[i], bob(i), color=WHITE), Dot(bob(i), radius=0.17, color=colors[i])
            ))
            for i in range(2)
        ])
        formula = MathTex(r"T = 2\\pi\\sqrt{\\frac{L}{g}}", font_size=52).to_corner(UR, buff=0.5)
        rows = VGroup(
            MathTex($row_a, color=$color_a, font_size=36),
            MathTex($row_b, color=$color_b, font_size=36),
        ).arrange(DOWN, aligned_edge=LEFT).next_to(formula, DOWN, buff=0.5).to_edge(RIGHT, buff=0.4)
        note = Text($note, font_size=24, color=GREY_B).next_to(rows, DOWN, buff=0.4).to_edge(RIGHT, buff=0.4)

        self.play(Create(ceiling), Write(formula), FadeIn(pendulums))
        self.play(FadeIn(rows, shift=LEFT * 0.3), FadeIn(note))
        duration = min(6, max(3, 1.5 * max(periods)))
        self.play(t.animate.set_value(duration), run_time=duration, rate_func=linear)
        self.wait(0.5)
''', l1=f(l1), l2=f(l2), note=_py_str(_period_note(l1, l2)), color_a=_color(v, "color_a"), color_b=_color(v, "color_b"),
        row_a=_py_str(rf"L = {f(l1)}\,\mathrm{{m}}:\ T \approx {t1:.2f}\,\mathrm{{s}}"),
        row_b=_py_str(rf"L = {f(l2)}\,\mathrm{{m}}:\ T \approx {t2:.2f}\,\mathrm{{s}}"))


def _period_note(l1: float, l2: float) -> str:
    ratio = max(l1, l2) / min(l1, l2)
    if ratio < 1.01:
        return "same length: same period"
    return f"{ratio:.3g} times as long: {math.sqrt(ratio):.3g} times the period"


def _extract_pendulum_period(prompt: str) -> dict:
    lengths = [float(m) for m in re.findall(r"(\d+(?:\.\d+)?)\s*(?:m|metres?|meters?)\b", prompt, re.I)]
    values: dict = {}
    if len(lengths) >= 2:
        values["length_a"], values["length_b"] = lengths[0], lengths[1]
    elif len(lengths) == 1:
        values["length_a"] = lengths[0]
    return values


def _score_pendulum_period(prompt: str, extracted: dict, base: float) -> float:
    lower = prompt.lower()
    if re.search(r"\bperiod|2\s*(?:π|pi)\s*√|sqrt\(l/g\)|vs\.? length|versus length|two pendulums|different lengths",
                 lower):
        return 1.0
    return -100


def _build_projectile(v: dict) -> str:
    v0, angle, g = v["speed"], v["angle"], v["gravity"]
    rad = math.radians(angle)
    vx, vy = v0 * math.cos(rad), v0 * math.sin(rad)
    flight = 2 * vy / g
    reach = vx * flight
    top = vy * vy / (2 * g)
    x_step = _nice_step(reach * 1.1, 6)
    y_step = _nice_step(top * 1.3, 4)
    f = _fmt_number
    return _sub('''
from manim import *


class ProjectileMotion(Scene):
    def construct(self):
        v0, angle, g = $v0, $angle * DEGREES, $g
        vx, vy = v0 * np.cos(angle), v0 * np.sin(angle)
        flight = 2 * vy / g
        axes = Axes(
            x_range=[0, $x_max, $x_step],
            y_range=[0, $y_max, $y_step],
            x_length=11,
            y_length=4.8,
            tips=False,
            axis_config={"include_numbers": True, "font_size": 22},
        ).to_edge(DOWN, buff=0.5)
        labels = axes.get_axis_labels(x_label=Text("x (m)", font_size=24), y_label=Text("y (m)", font_size=24))

        def position(t):
            return axes.c2p(vx * t, vy * t - g * t**2 / 2)

        path = ParametricFunction(position, t_range=[0, flight], color=GREY, stroke_opacity=0.5)
        t = ValueTracker(0)
        arrow_scale = 1.6 / v0  # screen units per m/s

        def velocity():
            s = t.get_value()
            p = position(s)
            u, w = vx * arrow_scale, (vy - g * s) * arrow_scale
            return VGroup(
                Arrow(p, p + RIGHT * u, buff=0, color=BLUE, stroke_width=4, max_tip_length_to_length_ratio=0.2),
                Arrow(p, p + UP * w, buff=0, color=RED, stroke_width=4, max_tip_length_to_length_ratio=0.2),
                Arrow(p, p + RIGHT * u + UP * w, buff=0, color=YELLOW, stroke_width=4,
                      max_tip_length_to_length_ratio=0.2),
            )

        ball = always_redraw(lambda: Dot(position(t.get_value()), radius=0.12, color=WHITE))
        arrows = always_redraw(velocity)
        legend = VGroup(
            MathTex(r"v_x = v_0\\cos\\theta", color=BLUE, font_size=32),
            MathTex(r"v_y = v_0\\sin\\theta - g t", color=RED, font_size=32),
        ).arrange(DOWN, aligned_edge=LEFT).to_corner(UR, buff=0.3)
        info = MathTex($info, font_size=32).to_corner(UL, buff=0.3)
        results = MathTex($results, font_size=32).next_to(info, DOWN, aligned_edge=LEFT)

        self.play(Create(axes), Write(labels), Write(info), Write(legend))
        self.play(Create(path), run_time=1)
        self.add(ball, arrows)
        self.play(t.animate.set_value(flight), run_time=2.5, rate_func=linear)
        self.play(Write(results))
        self.wait(1)
''', v0=f(v0), angle=f(angle), g=f(g), x_max=f(math.ceil(reach * 1.1 / x_step) * x_step), x_step=f(x_step),
        y_max=f(math.ceil(top * 1.3 / y_step) * y_step), y_step=f(y_step),
        info=_py_str(rf"v_0 = {f(v0)}\,\mathrm{{m/s}},\ \theta = {f(angle)}^\circ,\ g = {f(g)}\,\mathrm{{m/s^2}}"),
        results=_py_str(rf"\text{{range}} \approx {reach:.1f}\,\mathrm{{m}},\ "
                        rf"\text{{height}} \approx {top:.1f}\,\mathrm{{m}},\ t \approx {flight:.2f}\,\mathrm{{s}}"))


def _extract_projectile(prompt: str) -> dict:
    values: dict = {}
    speed = _find_number(prompt, r"(\d+(?:\.\d+)?)\s*(?:m/s|meters per second|metres per second|mps)")
    if speed is not None:
        values["speed"] = speed
    angle = _find_number(prompt, r"(\d+(?:\.\d+)?)\s*(?:°|deg|degrees?)")
    if angle is not None:
        values["angle"] = angle
    if re.search(r"\bmoon\b", prompt, re.I):
        values["gravity"] = 1.62
    elif re.search(r"\bmars\b", prompt, re.I):
        values["gravity"] = 3.71
    return values


def _build_spring(v: dict) -> str:
    m, k, amp, damping = v["mass"], v["k"], v["amplitude"], v["damping"]
    omega = math.sqrt(k / m)
    period = 2 * math.pi / omega
    f = _fmt_number
    return _sub('''
from manim import *


class SpringMass(Scene):
    def construct(self):
        m, k, A, b = $m, $k, $amplitude, $damping  # kg, N/m, m, 1/s
        omega = np.sqrt(k / m)
        duration = min(8, max(4, 2.5 * TAU / omega))
        unit = 1.6  # screen units per metre of displacement
        wall_x, rest_x, y0 = -6.2, -2.6, 1.6

        def x(t):
            return A * np.exp(-b * t / 2) * np.cos(omega * t)

        t = ValueTracker(0)
        wall = Line(UP * (y0 + 0.8) + RIGHT * wall_x, UP * (y0 - 0.8) + RIGHT * wall_x, stroke_width=6)
        floor = Line(RIGHT * wall_x + UP * (y0 - 0.55), RIGHT * 0.6 + UP * (y0 - 0.55), color=GREY)

        def spring_and_block():
            end = rest_x + unit * x(t.get_value())
            xs = np.linspace(wall_x, end - 0.5, 26)
            points = [np.array([px, y0 + (0.25 if i % 2 else -0.25) * (0 < i < len(xs) - 1), 0])
                      for i, px in enumerate(xs)]
            spring = VMobject(color=GREY_B, stroke_width=3).set_points_as_corners(points)
            block = Square(1, color=$color, fill_opacity=0.8).move_to(RIGHT * end + UP * y0)
            return VGroup(spring, block)

        system = always_redraw(spring_and_block)
        axes = Axes(x_range=[0, duration, 1], y_range=[-1.2 * A, 1.2 * A, A], x_length=11, y_length=2.8,
                    tips=False).to_edge(DOWN, buff=0.5)
        axes_label = MathTex(r"x(t)", font_size=32).next_to(axes.y_axis, UP, buff=0.1)
        tracer = always_redraw(lambda: Dot(axes.c2p(t.get_value(), x(t.get_value())), color=$color, radius=0.06))
        trace = TracedPath(tracer.get_center, stroke_color=$color, stroke_width=3)
        formula = MathTex($formula, font_size=34).to_corner(UR, buff=0.3)

        self.play(Create(wall), Create(floor), FadeIn(system), Create(axes), Write(axes_label), Write(formula))
        self.add(trace, tracer)
        self.play(t.animate.set_value(duration), run_time=duration, rate_func=linear)
        self.wait(0.5)
''', m=f(m), k=f(k), amplitude=f(amp), damping=f(damping), color=_color(v),
        formula=_py_str(rf"\omega = \sqrt{{k/m}} \approx {omega:.2f}\,\mathrm{{s^{{-1}}}},\ T \approx {period:.2f}\,\mathrm{{s}}"))


def _extract_spring(prompt: str) -> dict:
    values: dict = {}
    mass = _find_number(prompt, r"(\d+(?:\.\d+)?)\s*(?:kg|kilograms?)\b")
    if mass is not None:
        values["mass"] = mass
    k = _find_number(prompt, r"(\d+(?:\.\d+)?)\s*(?:n/m|newtons? per met(?:er|re))") or \
        _find_number(prompt, r"\bk\s*=\s*(\d+(?:\.\d+)?)")
    if k is not None:
        values["k"] = k
    if re.search(r"\bdamp", prompt, re.I) and not re.search(r"\bun-?damped|\bno damping", prompt, re.I):
        values["damping"] = 0.4
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


def _score_spring(prompt: str, extracted: dict, base: float) -> float:
    lower = prompt.lower()
    if "pendulum" in lower:
        return -100
    return 1.5 if re.search(r"\bspring|\bshm\b|simple harmonic|hooke", lower) else 0.0


TEMPLATES: tuple[SceneTemplate, ...] = (
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
        weak=("swinging", "swing", "oscillation", "harmonic motion", "simple harmonic"),
        excludes=("phase portrait", "phase space", "vector field"),
        examples=(
            "A swinging pendulum",
            "Simulate a damped pendulum of length 1.5 m released at 60 degrees",
        ),
        builder=_build_pendulum,
        checker=None,
        extractor=_extract_pendulum,
    ),
    SceneTemplate(
        slug="pendulum-period",
        title="Pendulum period and length",
        subject="physics",
        description="Two pendulums of different lengths swing side by side: T = 2π√(L/g).",
        scene_name="PendulumPeriod",
        params=(
            Param("length_a", "float", 0.5, "Length of the first (m)", minimum=0.1, maximum=5),
            Param("length_b", "float", 2.0, "Length of the second (m)", minimum=0.1, maximum=5),
            Param("color_a", "color", "red", "First bob colour"),
            Param("color_b", "color", "blue", "Second bob colour"),
        ),
        keywords=("pendulum", "pendulums", "period", "period of a pendulum", "pendulum period", "length",
                  "2 pi sqrt", "t = 2π√(l/g)", "two pendulums", "different lengths"),
        excludes=("phase portrait", "phase space", "vector field"),
        examples=(
            "How does the period of a pendulum depend on its length?",
            "Two pendulums of length 1 m and 4 m: compare their periods",
            "Pendulum period vs length, T = 2π√(L/g)",
        ),
        builder=_build_pendulum_period,
        checker=None,
        extractor=_extract_pendulum_period,
        scorer=_score_pendulum_period,
    ),
    SceneTemplate(
        slug="projectile-motion",
        title="Projectile motion",
        subject="physics",
        description="A ball launched at an angle follows a parabola; its velocity components are drawn as it flies.",
        scene_name="ProjectileMotion",
        params=(
            Param("speed", "float", 15.0, "Launch speed (m/s)", minimum=1, maximum=100),
            Param("angle", "float", 50.0, "Launch angle (°)", minimum=5, maximum=85),
            Param("gravity", "float", 9.81, "g (m/s²)", "9.81 on Earth, 1.62 on the Moon.", 0.5, 30),
        ),
        keywords=("projectile", "projectile motion", "thrown", "throw", "launched", "launch", "cannon",
                  "cannonball", "trajectory", "ball thrown", "parabolic motion", "velocity components"),
        weak=("trajectory",),
        examples=(
            "Projectile motion of a ball thrown at 20 m/s at 30 degrees",
            "Show the trajectory of a cannonball with its velocity components",
            "A ball launched at 45° on the Moon",
        ),
        builder=_build_projectile,
        checker=None,
        extractor=_extract_projectile,
    ),
    SceneTemplate(
        slug="spring-oscillator",
        title="Mass on a spring",
        subject="physics",
        description="A block on a spring oscillates (simple harmonic motion) while x(t) is traced as a graph.",
        scene_name="SpringMass",
        params=(
            Param("mass", "float", 1.0, "Mass (kg)", minimum=0.1, maximum=10),
            Param("k", "float", 10.0, "Spring constant k (N/m)", minimum=1, maximum=200),
            Param("amplitude", "float", 1.0, "Amplitude (m)", minimum=0.2, maximum=1.5),
            Param("damping", "float", 0.0, "Damping (1/s)", "0 for none.", 0, 3),
            Param("color", "color", "blue", "Block colour"),
        ),
        keywords=("spring", "mass on a spring", "spring mass", "simple harmonic motion", "harmonic oscillator",
                  "oscillator", "hooke", "hooke's law", "shm", "oscillating", "oscillation"),
        weak=("oscillating", "oscillation", "oscillator"),
        examples=(
            "Simple harmonic motion of a mass on a spring",
            "A 2 kg block on a spring with k = 50 N/m",
            "Damped spring oscillator",
        ),
        builder=_build_spring,
        checker=None,
        extractor=_extract_spring,
        scorer=_score_spring,
    ),
)
