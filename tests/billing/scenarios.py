"""Stripe scenarios shared by the billing tests: signed deliveries, subscribed organizations."""

from __future__ import annotations

import json

from accounts.models import Membership
from billing.models import Subscription
from tests.factories import make_user
from tests.fakes.stripe import FakeStripe, event, sign

WEBHOOK_SECRET = "whsec_test_0123456789abcdef"
PRICES = {"pro": "price_pro_monthly", "enterprise": "price_enterprise_monthly"}

__all__ = ["event", "post_event", "subscribe", "add_member", "PRICES", "WEBHOOK_SECRET"]


def post_event(client, payload: dict, *, secret: str = WEBHOOK_SECRET, header: str | None = None):
    body = json.dumps(payload)
    signature = sign(body, secret) if header is None else header
    extra = {"HTTP_STRIPE_SIGNATURE": signature} if signature else {}
    return client.post(
        "/billing/stripe/webhook/", data=body, content_type="application/json", **extra
    )


def subscribe(fake: FakeStripe, org, slug: str = "pro", status: str = "active") -> dict:
    """An organization that went through checkout: Stripe has a customer and a subscription."""
    subscription = Subscription.objects.for_organization(org)
    customer = fake._new_customer({"email": "x@example.com"})["id"]
    Subscription.objects.filter(pk=subscription.pk).update(stripe_customer_id=customer)
    return fake.create_subscription(
        customer,
        PRICES.get(slug, PRICES["pro"]),
        metadata={"organization_id": str(org.pk), "plan": slug},
        status=status,
    )


def add_member(org, role=Membership.Role.MEMBER):
    user = make_user()
    Membership.objects.create(organization=org, user=user, role=role)
    return user
