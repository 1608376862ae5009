from __future__ import annotations

from collections.abc import Iterator

import pytest
import stripe

from billing.models import Plan
from tests.billing.scenarios import PRICES, WEBHOOK_SECRET
from tests.factories import make_user
from tests.fakes.stripe import FakeStripe


@pytest.fixture(autouse=True)
def _billing_settings(settings):
    # Billing disabled unless a test asks for the fake Stripe; a fast hasher for the many users made.
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = (
        settings.STRIPE_WEBHOOK_SECRET
    ) = ""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fake_stripe(settings, monkeypatch, db) -> Iterator[FakeStripe]:
    """Billing enabled, with the real stripe library talking to a loopback fake of Stripe's API."""
    with FakeStripe() as fake:
        monkeypatch.setattr(stripe, "api_base", fake.url)
        settings.STRIPE_SECRET_KEY = fake.api_key
        settings.STRIPE_PUBLISHABLE_KEY = "pk_test_fake"
        settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
        settings.SITE_URL = "https://eigenframe.test"
        Plan.objects.seed()  # a transactional test elsewhere may have flushed the seeded rows
        for slug, price in PRICES.items():
            Plan.objects.filter(slug=slug).update(stripe_price_id=price)
        yield fake


@pytest.fixture
def owner(db):
    return make_user()


@pytest.fixture
def org(owner):
    return owner.personal_organization


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client
