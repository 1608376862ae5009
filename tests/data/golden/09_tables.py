from manim import *


class Tables(Scene):
    def construct(self):
        table = Table(
            [["1", "2"], ["3", "4"]],
            row_labels=[Text("R1"), Text("R2")],
            col_labels=[Text("C1"), Text("C2")],
            include_outer_lines=True,
        ).scale(0.5).to_edge(LEFT)
        math_table = MathTable(
            [["+", 0, 1], [0, 0, 1], [1, 1, 2]],
            include_outer_lines=True,
        ).scale(0.6).to_edge(RIGHT)
        self.play(table.create(), run_time=1)
        cell = table.get_cell((2, 2), color=YELLOW)
        self.play(Create(cell), table.get_entries((2, 2)).animate.set_color(GREEN), run_time=0.5)
        self.play(Create(math_table), run_time=1)
        self.play(math_table.get_entries((3, 3)).animate.set_color(YELLOW), run_time=0.5)
        self.wait(0.25)
