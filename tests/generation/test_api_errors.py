"""Bad input gets the right 4xx with {"error", "code"}, and nothing is queued."""

from __future__ import annotations

import uuid

import pytest

from accounts.models import ApiKey
from generation.models import Animation, Project

pytestmark = pytest.mark.django_db

GENERATE = "/api/v1/generate"


def post(client, url, body, **headers):
    if isinstance(body, (dict, list)):
        import json

        body = json.dumps(body)
    return client.post(url, data=body, content_type="application/json", **headers)


def assert_error(response, status: int, code: str, *fragments: str) -> None:
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error", "code"}, body
    assert body["code"] == code, body
    for fragment in fragments:
        assert fragment in body["error"], body


@pytest.mark.parametrize(
    "body, status, code, fragment",
    [
        ({"prompt": ""}, 400, "empty_prompt", "prompt must not be empty"),
        ({"prompt": "   \n "}, 400, "empty_prompt", "empty"),
        ({}, 400, "missing_prompt", "prompt is required"),
        ({"prompt": 42}, 400, "invalid_prompt", "must be a string"),
        ({"prompt": "x" * 2001}, 400, "prompt_too_long", "2001 characters"),
        ({"prompt": "a circle", "options": {"quality": "ultra"}}, 400, "invalid_quality", "'ultra'"),
        ({"prompt": "a circle", "options": {"format": "avi"}}, 400, "invalid_format", "mp4, gif, webm"),
        ({"prompt": "a circle", "options": {"fps": 60, "resolution": "8k"}}, 400, "unknown_option",
         "'fps', 'resolution'"),
        ({"prompt": "a circle", "options": "high"}, 400, "invalid_options", "JSON object"),
        ({"prompt": "a circle", "options": {"project": "nope"}}, 400, "invalid_project", "UUID"),
        ({"prompt": "a circle", "model": "gpt-9"}, 400, "unknown_field", "'model'"),
        (["a circle"], 400, "invalid_body", "JSON object"),
    ],
)
def test_it_rejects_bad_generate_requests(client, auth, body, status, code, fragment):
    assert_error(post(client, GENERATE, body, **auth), status, code, fragment)
    assert not Animation.objects.exists()


def test_it_rejects_invalid_json(client, auth):
    assert_error(post(client, GENERATE, '{"prompt": "a circle",', **auth), 400, "invalid_json", "not valid JSON")
    assert not Animation.objects.exists()


def test_it_rejects_a_missing_key(client):
    assert_error(post(client, GENERATE, {"prompt": "a circle"}), 401, "not_authenticated", "API key")


@pytest.mark.parametrize("header", [
    {"HTTP_AUTHORIZATION": "Bearer ef_live_not-a-real-key"},
    {"HTTP_X_API_KEY": "ef_live_not-a-real-key"},
    {"HTTP_AUTHORIZATION": "Bearer sk-something-else"},
])
def test_it_rejects_an_invalid_key(client, db, header):
    assert_error(post(client, GENERATE, {"prompt": "a circle"}, **header), 401, "invalid_api_key", "not valid")
    assert not Animation.objects.exists()


def test_it_rejects_a_revoked_key(client, auth, api_key):
    ApiKey.objects.find_active(api_key).revoke()
    assert_error(post(client, GENERATE, {"prompt": "a circle"}, **auth), 401, "revoked_api_key", "revoked")


def test_it_rejects_a_project_of_another_tenant(client, auth, outsider_auth):
    other = post(client, "/api/v1/projects", {"name": "Theirs"}, **outsider_auth).json()
    response = post(client, GENERATE, {"prompt": "a circle", "options": {"project": other["id"]}}, **auth)
    assert_error(response, 400, "invalid_project", "No project")


def test_it_rejects_bad_render_requests(client, auth):
    assert_error(post(client, "/api/v1/render", {"code": ""}, **auth), 400, "empty_code")
    assert_error(post(client, "/api/v1/render", {"prompt": "x"}, **auth), 400, "unknown_field")
    assert_error(post(client, "/api/v1/render", {"code": "x", "options": {"scene": "no such"}}, **auth),
                 400, "invalid_scene")
    assert not Animation.objects.exists()


def test_it_answers_a_task_id_that_is_not_a_uuid_with_400(client, auth):
    for url in ("/api/v1/status/not-a-uuid", "/status/123", "/videos/abc/animation.mp4"):
        assert_error(client.get(url, **auth), 400, "invalid_task_id", "not a task id")


def test_it_hides_another_tenants_task_behind_404(client, auth, outsider_auth):
    task_id = post(client, GENERATE, {"prompt": "a circle"}, **auth).json()["task_id"]
    for url in (f"/api/v1/status/{task_id}", f"/status/{task_id}", f"/videos/{task_id}/animation.mp4"):
        assert_error(client.get(url, **outsider_auth), 404, "not_found")
        assert client.get(url, **auth).status_code in (200, 409)
    assert_error(post(client, f"/api/v1/tasks/{task_id}/cancel", {}, **outsider_auth), 404, "not_found")
    assert client.get("/api/v1/animations", **outsider_auth).json()["results"] == []
    assert_error(client.get(f"/api/v1/status/{uuid.uuid4()}", **auth), 404, "not_found")


def test_it_accepts_a_job_and_shows_it_pending(client, auth):
    response = post(client, GENERATE, {"prompt": "Plot y = x^2", "options": {"quality": "medium",
                                                                             "format": "gif"}}, **auth)
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "pending"
    uuid.UUID(body["task_id"])
    status = client.get(f"/api/v1/status/{body['task_id']}", **auth).json()
    assert status == {**status, "task_id": body["task_id"], "status": "pending", "code": None,
                      "video_url": None, "error": None}
    assert status["options"] == {"quality": "medium", "format": "gif"}
    listed = client.get("/api/v1/animations", **auth).json()
    assert [a["task_id"] for a in listed["results"]] == [body["task_id"]]


def test_it_cancels_a_pending_job_once(client, auth):
    task_id = post(client, GENERATE, {"prompt": "a circle"}, **auth).json()["task_id"]
    canceled = post(client, f"/api/v1/tasks/{task_id}/cancel", {}, **auth)
    assert canceled.status_code == 200 and canceled.json()["status"] == "canceled"
    assert_error(post(client, f"/api/v1/tasks/{task_id}/cancel", {}, **auth), 409, "already_finished")


def test_it_files_a_job_under_a_project(client, auth):
    project = post(client, "/api/v1/projects", {"name": "Calculus 101"}, **auth).json()
    assert_error(post(client, "/api/v1/projects", {"name": "Calculus 101"}, **auth), 400, "duplicate_project")
    task_id = post(client, GENERATE, {"prompt": "a circle", "options": {"project": project["id"]}},
                   **auth).json()["task_id"]
    assert Animation.objects.get(pk=task_id).project == Project.objects.get(pk=project["id"])
    listed = client.get(f"/api/v1/animations?project={project['id']}", **auth).json()["results"]
    assert [a["task_id"] for a in listed] == [task_id]


def test_it_ends_a_stuck_job_instead_of_leaving_it_rendering(client, auth, settings):
    from datetime import timedelta

    from django.utils import timezone

    task_id = post(client, GENERATE, {"prompt": "a circle"}, **auth).json()["task_id"]
    long_ago = timezone.now() - timedelta(days=1)
    Animation.objects.filter(pk=task_id).update(status="rendering", updated_at=long_ago)
    status = client.get(f"/api/v1/status/{task_id}", **auth).json()
    assert status["status"] == "failed"
    assert "stopped responding" in status["error"]


def test_it_serves_the_openapi_schema_and_docs(client, db):
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/generate" in " ".join(paths) or any("generate" in p for p in paths)
    assert client.get("/api/docs/").status_code == 200


def test_it_reports_health_of_database_and_broker(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"
    assert response.json()["checks"]["broker"].startswith("ok")


def test_it_answers_unknown_api_paths_with_json_404(client, db):
    assert_error(client.get("/api/v1/nothing-here"), 404, "not_found")


def test_it_lists_the_offline_templates_with_examples_and_parameters(client, auth):
    from generation.library import TEMPLATES, match_prompt

    items = client.get("/api/v1/templates", **auth).json()["results"]
    assert len(items) == len(TEMPLATES) >= 24
    plot = next(t for t in items if t["slug"] == "function-plot")
    assert plot["params"] and all({"name", "kind", "label", "default"} <= set(p) for p in plot["params"])
    assert all(match_prompt(t["examples"][0]).template.slug == t["slug"] for t in items)
    calculus = client.get("/api/v1/templates?subject=calculus", **auth).json()["results"]
    assert calculus and {t["subject"] for t in calculus} == {"calculus"}
