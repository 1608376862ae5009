"""The free plan's wordmark: burned into a copy, bottom-right, nothing else touched."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from render.engine import render
from render.watermark import WatermarkError, overlay_box, watermark_video
from tests.conftest import SMALL_SCENE, assert_valid_video

CONTAINERS = {"mp4": "mp4", "webm": "webm", "gif": "gif"}
CODECS = {"mp4": "h264", "webm": "vp9", "gif": "gif"}


def _decode(path: Path) -> tuple[list[np.ndarray], float, str]:
    with av.open(str(path)) as media:
        stream = media.streams.video[0]
        frames = [frame.to_ndarray(format="rgb24") for frame in media.decode(stream)]
        duration = float(media.duration) / av.time_base if media.duration else float(
            stream.duration * stream.time_base)
        return frames, duration, stream.codec_context.name


def _assert_watermarked(master: Path, marked: Path, *, min_box_diff: float = 8.0) -> None:
    clean, clean_duration, clean_codec = _decode(master)
    burned, burned_duration, burned_codec = _decode(marked)
    assert burned_codec == clean_codec
    assert abs(len(burned) - len(clean)) <= 1, (len(clean), len(burned))
    frame_time = clean_duration / max(1, len(clean))
    assert abs(burned_duration - clean_duration) <= frame_time + 0.01, (clean_duration, burned_duration)
    height, width = clean[0].shape[:2]
    assert burned[0].shape == clean[0].shape
    x, y, w, h = overlay_box(width, height)
    # Bottom-right, inside the frame, with a margin, and small.
    assert x + w <= width - 2 and y + h <= height - 2
    assert x > width / 2 and y > height * 0.8
    assert w * h < 0.03 * width * height
    outside = np.ones((height, width), dtype=bool)
    outside[y: y + h, x: x + w] = False
    for a, b in zip(clean, burned):
        a, b = a.astype(np.int16), b.astype(np.int16)
        box_diff = np.abs(a[y: y + h, x: x + w] - b[y: y + h, x: x + w]).mean()
        assert box_diff > min_box_diff, box_diff
        # The wordmark is light: some pixels are much brighter than in the master.
        brighter = (b[y: y + h, x: x + w].mean(axis=2) - a[y: y + h, x: x + w].mean(axis=2)) > 60
        assert brighter.sum() >= 20, brighter.sum()
        assert np.abs(a[outside] - b[outside]).mean() < 2


@pytest.fixture
def rendered(tmp_path):
    def make(fmt: str) -> Path:
        result = render(SMALL_SCENE, quality="low", format=fmt)
        assert result.ok, (result.status, result.error, result.log[-2000:])
        try:
            master = tmp_path / f"master.{fmt}"
            shutil.copyfile(result.video_path, master)
        finally:
            result.cleanup()
        return master

    return make


@pytest.mark.render
@pytest.mark.parametrize("fmt", ["mp4", "webm", "gif"])
def test_watermark_burns_the_wordmark_into_a_copy(rendered, tmp_path, fmt):
    master = rendered(fmt)
    before = master.read_bytes()
    marked = tmp_path / "delivered" / f"free.{fmt}"
    watermark_video(master, marked)
    assert master.read_bytes() == before, "the master must stay clean"
    assert_valid_video(marked, CONTAINERS[fmt])
    with av.open(str(marked)) as media:
        assert media.streams.video[0].codec_context.name == CODECS[fmt]
    _assert_watermarked(master, marked)
    assert not list(marked.parent.glob("*.part")), "temporary files left behind"


def _synthetic(path: Path, fmt: str, codec: str, pix_fmt: str, size=(320, 180), frames=12, grey=128) -> None:
    """A short clip of a flat grey background with a moving darker bar (no Manim needed)."""
    width, height = size
    with av.open(str(path), mode="w", format=fmt) as out:
        stream = out.add_stream(codec, rate=Fraction(12))
        stream.width, stream.height, stream.pix_fmt = width, height, pix_fmt
        for index in range(frames):
            image = np.full((height, width, 3), grey, dtype=np.uint8)
            image[:, (index * 20) % width: (index * 20) % width + 12] = 40
            frame = av.VideoFrame.from_ndarray(image, format="rgb24").reformat(format=pix_fmt)
            frame.pts = index
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))


@pytest.mark.parametrize("fmt,codec,pix_fmt", [
    ("mp4", "libx264", "yuv420p"),
    ("mp4", "libx264", "yuv444p"),
    ("webm", "libvpx-vp9", "yuv420p"),
    ("gif", "gif", "rgb8"),
])
def test_watermark_on_a_light_background_without_rendering(tmp_path, fmt, codec, pix_fmt):
    master = tmp_path / f"clip.{fmt}"
    _synthetic(master, fmt, codec, pix_fmt)
    marked = tmp_path / f"marked.{fmt}"
    watermark_video(master, marked)
    assert_valid_video(marked, fmt, min_seconds=0.5)
    _assert_watermarked(master, marked, min_box_diff=5.0)
    # On a light background the shadow shows: some pixels get darker too.
    clean, _, _ = _decode(master)
    burned, _, _ = _decode(marked)
    x, y, w, h = overlay_box(clean[0].shape[1], clean[0].shape[0])
    darker = (clean[0][y: y + h, x: x + w].astype(int) - burned[0][y: y + h, x: x + w]).mean(axis=2) > 25
    assert darker.sum() >= 10


def test_watermark_of_a_tiny_video_stays_inside_the_frame(tmp_path):
    master = tmp_path / "tiny.mp4"
    _synthetic(master, "mp4", "libx264", "yuv420p", size=(96, 64), frames=4)
    marked = tmp_path / "tiny_marked.mp4"
    watermark_video(master, marked)
    x, y, w, h = overlay_box(96, 64)
    assert 0 <= x and x + w <= 96 and 0 <= y and y + h <= 64 and w <= 96 * 0.5
    frames, _, _ = _decode(marked)
    assert len(frames) == 4


def test_custom_text(tmp_path):
    master = tmp_path / "clip.mp4"
    _synthetic(master, "mp4", "libx264", "yuv420p", grey=30)
    marked = tmp_path / "marked.mp4"
    watermark_video(master, marked, text="eigenframe.app")
    assert overlay_box(320, 180, "eigenframe.app")[2] > overlay_box(320, 180)[2]
    _assert_watermarked_box = overlay_box(320, 180, "eigenframe.app")
    clean, _, _ = _decode(master)
    burned, _, _ = _decode(marked)
    x, y, w, h = _assert_watermarked_box
    assert np.abs(clean[0][y: y + h, x: x + w].astype(int) - burned[0][y: y + h, x: x + w]).mean() > 8


@pytest.mark.parametrize("content", [b"", b"not a video at all\n" * 50, b"\x00\x00\x00\x18ftypmp42" + b"\xff" * 500])
def test_undecodable_input_raises_watermark_error(tmp_path, content):
    src = tmp_path / "broken.mp4"
    src.write_bytes(content)
    dst = tmp_path / "out.mp4"
    with pytest.raises(WatermarkError):
        watermark_video(src, dst)
    assert not dst.exists()
    assert not list(tmp_path.glob("*.part"))


def test_missing_input_raises_watermark_error(tmp_path):
    with pytest.raises(WatermarkError):
        watermark_video(tmp_path / "nope.mp4", tmp_path / "out.mp4")


def test_audio_only_input_raises_watermark_error(tmp_path):
    src = tmp_path / "tone.m4a"
    with av.open(str(src), mode="w", format="mp4") as out:
        stream = out.add_stream("aac", rate=44100)
        samples = np.zeros((1, 1024), dtype=np.float32)
        for index in range(10):
            frame = av.AudioFrame.from_ndarray(samples, format="fltp", layout="mono")
            frame.sample_rate, frame.pts = 44100, index * 1024
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    with pytest.raises(WatermarkError, match="no video stream"):
        watermark_video(src, tmp_path / "out.mp4")
