"""Talking to Stripe: checkout and portal sessions out, webhook events in.

Handlers never trust the order events arrive in: each one re-reads the
subscription from Stripe's API and applies its *current* state, so a late
``customer.subscription.updated (active)`` cannot resurrect a subscription
that has since been canceled.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import stripe
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import Organization

from .educators import is_educator
from .models import FREE, Plan, StripeEvent, Subscription, grace_period

log = logging.getLogger(__name__)


class BillingUnavailable(Exception):
    """Billing is disabled (no Stripe keys) or the request cannot be served by Stripe."""


def billing_enabled() -> bool:
    return bool(getattr(settings, "STRIPE_SECRET_KEY", ""))


def _api_key() -> str:
    key = getattr(settings, "STRIPE_SECRET_KEY", "")
    if not key:
        raise BillingUnavailable("Billing is disabled on this server.")
    return key


def _timestamp(value: Any) -> datetime | None:
    return datetime.fromtimestamp(int(value), tz=UTC) if value else None


def _plain(obj: Any) -> dict:
    """A StripeObject as a plain dict (it is not a dict subclass and has no .get)."""
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


def _id(value: Any) -> str:
    """Stripe fields are an id or, when expanded, the object itself."""
    if isinstance(value, dict):
        return value.get("id", "")
    return value or ""


# --- Outgoing: checkout and portal --------------------------------------------------------------


def is_educator_eligible(subscription: Subscription) -> bool:
    return is_educator(subscription.organization, approved=subscription.educator_approved)


def checkout_plan(subscription: Subscription, slug: str) -> tuple[Plan, str]:
    """The plan a checkout for ``slug`` sells and the coupon to apply (educators pay the educator price)."""
    plan = Plan.objects.filter(slug=slug, is_public=True).exclude(slug=FREE).first()
    if plan is None:
        raise BillingUnavailable("There is no such plan to upgrade to.")
    if slug in (Plan.Slug.PRO, Plan.Slug.EDUCATOR):
        if is_educator_eligible(subscription):
            plan = Plan.objects.filter(slug=Plan.Slug.EDUCATOR).first() or plan
        elif slug == Plan.Slug.EDUCATOR:
            raise BillingUnavailable(
                "The educator plan needs a verified email on a school or university domain, "
                "or approval by our team."
            )
    price = plan.stripe_price_id
    if not price and plan.slug == Plan.Slug.EDUCATOR:
        # The educator plan is Pro at a discount: the same price with a coupon.
        price = (
            Plan.objects.filter(slug=Plan.Slug.PRO)
            .values_list("stripe_price_id", flat=True)
            .first()
            or ""
        )
    if not price:
        raise BillingUnavailable(f"The {plan.name} plan has no Stripe price configured yet.")
    return plan, price


def ensure_customer(subscription: Subscription, email: str) -> str:
    if subscription.stripe_customer_id:
        return subscription.stripe_customer_id
    organization = subscription.organization
    customer = stripe.Customer.create(
        api_key=_api_key(),
        email=email,
        name=organization.name,
        metadata={"organization_id": str(organization.pk)},
    )
    subscription.stripe_customer_id = customer["id"]
    subscription.save(update_fields=["stripe_customer_id", "updated_at"])
    return customer["id"]


def create_checkout_session(subscription: Subscription, slug: str, *, email: str) -> str:
    """Start a Stripe Checkout for an upgrade; returns the URL to send the user to."""
    plan, price = checkout_plan(subscription, slug)
    customer = ensure_customer(subscription, email)
    organization_id = str(subscription.organization_id)
    metadata = {"organization_id": organization_id, "plan": plan.slug}
    params: dict[str, Any] = {
        "mode": "subscription",
        "customer": customer,
        "client_reference_id": organization_id,
        "line_items": [{"price": price, "quantity": 1}],
        "metadata": metadata,
        "subscription_data": {"metadata": metadata},
        "success_url": f"{settings.SITE_URL}/billing/success/?session_id={{CHECKOUT_SESSION_ID}}",
        "cancel_url": f"{settings.SITE_URL}/billing/",
    }
    if plan.stripe_coupon_id:
        params["discounts"] = [{"coupon": plan.stripe_coupon_id}]
    else:
        # Stripe refuses discounts and allow_promotion_codes together.
        params["allow_promotion_codes"] = True
    session = stripe.checkout.Session.create(api_key=_api_key(), **params)
    return session["url"]


def create_portal_session(subscription: Subscription) -> str:
    if not subscription.stripe_customer_id:
        raise BillingUnavailable("There is no paid subscription to manage yet.")
    session = stripe.billing_portal.Session.create(
        api_key=_api_key(),
        customer=subscription.stripe_customer_id,
        return_url=f"{settings.SITE_URL}/billing/",
    )
    return session["url"]


def complete_checkout(organization: Organization, session_id: str) -> bool:
    """On return from Checkout: re-read the session and, if it is this organization's, apply it.

    Returns False when the session belongs to someone else (the caller answers 404).
    The webhook does the same; whichever comes first wins and the other is a no-op.
    """
    session = _plain(stripe.checkout.Session.retrieve(session_id, api_key=_api_key()))
    if session.get("client_reference_id") != str(organization.pk):
        return False
    if session.get("status") == "complete" and session.get("subscription"):
        _link_checkout(organization, session)
    return True


# --- Incoming: applying Stripe's state -----------------------------------------------------


def plan_for_stripe_subscription(data: dict) -> Plan:
    """Which plan a Stripe subscription pays for: its price decides; our metadata breaks ties.

    Educator shares Pro's price, so metadata tells them apart; a change made in
    the Customer Portal (say Pro → Enterprise) changes the price, so the price wins.
    """
    items = (data.get("items") or {}).get("data") or []
    price = _id(items[0].get("price")) if items else ""
    wanted = (data.get("metadata") or {}).get("plan", "")
    candidates = list(Plan.objects.filter(stripe_price_id=price)) if price else []
    if wanted == Plan.Slug.EDUCATOR and any(p.slug == Plan.Slug.PRO for p in candidates):
        educator = Plan.objects.filter(slug=Plan.Slug.EDUCATOR).first()
        if educator and not educator.stripe_price_id:
            candidates.append(educator)
    for plan in candidates:
        if plan.slug == wanted:
            return plan
    if candidates:
        return sorted(candidates, key=lambda p: p.slug == Plan.Slug.EDUCATOR)[0]
    raise ValueError(f"No plan has the Stripe price {price!r}; set it on a Plan in admin.")


def _period(data: dict) -> tuple[datetime | None, datetime | None]:
    # API versions from 2025-03 carry the period on the subscription item.
    start, end = data.get("current_period_start"), data.get("current_period_end")
    items = (data.get("items") or {}).get("data") or []
    if not start and items:
        start, end = items[0].get("current_period_start"), items[0].get("current_period_end")
    return _timestamp(start), _timestamp(end)


def apply_subscription(subscription: Subscription, data: dict) -> None:
    """Make our row match a subscription object freshly read from Stripe."""
    now = timezone.now()
    stripe_id = data["id"]
    status = data.get("status", "")
    if subscription.stripe_subscription_id and subscription.stripe_subscription_id != stripe_id:
        # An older subscription of this customer must not overwrite a newer live one.
        if (
            subscription.status
            not in (Subscription.Status.CANCELED, Subscription.Status.INCOMPLETE_EXPIRED)
            and subscription.plan.slug != FREE
        ):
            log.info(
                "Ignoring %s for %s: it has %s.",
                stripe_id,
                subscription.organization_id,
                subscription.stripe_subscription_id,
            )
            return
        if status not in Subscription.LIVE and status not in Subscription.OVERDUE:
            return
    subscription.stripe_subscription_id = stripe_id
    subscription.stripe_customer_id = _id(data.get("customer")) or subscription.stripe_customer_id
    subscription.status = (
        status if status in Subscription.Status.values else Subscription.Status.INCOMPLETE
    )
    subscription.current_period_start, subscription.current_period_end = _period(data)
    subscription.cancel_at_period_end = bool(data.get("cancel_at_period_end"))
    subscription.synced_at = now

    if status in Subscription.LIVE:
        subscription.plan = plan_for_stripe_subscription(data)
        subscription.grace_period_end = None
    elif status in Subscription.OVERDUE:
        if subscription.grace_period_end is None:
            subscription.grace_period_end = now + grace_period()
        if subscription.grace_period_end > now:
            subscription.plan = plan_for_stripe_subscription(data)
        else:
            subscription.plan = Plan.free()
    elif status == Subscription.Status.INCOMPLETE:
        pass  # the first payment has not gone through: keep whatever plan they had
    else:  # canceled, incomplete_expired, paused
        subscription.plan = Plan.free()
        subscription.grace_period_end = None
    subscription.save()


def sync_subscription(
    stripe_subscription_id: str, organization: Organization | None = None
) -> Subscription | None:
    """Re-read a subscription from Stripe and apply it to its organization's row."""
    data = _plain(stripe.Subscription.retrieve(stripe_subscription_id, api_key=_api_key()))
    with transaction.atomic():
        subscription = _find_subscription(data, organization)
        if subscription is None:
            log.warning("Stripe subscription %s matches no organization.", stripe_subscription_id)
            return None
        # Lock the row: two webhooks for one organization apply one after the other.
        subscription = (
            Subscription.objects.select_for_update().select_related("plan").get(pk=subscription.pk)
        )
        apply_subscription(subscription, data)
    return subscription


def _find_subscription(data: dict, organization: Organization | None) -> Subscription | None:
    if organization is not None:
        return Subscription.objects.for_organization(organization)
    found = Subscription.objects.filter(stripe_subscription_id=data["id"]).first()
    if found is None and data.get("customer"):
        found = Subscription.objects.filter(stripe_customer_id=_id(data["customer"])).first()
    if found is None:
        org_id = (data.get("metadata") or {}).get("organization_id")
        org = Organization.objects.filter(pk=org_id).first() if org_id else None
        found = Subscription.objects.for_organization(org) if org else None
    return found


def _link_checkout(organization: Organization, session: dict) -> None:
    subscription = Subscription.objects.for_organization(organization)
    customer = _id(session.get("customer"))
    if customer and subscription.stripe_customer_id != customer:
        subscription.stripe_customer_id = customer
        subscription.save(update_fields=["stripe_customer_id", "updated_at"])
    sync_subscription(_id(session["subscription"]), organization)


def on_checkout_completed(obj: dict) -> None:
    org_id = obj.get("client_reference_id") or (obj.get("metadata") or {}).get("organization_id")
    organization = Organization.objects.filter(pk=org_id).first() if org_id else None
    if organization is None:
        raise ValueError(f"Checkout session {obj.get('id')} names no known organization.")
    if obj.get("mode", "subscription") == "subscription" and obj.get("subscription"):
        _link_checkout(organization, obj)


def on_subscription_event(obj: dict) -> None:
    sync_subscription(obj["id"])


def on_invoice_event(obj: dict) -> None:
    # invoice.subscription before API 2025-03; parent.subscription_details.subscription after.
    subscription_id = _id(obj.get("subscription")) or _id(
        ((obj.get("parent") or {}).get("subscription_details") or {}).get("subscription")
    )
    if subscription_id:
        sync_subscription(subscription_id)


HANDLERS = {
    "checkout.session.completed": on_checkout_completed,
    "customer.subscription.created": on_subscription_event,
    "customer.subscription.updated": on_subscription_event,
    "customer.subscription.deleted": on_subscription_event,
    "customer.subscription.paused": on_subscription_event,
    "customer.subscription.resumed": on_subscription_event,
    "invoice.paid": on_invoice_event,
    "invoice.payment_failed": on_invoice_event,
    "invoice.payment_succeeded": on_invoice_event,
}


def process_event(payload: dict) -> tuple[StripeEvent, bool]:
    """Store a verified event once and handle it. Returns (event, handled_now).

    A repeated delivery of a processed event is a no-op. A failed one keeps its
    error on the row and re-raises so the webhook answers 500 and Stripe retries.
    """
    event, _ = StripeEvent.objects.get_or_create(
        stripe_id=payload["id"],
        defaults={
            "type": payload.get("type", ""),
            "payload": payload,
            "created": _timestamp(payload.get("created")),
        },
    )
    with transaction.atomic():
        # The lock makes two simultaneous deliveries of one event take turns.
        event = StripeEvent.objects.select_for_update().get(pk=event.pk)
        if event.processed_at is not None:
            return event, False
        handler = HANDLERS.get(event.type)
        try:
            with transaction.atomic():
                if handler is not None:
                    handler(payload["data"]["object"])
        except Exception as exc:
            event.error = f"{type(exc).__name__}: {exc}"[:4000]
            event.save(update_fields=["error"])
            failed = exc
        else:
            event.processed_at = timezone.now()
            event.error = ""
            event.save(update_fields=["processed_at", "error"])
            return event, True
    # Raised after the commit, so the row with its error is kept.
    raise failed
