"""Warm sandboxed render vs the plain Manim CLI, measured alternately in one run.

Usage: make bench   (or: .venv/bin/python scripts/bench_render.py [--runs N])

For each reference scene (small, MathTex, 3D) it alternates one warm sandboxed render
(render.engine.render through the fork server, every isolation layer on) and one
`python -m manim render -ql` of the same file, and prints the median wall times, their
ratio, and the peak memory (max RSS) of the render child.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saas.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from render.engine import render  # noqa: E402
from render.sandbox import pool  # noqa: E402

GOLDEN = ROOT / "tests" / "data" / "golden"
SCENES = [("small", "01_circle_to_square.py"), ("mathtex", "03_mathtex_transform.py"), ("3d", "05_threed_surface.py")]


def cli_seconds(path: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "manim", "render", "-ql", "--disable_caching", "--media_dir",
                        tmp, str(path)], cwd=tmp, check=True, capture_output=True)
        return time.perf_counter() - started


def sandbox_seconds(code: str) -> tuple[float, int, dict]:
    started = time.perf_counter()
    result = render(code, quality="low")
    seconds = time.perf_counter() - started
    try:
        if not result.ok:
            raise SystemExit(f"sandboxed render failed: {result.error}\n{result.log[-2000:]}")
        return seconds, result.details.get("maxrss_kb", 0), result.details.get("layers", {})
    finally:
        result.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    settings.RENDER_WORK_DIR = Path(tempfile.mkdtemp(prefix="eigenframe-bench-", dir="/tmp"))
    os.chmod(settings.RENDER_WORK_DIR, 0o711)
    started = time.perf_counter()
    info = pool().start()
    print(f"fork server started in {time.perf_counter() - started:.2f}s (once per worker process, not counted)")
    print(f"sandbox preflight: {info.get('preflight')}\n")
    print(f"{'scene':<9} {'sandbox median':>15} {'manim -ql median':>17} {'ratio':>7} {'peak RSS':>10}")
    layers: dict = {}
    for label, name in SCENES:
        path = GOLDEN / name
        code = path.read_text()
        sandbox_runs: list[float] = []
        cli_runs: list[float] = []
        peak = 0
        for _ in range(args.runs):  # alternate, so machine load hits both sides alike
            seconds, rss, layers = sandbox_seconds(code)
            sandbox_runs.append(seconds)
            peak = max(peak, rss)
            cli_runs.append(cli_seconds(path))
        ours, theirs = statistics.median(sandbox_runs), statistics.median(cli_runs)
        print(f"{label:<9} {ours:>14.2f}s {theirs:>16.2f}s {ours / theirs:>7.2f} {peak / 1024:>8.0f} MB")
    print(f"\nlayers active in the render child: {layers}")
    print("target: ratio <= 0.45 on the small scene")
    pool().stop()


if __name__ == "__main__":
    main()
