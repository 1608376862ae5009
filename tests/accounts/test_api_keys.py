from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.models import ApiKey
from tests.factories import make_key, make_user

pytestmark = pytest.mark.django_db


def test_it_stores_only_a_hash_and_the_last_four_characters():
    key, raw = make_key()
    assert raw.startswith("ef_live_") and len(raw) > 40
    stored = ApiKey.objects.get(pk=key.pk)
    assert raw not in (stored.key_hash, stored.name) and stored.last_four == raw[-4:]
    assert stored.display == f"ef_live_…{raw[-4:]}"


def test_it_records_last_use_at_most_every_few_minutes(client):
    key, raw = make_key()
    client.get("/api/v1/animations", HTTP_X_API_KEY=raw)
    first = ApiKey.objects.get(pk=key.pk).last_used_at
    assert first is not None
    client.get("/api/v1/animations", HTTP_X_API_KEY=raw)
    assert ApiKey.objects.get(pk=key.pk).last_used_at == first
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=first - timezone.timedelta(hours=1))
    client.get("/api/v1/animations", HTTP_X_API_KEY=raw)
    assert ApiKey.objects.get(pk=key.pk).last_used_at > first


def test_it_gives_every_user_exactly_one_personal_organization():
    user = make_user()
    assert user.personal_organization == user.personal_organization
    assert user.memberships.count() == 1 and user.memberships.get().role == "owner"


def test_a_key_belongs_to_its_organization_not_its_creator(client):
    user = make_user()
    key, raw = make_key(user)
    user.delete()
    # The organization (and so the key) outlives the person who created it.
    key.refresh_from_db()
    assert key.created_by is None
    assert client.get("/api/v1/animations", HTTP_X_API_KEY=raw).status_code == 200
