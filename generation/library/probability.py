"""Probability and statistics."""

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
    _find_range,
    _fmt_number,
    _nice_step,
    _py_str,
    _sub,
)


def _build_normal(v: dict) -> str:
    mu, sigma, a, b = v["mean"], v["sd"], v["a"], v["b"]
    prob = 0.5 * (math.erf((b - mu) / (sigma * math.sqrt(2))) - math.erf((a - mu) / (sigma * math.sqrt(2))))
    lo, hi = mu - 4 * sigma, mu + 4 * sigma
    peak = 1 / (sigma * math.sqrt(2 * math.pi))
    x_step = _nice_step(hi - lo, 8)
    y_step = _nice_step(peak * 1.2, 4)
    f = _fmt_number
    prob_tex = rf"P({f(a)} \le X \le {f(b)}) \approx {prob:.4f}"
    return _sub('''
from manim import *


class NormalDistribution(Scene):
    def construct(self):
        mu, sigma = $mu, $sigma
        axes = Axes(
            x_range=[$lo, $hi, $x_step],
            y_range=[0, $y_max, $y_step],
            x_length=11,
            y_length=5,
            tips=False,
            axis_config={"include_numbers": True, "font_size": 24},
        ).to_edge(DOWN, buff=0.5)

        def pdf(x):
            return np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * PI))

        curve = axes.plot(pdf, x_range=[$lo, $hi, $sample_step], color=$color)
        title = MathTex(r"X \\sim \\mathcal{N}(\\mu, \\sigma^2)").to_corner(UL)
        params = MathTex($params, font_size=36).next_to(title, DOWN, aligned_edge=LEFT)
        area = axes.get_area(curve, x_range=[$a, $b], color=$color, opacity=0.5)
        probability = MathTex($prob, font_size=40).to_corner(UR)

        self.play(Create(axes), Write(title), Write(params))
        self.play(Create(curve), run_time=2)
        self.play(FadeIn(area), Write(probability))
        self.play(Indicate(probability))
        self.wait(1)
''', mu=f(mu), sigma=f(sigma), lo=f(lo), hi=f(hi), x_step=f(x_step),
        y_max=f(math.ceil(peak * 1.2 / y_step) * y_step), y_step=f(y_step),
        sample_step=f((hi - lo) / 200), color=_color(v), a=f(a), b=f(b),
        params=_py_str(rf"\mu = {f(mu)},\ \sigma = {f(sigma)}"), prob=_py_str(prob_tex))


def _check_normal(v: dict) -> None:
    if v["b"] <= v["a"]:
        raise TemplateParamError("b", "b must be greater than a.")
    lo, hi = v["mean"] - 4 * v["sd"], v["mean"] + 4 * v["sd"]
    if v["a"] < lo or v["b"] > hi:
        raise TemplateParamError(
            "a" if v["a"] < lo else "b",
            f"a and b must lie within four standard deviations of the mean ({_fmt_number(lo)} to {_fmt_number(hi)}).",
        )


def _extract_normal(prompt: str) -> dict:
    values: dict = {}
    m = re.search(rf"(?:\bmean|\bmu|μ)\s*(?:=|of|is)?\s*({_NUM})", prompt, re.I)
    if m:
        values["mean"] = float(m.group(1).replace(" ", ""))
    m = re.search(rf"(?:standard deviation|\bsd|\bsigma|σ|\bstd)\s*(?:=|of|is)?\s*({_NUM})", prompt, re.I)
    if m:
        values["sd"] = float(m.group(1).replace(" ", ""))
    rng = _find_range(prompt)
    if rng:
        values["a"], values["b"] = rng
    return values



def _build_coin_flips(v: dict) -> str:
    return _sub('''
from manim import *


class CoinFlips(Scene):
    def construct(self):
        flips, p, seed = $flips, $p, $seed
        rng = np.random.default_rng(seed)  # seeded: the same flips every render
        heads = rng.random(flips) < p
        running = np.cumsum(heads) / np.arange(1, flips + 1)

        axes = Axes(
            x_range=[0, flips, max(1, flips // 5)],
            y_range=[0, 1, 0.25],
            x_length=10.5,
            y_length=4.2,
            tips=False,
            axis_config={"include_numbers": True, "font_size": 24},
        ).to_edge(DOWN, buff=0.6)
        expected = DashedLine(axes.c2p(0, p), axes.c2p(flips, p), color=GREEN)
        expected_label = MathTex(r"p = $p_text", color=GREEN, font_size=34).next_to(expected, RIGHT, buff=0.1)
        title = Text("Law of large numbers: share of heads", font_size=34).to_edge(UP, buff=0.3)

        # the first flips as coins: yellow = heads, grey = tails
        shown = min(flips, 20)
        coins = VGroup(*[
            Circle(radius=0.17, color=YELLOW if h else GREY, fill_opacity=0.9) for h in heads[:shown]
        ]).arrange(RIGHT, buff=0.1).next_to(title, DOWN, buff=0.3)

        path = VMobject(color=$color, stroke_width=3)
        path.set_points_as_corners([axes.c2p(i + 1, r) for i, r in enumerate(running)])
        final = MathTex(rf"\\frac{{\\text{{heads}}}}{{{flips}}} = {running[-1]:.3f}", font_size=36)
        final.next_to(axes.c2p(flips, 1), DL, buff=0.1).shift(DOWN * 0.2)

        self.play(Write(title), Create(axes))
        self.play(LaggedStart(*[FadeIn(c, scale=0.5) for c in coins], lag_ratio=0.1), run_time=1.2)
        self.play(Create(expected), Write(expected_label))
        self.play(Create(path), run_time=3, rate_func=linear)
        self.play(Write(final))
        self.wait(1)
''', flips=v["flips"], p=_fmt_number(v["p"]), p_text=_fmt_number(v["p"]), seed=v["seed"], color=_color(v))


def _extract_coin_flips(prompt: str) -> dict:
    values: dict = {}
    n = _find_number(prompt, r"\b(\d+)\s+(?:coin\s+)?(?:flips|tosses|times|coins|throws)\b")
    if n is not None:
        values["flips"] = int(n)
    p = _find_probability(prompt, r"(?:p|probability(?:\s+of\s+heads)?|bias(?:ed)?|heads\s+probability)")
    if p is not None:
        values["p"] = p
    seed = _find_number(prompt, r"\bseed\s*(?:=|of)?\s*(\d+)")
    if seed is not None:
        values["seed"] = int(seed)
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


def _find_probability(prompt: str, words: str) -> float | None:
    """A probability after ``words``: 0.3, .3, 30% (percentages are divided by 100)."""
    m = re.search(rf"\b{words}\s*(?:=|of|is|:)?\s*(\d+(?:\.\d+)?|\.\d+)\s*(%|percent)?", prompt, re.I)
    if not m:
        m = re.search(rf"(\d+(?:\.\d+)?)\s*(%|percent)\s+{words}", prompt, re.I)
    if not m:
        return None
    value = float(m.group(1))
    return value / 100 if m.group(2) else value


def _build_bayes(v: dict) -> str:
    prior, sens, fpr = v["prior"], v["sensitivity"], v["false_positive"]
    pos = prior * sens + (1 - prior) * fpr
    posterior = prior * sens / pos
    f = lambda x: f"{x:.3g}"  # noqa: E731
    formula = (rf"P(A \mid B) = \frac{{P(B \mid A)\,P(A)}}{{P(B)}} = "
               rf"\frac{{{f(sens)} \cdot {f(prior)}}}{{{f(sens)} \cdot {f(prior)} + {f(fpr)} \cdot {f(1 - prior)}}}"
               rf" \approx {posterior:.3f}")
    return _sub('''
from manim import *


class BayesTheorem(Scene):
    def construct(self):
        prior, sensitivity, false_positive = $prior, $sens, $fpr
        W, H = 7.0, 3.6  # the whole population as a rectangle
        corner = LEFT * 3.5 + DOWN * 1.4  # bottom left
        left_w = W * prior

        def box(x, y, w, h, color, opacity):
            return Rectangle(width=max(w, 0.02), height=max(h, 0.02), color=color, fill_opacity=opacity,
                             stroke_width=2).move_to(corner + RIGHT * (x + w / 2) + UP * (y + h / 2))

        population = box(0, 0, W, H, GREY, 0.15)
        has_a = box(0, 0, left_w, H, $color, 0.3)
        a_and_b = box(0, H * (1 - sensitivity), left_w, H * sensitivity, $color, 0.9)
        not_a_and_b = box(left_w, H * (1 - false_positive), W - left_w, H * false_positive, RED, 0.7)
        top = corner + UP * H
        labels = VGroup(
            MathTex(r"A", font_size=34).next_to(has_a, DOWN, buff=0.15),
            MathTex(r"\\text{not } A", font_size=34).next_to(population, DOWN, buff=0.15).shift(RIGHT * left_w / 2),
            MathTex(r"P(A) = $prior_text", font_size=30).next_to(top, UP, buff=0.2, aligned_edge=LEFT),
        )
        legend = VGroup(
            VGroup(Square(0.3, color=$color, fill_opacity=0.9), MathTex(r"A \\text{ and } B", font_size=30)).arrange(RIGHT),
            VGroup(Square(0.3, color=RED, fill_opacity=0.7), MathTex(r"\\text{not } A \\text{ and } B", font_size=30)).arrange(RIGHT),
        ).arrange(DOWN, aligned_edge=LEFT).to_corner(UR, buff=0.5)
        formula = MathTex($formula, font_size=40).to_edge(DOWN, buff=0.3)
        if formula.width > 13:
            formula.scale_to_fit_width(13)
        title = Text("Bayes' theorem", font_size=40).to_corner(UL, buff=0.4)

        self.play(Write(title), FadeIn(population))
        self.play(FadeIn(has_a), Write(labels))
        self.play(GrowFromEdge(a_and_b, UP), GrowFromEdge(not_a_and_b, UP), FadeIn(legend))
        self.play(Indicate(VGroup(a_and_b, not_a_and_b), scale_factor=1.03))
        self.play(Write(formula), run_time=1.5)
        self.play(Circumscribe(a_and_b, color=YELLOW))
        self.wait(1)
''', prior=_fmt_number(prior), sens=_fmt_number(sens), fpr=_fmt_number(fpr), prior_text=_fmt_number(prior),
        color=_color(v), formula=_py_str(formula))


def _extract_bayes(prompt: str) -> dict:
    values: dict = {}
    prior = _find_probability(prompt, r"(?:prior|prevalence|base rate|p\(a\))")
    if prior is not None:
        values["prior"] = prior
    sens = _find_probability(prompt, r"(?:sensitivity|true positive rate|p\(b\s*\|\s*a\))")
    if sens is not None:
        values["sensitivity"] = sens
    fpr = _find_probability(prompt, r"(?:false positive rate|false positives?|false-positive rate|p\(b\s*\|\s*not\s*a\))")
    if fpr is not None:
        values["false_positive"] = fpr
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


TEMPLATES: tuple[SceneTemplate, ...] = (
    SceneTemplate(
        slug="normal-distribution",
        title="Normal distribution",
        subject="probability",
        description="The bell curve of a normal distribution and the probability of an interval as an area.",
        scene_name="NormalDistribution",
        params=(
            Param("mean", "float", 0.0, "Mean μ", minimum=-100, maximum=100),
            Param("sd", "float", 1.0, "Standard deviation σ", minimum=0.1, maximum=50),
            Param("a", "float", -1.0, "From a", minimum=-300, maximum=300),
            Param("b", "float", 1.0, "To b", minimum=-300, maximum=300),
            Param("color", "color", "blue", "Colour"),
        ),
        keywords=("normal distribution", "bell curve", "gaussian", "standard deviation", "normal curve",
                  "probability density", "z-score", "68-95-99.7", "empirical rule"),
        excludes=("elimination", "central limit", "galton"),
        examples=(
            "Show the normal distribution and the area within one standard deviation",
            "Gaussian bell curve with mean 10 and sd 2 between 8 and 12",
        ),
        builder=_build_normal,
        checker=_check_normal,
        extractor=_extract_normal,
    ),
    SceneTemplate(
        slug="coin-flips",
        title="Coin flips and the law of large numbers",
        subject="probability",
        description="The running share of heads over many (seeded) coin flips settles at the true probability.",
        scene_name="CoinFlips",
        params=(
            Param("flips", "int", 200, "Flips", minimum=10, maximum=1000),
            Param("p", "float", 0.5, "P(heads)", minimum=0.05, maximum=0.95),
            Param("seed", "int", 7, "Random seed", "The same seed gives the same flips.", 0, 99999),
            Param("color", "color", "yellow", "Curve colour"),
        ),
        keywords=("coin", "coins", "coin flip", "coin flips", "coin toss", "coin tosses", "flip a coin",
                  "law of large numbers", "heads", "tails", "running average", "running proportion"),
        examples=(
            "Flip a coin 500 times and show the law of large numbers",
            "Coin tosses: proportion of heads converging to 0.5",
            "Law of large numbers with a biased coin, p = 0.3",
        ),
        builder=_build_coin_flips,
        checker=None,
        extractor=_extract_coin_flips,
    ),
    SceneTemplate(
        slug="bayes-theorem",
        title="Bayes' theorem",
        subject="probability",
        description="An area diagram of a population: P(A | B) is the share of B that is also A.",
        scene_name="BayesTheorem",
        params=(
            Param("prior", "float", 0.2, "P(A) (prior)", "e.g. how common a disease is.", 0.01, 0.99),
            Param("sensitivity", "float", 0.9, "P(B | A)", "e.g. a test's sensitivity.", 0.01, 1),
            Param("false_positive", "float", 0.15, "P(B | not A)", "e.g. a test's false positive rate.", 0.01, 1),
            Param("color", "color", "blue", "Colour of A"),
        ),
        keywords=("bayes", "bayes' theorem", "bayes theorem", "bayesian", "conditional probability", "posterior",
                  "prior", "false positive", "false positives", "medical test", "base rate", "probability tree"),
        examples=(
            "Explain Bayes' theorem with an area diagram",
            "Medical test with 1% prevalence, 95% sensitivity and 5% false positive rate: Bayes",
            "Conditional probability P(A|B) visualised",
        ),
        builder=_build_bayes,
        checker=None,
        extractor=_extract_bayes,
    ),
)
