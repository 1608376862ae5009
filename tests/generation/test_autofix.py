"""Autofix: realistic broken LLM answers become code that passes the policy and renders.

Fast unit tests for each rule, then one REAL render per sample in tests/data/llm_outputs.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import manim
import pytest

from generation import autofix
from generation.autofix import (
    GRAPH_SCENE_SHIM,
    PLACEHOLDER_HELPERS,
    SIMPLE_RENAMES,
    choose_scene,
    extract_code,
    prepare,
    undefined_names,
)
from generation.policy import check_policy

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "llm_outputs"

SCENE = """from manim import *

class Spin(Scene):
    def construct(self):
        square = Square(color=BLUE)
        self.play(Create(square), run_time=0.5)
"""


def kinds(fixes) -> list[str]:
    return [f.kind for f in fixes]


# --- extraction -------------------------------------------------------------------


def test_clean_code_is_left_alone():
    code, fixes = prepare(SCENE)
    assert code == SCENE and fixes == []


def test_it_extracts_the_python_block_from_prose():
    code, fixes = extract_code(f"Here you go:\n\n```py\n{SCENE}```\n\nEnjoy!")
    assert code == SCENE and kinds(fixes) == ["extract"]


def test_an_unterminated_fence_still_yields_the_code():
    code, _ = extract_code(f"```python3\n{SCENE}")
    assert code == SCENE


def test_a_later_block_redefining_the_scene_wins_and_shell_blocks_are_ignored():
    first = SCENE.replace("BLUE", "RED")
    text = f"Draft:\n```python\n{first}```\nBetter:\n```python\n{SCENE}```\n```bash\nmanim -pql s.py Spin\n```"
    code, _ = extract_code(text)
    assert code == SCENE


def test_unfenced_code_loses_the_prose_around_it():
    code, fixes = extract_code(f"Here is the scene:\n{SCENE}\nThis spins a square.")
    assert code == SCENE and kinds(fixes) == ["extract"]


def test_helper_blocks_go_after_the_imports():
    helper = "def big(mob):\n    return mob.scale(2)\n"
    scene = SCENE.replace("Square(color=BLUE)", "big(Square(color=BLUE))")
    code, _ = extract_code(f"```python\n{helper}```\n```python\n{scene}```")
    assert code.index("from manim import *") < code.index("def big") < code.index("class Spin")


# --- text rules -----------------------------------------------------------------------


def test_whitespace_tabs_crlf_and_extra_indentation():
    code, fixes = autofix.fix_whitespace(SCENE.replace("    ", "\t").replace("\n", "\r\n"))
    assert code == SCENE and kinds(fixes) == ["whitespace"]
    indented = "\n".join("    " + line if line else line for line in SCENE.split("\n"))
    code, fixes = autofix.fix_whitespace(indented)
    assert ast.parse(code) and kinds(fixes) == ["whitespace"]


def test_smart_quotes_used_as_delimiters_become_ascii_but_apostrophes_stay():
    code, fixes = autofix.fix_quotes("t = Text(\u201cIt\u2019s\u201d)\nu = Text(\u2018don\u2019t\u2019)\n")
    assert code == "t = Text(\"It\u2019s\")\nu = Text('don\u2019t')\n" and kinds(fixes) == ["quotes"]
    ok = 'Text("He said \u201chi\u201d")\n'
    assert autofix.fix_quotes(ok) == (ok, [])


@pytest.mark.parametrize("line", [
    "from manimlib.imports import *",
    "from manimlib import *",
    "from manim_imports_ext import *",
    "from big_ol_pile_of_manim_imports import *",
    "import manimlib",
])
def test_manimgl_imports_become_manim(line):
    code, fixes = prepare(SCENE.replace("from manim import *", line))
    assert code.startswith("from manim import *") and "manimlib" not in code and kinds(fixes) == ["manimgl"]


def test_missing_import_is_added_after_future_imports():
    code, fixes = autofix.fix_missing_import("from __future__ import annotations\nx = 1\n")
    assert code == "from __future__ import annotations\nfrom manim import *\n\nx = 1\n"
    assert kinds(fixes) == ["import"]


# --- tree rules -----------------------------------------------------------------------


def test_main_guard_and_embed_are_removed():
    code, fixes = prepare(SCENE + "        self.embed()\n\nif __name__ == '__main__':\n    import os\n"
                          "    os.system('manim -pql scene.py Spin')\n")
    assert "embed" not in code and "__main__" not in code and kinds(fixes) == ["main", "embed"]
    assert check_policy(code) == []


def test_render_settings_are_stripped_but_visual_ones_kept():
    code, fixes = prepare("from manim import *\nconfig.frame_rate = 60\nconfig['pixel_height'] = 2160\n"
                          "config.background_color = WHITE\n" + SCENE.split("\n", 1)[1])
    assert "frame_rate" not in code and "pixel_height" not in code and "background_color" in code
    assert kinds(fixes) == ["config"] and check_policy(code) == []


def test_config_dicts_become_class_attributes():
    code, fixes = autofix.fix_class_config(
        "class A(Scene):\n    CONFIG = {\n        'n': 3,\n        'color': RED,\n    }\n\n    def f(self):\n"
        "        return self.n\n")
    assert "    n = 3\n    color = RED\n" in code and "CONFIG" not in code and kinds(fixes) == ["class_config"]


def test_renames_follow_the_table_and_spare_user_definitions():
    code, fixes = autofix.fix_renames("a = ShowCreation(x)\nb = TexMobject('x')\nc = TextMobject('hi')\n"
                                      "d = TextMobject('$x$ is')\ne = TexText('t')\n")
    assert code == "a = Create(x)\nb = MathTex('x')\nc = Text('hi')\nd = Tex('$x$ is')\ne = Tex('t')\n"
    assert set(kinds(fixes)) == {"rename"}
    own = "def ShowCreation(m):\n    return Create(m)\nx = ShowCreation(m)\n"
    assert autofix.fix_renames(own) == (own, [])


def test_manimgl_tex_is_math_mode():
    code, _ = autofix.fix_renames("a = Tex('x^2')\nb = TexText('hello')\n", manimgl=True)
    assert code == "a = MathTex('x^2')\nb = Tex('hello')\n"


def test_every_rename_target_exists_in_manim():
    for target in SIMPLE_RENAMES.values():
        obj = manim
        for part in target.split("."):
            obj = getattr(obj, part)
    assert all(not hasattr(manim, old) for old in SIMPLE_RENAMES)


def test_fades_take_their_direction_as_shift():
    code, fixes = autofix.fix_fades("a = FadeInFromDown(m)\nb = FadeInFrom(m, LEFT)\nc = FadeOutAndShift(m, UP)\n"
                                    "d = FadeIn(m, 2 * UP)\ne = FadeOut(m, DOWN, run_time=2)\nf = FadeIn(m, n)\n")
    assert code == ("a = FadeIn(m, shift=UP)\nb = FadeIn(m, shift=RIGHT)\nc = FadeOut(m, shift=UP)\n"
                    "d = FadeIn(m, shift=2 * UP)\ne = FadeOut(m, shift=DOWN, run_time=2)\nf = FadeIn(m, n)\n")
    assert set(kinds(fixes)) == {"fade"}


def test_get_graph_becomes_plot_and_min_max_become_ranges():
    code, fixes = autofix.fix_graphs("ax = Axes(x_min=0, x_max=3, y_min=-1, y_max=2)\n"
                                     "g = ax.get_graph(f, x_min=0, x_max=2, color=RED)\nh = ax.get_graph(f)\n")
    assert code == ("ax = Axes(x_range=[0, 3], y_range=[-1, 2])\ng = ax.plot(f, color=RED, x_range=[0, 2])\n"
                    "h = ax.plot(f)\n")
    assert set(kinds(fixes)) == {"graph"}


def test_apply_method_and_method_passing_become_animate():
    code, fixes = autofix.fix_animate("self.play(ApplyMethod(m.shift, UP, run_time=2))\n"
                                      "self.play(m.move_to, ORIGIN, Create(c), n.scale, 2, run_time=3)\n")
    assert code == ("self.play(m.animate(run_time=2).shift(UP))\n"
                    "self.play(m.animate.move_to(ORIGIN), Create(c), n.animate.scale(2), run_time=3)\n")
    assert kinds(fixes) == ["animate", "animate"]


def test_dollars_are_stripped_from_mathtex_only():
    code, fixes = autofix.fix_mathtex_dollars('a = MathTex(r"$x^2$", r"\\$5")\nb = Tex("$x$")\n')
    assert code == 'a = MathTex(r"x^2", r"\\$5")\nb = Tex("$x$")\n' and kinds(fixes) == ["mathtex"]


def test_camera_frame_needs_a_moving_camera_scene():
    code, fixes = autofix.fix_camera_frame("class A(Scene):\n    def construct(self):\n"
                                           "        self.play(self.camera.frame.animate.scale(2))\n")
    assert code.startswith("class A(MovingCameraScene):") and kinds(fixes) == ["camera"]


def test_missing_files_become_placeholders_keeping_chained_calls():
    code, fixes = prepare(SCENE + "        a = ImageMobject('img/my_cat.png').scale(0.5).to_edge(UP)\n"
                          "        b = SVGMobject(file_name='logo.svg', height=1)\n"
                          "        c = ImageMobject(np.zeros((4, 4, 3), dtype=np.uint8))\n"
                          "        self.add_sound('ding.wav')\n")
    assert 'placeholder_image("My Cat").scale(0.5).to_edge(UP)' in code
    assert 'placeholder_icon("Logo", height=1)' in code and "ImageMobject(np.zeros" in code
    assert "add_sound" not in code and kinds(fixes) == ["asset", "sound"]


def test_graphscene_gets_a_shim_that_is_not_a_scene_choice():
    code, fixes = prepare(SCENE.replace("(Scene)", "(GraphScene)"))
    assert "class GraphScene(Scene):" in code and kinds(fixes) == ["graphscene"]
    assert choose_scene(code, "") == "Spin" and check_policy(code) == []


def test_choose_scene_by_prompt_else_last():
    code = SCENE + "\n\nclass EigenvectorStretch(Scene):\n    pass\n\n\nclass Outro(Scene):\n    pass\n"
    assert choose_scene(code, "show how an eigenvector stretches") == "EigenvectorStretch"
    assert choose_scene(code, "something else") == "Outro"
    assert choose_scene("x = 1\n", "x") is None
    moved, fixes = prepare(code, prompt="eigenvectors stretching")
    assert kinds(fixes) == ["scene"] and ast.parse(moved).body[-1].name == "EigenvectorStretch"
    kept, fixes = prepare(code)
    assert kept == code and kinds(fixes) == ["scene"] and "Outro is rendered" in fixes[0].description


def test_undefined_names_are_reported_with_lines():
    code = SCENE + "        self.play(ShowCreation(square))\n        self.add(Sqare())\n"
    assert undefined_names(code) == [(7, "ShowCreation"), (8, "Sqare")]
    assert undefined_names(SCENE) == []
    assert undefined_names("from somewhere import *\nx = y\n") == []  # cannot tell
    scoped = "import numpy as np\n\ndef f(a):\n    return [a * k for k in range(3)] + [np.pi, b]\n"
    assert undefined_names(scoped) == [(4, "b")]


def test_the_added_helpers_pass_the_policy():
    for block in (GRAPH_SCENE_SHIM, PLACEHOLDER_HELPERS):
        assert check_policy("from manim import *\n" + block) == []


# --- real renders of realistic answers ---------------------------------------------

PROMPTS = {"10_several_scenes": "Show how a matrix stretches an eigenvector"}

EXPECTED = {
    "01_manimgl_chatty": {"extract", "manimgl", "embed", "rename", "fade"},
    "02_tabs_crlf": {"whitespace"},
    "03_missing_import_prose": {"extract", "import"},
    "04_smart_quotes": {"extract", "quotes"},
    "05_config_and_main": {"extract", "main", "config"},
    "06_config_dict_apply_method": {"extract", "class_config", "rename", "animate"},
    "07_graphscene": {"extract", "manimgl", "class_config", "rename", "graphscene"},
    "08_mathtex_dollars_fades": {"extract", "fade", "mathtex"},
    "09_missing_assets": {"extract", "asset", "sound"},
    "10_several_scenes": {"extract", "scene"},
    "11_old_ce_axes_camera": {"extract", "graph", "camera"},
    "12_indented_split_blocks": {"extract"},
}


def test_every_sample_has_expectations():
    assert sorted(p.stem for p in SAMPLES.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.render
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_is_fixed_and_renders(name):
    from render.engine import render

    text = (SAMPLES / f"{name}.txt").read_bytes().decode("utf-8")
    code, fixes = prepare(text, prompt=PROMPTS.get(name))
    assert set(kinds(fixes)) == EXPECTED[name], [f.description for f in fixes]
    assert check_policy(code) == []
    assert undefined_names(code) == []
    result = render(code, quality="low")
    try:
        assert result.ok, result.error + "\n" + result.log[-2000:]
    finally:
        result.cleanup()
    if name == "10_several_scenes":
        assert re.findall(r"^class (\w+)", code, re.MULTILINE)[-1] == "EigenvectorDemo"


# --- system prompt and few-shot examples --------------------------------------------

# Old names the prompt mentions on purpose, as what NOT to use.
FORBIDDEN_IN_PROMPT = {"ShowCreation", "FadeInFromDown", "FadeInFrom", "FadeOutAndShift", "ApplyMethod",
                       "TextMobject", "TexMobject", "TexText", "GraphScene", "CONFIG", "FRAME_WIDTH", "Manim", "CE",
                       "API", "LaTeX", "TeX", "NOT"}  # plus English words in capitals


def _mentioned_names(text: str) -> set[str]:
    camel = set(re.findall(r"\b[A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+\b", text))  # CamelCase: MathTex, Create...
    single = set(re.findall(r"\b(?:Create|Write|Transform|Indicate|Circumscribe|Succession|Rotate|Text|Tex|Dot|"
                            r"Line|Arrow|Circle|Square|Rectangle|Polygon|Brace|Axes|Matrix|Scene)\b", text))
    constants = set(re.findall(r"\b[A-Z]{2,}(?:_[A-Z0-9]+)*\b", text))  # BLUE_E, UL, PI...
    methods = set(re.findall(r"\.([a-z_][a-z0-9_]+)\(", text)) | set(re.findall(r"\b([a-z]+(?:_[a-z0-9]+)+)\(", text))
    return camel | single | constants | {f".{m}" for m in methods}


def _exists(name: str) -> bool:
    if not name.startswith("."):
        return hasattr(manim, name)
    method = name[1:]
    holders = (manim.Mobject, manim.VMobject, manim.Axes, manim.NumberPlane, manim.Scene, manim.MathTex,
               manim.BarChart, manim.VGroup, manim.config)
    return any(hasattr(h, method) for h in holders) or hasattr(manim, method)


def test_every_manim_name_in_the_prompts_exists():
    from generation.prompts import FEW_SHOT_TOPICS, REPAIR_PROMPT, SYSTEM_PROMPT

    texts = [SYSTEM_PROMPT, REPAIR_PROMPT] + [code for _, (_, (_, code)) in FEW_SHOT_TOPICS.items()]
    own = {"AreaUnderParabola", "Pythagoras", "SolveLinear", "MatrixOnVector", "DiceSums"}
    python_builtins = {".range", ".str", ".min", ".array", ".search", ".format", ".square_on", ".isupper"}
    missing = set()
    for text in texts:
        for name in _mentioned_names(text) - FORBIDDEN_IN_PROMPT - own - python_builtins:
            if not _exists(name):
                missing.add(name)
    assert not missing, f"the prompts mention names manim does not have: {sorted(missing)}"
    for old in ("ShowCreation", "TextMobject", "TexMobject", "GraphScene", "FadeInFromDown"):
        assert not hasattr(manim, old)


def test_few_shot_examples_follow_the_topic():
    from generation.prompts import few_shot_examples, system_messages

    def topics(prompt):
        return [m["content"] for m in few_shot_examples(prompt) if m["role"] == "user"]

    assert topics("Animate the derivative of sin(x) as a tangent line") == ["Show the area under y = x^2 from 0 to 2"]
    assert topics("eigenvectors of a matrix") == ["Show a 2x2 matrix acting on a vector in the plane"]
    assert len(topics("probability of a coin flip and a quadratic equation")) == 2
    assert len(topics("a cat")) == 1
    messages = system_messages("roll two dice")
    assert messages[0]["role"] == "system" and messages[-1] == {"role": "user", "content": "roll two dice"}
    assert any("BarChart" in m["content"] for m in messages)


def _few_shot_codes():
    from generation.prompts import FEW_SHOT_TOPICS

    return {topic: code for topic, (_, (_, code)) in FEW_SHOT_TOPICS.items()}


@pytest.mark.render
@pytest.mark.parametrize("topic", sorted(_few_shot_codes()))
def test_few_shot_example_renders_untouched(topic):
    from render.engine import render

    code = _few_shot_codes()[topic]
    fixed, fixes = prepare(code)
    assert fixes == [] and fixed == code and check_policy(code) == [] and undefined_names(code) == []
    result = render(code, quality="low")
    try:
        assert result.ok, result.error + "\n" + result.log[-2000:]
    finally:
        result.cleanup()
