"""What an organization may do, and its monthly quota. The only billing module other apps call.

Typical use from generation (inside the transaction that creates the Animation):

    check_options(org, options, via_api=True)            # 402 when the plan forbids it
    with transaction.atomic():
        reserve_generation(org, active_jobs=lambda: Animation.objects.filter(
            organization=org, status__in=Animation.ACTIVE).count())   # 429 when used up / too many running
        animation = Animation.objects.submit(...)
    ...
    release_generation(org, reserved_at=animation.created_at)  # only when the failure is ours
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F

from accounts.models import Organization

from .models import FREE, QUALITY_ORDER, Plan, Subscription, Usage

QUALITY_LABELS = {"low": "480p", "medium": "720p", "high": "1080p", "4k": "4K"}


@dataclass(frozen=True)
class Entitlements:
    plan: str
    max_quality: str
    watermark: bool
    queue: str  # "standard" | "priority" | "highest"
    api_access: bool
    requests_per_minute: int
    concurrent_jobs: int
    monthly_quota: int | None  # None = unlimited
    max_video_seconds: int
    formats: tuple[str, ...]
    seats: int = 1

    def allows_quality(self, quality: str) -> bool:
        return quality in QUALITY_ORDER and QUALITY_ORDER.index(quality) <= QUALITY_ORDER.index(
            self.max_quality
        )

    @classmethod
    def of(cls, plan: Plan) -> Entitlements:
        return cls(
            plan=plan.slug,
            max_quality=plan.max_quality,
            watermark=plan.watermark,
            queue=plan.queue,
            api_access=plan.api_access,
            requests_per_minute=plan.requests_per_minute,
            concurrent_jobs=plan.concurrent_jobs,
            monthly_quota=plan.monthly_quota,
            max_video_seconds=plan.max_video_seconds,
            formats=plan.format_list,
            seats=plan.seats,
        )


class EntitlementError(Exception):
    """The plan does not allow this (402) or a limit is used up right now (429).

    Generation turns it into ``ApiError(exc.message, exc.code, exc.http_status)``.
    """

    def __init__(self, message: str, code: str, http_status: int = 402):
        super().__init__(message)
        self.message = message
        self.code = code
        self.http_status = http_status


def _subscription(organization: Organization) -> Subscription:
    subscription = Subscription.objects.for_organization(organization)
    # The lazy half of grace-period enforcement (the other is `manage.py enforce_grace_periods`).
    subscription.enforce_grace_period()
    return subscription


def entitlements_for(organization: Organization) -> Entitlements:
    return Entitlements.of(_subscription(organization).plan)


def _upgrade_hint(ent: Entitlements) -> str:
    return " Upgrade your plan at /billing/." if ent.plan in (FREE, "pro", "educator") else ""


def check_options(organization: Organization, options: dict[str, Any], *, via_api: bool) -> None:
    """Raise EntitlementError (402) when the plan does not cover these render options or the API."""
    ent = entitlements_for(organization)
    if via_api and not ent.api_access:
        raise EntitlementError(
            f"The {ent.plan} plan does not include API access." + _upgrade_hint(ent),
            "api_not_in_plan",
            402,
        )
    quality = options.get("quality", "low")
    if not ent.allows_quality(quality):
        raise EntitlementError(
            f"{QUALITY_LABELS.get(quality, quality)} quality is not included in the {ent.plan} plan "
            f"(up to {QUALITY_LABELS[ent.max_quality]}, quality {ent.max_quality!r})."
            + _upgrade_hint(ent),
            "quality_not_in_plan",
            402,
        )
    fmt = options.get("format", "mp4")
    if fmt not in ent.formats:
        raise EntitlementError(
            f"The {fmt} format is not included in the {ent.plan} plan (allowed: {', '.join(ent.formats)})."
            + _upgrade_hint(ent),
            "format_not_in_plan",
            402,
        )


def reserve_generation(
    organization: Organization, *, active_jobs: Callable[[], int] | None = None
) -> None:
    """Count one animation against this period's quota, or raise EntitlementError (429).

    Exact under concurrency: the period's counter row is locked (SELECT … FOR
    UPDATE) and incremented with a conditional UPDATE, so N requests racing for
    the last unit produce exactly one success.

    ``active_jobs`` (optional) returns how many of the organization's jobs are
    running. It is called while the counter row is locked, so when the caller
    reserves inside the same transaction that creates the job, concurrent
    requests are serialized per organization and the concurrent-jobs limit is
    exact too.
    """
    subscription = _subscription(organization)
    ent = Entitlements.of(subscription.plan)
    start, end = subscription.current_period()
    Usage.objects.for_period(organization, start, end)
    with transaction.atomic():
        usage = Usage.objects.select_for_update().get(organization=organization, period_start=start)
        if active_jobs is not None and active_jobs() >= ent.concurrent_jobs:
            raise EntitlementError(
                f"You already have {ent.concurrent_jobs} animation{'s' if ent.concurrent_jobs != 1 else ''} "
                f"in progress, the most the {ent.plan} plan runs at once; wait for one to finish.",
                "concurrency_limit",
                429,
            )
        counter = Usage.objects.filter(pk=usage.pk)
        if ent.monthly_quota is not None:
            counter = counter.filter(used__lt=ent.monthly_quota)
        if not counter.update(used=F("used") + 1):
            raise EntitlementError(
                f"You have used all {ent.monthly_quota} animations of the {ent.plan} plan for this period; "
                f"it renews on {end:%Y-%m-%d}." + _upgrade_hint(ent),
                "quota_exceeded",
                429,
            )


def release_generation(organization: Organization, *, reserved_at: datetime | None = None) -> None:
    """Give back a reservation when the job failed for a reason that is ours (not the user's code).

    Pass ``reserved_at`` (the job's created_at) so a job that straddles the end
    of a period is given back to the period that paid for it.
    """
    subscription = Subscription.objects.for_organization(organization)
    start, _ = subscription.current_period(reserved_at)
    usage = Usage.objects.filter(organization=organization, period_start=start).first()
    if usage is not None:
        usage.release()


def usage(organization: Organization) -> dict[str, Any]:
    subscription = _subscription(organization)
    ent = Entitlements.of(subscription.plan)
    start, end = subscription.current_period()
    row = Usage.objects.filter(organization=organization, period_start=start).first()
    used = row.used if row else 0
    return {
        "plan": ent.plan,
        "period_start": start,
        "period_end": end,
        "animations_used": used,
        "animations_limit": ent.monthly_quota,
        "remaining": None if ent.monthly_quota is None else max(ent.monthly_quota - used, 0),
        "requests_per_minute": ent.requests_per_minute,
        "concurrent_jobs": ent.concurrent_jobs,
        "max_quality": ent.max_quality,
        "watermark": ent.watermark,
    }


def check_rate_limit(request, organization: Organization) -> None:
    """Per-organization requests-per-minute for API calls (django-ratelimit on the shared cache).

    Raises EntitlementError(429, "rate_limited"). ``request`` may be a Django or DRF request.
    """
    from django_ratelimit.core import is_ratelimited

    ent = entitlements_for(organization)
    if not ent.requests_per_minute:
        return
    django_request = getattr(request, "_request", request)
    if is_ratelimited(
        django_request,
        group="eigenframe-api",
        key=lambda group, req: str(organization.pk),
        rate=f"{ent.requests_per_minute}/m",
        increment=True,
    ):
        raise EntitlementError(
            f"Too many requests: the {ent.plan} plan allows {ent.requests_per_minute} API requests a minute.",
            "rate_limited",
            429,
        )
