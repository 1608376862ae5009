"""The builtin template library: prompt matching, parameter validation, and real renders."""

from __future__ import annotations

import ast
import math

import pytest

from generation.library import (
    SUBJECTS,
    TEMPLATES,
    Param,
    SceneTemplate,
    TemplateMatch,
    TemplateParamError,
    compile_formula,
    match_prompt,
)
from generation.library.core import PARAM_KINDS

ALL = list(TEMPLATES.values())
EXAMPLES = [(t.slug, example) for t in ALL for example in t.examples]


def _scene_classes(code: str) -> list[str]:
    tree = ast.parse(code)
    return [
        node.name
        for node in tree.body
        if isinstance(node, ast.ClassDef)
        and any(getattr(b, "id", getattr(b, "attr", "")).endswith("Scene") for b in node.bases)
    ]


# --- the library itself -------------------------------------------------------------------


ORIGINAL = ["shape-transform", "function-plot", "equation", "tangent-line", "riemann-sums", "pythagorean",
            "unit-circle-sine", "vector-addition", "matrix-transform", "circle-area", "normal-distribution",
            "bubble-sort", "pendulum"]
ADDED = ["fourier-square-wave", "bst-insertion", "pendulum-period", "quadratic-formula", "linear-equation",
         "secant-to-tangent", "area-between-curves", "limit", "taylor-series", "triangle-angle-sum",
         "inscribed-angle", "eigenvectors", "determinant-area", "dot-product", "coin-flips", "bayes-theorem",
         "projectile-motion", "spring-oscillator", "binary-search", "graph-traversal", "number-line",
         "fraction-pie"]


def test_it_has_the_required_templates_in_a_stable_order():
    assert set(ORIGINAL + ADDED) <= set(TEMPLATES)
    assert len(TEMPLATES) >= 26
    assert list(TEMPLATES)[: len(ORIGINAL)] == ORIGINAL
    assert {t.subject for t in ALL} == set(SUBJECTS)
    for slug, template in TEMPLATES.items():
        assert isinstance(template, SceneTemplate)
        assert template.slug == slug
        assert template.subject in SUBJECTS
        assert template.title and template.description and template.examples and template.keywords
        assert all(isinstance(p, Param) for p in template.params)
        assert 2 <= len(template.examples) <= 4


@pytest.mark.parametrize("template", ALL, ids=[t.slug for t in ALL])
def test_it_describes_its_params_for_forms(template):
    names = [p.name for p in template.params]
    assert len(names) == len(set(names))
    for p in template.params:
        assert p.kind in PARAM_KINDS and p.label
        if p.kind in ("float", "int"):
            assert p.minimum is not None and p.maximum is not None
            assert p.minimum <= p.default <= p.maximum, p.name
        if p.kind == "choice":
            assert p.default in p.choices


def test_the_package_is_split_by_subject():
    import generation.library as library

    for module in ("core", "algebra", "calculus", "geometry", "linear_algebra", "probability", "physics",
                   "computer_science", "basics"):
        assert hasattr(library, module)
    for template in ALL:
        assert template.builder.__module__.rsplit(".", 1)[1].replace("_", "-") in (
            template.subject, "basics", "algebra")


@pytest.mark.parametrize("template", ALL, ids=[t.slug for t in ALL])
def test_its_code_passes_the_scene_policy(template):
    from generation.policy import check_policy

    assert check_policy(template.code()) == []


@pytest.mark.parametrize("template", ALL, ids=[t.slug for t in ALL])
def test_it_generates_one_scene_named_as_declared(template):
    code = template.code()
    assert code.startswith("from manim import *\n")
    assert _scene_classes(code) == [template.scene_name]
    compile(code, "scene.py", "exec")
    assert "import os" not in code and "__" not in code.replace("__init__", "")


@pytest.mark.parametrize("template", ALL, ids=[t.slug for t in ALL])
def test_it_fills_defaults_and_round_trips_its_own_values(template):
    values = template.validate(None)
    assert set(values) == {p.name for p in template.params}
    assert template.validate(values) == values
    assert template.code(values) == template.code()


# --- matching -----------------------------------------------------------------------------


@pytest.mark.parametrize("slug,prompt", EXAMPLES, ids=[e for _, e in EXAMPLES])
def test_it_matches_every_example_to_its_template(slug, prompt):
    found = match_prompt(prompt)
    assert isinstance(found, TemplateMatch), prompt
    assert found.template.slug == slug
    assert found.score > 0
    assert found.template.validate(found.values) == found.values


def test_it_reads_shapes_from_the_circle_to_square_prompt():
    found = match_prompt("Create a circle that transforms into a square")
    assert found.template.slug == "shape-transform"
    assert found.values["from_shape"] == "circle"
    assert found.values["to_shape"] == "square"
    code = found.template.code(found.values)
    assert "Circle(" in code and "Square(" in code and "Transform(" in code


def test_it_reads_colours_bound_to_shapes():
    found = match_prompt("Morph a red triangle into a blue hexagon")
    assert found.values == {"from_shape": "triangle", "to_shape": "hexagon", "from_color": "red",
                            "to_color": "blue"}


def test_it_reads_the_function_and_range_from_a_plot_prompt():
    found = match_prompt("Plot y = x^2 - 1 from -3 to 3")
    assert found.template.slug == "function-plot"
    assert found.values["expr"] == "x^2 - 1"
    assert found.values["x_min"] == -3
    assert found.values["x_max"] == 3
    code = found.template.code(found.values)
    assert "x ** 2 - 1" in code
    assert "x^{2} - 1" in code


@pytest.mark.parametrize(
    "prompt,expr,rng",
    [
        ("Graph of sin(x) between -6 and 6", "sin(x)", (-6, 6)),
        ("plot f(x) = 2x + 1 on [0, 5]", "2x + 1", (0, 5)),
        ("Riemann sums for x^2 from 0 to 2", "x^2", (0, 2)),
    ],
)
def test_it_extracts_functions_and_ranges(prompt, expr, rng):
    found = match_prompt(prompt)
    assert found.values["expr"] == expr
    assert (found.values["x_min"], found.values["x_max"]) == rng


def test_it_reads_an_equation_keeping_its_case():
    found = match_prompt("Show the equation E = mc^2")
    assert found.template.slug == "equation"
    assert found.values["latex"] == "E = mc^2"
    assert 'MathTex(r"E = mc^2"' in found.template.code(found.values)


def test_it_reads_numbers_for_other_templates():
    assert match_prompt("Pythagoras with legs 5 and 12").values | {} == {"a": 5, "b": 12}
    vectors = match_prompt("Add the vectors (3, 1) and (-1, 2)").values
    assert (vectors["ax"], vectors["ay"], vectors["bx"], vectors["by"]) == (3, 1, -1, 2)
    matrix = match_prompt("Apply the matrix [[2, 1], [0, 3]] to the plane").values
    assert matrix == {"a": 2, "b": 1, "c": 0, "d": 3}
    assert match_prompt("area of a circle with radius 3 in 24 sectors").values["sectors"] == 24


@pytest.mark.parametrize(
    "prompt",
    [
        "write me a poem about cats",
        "what's the weather",
        "what's the weather like in Paris tomorrow",
        "animate the stock market crash of 1929",
        "make a logo for my bakery",
        "draw my family tree",
        "hello",
        "",
        "   ",
        "tell me a joke",
        "make a video of my holiday in Spain",
    ],
)
def test_it_returns_none_for_unrelated_prompts(prompt):
    assert match_prompt(prompt) is None


# Realistic prompts -> the template that should answer them, with values read from the prompt.
NEAR_MISSES = [
    ("show the fourier series of a square wave with 7 terms", "fourier-square-wave", {"terms": 7}),
    ("square wave from 3 harmonics", "fourier-square-wave", {"terms": 3}),
    ("insert 5, 3, 8, 1 into a binary search tree", "bst-insertion", {"keys": "5, 3, 8, 1"}),
    ("plot sin(x) from -pi to pi", "function-plot", {"expr": "sin(x)", "x_min": -math.pi, "x_max": math.pi}),
    ("eigenvectors of [[2,1],[1,2]]", "eigenvectors", {"a": 2, "b": 1, "c": 1, "d": 2}),
    ("how does the period of a pendulum change with length", "pendulum-period", {}),
    ("compare pendulums of 1 m and 4 m: T = 2π√(L/g)", "pendulum-period", {"length_a": 1, "length_b": 4}),
    ("solve x^2 - 5x + 6 = 0", "quadratic-formula", {"a": 1, "b": -5, "c": 6, "method": "formula"}),
    ("complete the square on x^2 + 4x - 5 = 0", "quadratic-formula", {"a": 1, "b": 4, "c": -5, "method": "square"}),
    ("solve 2x + 3 = 11 step by step", "linear-equation", {"a": 2, "b": 3, "c": 0, "d": 11}),
    ("Solve for x: 5x - 3 = 2x + 9", "linear-equation", {"a": 5, "b": -3, "c": 2, "d": 9}),
    ("derivative as the limit of secant lines of x^3 at x = 1", "secant-to-tangent", {"expr": "x^3", "x0": 1}),
    ("area between y = x^2 and y = x + 2", "area-between-curves",
     {"expr_top": "x + 2", "expr_bottom": "x^2", "x_min": -1, "x_max": 2}),
    ("limit of (x^2 - 1)/(x - 1) as x approaches 1", "limit", {"expr": "(x^2 - 1)/(x - 1)", "a": 1}),
    ("taylor series of e^x up to degree 5", "taylor-series", {"function": "exp", "degree": 5}),
    ("maclaurin polynomial for cos(x)", "taylor-series", {"function": "cos"}),
    ("why do the angles in a triangle add to 180 degrees", "triangle-angle-sum", {}),
    ("inscribed angle theorem with central angle 140 degrees", "inscribed-angle", {"central_angle": 140}),
    ("determinant of [[3, 0], [0, 2]] as area scaling", "determinant-area", {"a": 3, "b": 0, "c": 0, "d": 2}),
    ("project (3, 4) onto (5, 0) with the dot product", "dot-product", {"ax": 3, "ay": 4, "bx": 5, "by": 0}),
    ("flip a coin 300 times", "coin-flips", {"flips": 300}),
    ("bayes theorem for a test with 2% prevalence", "bayes-theorem", {"prior": 0.02}),
    ("projectile launched at 25 m/s at 60 degrees", "projectile-motion", {"speed": 25, "angle": 60}),
    ("mass on a spring with k = 40", "spring-oscillator", {"k": 40}),
    ("binary search for 9 in 1, 3, 5, 7, 9, 11, 13", "binary-search",
     {"target": 9, "values": "1, 3, 5, 7, 9, 11, 13"}),
    ("depth first search on a graph from vertex D", "graph-traversal", {"algorithm": "dfs", "start": "d"}),
    ("BFS traversal of a graph", "graph-traversal", {"algorithm": "bfs"}),
    ("show 8 - 3 on a number line", "number-line", {"a": 8, "b": 3, "operation": "subtract"}),
    ("show 2/5 as a fraction of a pie", "fraction-pie", {"numerator": 2, "denominator": 5}),
    ("a circle morphing into a star", "shape-transform", {"from_shape": "circle", "to_shape": "star"}),
    ("tangent line moving along the curve y = x^2", "tangent-line", {"expr": "x^2"}),
    ("riemann sums of sin(x) from 0 to 3", "riemann-sums", {"expr": "sin(x)", "x_min": 0, "x_max": 3}),
    ("pythagorean theorem with legs 6 and 8", "pythagorean", {"a": 6, "b": 8}),
    ("sine wave from the unit circle", "unit-circle-sine", {}),
    ("add vectors (1, 2) and (3, -1)", "vector-addition", {"ax": 1, "ay": 2, "bx": 3, "by": -1}),
    ("apply the shear matrix [[1, 2], [0, 1]]", "matrix-transform", {"a": 1, "b": 2, "c": 0, "d": 1}),
    ("normal distribution with mean 5 and sd 2", "normal-distribution", {"mean": 5, "sd": 2}),
    ("bubble sort 9, 4, 7, 1", "bubble-sort", {"values": "9, 4, 7, 1"}),
    ("a damped pendulum swinging", "pendulum", {"damping": 0.3}),
    ("Display the quadratic formula", "equation", {}),
    ("show the equation a^2 + b^2 = c^2", "equation", {"latex": "a^2 + b^2 = c^2"}),
]


@pytest.mark.parametrize("prompt,slug,expected", NEAR_MISSES, ids=[p for p, _, _ in NEAR_MISSES])
def test_it_picks_the_right_template_for_near_miss_prompts(prompt, slug, expected):
    found = match_prompt(prompt)
    assert found is not None, prompt
    assert found.template.slug == slug
    for name, value in expected.items():
        if isinstance(value, float):
            assert found.values[name] == pytest.approx(value)
        else:
            assert found.values[name] == value, name
    found.template.code(found.values)


# Every prompt of the public evaluation suite (tests/data/eval_prompts.jsonl), labelled by hand:
# the template whose animation really shows what the prompt asks for, or None when no template is
# a faithful animation of it (then the builtin provider must say so instead of drawing something
# unrelated). Partial fits are accepted when the template shows the heart of the request (the unit
# circle tracing sine but not cosine, one standard deviation shaded rather than three); a different
# method or concept is not (a rearrangement proof, algebra tiles, epsilon-delta bands, Euler's
# formula, Newton's method, a phase portrait).
RELEVANCE = [
    ('Create a circle that transforms into a square', 'shape-transform'),
    ("Write the text 'Hello, Eigenframe' and then fade it out", None),
    ('Show three dots of different colors moving along a straight line at different speeds', None),
    ('Draw a number line from -5 to 5 and mark the integers with ticks, then highlight 3', None),
    ('Animate counting from 1 to 10 with a decimal counter in the center of the screen', None),
    ('Explode the pie chart so each slice moves outward, then put it back together', None),
    ('Show the fraction 3/4 as a pizza cut into four slices with three of them shaded', 'fraction-pie'),
    ('Demonstrate the order of operations by evaluating 2 + 3 * (4 - 1)^2 step by step', None),
    ('Animate the derivative of sin(x): plot sin and its tangent line moving along the curve, then show that the derivative of sin is cos',
     'tangent-line'),
    ('Visualize the Riemann sum of x^2 from 0 to 2 with rectangles that get thinner until they approach the integral 8/3',
     'riemann-sums'),
    ('Show the limit of (sin x)/x as x approaches 0 with a zoom into the graph near the origin', 'limit'),
    ('Animate the Taylor series of e^x around 0, adding one term at a time up to degree 6', 'taylor-series'),
    ('Explain the chain rule with a composition of functions f(g(x)) and highlight the inner and outer derivatives',
     None),
    ('Shoot a projectile at 45 degrees and plot its parabolic trajectory with the velocity vectors',
     'projectile-motion'),
    ('Kill the constant term when differentiating: show that d/dx of x^3 + 7 is 3x^2 and the 7 disappears', None),
    ('Illustrate the fundamental theorem of calculus by sweeping the area under f(t) and plotting the accumulated area function',
     None),
    ('Compute the volume of revolution of y = sqrt(x) around the x-axis using the disk method in 3D', None),
    ('Use the shell method to find the volume when y = x^2 between 0 and 1 is rotated around the y-axis', None),
    ('Show the curl of a vector field F = (-y, x) with small rotating paddle wheels placed on a grid', None),
    ('Animate the divergence of a radial vector field and show flux through a small circle', None),
    ("Demonstrate L'Hopital's rule on (e^x - 1)/x with the two graphs and their tangent lines at 0", None),
    ('Solve 2x + 3 = 11 step by step, moving terms across the equals sign', 'linear-equation'),
    ('Complete the square for x^2 + 6x + 5 using an actual square made of tiles', None),
    ('Derive the quadratic formula from ax^2 + bx + c = 0, transforming the equation line by line', None),
    ('Factor x^2 - 9 as a difference of squares and show it geometrically by cutting a square out of a larger square',
     None),
    ('Graph y = 2^x and y = log2(x) and reflect one into the other across the line y = x', None),
    ('Attack this proof by induction that 1 + 2 + ... + n = n(n+1)/2: show the base case and the inductive step',
     None),
    ('Show how the parabola y = a(x - h)^2 + k changes as sliders for a, h and k move', None),
    ("Expand (a + b)^3 with Pascal's triangle and color the binomial coefficients", None),
    ('Animate long division of polynomials: divide x^3 - 2x^2 + 4 by x - 3', None),
    ('Prove the Pythagorean theorem by rearranging four right triangles inside a square', None),
    ('Draw a triangle and show the angle bisector: the bisector cuts the angle into two equal halves', None),
    ('Show that the angles of a triangle add up to 180 degrees by tearing off the corners and lining them up',
     'triangle-angle-sum'),
    ('Inscribe a regular hexagon in a circle and then double the number of sides to approximate pi', None),
    ('Animate the inscribed angle theorem: move a point on the circle and keep the angle measure displayed',
     'inscribed-angle'),
    ('Construct the perpendicular bisector of a segment with a compass and straightedge', None),
    ('Show the unit circle with a rotating radius and trace sine and cosine as projections', 'unit-circle-sine'),
    ('Slice a cone with a plane at different angles to produce a circle, ellipse, parabola and hyperbola', None),
    ('Demonstrate similar triangles by scaling a triangle from a center point and comparing side ratios', None),
    ('Show a 2x2 matrix transforming the plane: the grid shears and the basis vectors i-hat and j-hat move',
     'matrix-transform'),
    ('Visualize eigenvectors of the matrix [[2, 1], [1, 2]]: vectors that stay on their own span after the transformation',
     'eigenvectors'),
    ('Explain the determinant as the area scaling factor of a linear transformation with a unit square',
     'determinant-area'),
    ('Animate matrix multiplication of a 2x3 by a 3x2 matrix, highlighting each row and column dot product', None),
    ('Show the dot product of two vectors as a projection of one onto the other', 'dot-product'),
    ('Perform Gaussian elimination on a 3x3 system, killing the entries below the pivot in each column', None),
    ('Show the cross product of two 3D vectors and the parallelogram whose area is its length', None),
    ('Project a vector onto a line and show the orthogonal error vector, like least squares', 'dot-product'),
    ('Roll two dice many times and build a histogram of the sums converging to the triangular distribution', None),
    ('Show the sex ratio statistics in a population as a bar chart of males and females per age group', None),
    ("Visualize Bayes' theorem with a disease test: false positives, true positives and the base rate",
     'bayes-theorem'),
    ('A shooter has a hit probability of 0.3 per shot; plot the binomial distribution of hits in 10 shots', None),
    ('Animate the central limit theorem: averages of uniform samples forming a bell curve', None),
    ('Estimate pi with the Monte Carlo method by dropping random points into a square with a quarter circle', None),
    ('Explain the Monty Hall problem with three doors and show why switching wins two thirds of the time', None),
    ('Plot a normal distribution and shade one, two and three standard deviations from the mean',
     'normal-distribution'),
    ('Show a random walk on a line for 50 steps and the spread of many walkers over time', None),
    ('Animate an elastic collision of two balls with different masses and show momentum before and after', None),
    ('Show a simple pendulum swinging and plot its angle over time as a sine wave', 'pendulum'),
    ('Draw the free body diagram of a block on an inclined plane with gravity, normal force and friction', None),
    ('Visualize the electric field lines between a positive and a negative point charge', None),
    ('Animate a standing wave on a string with nodes and antinodes for the first three harmonics', None),
    ('Show a ball-and-socket joint rotating as an example of rotation about a fixed point', None),
    ('Fire a cannonball off a cliff and compare the horizontal and vertical components of velocity',
     'projectile-motion'),
    ('Show how the net force on a car changes as it brakes, and get the acceleration from the net force with F = ma',
     None),
    ('Execute the bubble sort algorithm on the array [5, 1, 4, 2, 8], swapping bars step by step', 'bubble-sort'),
    ('Visualize binary search on a sorted list of 16 numbers looking for 23', 'binary-search'),
    ("Show a network of nodes and run Dijkstra's shortest path algorithm from node A", None),
    ('Draw a download speed over time graph for a file transfer that slows down and recovers', None),
    ('Animate a binary tree insertion of the keys 8, 3, 10, 1, 6, 14 and an in-order traversal', 'bst-insertion'),
    ('Show how a stack works: push three items, then pop them, and kill the process when the stack overflows', None),
    ('Explain recursion with the Fibonacci call tree for fib(5), showing how each call makes two more calls', None),
    ('Animate a simple neural network with 3 layers and show how we get the prediction from the network', None),
    ('Visualize the shell sort algorithm with gaps 4, 2, 1 on an array of 8 bars', None),
    ('Show how a hash table handles collisions with chaining as keys are inserted', None),
    ('Draw a directory tree of a small project as a hierarchy diagram and highlight the path to one leaf', None),
    ('Animate a TCP three-way handshake between a client and a server as a sequence diagram', None),
    ('Convert the decimal number 13 to binary by repeated division by 2', None),
    ('Show the Mandelbrot set boundary with a slow zoom and a color gradient for the escape time', None),
    ("Draw Euler's formula e^(i*theta) as a point moving around the unit circle in the complex plane", None),
    ('Trace a Lissajous curve with x = sin(3t) and y = sin(2t) and leave a fading trail', None),
    ('Show a spiral of primes: plot the integers in polar coordinates and highlight the prime numbers', None),
    ('Animate the epsilon-delta definition of a limit with shrinking bands around L and c', None),
    ('Show how compound interest grows $1000 at 5% per year compared to simple interest over 30 years', None),
    ('Visualize the Fourier series of a square wave by adding sine harmonics one at a time', 'fourier-square-wave'),
    ('Animate a Galton board where balls hit pegs and pile up into a binomial distribution', None),
    ("Show a vector field of a pendulum's phase portrait and a few trajectories flowing through it", None),
    ("Morph the word 'Algebra' into the equation x^2 + y^2 = r^2 and draw the circle it describes", None),
    ('Show the law of sines for a triangle whose vertex C is dragged around, updating all ratios live', None),
    ("Animate Newton's method finding the root of x^3 - 2x - 5 with tangent lines converging", None),
]


def test_the_relevance_table_covers_the_whole_eval_suite():
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / "eval_prompts.jsonl"
    prompts = [json.loads(line)["prompt"] for line in path.read_text().splitlines() if line.strip()]
    assert [p for p, _ in RELEVANCE] == prompts
    assert {slug for _, slug in RELEVANCE if slug} <= set(TEMPLATES)


@pytest.mark.parametrize("prompt,slug", RELEVANCE, ids=[p[:60] for p, _ in RELEVANCE])
def test_it_matches_the_eval_suite_exactly_as_labelled(prompt, slug):
    found = match_prompt(prompt)
    assert (found.template.slug if found else None) == slug, (prompt, found and found.score)
    if found:
        assert found.template.validate(found.values) == found.values
        found.template.code(found.values)


@pytest.mark.parametrize(
    "prompt",
    [
        "Show two vectors",  # generic words alone never carry a match
        "Draw a triangle",
        "A 3x3 matrix",
        "Plot the population of France over time",  # a plot without a formula in x
        "Graph y = x^2 and y = 2x on the same axes",  # function-plot draws one formula only
        "Show a sine wave",  # the unit-circle scene needs the circle
        "Sort 9, 4, 7, 1 with quicksort",  # another algorithm than the template's
        "Show the cross product of (1, 0) and (0, 1)",
        "Show the epsilon-delta definition of a limit",
        "Draw the folder structure of my project",  # "project" is not a vector projection
        "Eigenframe says hello",  # no substring matches inside other words
    ],
)
def test_it_needs_distinctive_evidence_and_respects_exclusions(prompt):
    assert match_prompt(prompt) is None, match_prompt(prompt).template.slug


def test_extracted_values_change_the_code():
    found = match_prompt("eigenvectors of [[3, 1], [0, 2]]")
    assert "matrix = [[3, 1], [0, 2]]" in found.template.code(found.values)
    found = match_prompt("show the fourier series of a square wave with 7 terms")
    assert "terms = 7" in found.template.code(found.values)
    found = match_prompt("insert 5, 3, 8, 1 into a binary search tree")
    assert "keys = [5, 3, 8, 1]" in found.template.code(found.values)


def test_it_falls_back_to_defaults_when_extracted_values_do_not_fit():
    # log(x) is undefined on the whole range: the range is dropped rather than failing
    found = match_prompt("Riemann sums for log(x) from -5 to -1")
    assert found is not None and found.template.slug == "riemann-sums"
    found.template.code(found.values)


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["__import__('os')", "x**", "open('f')", "os.system('ls')", "x.real",
                                 "[x for x in 'a']", "lambda: 1", "sin", "10^10^10", "1/0", "y + 1",
                                 "x if x else 1", "'x'", "x; import os"])
def test_it_rejects_unsafe_or_broken_expressions(bad):
    with pytest.raises(TemplateParamError) as err:
        TEMPLATES["function-plot"].validate({"expr": bad})
    assert err.value.param == "expr"
    assert "expr" in str(err.value)
    assert err.value.message


@pytest.mark.parametrize(
    "user,python",
    [
        ("x^2 - 1", "x ** 2 - 1"),
        ("sin(x)", "np.sin(x)"),
        ("2x + 1", "2 * x + 1"),
        ("e^x", "np.exp(x)"),
        ("sqrt(x)", "np.sqrt(x)"),
        ("|x|", "np.abs(x)"),
        ("2sin(3x)", "2 * np.sin(3 * x)"),
        ("(x+1)(x-1)", "(x + 1) * (x - 1)"),
        ("pi x", "np.pi * x"),
        ("ln(x)", "np.log(x)"),
    ],
)
def test_it_translates_user_formulas_to_numpy(user, python):
    formula = compile_formula(user)
    assert formula.python == python
    assert formula.latex


def test_it_writes_latex_for_formulas():
    assert compile_formula("x^2 - 1").latex == "x^{2} - 1"
    assert compile_formula("sqrt(x)/2").latex == r"\frac{\sqrt{x}}{2}"
    assert compile_formula("2x + 1").latex == "2x + 1"


@pytest.mark.parametrize(
    "slug,values,param",
    [
        ("function-plot", {"x_min": -1000}, "x_min"),
        ("function-plot", {"x_min": 2, "x_max": 1}, "x_max"),
        ("function-plot", {"x_min": "abc"}, "x_min"),
        ("function-plot", {"x_min": float("nan")}, "x_min"),
        ("function-plot", {"color": "octarine"}, "color"),
        ("function-plot", {"expr": "sqrt(x)", "x_min": -5, "x_max": -1}, "expr"),
        ("function-plot", {"colour": "red"}, "colour"),
        ("shape-transform", {"to_shape": "dodecahedron"}, "to_shape"),
        ("shape-transform", {"from_color": "chartreuse"}, "from_color"),
        ("unit-circle-sine", {"cycles": 10}, "cycles"),
        ("unit-circle-sine", {"cycles": 1.5}, "cycles"),
        ("circle-area", {"sectors": 15}, "sectors"),
        ("matrix-transform", {"a": 99}, "a"),
        ("vector-addition", {"ax": 0, "ay": 0}, "ax"),
        ("riemann-sums", {"expr": "1/x", "x_min": -1, "x_max": 1}, "expr"),
        ("riemann-sums", {"sample": "middle"}, "sample"),
        ("bubble-sort", {"values": "3, x, 1"}, "values"),
        ("pythagorean", {"a": 0}, "a"),
        ("equation", {"latex": r"\input{/etc/passwd}"}, "latex"),
        ("equation", {"latex": r"\immediate\write18{ls}"}, "latex"),
        ("equation", {"latex": r"\def\x{1}"}, "latex"),
        ("equation", {"latex": r"^^5cinput{x}"}, "latex"),
        ("equation", {"latex": r"\frac{1}{2"}, "latex"),
        ("equation", {"latex": "a = b % c"}, "latex"),
        ("equation", {"steps": r"x = 1; \usepackage{foo}"}, "steps"),
        ("equation", {"latex": 42}, "latex"),
        ("fourier-square-wave", {"terms": 40}, "terms"),
        ("bst-insertion", {"keys": "1, 2, 3, 4, 5, 6, 7"}, "keys"),
        ("bst-insertion", {"keys": "5, 5, 3"}, "keys"),
        ("quadratic-formula", {"a": 0}, "a"),
        ("quadratic-formula", {"method": "guess"}, "method"),
        ("linear-equation", {"a": 2, "c": 2}, "c"),
        ("secant-to-tangent", {"expr": "sqrt(x)", "x0": -3}, "expr"),
        ("area-between-curves", {"x_min": 2, "x_max": 1}, "x_max"),
        ("limit", {"expr": "1/x", "a": 0}, "expr"),
        ("limit", {"expr": "abs(x)/x", "a": 0}, "expr"),
        ("taylor-series", {"function": "tan"}, "function"),
        ("triangle-angle-sum", {"angle_a": 100, "angle_b": 80}, "angle_b"),
        ("inscribed-angle", {"central_angle": 359}, "central_angle"),
        ("eigenvectors", {"a": 0, "b": -1, "c": 1, "d": 0}, "b"),
        ("dot-product", {"bx": 0, "by": 0}, "bx"),
        ("coin-flips", {"p": 1.5}, "p"),
        ("bayes-theorem", {"prior": 0}, "prior"),
        ("projectile-motion", {"angle": 90}, "angle"),
        ("spring-oscillator", {"mass": 0}, "mass"),
        ("binary-search", {"values": "1, 2"}, "values"),
        ("binary-search", {"target": 120}, "target"),
        ("graph-traversal", {"start": "z"}, "start"),
        ("number-line", {"a": 50}, "a"),
        ("fraction-pie", {"numerator": 5, "denominator": 4}, "numerator"),
    ],
)
def test_it_rejects_bad_values_naming_the_parameter(slug, values, param):
    with pytest.raises(TemplateParamError) as err:
        TEMPLATES[slug].code(values)
    assert err.value.param == param
    assert param in str(err.value)


def test_it_coerces_values():
    values = TEMPLATES["function-plot"].validate({"x_min": "-2", "x_max": 4, "color": " Red "})
    assert values["x_min"] == -2.0 and values["x_max"] == 4.0 and values["color"] == "red"
    assert TEMPLATES["unit-circle-sine"].validate({"cycles": "2"})["cycles"] == 2
    assert TEMPLATES["shape-transform"].validate({"to_shape": "Squares"})["to_shape"] == "square"


def test_it_embeds_text_as_string_literals():
    latex = r'\text{say "hi"} = 1'
    code = TEMPLATES["equation"].code({"latex": latex})
    assert "MathTex(" + repr(latex) in code
    compile(code, "scene.py", "exec")
    literal = ast.literal_eval(code.split("MathTex(", 1)[1].split(", font_size")[0])
    assert literal == latex


# --- real renders -------------------------------------------------------------------------


def _render_ok(code: str) -> float:
    from render.engine import render

    result = render(code, quality="low", format="mp4")
    try:
        assert result.ok, result.error + "\n" + result.log[-2000:]
        import av

        with av.open(str(result.video_path)) as container:
            assert container.duration and container.duration > 0
        return result.seconds
    finally:
        result.cleanup()


@pytest.mark.render
@pytest.mark.parametrize("template", ALL, ids=[t.slug for t in ALL])
def test_it_renders_every_template_with_defaults(template):
    _render_ok(template.code())


NON_DEFAULT = [
    ("shape-transform", {"from_shape": "star", "to_shape": "hexagon", "from_color": "gold", "to_color": "teal"}),
    ("function-plot", {"expr": "tan(x)", "x_min": -3, "x_max": 3, "color": "red"}),
    ("function-plot", {"expr": "sqrt(x)", "x_min": -2, "x_max": 9}),
    ("equation", {"latex": r"x^2 - 1 = 0", "steps": r"(x - 1)(x + 1) = 0; x = \pm 1"}),
    ("tangent-line", {"expr": "|x| + sin(2x)", "x_min": -2, "x_max": 2}),
    ("riemann-sums", {"expr": "sin(x)", "x_min": 0, "x_max": 6.28, "sample": "center"}),
    ("pythagorean", {"a": 5, "b": 12}),
    ("unit-circle-sine", {"cycles": 2, "color": "pink"}),
    ("vector-addition", {"ax": -4, "ay": 2, "bx": -3, "by": -5}),
    ("matrix-transform", {"a": 1, "b": 2, "c": 2, "d": 4}),
    ("circle-area", {"radius": 5, "sectors": 32, "color": "green"}),
    ("quadratic-formula", {"a": 2, "b": 3, "c": -2, "method": "square"}),
    ("graph-traversal", {"algorithm": "dfs", "start": "c"}),
    ("binary-search", {"target": 40}),
]


@pytest.mark.render
@pytest.mark.parametrize("slug,values", NON_DEFAULT, ids=[s for s, _ in NON_DEFAULT])
def test_it_renders_templates_with_other_values(slug, values):
    _render_ok(TEMPLATES[slug].code(values))
