from manim import *


class BarChartScene(Scene):
    def construct(self):
        chart = BarChart(
            values=[3, 7, 2, 5, 4],
            bar_names=["Mon", "Tue", "Wed", "Thu", "Fri"],
            y_range=[0, 10, 2],
            y_length=5,
            x_length=9,
            x_axis_config={"font_size": 28},
        )
        self.play(Create(chart), run_time=1)
        self.play(chart.animate.change_bar_values([5, 4, 6, 8, 3]), run_time=1)
        labels = chart.get_bar_labels(font_size=28)
        self.play(Write(labels), run_time=0.5)
        self.wait(0.25)
