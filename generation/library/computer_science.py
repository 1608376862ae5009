"""Computer science: algorithms and data structures."""

from __future__ import annotations

import re

from .core import (
    Param,
    SceneTemplate,
    TemplateParamError,
    _color,
    _find_number,
    _find_colors,
    _parse_int_list,
    _sub,
)


def _build_bubble_sort(v: dict) -> str:
    numbers = _parse_int_list("values", v["values"])
    return _sub('''
from manim import *


class BubbleSort(Scene):
    def construct(self):
        values = $values
        top = max(values) or 1
        bars = VGroup()
        for value in values:
            bar = Rectangle(width=0.8, height=0.3 + 4 * value / top, color=$color, fill_opacity=0.7)
            number = Integer(value, font_size=32).next_to(bar, DOWN, buff=0.15)
            bars.add(VGroup(bar, number))
        bars.arrange(RIGHT, buff=0.3, aligned_edge=DOWN).move_to(DOWN * 0.5)
        title = Text("Bubble sort", font_size=40).to_edge(UP)

        self.play(Write(title), LaggedStart(*[FadeIn(b, shift=UP * 0.3) for b in bars], lag_ratio=0.1))
        order = list(bars)
        n = len(values)
        for end in range(n - 1, 0, -1):
            for i in range(end):
                left, right = order[i], order[i + 1]
                self.play(left[0].animate.set_color(YELLOW), right[0].animate.set_color(YELLOW), run_time=0.25)
                if values[i] > values[i + 1]:
                    self.play(left.animate.move_to(right, aligned_edge=DOWN),
                              right.animate.move_to(left, aligned_edge=DOWN), run_time=0.4)
                    values[i], values[i + 1] = values[i + 1], values[i]
                    order[i], order[i + 1] = right, left
                self.play(order[i][0].animate.set_color($color), order[i + 1][0].animate.set_color($color),
                          run_time=0.15)
            self.play(order[end][0].animate.set_color(GREEN), run_time=0.2)
        self.play(order[0][0].animate.set_color(GREEN), run_time=0.2)
        self.play(Indicate(VGroup(*order), color=GREEN))
        self.wait(1)
''', values=repr(numbers), color=_color(v))


def _check_bubble_sort(v: dict) -> None:
    _parse_int_list("values", v["values"])


def _extract_bubble(prompt: str) -> dict:
    m = re.search(r"(\d+(?:\s*,\s*\d+){1,7})", prompt)
    return {"values": ", ".join(re.findall(r"\d+", m.group(1)))} if m else {}



def _bst_insert(tree: dict, root: int | None, key: int) -> int:
    tree[key] = [None, None]
    if root is None:
        return key
    node = root
    while True:
        side = 0 if key < node else 1
        if tree[node][side] is None:
            tree[node][side] = key
            return root
        node = tree[node][side]


def _bst_height(keys: list[int]) -> int:
    tree: dict[int, list] = {}
    root = None
    height = 0
    for key in keys:
        root = _bst_insert(tree, root, key)
        depth, node = 0, root
        while node != key:
            node = tree[node][0] if key < node else tree[node][1]
            depth += 1
        height = max(height, depth)
    return height


def _check_bst(v: dict) -> None:
    keys = _parse_int_list("keys", v["keys"], 2, 12)
    if len(set(keys)) != len(keys):
        raise TemplateParamError("keys", "the keys must be different from each other.")
    if _bst_height(keys) > 4:
        raise TemplateParamError("keys", "the tree would be more than 5 levels deep; reorder the keys "
                                         "(e.g. insert a middle value first) or use fewer.")


def _build_bst(v: dict) -> str:
    keys = _parse_int_list("keys", v["keys"], 2, 12)
    return _sub('''
from manim import *


class BSTInsertion(Scene):
    def construct(self):
        keys = $keys
        title = Text("Binary search tree insertion", font_size=36).to_edge(UP, buff=0.3)
        queue = VGroup(*[Text(str(k), font_size=28) for k in keys]).arrange(RIGHT, buff=0.35)
        queue.to_edge(DOWN, buff=0.4)
        self.play(Write(title), FadeIn(queue))

        tree = {}  # key -> [left, right, position, node mobject]
        root = None
        for index, key in enumerate(keys):
            label = queue[index]
            self.play(label.animate.set_color(YELLOW).scale(1.3), run_time=0.2)
            if root is None:
                position, parent = UP * 2.3, None
            else:
                node, depth = root, 0
                while True:
                    depth += 1
                    self.play(Indicate(tree[node][3], color=YELLOW, scale_factor=1.15), run_time=0.3)
                    side = 0 if key < node else 1
                    if tree[node][side] is None:
                        tree[node][side] = key
                        parent = node
                        break
                    node = tree[node][side]
                offset = 3.2 / 2 ** (depth - 1)
                position = tree[parent][2] + DOWN * 1.15 + (LEFT if key < parent else RIGHT) * offset
            circle = Circle(radius=0.32, color=$color, fill_opacity=0.85, stroke_color=WHITE, stroke_width=2)
            node_mob = VGroup(circle, Text(str(key), font_size=26)).move_to(position)
            tree[key] = [None, None, position, node_mob]
            animations = [ReplacementTransform(label.copy(), node_mob)]
            if parent is not None:
                edge = Line(tree[parent][2], position, buff=0.32, color=GREY_B)
                animations.append(Create(edge))
            else:
                root = key
            self.play(*animations, label.animate.set_opacity(0.3), run_time=0.5)
        self.play(Indicate(VGroup(*[tree[k][3] for k in keys]), color=GREEN, scale_factor=1.05))
        self.wait(1)
''', keys=repr(keys), color=_color(v))


def _extract_int_list(prompt: str, least: int = 2) -> list[int] | None:
    for m in re.finditer(r"(\d{1,2}(?:\s*(?:,|;|\band\b)\s*\d{1,2})+)", prompt):
        numbers = [int(n) for n in re.findall(r"\d+", m.group(1))]
        if len(numbers) >= least:
            return numbers
    return None


def _extract_bst(prompt: str) -> dict:
    values: dict = {}
    keys = _extract_int_list(prompt)
    if keys:
        values["keys"] = ", ".join(str(k) for k in keys)
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


def _score_bst(prompt: str, extracted: dict, base: float) -> float:
    lower = prompt.lower()
    return 1.0 if re.search(r"\bbst\b|binary search tree|binary tree", lower) else -100


def _check_binary_search(v: dict) -> None:
    numbers = _parse_int_list("values", v["values"], 3, 14)
    if len(set(numbers)) != len(numbers):
        raise TemplateParamError("values", "the numbers must be different from each other.")


def _build_binary_search(v: dict) -> str:
    numbers = sorted(_parse_int_list("values", v["values"], 3, 14))
    return _sub('''
from manim import *


class BinarySearch(Scene):
    def construct(self):
        values = $values  # sorted
        target = $target
        title = Text(f"Binary search for {target}", font_size=38).to_edge(UP, buff=0.4)
        cells = VGroup(*[
            VGroup(Square(0.8, color=WHITE, stroke_width=2), Text(str(n), font_size=28)) for n in values
        ]).arrange(RIGHT, buff=0.08)
        if cells.width > 13:
            cells.scale_to_fit_width(13)
        indices = VGroup(*[Text(str(i), font_size=18, color=GREY).next_to(c, UP, buff=0.1) for i, c in enumerate(cells)])

        def pointer(name, color):
            return VGroup(Triangle(color=color, fill_opacity=1).scale(0.12), Text(name, font_size=22, color=color))\\
                .arrange(DOWN, buff=0.08)

        lo_mark, mid_mark, hi_mark = pointer("lo", BLUE), pointer("mid", YELLOW), pointer("hi", RED)
        status_position = DOWN * 2.2
        status = VMobject().move_to(status_position)

        def place(mark, index, shift=0):
            return mark.animate.next_to(cells[index], DOWN, buff=0.15).shift(RIGHT * shift)

        self.play(Write(title), FadeIn(cells), FadeIn(indices))
        lo, hi = 0, len(values) - 1
        lo_mark.next_to(cells[lo], DOWN, buff=0.15)
        hi_mark.next_to(cells[hi], DOWN, buff=0.15)
        self.play(FadeIn(lo_mark), FadeIn(hi_mark), run_time=0.4)
        found = None
        while lo <= hi:
            mid = (lo + hi) // 2
            mid_mark.next_to(cells[mid], DOWN, buff=0.15).shift(DOWN * 0.55)
            self.play(FadeIn(mid_mark), cells[mid][0].animate.set_fill(YELLOW, opacity=0.35), run_time=0.4)
            if values[mid] == target:
                found = mid
                break
            if values[mid] < target:
                message, dropped, lo = f"{values[mid]} < {target}: search the right half", range(lo, mid + 1), mid + 1
            else:
                message, dropped, hi = f"{values[mid]} > {target}: search the left half", range(mid, hi + 1), mid - 1
            new_status = Text(message, font_size=30).move_to(status_position)
            moves = [place(lo_mark, lo)] if lo < len(values) and values[mid] < target else []
            moves += [place(hi_mark, hi)] if hi >= 0 and values[mid] > target else []
            self.play(Transform(status, new_status), *[cells[i].animate.set_opacity(0.25) for i in dropped],
                      FadeOut(mid_mark), *moves, run_time=0.7)
        if found is not None:
            result = Text(f"found {target} at index {found}", font_size=32, color=GREEN).move_to(status_position)
            self.play(Transform(status, result), cells[found][0].animate.set_fill(GREEN, opacity=0.8))
            self.play(Indicate(cells[found], color=GREEN))
        else:
            result = Text(f"{target} is not in the list", font_size=32, color=RED).move_to(status_position)
            self.play(Transform(status, result))
        self.wait(1)
''', values=repr(numbers), target=v["target"])


def _extract_binary_search(prompt: str) -> dict:
    values: dict = {}
    numbers = _extract_int_list(prompt, 3)
    if numbers:
        values["values"] = ", ".join(str(n) for n in numbers)
    target = _find_number(prompt, r"\b(?:for|find|finding|target|locate|searching for|look for|looking for)\s+"
                                  r"(?:the\s+)?(?:number\s+|value\s+|key\s+)?(\d{1,2})\b(?!\s*,)")
    if target is not None:
        values["target"] = int(target)
    return values


def _score_binary_search(prompt: str, extracted: dict, base: float) -> float:
    lower = prompt.lower()
    if re.search(r"\btree\b|\bbst\b", lower):
        return -100
    return 1.0 if "binary search" in lower else 0.0


_GRAPH_NODES = "abcdefgh"


def _build_graph_traversal(v: dict) -> str:
    return _sub('''
from manim import *
from collections import deque


class GraphTraversal(Scene):
    def construct(self):
        algorithm, start = "$algorithm", "$start"
        positions = {
            "A": [-4.5, 1.5, 0], "B": [-2, 2.4, 0], "C": [-2, 0.2, 0], "D": [0.6, 2.6, 0],
            "E": [0.4, 0.6, 0], "F": [-0.4, -1.6, 0], "G": [2.8, 1.4, 0], "H": [2.6, -1.2, 0],
        }
        edges = [("A", "B"), ("A", "C"), ("B", "D"), ("B", "E"), ("C", "E"), ("C", "F"),
                 ("D", "G"), ("E", "G"), ("E", "H"), ("F", "H")]
        neighbours = {name: [] for name in positions}
        for u, w in edges:
            neighbours[u].append(w)
            neighbours[w].append(u)
        for name in neighbours:
            neighbours[name].sort()

        shift = LEFT * 0.6 + DOWN * 0.2
        nodes = {
            name: VGroup(Circle(radius=0.38, color=WHITE, fill_color=GREY_E, fill_opacity=1),
                         Text(name, font_size=30)).move_to(np.array(p) + shift)
            for name, p in positions.items()
        }
        lines = {
            frozenset(e): Line(nodes[e[0]].get_center(), nodes[e[1]].get_center(), buff=0.38, color=GREY)
            for e in edges
        }
        title = Text("Breadth-first search" if algorithm == "bfs" else "Depth-first search", font_size=36)
        title.to_corner(UL, buff=0.3)
        order_label = Text("Visited:", font_size=28).to_edge(DOWN, buff=0.5).to_edge(LEFT, buff=0.6)
        self.play(Write(title), *[Create(line) for line in lines.values()],
                  *[FadeIn(node) for node in nodes.values()], FadeIn(order_label))

        # the traversal: (vertex, the edge it was reached by)
        visits, seen = [], {start}
        if algorithm == "bfs":
            queue = deque([(start, None)])
            while queue:
                node, via = queue.popleft()
                visits.append((node, via))
                for n in neighbours[node]:
                    if n not in seen:
                        seen.add(n)
                        queue.append((n, node))
        else:
            stack, seen = [(start, None)], set()
            while stack:
                node, via = stack.pop()
                if node in seen:
                    continue
                seen.add(node)
                visits.append((node, via))
                for n in reversed(neighbours[node]):
                    if n not in seen:
                        stack.append((n, node))

        visited = VGroup()
        for step, (node, via) in enumerate(visits):
            animations = [nodes[node][0].animate.set_fill($color, opacity=1)]
            if via is not None:
                animations.append(lines[frozenset((node, via))].animate.set_color($color).set_stroke(width=7))
            entry = Text(node, font_size=30, color=$color)
            if len(visited):
                entry.next_to(visited, RIGHT, buff=0.3)
            else:
                entry.next_to(order_label, RIGHT, buff=0.3)
            visited.add(entry)
            self.play(*animations, FadeIn(entry, shift=UP * 0.2), run_time=0.5)
        self.play(Indicate(visited, color=$color))
        self.wait(1)
''', algorithm=v["algorithm"], start=v["start"].upper(), color=_color(v))


def _extract_graph_traversal(prompt: str) -> dict:
    values: dict = {}
    lower = prompt.lower()
    if re.search(r"\bdfs\b|depth[\s-]first", lower):
        values["algorithm"] = "dfs"
    elif re.search(r"\bbfs\b|breadth[\s-]first", lower):
        values["algorithm"] = "bfs"
    m = re.search(r"\b(?:from|at)\s+(?:node\s+|vertex\s+)?([A-Ha-h])\b", prompt)
    if m and (m.group(1).isupper() or re.search(r"(?:node|vertex)\s+" + m.group(1), prompt)):
        values["start"] = m.group(1).lower()
    colors = _find_colors(prompt)
    if colors:
        values["color"] = colors[0][1]
    return values


def _score_graph_traversal(prompt: str, extracted: dict, base: float) -> float:
    return 1.0 if "algorithm" in extracted else 0.0


TEMPLATES: tuple[SceneTemplate, ...] = (
    SceneTemplate(
        slug="bubble-sort",
        title="Bubble sort",
        subject="computer-science",
        description="Bars are compared in pairs and swapped until the list is sorted.",
        scene_name="BubbleSort",
        params=(
            Param("values", "text", "5, 2, 8, 1, 9, 3", "Numbers", "2 to 8 whole numbers (0–99), comma separated.",
                  maximum=60),
            Param("color", "color", "blue", "Bar colour"),
        ),
        keywords=("bubble sort", "sorting", "sort", "sorting algorithm", "sort the list", "sort the array",
                  "swap"),
        excludes=("shell sort", "shellsort", "quicksort", "quick sort", "merge sort", "mergesort",
                  "insertion sort", "selection sort", "heap sort", "heapsort", "radix sort",
                  "counting sort", "bucket sort", "topological sort"),
        examples=(
            "Animate bubble sort",
            "Sort the list 4, 7, 1, 3 with bubble sort",
            "Visualise a sorting algorithm",
        ),
        builder=_build_bubble_sort,
        checker=_check_bubble_sort,
        extractor=_extract_bubble,
    ),
    SceneTemplate(
        slug="bst-insertion",
        title="Binary search tree insertion",
        subject="computer-science",
        description="Keys are inserted one by one into a binary search tree: compare, go left or right, attach.",
        scene_name="BSTInsertion",
        params=(
            Param("keys", "text", "50, 30, 70, 20, 40, 60, 80", "Keys",
                  "2 to 12 different whole numbers (0–99) in insertion order; at most 5 levels deep.", maximum=60),
            Param("color", "color", "blue", "Node colour"),
        ),
        keywords=("binary search tree", "bst", "binary tree", "insert", "insertion", "inserting", "tree", "nodes"),
        examples=(
            "Insert 5, 3, 8, 1 into a binary search tree",
            "Binary search tree insertion",
            "Build a BST from 50, 30, 70, 20, 40",
        ),
        builder=_build_bst,
        checker=_check_bst,
        extractor=_extract_bst,
        scorer=_score_bst,
    ),
    SceneTemplate(
        slug="binary-search",
        title="Binary search",
        subject="computer-science",
        description="lo, mid and hi pointers halve a sorted array until the target is found (or not).",
        scene_name="BinarySearch",
        params=(
            Param("values", "text", "2, 5, 8, 12, 16, 23, 38, 56, 72, 91", "Sorted numbers",
                  "3 to 14 different whole numbers (0–99); they are sorted for you.", maximum=80),
            Param("target", "int", 23, "Target", "The number to look for.", 0, 99),
        ),
        keywords=("binary search", "search a sorted", "sorted array", "sorted list", "halving", "divide and conquer",
                  "search algorithm", "log n"),
        weak=("halving", "divide and conquer", "log n"),
        examples=(
            "Binary search for 23 in 2, 5, 8, 12, 16, 23, 38, 56, 72, 91",
            "Show binary search on a sorted array",
            "Find 7 in the sorted list 1, 3, 5, 7, 9, 11 using binary search",
        ),
        builder=_build_binary_search,
        checker=_check_binary_search,
        extractor=_extract_binary_search,
        scorer=_score_binary_search,
    ),
    SceneTemplate(
        slug="graph-traversal",
        title="Graph traversal (BFS / DFS)",
        subject="computer-science",
        description="Breadth-first or depth-first search visits the vertices of a small graph in order.",
        scene_name="GraphTraversal",
        params=(
            Param("algorithm", "choice", "bfs", "Algorithm", "Breadth-first (bfs) or depth-first (dfs).",
                  choices=("bfs", "dfs")),
            Param("start", "choice", "a", "Start vertex", choices=tuple(_GRAPH_NODES)),
            Param("color", "color", "orange", "Visited colour"),
        ),
        keywords=("bfs", "dfs", "breadth-first", "breadth first", "depth-first", "depth first", "graph traversal",
                  "traverse", "traversal", "graph search", "visit the nodes", "vertices"),
        excludes=("dijkstra", "shortest path", "minimum spanning", "a* search"),
        examples=(
            "Breadth-first search on a small graph",
            "Run DFS on a graph starting from C",
            "Graph traversal: BFS from vertex B",
        ),
        builder=_build_graph_traversal,
        checker=None,
        extractor=_extract_graph_traversal,
        scorer=_score_graph_traversal,
    ),
)
