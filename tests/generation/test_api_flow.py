"""The flow a developer tries first, over real HTTP, with a real worker, Redis and Manim."""

from __future__ import annotations

import io

import pytest
import requests
from django.core.management import call_command

from generation.models import Animation
from tests.conftest import CIRCLE_SQUARE, SMALL_SCENE, assert_valid_video, wait_for_status

pytestmark = [pytest.mark.render, pytest.mark.django_db(transaction=True)]


def test_it_generates_a_video_through_the_http_api(live_server, worker, api_key, tmp_path):
    headers = {"Authorization": f"Bearer {api_key}"}
    response = requests.post(f"{live_server.url}/api/v1/generate", headers=headers,
                             json={"prompt": CIRCLE_SQUARE, "options": {"quality": "low"}}, timeout=30)
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["status"] == "pending"
    task_id = body["task_id"]

    status = wait_for_status(
        lambda: requests.get(f"{live_server.url}/api/v1/status/{task_id}", headers=headers, timeout=30).json()
    )
    assert status["status"] == "completed", status
    assert status["error"] is None
    assert status["code"].startswith("from manim import *")
    assert status["video_url"] == f"/videos/{task_id}/animation.mp4"

    video = requests.get(f"{live_server.url}{status['video_url']}", headers=headers, timeout=30)
    assert video.status_code == 200
    assert video.headers["Content-Type"] == "video/mp4"
    path = tmp_path / "animation.mp4"
    path.write_bytes(video.content)
    assert_valid_video(path, "mp4", min_seconds=1.0)

    # The short aliases answer the same, and X-API-Key works as well as Bearer.
    alias = requests.get(f"{live_server.url}/status/{task_id}", headers={"X-API-Key": api_key}, timeout=30)
    assert alias.json()["status"] == "completed"

    animation = Animation.objects.get(pk=task_id)
    stages = list(animation.events.values_list("stage", flat=True))
    assert stages[0] == "accepted" and "generate" in stages and stages[-1] == "render"
    assert animation.generating_at and animation.rendering_at and animation.completed_at


def test_it_renders_a_developers_own_code_as_webm(live_server, worker, user, api_key, tmp_path):
    call_command("setplan", user.email, "pro", stdout=io.StringIO())  # webm is not on the free plan
    headers = {"X-API-Key": api_key}
    response = requests.post(f"{live_server.url}/api/v1/render", headers=headers,
                             json={"code": SMALL_SCENE, "options": {"format": "webm"}}, timeout=30)
    assert response.status_code == 202, response.text
    task_id = response.json()["task_id"]
    status = wait_for_status(
        lambda: requests.get(f"{live_server.url}/status/{task_id}", headers=headers, timeout=30).json()
    )
    assert status["status"] == "completed", status
    assert status["video_url"].endswith("/animation.webm")
    video = requests.get(f"{live_server.url}{status['video_url']}", headers=headers, timeout=30)
    assert video.status_code == 200
    path = tmp_path / "animation.webm"
    path.write_bytes(video.content)
    assert_valid_video(path, "webm", min_seconds=0.5)
    # The mp4 name of a webm job is not a second copy of the file.
    wrong = requests.get(f"{live_server.url}/videos/{task_id}/animation.mp4", headers=headers, timeout=30)
    assert wrong.status_code == 404


def test_it_ends_a_broken_render_as_failed_with_a_readable_error(live_server, worker, api_key):
    headers = {"Authorization": f"Bearer {api_key}"}
    code = SMALL_SCENE.replace("self.play(Create(square), run_time=0.5)", "self.play(Create(sqaure))")
    response = requests.post(f"{live_server.url}/api/v1/render", headers=headers, json={"code": code}, timeout=30)
    task_id = response.json()["task_id"]
    status = wait_for_status(
        lambda: requests.get(f"{live_server.url}/api/v1/status/{task_id}", headers=headers, timeout=30).json()
    )
    assert status["status"] == "failed"
    assert "NameError" in status["error"] and "sqaure" in status["error"] and "line 6" in status["error"]
    assert status["code"] and status["video_url"] is None
    video = requests.get(f"{live_server.url}/videos/{task_id}/animation.mp4", headers=headers, timeout=30)
    assert video.status_code == 409
    assert video.json()["code"] == "video_not_ready"


def test_it_fails_clearly_when_the_offline_generator_has_no_template(live_server, worker, api_key):
    headers = {"Authorization": f"Bearer {api_key}"}
    response = requests.post(f"{live_server.url}/api/v1/generate", headers=headers,
                             json={"prompt": "write a sonnet about my cat"}, timeout=30)
    task_id = response.json()["task_id"]
    status = wait_for_status(
        lambda: requests.get(f"{live_server.url}/api/v1/status/{task_id}", headers=headers, timeout=30).json()
    )
    assert status["status"] == "failed"
    assert "no template" in status["error"]
