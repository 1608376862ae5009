"""Golden scenes: legitimate real-world Manim CE programs must render through our production
path exactly as they do with the plain Manim CLI.

Each file in tests/data/golden is rendered twice - once with ``python -m manim render`` and
once with ``manage.py render_file`` (autofix + sandboxed runner) - and the two videos are
compared: same geometry, same frame rate, same length (within one frame) and a nearly
identical last frame.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).resolve().parent.parent / "data" / "golden"
GOLDEN_FILES = sorted(GOLDEN_DIR.glob("[0-9][0-9]_*.py"))

CLI_TIMEOUT_S = 180
MAX_LAST_FRAME_DIFF = 3.0  # mean absolute difference, 0-255 scale


def video_summary(path) -> tuple[int, int, float, int, "np.ndarray"]:  # noqa: F821
    """(width, height, fps, n_frames, last frame as an RGB ndarray) of a video, decoded for real."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        rate = stream.average_rate or stream.guessed_rate or stream.base_rate
        fps = float(rate) if rate else 0.0
        n_frames = 0
        last = None
        for frame in container.decode(stream):
            n_frames += 1
            last = frame
        assert last is not None, f"{path} has no decodable video frame"
        return last.width, last.height, fps, n_frames, last.to_ndarray(format="rgb24")


def _render_with_cli(scene_file: Path, tmp: Path) -> Path:
    media = tmp / "cli"
    proc = subprocess.run(
        [sys.executable, "-m", "manim", "render", "-ql", "--disable_caching",
         "--media_dir", str(media), str(scene_file), "-o", "cli"],
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT_S,
    )
    assert proc.returncode == 0, f"manim CLI failed on {scene_file.name}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    videos = [p for p in media.rglob("cli.mp4") if "partial_movie_files" not in p.parts]
    assert len(videos) == 1, f"expected one cli.mp4 under {media}, found {videos}"
    return videos[0]


def _render_with_production_path(scene_file: Path, tmp: Path) -> Path:
    from django.core.management import call_command

    output = tmp / "ours.mp4"
    call_command("render_file", str(scene_file), "-o", str(output))
    assert output.is_file() and output.stat().st_size > 0, f"render_file wrote no video for {scene_file.name}"
    return output


def test_it_has_a_golden_corpus():
    assert len(GOLDEN_FILES) >= 14, [p.name for p in GOLDEN_FILES]


@pytest.mark.render
@pytest.mark.django_db
@pytest.mark.parametrize("scene_file", GOLDEN_FILES, ids=[p.stem for p in GOLDEN_FILES])
def test_it_renders_golden_scene_like_the_manim_cli(scene_file: Path, tmp_path: Path):
    import numpy as np

    work = tmp_path / "golden"
    work.mkdir()
    cli_video = _render_with_cli(scene_file, work)
    our_video = _render_with_production_path(scene_file, work)

    cli_w, cli_h, cli_fps, cli_n, cli_last = video_summary(cli_video)
    our_w, our_h, our_fps, our_n, our_last = video_summary(our_video)

    assert (our_w, our_h) == (cli_w, cli_h), f"size: ours {our_w}x{our_h}, CLI {cli_w}x{cli_h}"
    assert our_fps == pytest.approx(cli_fps, abs=0.01), f"fps: ours {our_fps}, CLI {cli_fps}"
    assert abs(our_n - cli_n) <= 1, f"frame count: ours {our_n}, CLI {cli_n}"
    assert our_last.shape == cli_last.shape
    diff = float(np.abs(our_last.astype(np.int16) - cli_last.astype(np.int16)).mean())
    assert diff < MAX_LAST_FRAME_DIFF, f"last frames differ: mean abs diff {diff:.2f}"
