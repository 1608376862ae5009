"""The browser side: signup gives a personal organization, the studio queues jobs, keys are shown once."""

from __future__ import annotations

import re

import pytest

from accounts.models import ApiKey, Membership, Organization, User
from generation.models import Animation
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def test_it_signs_up_with_email_and_creates_a_personal_organization(client):
    response = client.post("/accounts/signup/", {"email": "Ada@Example.com", "password1": PASSWORD,
                                                 "password2": PASSWORD})
    assert response.status_code == 302, response.content[:2000]
    user = User.objects.get(email__iexact="ada@example.com")
    org = Organization.objects.get(personal_owner=user)
    assert Membership.objects.get(user=user, organization=org).role == "owner"
    assert client.get("/studio/").status_code == 200


def test_it_logs_in_with_email(client):
    make_user("grace@example.com", password=PASSWORD)
    response = client.post("/accounts/login/", {"login": "grace@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/studio/").status_code == 200


def test_it_sends_anonymous_visitors_to_login(client):
    response = client.get("/studio/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/").status_code == 200


def test_it_queues_a_prompt_from_the_studio_and_shows_its_page(client):
    user = make_user(password=PASSWORD)
    client.force_login(user)
    response = client.post("/studio/", {"prompt": "Plot y = sin(x)", "quality": "low", "format": "mp4"})
    animation = Animation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/studio/{animation.id}/"
    assert animation.organization == user.personal_organization and animation.created_by == user
    page = client.get(f"/studio/{animation.id}/")
    assert b"Plot y = sin(x)" in page.content and b"pending" in page.content
    # Session auth works on the JSON status endpoint the page polls.
    assert client.get(f"/api/v1/status/{animation.id}").json()["status"] == "pending"


def test_it_explains_a_bad_studio_form(client):
    client.force_login(make_user())
    response = client.post("/studio/", {"prompt": "", "quality": "low", "format": "mp4"})
    assert response.status_code == 400 and b"Describe the animation" in response.content
    response = client.post("/studio/", {"prompt": "a circle", "quality": "ultra", "format": "mp4"})
    assert response.status_code == 400 and b"quality must be one of" in response.content
    assert not Animation.objects.exists()


def test_it_hides_another_tenants_animation_page(client):
    owner = make_user()
    client.force_login(owner)
    client.post("/studio/", {"prompt": "a secret octagon of Ada", "quality": "low", "format": "mp4"})
    animation = Animation.objects.get()
    client.force_login(make_user())
    assert client.get(f"/studio/{animation.id}/").status_code == 404
    assert client.get(f"/api/v1/status/{animation.id}").status_code == 404
    assert b"a secret octagon of Ada" not in client.get("/studio/").content


def test_it_shows_a_new_api_key_once_and_revokes_it(client):
    user = make_user()
    client.force_login(user)
    page = client.post("/studio/keys/", {"name": "laptop"})
    raw = re.search(rb'<pre id="new-key">(ef_live_[^<]+)</pre>', page.content).group(1).decode()
    key = ApiKey.objects.get(name="laptop")
    assert key.key_hash != raw and raw.endswith(key.last_four)
    assert raw.encode() not in client.get("/studio/keys/").content  # shown once
    assert client.get("/api/v1/animations", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200

    client.force_login(make_user())  # an outsider cannot revoke it
    assert client.post(f"/studio/keys/{key.id}/revoke/").status_code == 404
    client.force_login(user)
    client.post(f"/studio/keys/{key.id}/revoke/")
    denied = client.get("/api/v1/animations", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert denied.status_code == 401 and denied.json()["code"] == "revoked_api_key"


def test_it_shows_the_offline_catalogue_with_example_prompts(client):
    from django.utils.html import escape

    from generation.library import TEMPLATES

    client.force_login(make_user())
    page = client.get("/studio/").content.decode()
    assert "What the offline generator can animate" in page
    for template in TEMPLATES.values():
        assert escape(template.title) in page
