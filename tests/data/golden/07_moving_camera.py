from manim import *


class MovingCameraZoom(MovingCameraScene):
    def construct(self):
        grid = VGroup(*[Square(side_length=1, color=c) for c in [RED, GREEN, BLUE, YELLOW, PURPLE, TEAL]])
        grid.arrange_in_grid(rows=2, buff=0.3)
        target = grid[4]
        dot = Dot(target.get_center(), color=WHITE)
        self.add(grid, dot)
        self.camera.frame.save_state()
        self.play(self.camera.frame.animate.set(width=target.width * 3).move_to(target), run_time=1)
        self.play(dot.animate.scale(2), run_time=0.5)
        self.play(Restore(self.camera.frame), run_time=1)
        self.wait(0.25)
