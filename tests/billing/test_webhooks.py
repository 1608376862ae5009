"""POST /billing/stripe/webhook/: signed for real, stored once, order-proof."""

from __future__ import annotations

import json
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from billing.entitlements import entitlements_for
from billing.models import StripeEvent, Subscription
from tests.billing.scenarios import PRICES, WEBHOOK_SECRET, event, post_event, subscribe
from tests.fakes.stripe import sign

pytestmark = pytest.mark.django_db


def state(org) -> tuple[str, str]:
    subscription = Subscription.objects.select_related("plan").get(organization=org)
    return subscription.plan.slug, subscription.status


def test_it_accepts_a_correctly_signed_event(client, fake_stripe, org):
    sub = subscribe(fake_stripe, org)
    response = post_event(client, event("customer.subscription.created", sub))
    assert response.status_code == 200 and response.json() == {"received": True, "duplicate": False}
    assert state(org) == ("pro", "active")
    assert entitlements_for(org).max_quality == "high"
    stored = StripeEvent.objects.get()
    assert (
        stored.type == "customer.subscription.created" and stored.processed_at and not stored.error
    )


def test_it_rejects_a_tampered_payload_before_writing_anything(client, fake_stripe, org):
    sub = subscribe(fake_stripe, org)
    body = json.dumps(event("customer.subscription.created", sub))
    header = sign(body, WEBHOOK_SECRET)
    tampered = body.replace('"status": "active"', '"status": "trialing"')
    response = client.post(
        "/billing/stripe/webhook/",
        data=tampered,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )
    assert response.status_code == 400 and response.json()["code"] == "bad_signature"
    assert StripeEvent.objects.count() == 0 and state(org) == ("free", "active")
    assert fake_stripe.requests_to(f"/v1/subscriptions/{sub['id']}") == []


@pytest.mark.parametrize("header", ["", "t=123", "garbage", "t=abc,v1=00"])
def test_it_rejects_a_missing_or_malformed_signature(client, fake_stripe, org, header):
    sub = subscribe(fake_stripe, org)
    body = json.dumps(event("customer.subscription.created", sub))
    extra = {"HTTP_STRIPE_SIGNATURE": header} if header else {}
    response = client.post(
        "/billing/stripe/webhook/", data=body, content_type="application/json", **extra
    )
    assert response.status_code == 400
    assert StripeEvent.objects.count() == 0 and state(org) == ("free", "active")


def test_it_rejects_a_signature_made_with_another_secret_or_too_long_ago(client, fake_stripe, org):
    payload = event("customer.subscription.created", subscribe(fake_stripe, org))
    assert post_event(client, payload, secret="whsec_someone_else").status_code == 400
    body = json.dumps(payload)
    stale = sign(body, WEBHOOK_SECRET, timestamp=int(time.time()) - 3600)
    assert post_event(client, payload, header=stale).status_code == 400
    assert StripeEvent.objects.count() == 0


def test_it_treats_a_repeated_delivery_as_done(client, fake_stripe, org):
    sub = subscribe(fake_stripe, org)
    payload = event("customer.subscription.created", sub)
    assert post_event(client, payload).json()["duplicate"] is False
    reads = len(fake_stripe.requests)
    again = post_event(client, payload)
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert StripeEvent.objects.count() == 1
    assert len(fake_stripe.requests) == reads  # nothing re-read, nothing re-applied


def test_it_never_lets_a_late_event_resurrect_a_canceled_subscription(client, fake_stripe, org):
    sub = subscribe(fake_stripe, org)
    created = int(time.time()) - 100
    activated = event("customer.subscription.updated", sub, created=created)
    fake_stripe.update_subscription(sub["id"], status="canceled")
    deleted = event(
        "customer.subscription.deleted", fake_stripe.subscriptions[sub["id"]], created=created + 50
    )

    assert post_event(client, deleted).status_code == 200
    assert state(org) == ("free", "canceled")
    # The older "active" event arrives last: Stripe's current word (canceled) still wins.
    assert post_event(client, activated).status_code == 200
    assert state(org) == ("free", "canceled")
    assert entitlements_for(org).watermark is True


def test_it_ignores_a_late_event_about_an_older_subscription(client, fake_stripe, org):
    old = subscribe(fake_stripe, org)
    fake_stripe.update_subscription(old["id"], status="canceled")
    new = fake_stripe.create_subscription(
        old["customer"], PRICES["enterprise"], metadata={"organization_id": str(org.pk)}
    )
    assert post_event(client, event("customer.subscription.created", new)).status_code == 200
    assert state(org) == ("enterprise", "active")
    assert post_event(client, event("customer.subscription.deleted", old)).status_code == 200
    assert state(org) == ("enterprise", "active")


def test_it_upgrades_on_checkout_completed(client, fake_stripe, org):
    sub = subscribe(fake_stripe, org, "enterprise")
    session = {
        "id": "cs_test_1",
        "object": "checkout.session",
        "mode": "subscription",
        "status": "complete",
        "client_reference_id": str(org.pk),
        "customer": sub["customer"],
        "subscription": sub["id"],
        "metadata": {"organization_id": str(org.pk), "plan": "enterprise"},
    }
    assert post_event(client, event("checkout.session.completed", session)).status_code == 200
    subscription = Subscription.objects.get(organization=org)
    assert (subscription.plan.slug, subscription.stripe_subscription_id) == (
        "enterprise",
        sub["id"],
    )
    assert subscription.current_period_end > timezone.now() + timedelta(days=25)
    assert entitlements_for(org).max_quality == "4k"


def test_it_follows_a_plan_change_made_in_the_portal(client, fake_stripe, org):
    sub = subscribe(fake_stripe, org, "pro")
    post_event(client, event("customer.subscription.created", sub))
    fake_stripe.update_subscription(sub["id"], price=PRICES["enterprise"])
    post_event(client, event("customer.subscription.updated", fake_stripe.subscriptions[sub["id"]]))
    assert state(org) == ("enterprise", "active")


def test_it_keeps_the_plan_through_the_grace_period_then_drops_to_free(
    client, fake_stripe, org, settings
):
    settings.BILLING_GRACE_PERIOD_DAYS = 7
    sub = subscribe(fake_stripe, org)
    post_event(client, event("customer.subscription.created", sub))
    fake_stripe.update_subscription(sub["id"], status="past_due")
    invoice = {
        "id": "in_1",
        "object": "invoice",
        "customer": sub["customer"],
        "status": "open",
        "parent": {
            "type": "subscription_details",
            "subscription_details": {"subscription": sub["id"]},
        },
    }
    assert post_event(client, event("invoice.payment_failed", invoice)).status_code == 200

    subscription = Subscription.objects.get(organization=org)
    assert subscription.status == "past_due" and subscription.plan.slug == "pro"
    assert (
        timedelta(days=6, hours=23)
        < subscription.grace_period_end - timezone.now()
        <= timedelta(days=7)
    )
    assert entitlements_for(org).plan == "pro"  # still within grace

    Subscription.objects.filter(pk=subscription.pk).update(
        grace_period_end=timezone.now() - timedelta(seconds=1)
    )
    assert entitlements_for(org).plan == "free"  # the lazy check enforces it on the next request
    assert state(org) == ("free", "past_due")


def test_it_downgrades_overdue_organizations_with_the_command(client, fake_stripe, org, capsys):
    sub = subscribe(fake_stripe, org, status="unpaid")
    post_event(client, event("customer.subscription.updated", sub))
    Subscription.objects.filter(organization=org).update(
        grace_period_end=timezone.now() - timedelta(hours=1)
    )
    call_command("enforce_grace_periods")
    assert "1 organization(s) moved to Free." in capsys.readouterr().out
    assert state(org) == ("free", "unpaid")


def test_it_restores_the_plan_when_the_invoice_is_paid_after_all(client, fake_stripe, org):
    sub = subscribe(fake_stripe, org, status="past_due")
    post_event(client, event("customer.subscription.updated", sub))
    Subscription.objects.filter(organization=org).update(
        grace_period_end=timezone.now() - timedelta(hours=1)
    )
    assert entitlements_for(org).plan == "free"
    fake_stripe.update_subscription(sub["id"], status="active")
    invoice = {
        "id": "in_2",
        "object": "invoice",
        "customer": sub["customer"],
        "subscription": sub["id"],
    }
    post_event(client, event("invoice.paid", invoice))
    subscription = Subscription.objects.get(organization=org)
    assert (subscription.plan.slug, subscription.status, subscription.grace_period_end) == (
        "pro",
        "active",
        None,
    )


def test_it_answers_a_late_payment_failure_with_the_current_state(client, fake_stripe, org):
    sub = subscribe(fake_stripe, org)  # the retry already succeeded: Stripe says active
    invoice = {
        "id": "in_3",
        "object": "invoice",
        "customer": sub["customer"],
        "subscription": sub["id"],
    }
    post_event(client, event("invoice.payment_failed", invoice))
    subscription = Subscription.objects.get(organization=org)
    assert (subscription.plan.slug, subscription.status, subscription.grace_period_end) == (
        "pro",
        "active",
        None,
    )


def test_it_keeps_an_unhandled_event_type_once(client, fake_stripe):
    response = post_event(client, event("customer.created", {"id": "cus_x", "object": "customer"}))
    assert response.status_code == 200
    assert StripeEvent.objects.get().processed_at is not None


def test_it_keeps_a_failed_event_with_its_error_and_handles_the_retry(client, fake_stripe, org):
    sub = subscribe(fake_stripe, org)
    payload = event("customer.subscription.updated", {**sub, "id": "sub_not_created_yet"})
    response = post_event(client, payload)
    assert response.status_code == 500 and response.json()["code"] == "event_failed"
    stored = StripeEvent.objects.get()
    assert stored.processed_at is None and "No such subscription" in stored.error

    fake_stripe.subscriptions["sub_not_created_yet"] = {**sub, "id": "sub_not_created_yet"}
    assert post_event(client, payload).status_code == 200  # Stripe's retry
    stored.refresh_from_db()
    assert stored.processed_at and not stored.error and state(org) == ("pro", "active")


def test_it_refuses_webhooks_when_billing_is_disabled(client, db, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""
    response = post_event(client, event("customer.created", {"id": "cus_x"}))
    assert response.status_code == 400 and response.json()["code"] == "billing_disabled"
    assert StripeEvent.objects.count() == 0


def test_it_needs_no_csrf_token(fake_stripe, org):
    from django.test import Client

    sub = subscribe(fake_stripe, org)
    assert (
        post_event(
            Client(enforce_csrf_checks=True), event("customer.subscription.created", sub)
        ).status_code
        == 200
    )
