"""Smoke test of the embedded defaults: SQLite, in-process worker, offline generator, local media.

Runs the real commands in subprocesses with no DATABASE_URL / REDIS_URL, exactly as
`make run` does, and drives the server over HTTP.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import CIRCLE_SQUARE, SMALL_SCENE, assert_valid_video, free_port, wait_for_status

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.render


@pytest.fixture
def embedded_env(tmp_path, settings):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "LLM_BASE_URL", "LLM_API_KEY",
                        "DJANGO_SETTINGS_MODULE")}
    env.update({"DEBUG": "1", "DATA_DIR": str(tmp_path / "var"),
                "RENDER_WORK_DIR": str(settings.RENDER_WORK_DIR)})
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    return env


def manage(env, *args, timeout=180):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def test_it_runs_the_whole_product_on_embedded_defaults(embedded_env, tmp_path):
    seeded = manage(embedded_env, "seed_demo")
    assert seeded.returncode == 0, seeded.stderr
    key = re.search(r"API key:\s+(ef_live_\S+)", seeded.stdout).group(1)
    again = manage(embedded_env, "seed_demo")
    assert key not in again.stdout and "exists" in again.stdout  # the secret is shown once

    port = free_port()
    server = subprocess.Popen([sys.executable, "manage.py", "serve", "--port", str(port)], cwd=ROOT,
                              env=embedded_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)
        health = requests.get(f"{base}/healthz", timeout=5).json()
        assert health["checks"] == {"database": "ok", "broker": "ok (in-process)"}

        headers = {"Authorization": f"Bearer {key}"}
        generated = requests.post(f"{base}/generate", headers=headers, timeout=10,
                                  json={"prompt": CIRCLE_SQUARE, "options": {"quality": "low"}})
        rendered = requests.post(f"{base}/api/v1/render", headers=headers, timeout=10,
                                 json={"code": SMALL_SCENE, "options": {"format": "gif"}})
        assert generated.status_code == 202 and rendered.status_code == 202
        for response, container in ((generated, "mp4"), (rendered, "gif")):
            task_id = response.json()["task_id"]
            status = wait_for_status(
                lambda: requests.get(f"{base}/status/{task_id}", headers=headers, timeout=10).json())
            assert status["status"] == "completed", status
            video = requests.get(f"{base}{status['video_url']}", headers=headers, timeout=30)
            assert video.status_code == 200
            path = tmp_path / f"{task_id}.{container}"
            path.write_bytes(video.content)
            assert_valid_video(path, container, min_seconds=0.5)
        # Media lives under DATA_DIR/media, not in the project tree.
        assert list((tmp_path / "var" / "media" / "videos").rglob("animation.mp4"))
    finally:
        server.terminate()
        server.wait(timeout=15)


def test_it_generates_a_video_from_the_command_line(embedded_env, tmp_path):
    out = tmp_path / "out.mp4"
    result = manage(embedded_env, "generate", CIRCLE_SQUARE, "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("from manim import *")
    assert_valid_video(out, "mp4", min_seconds=1.0)


def test_it_renders_a_file_from_the_command_line(embedded_env, tmp_path):
    scene = tmp_path / "scene.py"
    scene.write_text(SMALL_SCENE.replace("from manim import *\n", ""))  # autofix adds the import
    out = tmp_path / "out.mp4"
    result = manage(embedded_env, "render_file", str(scene), "--scene", "Small", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert_valid_video(out, "mp4", min_seconds=0.5)


@pytest.mark.parametrize(
    "args, message",
    [
        (["render_file", "/nonexistent/scene.py"], "Cannot read /nonexistent/scene.py"),
        (["render_file", "{scene}", "--quality", "ultra"], "quality must be one of"),
        (["render_file", "{scene}", "--scene", "Nope"], "no scene called 'Nope'"),
        (["render_file", "{broken}"], "ZeroDivisionError (line 5 of the scene)"),
        (["generate", "write a sonnet about my cat", "-o", "{out}"], "no template for this prompt"),
        (["createapikey", "not-an-email"], "is not a valid email address"),
    ],
)
def test_it_fails_commands_with_one_clear_line(embedded_env, tmp_path, args, message):
    scene = tmp_path / "scene.py"
    scene.write_text(SMALL_SCENE)
    broken = tmp_path / "broken.py"
    broken.write_text("from manim import *\nclass B(Scene):\n    def construct(self):\n"
                      "        self.add(Circle())\n        1 / 0\n")
    args = [a.format(scene=scene, broken=broken, out=tmp_path / "x.mp4") for a in args]
    result = manage(embedded_env, *args)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert message in lines[0], lines[0]


def test_it_creates_working_api_keys_from_the_command_line(embedded_env):
    first = manage(embedded_env, "createapikey", "dev@example.com")
    second = manage(embedded_env, "createapikey", "dev@example.com")
    assert first.returncode == 0 and second.returncode == 0
    assert first.stdout.startswith("ef_live_") and first.stdout != second.stdout
