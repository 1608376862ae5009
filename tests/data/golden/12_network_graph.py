from manim import *
import networkx as nx


class NetworkGraph(Scene):
    def construct(self):
        nxg = nx.cycle_graph(6)
        nxg.add_edges_from([(0, 3), (1, 4)])
        graph = Graph(
            list(nxg.nodes),
            list(nxg.edges),
            layout="circular",
            layout_scale=2.5,
            labels=True,
            vertex_config={"radius": 0.3, "fill_color": BLUE},
            edge_config={"stroke_width": 3},
        )
        tree = Graph(
            [1, 2, 3, 4, 5, 6, 7],
            [(1, 2), (1, 3), (2, 4), (2, 5), (3, 6), (3, 7)],
            layout="tree",
            root_vertex=1,
            layout_scale=2,
        ).to_edge(RIGHT)
        self.play(Create(graph), run_time=1)
        self.play(graph.animate.shift(LEFT * 3), run_time=0.5)
        self.play(Create(tree), run_time=1)
        self.play(graph.vertices[0].animate.set_color(RED), tree.vertices[1].animate.set_color(RED), run_time=0.5)
        self.wait(0.25)
