"""Every plan limit, seen through billing.entitlements (the module other apps call)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from billing import entitlements
from billing.entitlements import (
    EntitlementError,
    check_options,
    entitlements_for,
    reserve_generation,
)
from billing.models import Plan, Subscription, Usage, monthly_period
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def on_plan(org, slug: str):
    Subscription.objects.for_organization(org).assign_plan(Plan.objects.get(slug=slug))
    return org


def refused(fn, *args, **kwargs) -> EntitlementError:
    with pytest.raises(EntitlementError) as info:
        fn(*args, **kwargs)
    return info.value


def test_it_starts_every_organization_on_free(org):
    ent = entitlements_for(org)
    assert (ent.plan, ent.monthly_quota, ent.max_quality, ent.watermark, ent.queue) == (
        "free",
        10,
        "medium",
        True,
        "standard",
    )
    assert ent.formats == ("mp4", "gif")
    assert (
        ent.api_access,
        ent.requests_per_minute,
        ent.concurrent_jobs,
        ent.max_video_seconds,
    ) == (True, 10, 1, 30)
    assert Subscription.objects.get(organization=org).plan.slug == "free"


@pytest.mark.parametrize(
    "slug, quota, quality, watermark, queue, seats",
    [
        ("free", 10, "medium", True, "standard", 1),
        ("pro", 200, "high", False, "priority", 1),
        ("educator", 200, "high", False, "priority", 1),
        ("enterprise", 2000, "4k", False, "highest", 10),
    ],
)
def test_it_gives_each_plan_its_limits(org, slug, quota, quality, watermark, queue, seats):
    ent = entitlements_for(on_plan(org, slug))
    assert (ent.plan, ent.monthly_quota, ent.max_quality, ent.watermark, ent.queue, ent.seats) == (
        slug,
        quota,
        quality,
        watermark,
        queue,
        seats,
    )


@pytest.mark.parametrize(
    "slug, allowed, refused_quality",
    [
        ("free", ["low", "medium"], "high"),
        ("pro", ["low", "medium", "high"], "4k"),
        ("educator", ["low", "medium", "high"], "4k"),
        ("enterprise", ["low", "medium", "high", "4k"], None),
    ],
)
def test_it_caps_quality_by_plan(org, slug, allowed, refused_quality):
    on_plan(org, slug)
    for quality in allowed:
        check_options(org, {"quality": quality, "format": "mp4"}, via_api=False)
    if refused_quality:
        error = refused(check_options, org, {"quality": refused_quality}, via_api=False)
        assert (error.code, error.http_status) == ("quality_not_in_plan", 402)
        assert slug in error.message and "/billing/" in error.message


def test_it_limits_formats_on_free_and_allows_all_on_pro(org):
    error = refused(check_options, org, {"quality": "low", "format": "webm"}, via_api=True)
    assert (error.code, error.http_status) == ("format_not_in_plan", 402)
    assert "mp4, gif" in error.message
    on_plan(org, "pro")
    for fmt in ("mp4", "gif", "webm"):
        check_options(org, {"format": fmt}, via_api=True)


def test_it_refuses_the_api_when_the_plan_has_none(org):
    Plan.objects.filter(slug="free").update(api_access=False)
    error = refused(check_options, org, {}, via_api=True)
    assert (error.code, error.http_status) == ("api_not_in_plan", 402)
    check_options(org, {}, via_api=False)  # the web studio still works


def test_it_counts_the_quota_and_refuses_past_it(org):
    for _ in range(10):
        reserve_generation(org)
    error = refused(reserve_generation, org)
    assert (error.code, error.http_status) == ("quota_exceeded", 429)
    assert "10 animations" in error.message
    report = entitlements.usage(org)
    assert (report["animations_used"], report["animations_limit"], report["remaining"]) == (
        10,
        10,
        0,
    )
    assert (
        report["plan"] == "free"
        and report["watermark"] is True
        and report["max_quality"] == "medium"
    )
    assert report["period_start"] <= timezone.now() < report["period_end"]


def test_it_gives_back_a_released_generation(org):
    for _ in range(10):
        reserve_generation(org)
    entitlements.release_generation(org, reserved_at=timezone.now())
    assert entitlements.usage(org)["remaining"] == 1
    reserve_generation(org)
    refused(reserve_generation, org)


def test_it_never_releases_below_zero(org):
    entitlements.release_generation(org)
    reserve_generation(org)
    entitlements.release_generation(org)
    entitlements.release_generation(org)
    assert entitlements.usage(org)["animations_used"] == 0


def test_it_treats_an_empty_quota_as_unlimited(org):
    Plan.objects.filter(slug="enterprise").update(monthly_quota=None)
    on_plan(org, "enterprise")
    for _ in range(25):
        reserve_generation(org)
    report = entitlements.usage(org)
    assert (report["animations_used"], report["animations_limit"], report["remaining"]) == (
        25,
        None,
        None,
    )


def test_it_takes_plan_edits_from_admin_at_once(org):
    Plan.objects.filter(slug="free").update(monthly_quota=2, max_quality="low")
    reserve_generation(org)
    reserve_generation(org)
    refused(reserve_generation, org)
    assert (
        refused(check_options, org, {"quality": "medium"}, via_api=False).code
        == "quality_not_in_plan"
    )


def test_it_limits_concurrent_jobs(org):
    reserve_generation(org, active_jobs=lambda: 0)
    error = refused(reserve_generation, org, active_jobs=lambda: 1)
    assert (error.code, error.http_status) == ("concurrency_limit", 429)
    on_plan(org, "pro")
    reserve_generation(org, active_jobs=lambda: 2)
    assert refused(reserve_generation, org, active_jobs=lambda: 3).code == "concurrency_limit"
    # A refusal for concurrency does not use up quota.
    assert entitlements.usage(org)["animations_used"] == 2


def test_it_starts_fresh_each_calendar_month_on_free(org):
    now = timezone.now()
    last_start, last_end = monthly_period(
        datetime(2000, 1, 1, tzinfo=UTC), now - timedelta(days=40)
    )
    Usage.objects.create(organization=org, period_start=last_start, period_end=last_end, used=10)
    reserve_generation(org)
    assert entitlements.usage(org)["animations_used"] == 1


def test_it_counts_a_paid_plan_in_its_stripe_period(org):
    start = timezone.now() - timedelta(days=3)
    on_plan(org, "pro")
    Subscription.objects.filter(organization=org).update(
        current_period_start=start,
        current_period_end=start + timedelta(days=30),
        stripe_subscription_id="sub_1",
    )
    reserve_generation(org)
    report = entitlements.usage(org)
    assert report["period_start"] == start and report["animations_used"] == 1


def test_it_keeps_months_anchored_on_the_31st():
    anchor = datetime(2025, 1, 31, 12, tzinfo=UTC)
    assert monthly_period(anchor, datetime(2025, 3, 5, tzinfo=UTC)) == (
        datetime(2025, 2, 28, 12, tzinfo=UTC),
        datetime(2025, 3, 31, 12, tzinfo=UTC),
    )
    assert monthly_period(anchor, datetime(2025, 4, 1, tzinfo=UTC))[0] == datetime(
        2025, 3, 31, 12, tzinfo=UTC
    )


def test_it_keeps_one_organizations_usage_from_another(org):
    other = make_user().personal_organization
    for _ in range(10):
        reserve_generation(org)
    reserve_generation(other)
    assert entitlements.usage(other)["animations_used"] == 1


def test_it_rate_limits_api_requests_per_organization(org):
    Plan.objects.filter(slug="free").update(requests_per_minute=3)
    request = RequestFactory().post("/api/v1/generate")
    for _ in range(3):
        entitlements.check_rate_limit(request, org)
    error = refused(entitlements.check_rate_limit, request, org)
    assert (error.code, error.http_status) == ("rate_limited", 429)
    entitlements.check_rate_limit(request, make_user().personal_organization)  # a separate budget
