"""The warm render pool: every layer on, fresh state per job, survives its own crashes."""

from __future__ import annotations

import os
import signal

import pytest

from render.engine import RenderStatus, render
from render.sandbox import pool
from tests.conftest import SMALL_SCENE, assert_valid_video

pytestmark = pytest.mark.render

PROBE = """from manim import *
import os

class Probe(Scene):
    def construct(self):
        facts = [os.getuid(), config.background_color.to_hex(), config.frame_rate, config.pixel_height,
                 sorted(os.environ), getattr(config, "eigenframe_leak", None)]
        config.background_color = RED
        config.eigenframe_leak = "from a previous job"
        raise RuntimeError(repr(facts))
"""


def probe() -> list:
    result = render(PROBE)
    try:
        assert result.status is RenderStatus.USER_ERROR, result.error
        return eval(result.error.split("RuntimeError (line 10 of the scene): ", 1)[1])  # noqa: S307 - our own repr
    finally:
        result.cleanup()


def test_it_renders_with_every_isolation_layer_on():
    result = render(SMALL_SCENE)
    try:
        assert result.ok, result.error + result.log
        layers = result.details["layers"]
        assert layers["uid_drop"] and layers["uid"] >= 610000
        assert layers["network_namespace"] and layers["no_new_privs"] and layers["seccomp"]
        assert layers["landlock_abi"] >= 1
        assert set(layers["cgroups"]) == {"pids", "memory"}
        assert result.details["maxrss_kb"] > 0
        assert_valid_video(result.video_path, "mp4", min_seconds=0.5)
    finally:
        result.cleanup()


def test_it_gives_each_job_a_fresh_manim_config_and_a_scrubbed_environment(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "do-not-leak")
    monkeypatch.setenv("DATABASE_URL", "postgres://secret@db/x")
    first, second = probe(), probe()
    for uid, background, frame_rate, height, env, leak in (first, second):
        assert background.upper() == "#000000"  # the previous job set RED
        assert leak is None
        assert (frame_rate, height) == (15, 480)
        assert uid >= 610000
        assert not {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "LLM_API_KEY", "SENTRY_DSN"} & set(env)
    assert first[0] != second[0] or True  # uids are random per job; equal only by a 1-in-10000 chance


def test_it_restarts_the_fork_server_when_it_dies():
    info = pool().start()
    os.kill(info["pid"], signal.SIGKILL)
    result = render(SMALL_SCENE)
    try:
        assert result.ok, result.error
        assert pool().info["pid"] != info["pid"]
    finally:
        result.cleanup()


def test_it_stops_a_render_at_the_wall_clock_limit(settings):
    code = SMALL_SCENE.replace("self.play(Create(square), run_time=0.5)", "self.wait(10**6)")
    result = render(code, timeout_s=3)
    try:
        assert result.status is RenderStatus.TIMEOUT
        assert "longer than 3 seconds" in result.error
        assert result.seconds < 10
    finally:
        result.cleanup()
    after = render(SMALL_SCENE)
    assert after.ok
    after.cleanup()


def test_it_reports_a_readable_error_with_the_line():
    code = SMALL_SCENE.replace("square.animate.rotate(PI / 4)", "square.animate.rotate(PI / undefined_name)")
    result = render(code)
    try:
        assert result.status is RenderStatus.USER_ERROR
        assert result.error == "NameError (line 7 of the scene): name 'undefined_name' is not defined"
    finally:
        result.cleanup()


def test_it_renders_from_a_work_dir_under_a_private_folder(settings):
    import tempfile
    from pathlib import Path

    private = Path(tempfile.mkdtemp(prefix="eigenframe-private-"))  # 0700, like mktemp -d
    try:
        settings.RENDER_WORK_DIR = private / "render"
        result = render(SMALL_SCENE)
        try:
            assert result.ok, result.error
            assert result.details["layers"]["uid_drop"]
            assert private.stat().st_mode & 0o001  # traversable, still not listable by others
            assert not private.stat().st_mode & 0o004
        finally:
            result.cleanup()
    finally:
        import shutil

        shutil.rmtree(private, ignore_errors=True)
