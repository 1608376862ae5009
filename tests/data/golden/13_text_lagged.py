from manim import *


class TextLaggedStart(Scene):
    def construct(self):
        title = Text("Eigenframe", font_size=72, gradient=(BLUE, PURPLE), weight=BOLD)
        subtitle = Text("text to animation", font_size=36, slant=ITALIC, color=GREY_B)
        words = VGroup(
            *[Text(w, font_size=40, color=c) for w, c in zip(["think", "write", "render"], [RED, GREEN, YELLOW])]
        ).arrange(RIGHT, buff=0.8)
        mono = Text("manim render -ql", font="Monospace", font_size=28, t2c={"-ql": ORANGE})
        VGroup(title, subtitle, words, mono).arrange(DOWN, buff=0.5)
        self.play(Write(title), run_time=1)
        self.play(FadeIn(subtitle, shift=DOWN * 0.2), run_time=0.5)
        self.play(LaggedStart(*[FadeIn(w, shift=UP * 0.3) for w in words], lag_ratio=0.3), run_time=1)
        self.play(AddTextLetterByLetter(mono), run_time=0.75)
        self.wait(0.25)
