"""Test data builders: real rows through the real managers."""

from __future__ import annotations

import itertools

from accounts.models import ApiKey, Organization, User

_counter = itertools.count(1)


def make_user(email: str | None = None, password: str = "correct horse battery staple") -> User:
    email = email or f"user{next(_counter)}@example.com"
    return User.objects.create_user(email=email, password=password)


def make_key(user: User | None = None, organization: Organization | None = None) -> tuple[ApiKey, str]:
    user = user or make_user()
    organization = organization or user.personal_organization
    return ApiKey.objects.issue(organization, name="test", created_by=user)
