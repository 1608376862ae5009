from manim import *

SOURCE = '''def fibonacci(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
'''


class CodeBlock(Scene):
    def construct(self):
        code = Code(
            code_string=SOURCE,
            language="python",
            background="window",
            formatter_style="monokai",
        ).scale(0.9)
        caption = Text("Iterative Fibonacci", font_size=32).next_to(code, UP)
        self.play(FadeIn(caption), Create(code), run_time=1.5)
        self.play(code.code_lines[3].animate.set_color(YELLOW), run_time=0.5)
        self.wait(0.5)
