"""The billing page, checkout and portal redirects, and the Stripe webhook."""

from __future__ import annotations

import json
import logging

import stripe
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.models import Membership, Organization

from . import entitlements
from .models import FREE, Plan, Subscription
from .stripe_sync import (
    BillingUnavailable,
    billing_enabled,
    complete_checkout,
    create_checkout_session,
    create_portal_session,
    is_educator_eligible,
    process_event,
)

log = logging.getLogger(__name__)


def _organization_or_404(request: HttpRequest) -> Organization:
    organization = getattr(request, "organization", None)
    if organization is None:
        raise Http404("No organization.")
    return organization


def _can_manage(request: HttpRequest, organization: Organization) -> bool:
    return Membership.objects.filter(
        organization=organization,
        user=request.user,
        role__in=[Membership.Role.OWNER, Membership.Role.ADMIN],
    ).exists()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    organization = _organization_or_404(request)
    subscription = Subscription.objects.for_organization(organization)
    used = entitlements.usage(organization)
    subscription.refresh_from_db()  # usage() may just have ended a grace period
    limit = used["animations_limit"]
    percent = 0 if not limit else min(100, round(100 * used["animations_used"] / limit))
    educator = is_educator_eligible(subscription)
    upgrades = [
        plan
        for plan in Plan.objects.filter(is_public=True).exclude(slug=FREE)
        if plan.slug != subscription.plan.slug
        and (plan.slug != Plan.Slug.EDUCATOR or educator)
        and not (educator and plan.slug == Plan.Slug.PRO)
    ]
    return render(
        request,
        "billing/index.html",
        {
            "organization": organization,
            "subscription": subscription,
            "plan": subscription.plan,
            "usage": used,
            "percent": percent,
            "billing_enabled": billing_enabled(),
            "can_manage": _can_manage(request, organization),
            "educator_eligible": educator,
            "upgrades": upgrades if not subscription.is_paid else [],
            "plans": Plan.objects.filter(is_public=True),
        },
    )


def _managed_subscription(request: HttpRequest) -> Subscription:
    organization = _organization_or_404(request)
    if not _can_manage(request, organization):
        raise Http404("Only owners and admins manage billing.")
    return Subscription.objects.for_organization(organization)


@login_required
@require_POST
def checkout(request: HttpRequest, slug: str) -> HttpResponse:
    subscription = _managed_subscription(request)
    if not billing_enabled():
        messages.info(
            request, "Billing is disabled on this server; plans are assigned by an administrator."
        )
        return redirect("billing")
    if subscription.is_paid and subscription.status in Subscription.LIVE:
        messages.info(
            request, "You already have a subscription; change it from Manage subscription."
        )
        return redirect("billing")
    try:
        url = create_checkout_session(subscription, slug, email=request.user.email)
    except BillingUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("billing")
    except stripe.StripeError as exc:
        log.exception("Stripe checkout failed")
        messages.error(
            request,
            f"Stripe could not start the checkout: {exc.user_message or 'try again later'}.",
        )
        return redirect("billing")
    return HttpResponseRedirect(url)


@login_required
@require_POST
def portal(request: HttpRequest) -> HttpResponse:
    subscription = _managed_subscription(request)
    if not billing_enabled():
        messages.info(
            request, "Billing is disabled on this server; plans are assigned by an administrator."
        )
        return redirect("billing")
    try:
        url = create_portal_session(subscription)
    except BillingUnavailable as exc:
        messages.error(request, str(exc))
        return redirect("billing")
    except stripe.StripeError as exc:
        log.exception("Stripe portal failed")
        messages.error(
            request, f"Stripe could not open the portal: {exc.user_message or 'try again later'}."
        )
        return redirect("billing")
    return HttpResponseRedirect(url)


@login_required
def checkout_success(request: HttpRequest) -> HttpResponse:
    """Where Checkout sends the user back; applies the result at once rather than waiting for the webhook."""
    organization = _organization_or_404(request)
    session_id = request.GET.get("session_id", "")
    if not billing_enabled() or not session_id.startswith("cs_"):
        raise Http404("No such checkout.")
    try:
        mine = complete_checkout(organization, session_id)
    except stripe.InvalidRequestError:
        raise Http404("No such checkout.")
    if not mine:
        raise Http404("No such checkout.")  # another tenant's session: say nothing about it
    plan = Subscription.objects.for_organization(organization).plan
    messages.success(request, f"Thank you! You are now on the {plan.name} plan.")
    return redirect("billing")


@csrf_exempt
@require_POST
@transaction.non_atomic_requests
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    secret = getattr(settings, "STRIPE_WEBHOOK_SECRET", "")
    if not secret:
        return JsonResponse(
            {"error": "Stripe webhooks are not configured.", "code": "billing_disabled"}, status=400
        )
    payload = request.body.decode("utf-8", errors="replace")
    header = request.headers.get("Stripe-Signature", "")
    # Nothing is written before the signature checks out.
    try:
        stripe.WebhookSignature.verify_header(payload, header, secret, tolerance=300)
    except (stripe.SignatureVerificationError, ValueError, IndexError):
        return JsonResponse(
            {"error": "The Stripe signature is missing or invalid.", "code": "bad_signature"},
            status=400,
        )
    try:
        event = json.loads(payload)
        event["id"], event["type"]
    except (ValueError, KeyError, TypeError):
        return JsonResponse(
            {"error": "The body is not a Stripe event.", "code": "invalid_event"}, status=400
        )
    try:
        _, handled = process_event(event)
    except Exception:
        log.exception("Stripe event %s failed", event["id"])
        return JsonResponse(
            {
                "error": "The event could not be processed; it will be retried.",
                "code": "event_failed",
            },
            status=500,
        )
    return JsonResponse({"received": True, "duplicate": not handled})
