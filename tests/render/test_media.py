"""Untrusted video is decoded only in the sandbox: probing and watermarking."""

from __future__ import annotations

import pytest

from render.engine import render
from render.media import MediaError, probe_video, watermark_sandboxed
from tests.conftest import SMALL_SCENE, assert_valid_video

pytestmark = pytest.mark.render


@pytest.fixture
def video():
    result = render(SMALL_SCENE)
    assert result.ok, result.error
    yield result.video_path
    result.cleanup()


def test_it_probes_a_real_video_and_refuses_anything_else(video, tmp_path):
    info = probe_video(video, "mp4")
    assert info and info["width"] == 854 and 0.5 < info["seconds"] < 3
    playlist = tmp_path / "fake.mp4"
    playlist.write_text("#EXTM3U\n#EXTINF:1,\nhttp://127.0.0.1:9/x.ts\n")
    assert probe_video(playlist, "mp4") is None
    garbage = tmp_path / "garbage.webm"
    garbage.write_bytes(b"\x1a\x45\xdf\xa3" + b"\x00" * 4096)
    assert probe_video(garbage, "webm") is None


def test_it_watermarks_in_the_sandbox(video, tmp_path):
    out = tmp_path / "watermarked.mp4"
    watermark_sandboxed(video, out, "mp4")
    assert_valid_video(out, "mp4", min_seconds=0.5)
    assert out.read_bytes() != video.read_bytes()
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"not a video at all")
    with pytest.raises(MediaError):
        watermark_sandboxed(broken, tmp_path / "never.mp4", "mp4")
    assert not (tmp_path / "never.mp4").exists()
