"""Plans (edited in admin), each organization's Subscription, usage per billing period, Stripe events.

The Subscription row holds the *effective* plan: whatever Stripe says (or an
admin assigned, when billing is disabled), already reduced to Free when a
subscription was canceled or its payment grace period ran out. Everything
else asks ``billing.entitlements`` and never reads these rows directly.
"""

from __future__ import annotations

import calendar
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import Organization

QUALITY_ORDER = ("low", "medium", "high", "4k")
ALL_FORMATS = ("mp4", "gif", "webm")
FREE = "free"
# Calendar months for organizations without a paid Stripe period.
CALENDAR_ANCHOR = datetime(2000, 1, 1, tzinfo=UTC)


def add_months(moment: datetime, months: int) -> datetime:
    """``moment`` shifted by whole months, the day clipped to the target month's length."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def monthly_period(anchor: datetime, now: datetime) -> tuple[datetime, datetime]:
    """The monthly period, counted from ``anchor``, that contains ``now``.

    Always computed from the anchor (never by stepping from the last period),
    so a period anchored on the 31st does not drift to the 28th forever.
    """
    months = (now.year - anchor.year) * 12 + now.month - anchor.month
    start = add_months(anchor, months)
    if start > now:
        months -= 1
        start = add_months(anchor, months)
    return start, add_months(anchor, months + 1)


# The plans a fresh database starts with (migration 0002); afterwards admins edit the rows.
DEFAULT_PLANS = [
    dict(
        slug="free",
        name="Free",
        sort_order=0,
        monthly_price=Decimal("0"),
        description="Try it out: 10 animations a month up to 720p, watermarked.",
        monthly_quota=10,
        max_quality="medium",
        formats="mp4,gif",
        watermark=True,
        queue="standard",
        api_access=True,
        requests_per_minute=10,
        concurrent_jobs=1,
        max_video_seconds=30,
        seats=1,
    ),
    dict(
        slug="pro",
        name="Pro",
        sort_order=1,
        monthly_price=Decimal("19.99"),
        description="200 animations a month up to 1080p, no watermark, priority queue, all formats.",
        monthly_quota=200,
        max_quality="high",
        formats="mp4,gif,webm",
        watermark=False,
        queue="priority",
        api_access=True,
        requests_per_minute=60,
        concurrent_jobs=3,
        max_video_seconds=120,
        seats=1,
    ),
    dict(
        slug="educator",
        name="Educator",
        sort_order=2,
        monthly_price=Decimal("9.99"),
        description="Pro at 50% off for verified teachers and students.",
        stripe_coupon_id="educator-50",
        monthly_quota=200,
        max_quality="high",
        formats="mp4,gif,webm",
        watermark=False,
        queue="priority",
        api_access=True,
        requests_per_minute=60,
        concurrent_jobs=3,
        max_video_seconds=120,
        seats=1,
    ),
    dict(
        slug="enterprise",
        name="Enterprise",
        sort_order=3,
        monthly_price=Decimal("99.99"),
        description="2,000 animations a month up to 4K, highest priority, 10 team seats.",
        monthly_quota=2000,
        max_quality="4k",
        formats="mp4,gif,webm",
        watermark=False,
        queue="highest",
        api_access=True,
        requests_per_minute=300,
        concurrent_jobs=10,
        max_video_seconds=600,
        seats=10,
    ),
]


def grace_period() -> timedelta:
    return timedelta(days=getattr(settings, "BILLING_GRACE_PERIOD_DAYS", 7))


class PlanQuerySet(models.QuerySet["Plan"]):
    def seed(self) -> None:
        """Create any default plan that is missing; never touches a row an admin edited."""
        for fields in DEFAULT_PLANS:
            self.get_or_create(slug=fields["slug"], defaults=fields)


class Plan(models.Model):
    """What an organization may do. Rows are seeded by a migration and edited in admin."""

    class Slug(models.TextChoices):
        FREE = "free", "Free"
        PRO = "pro", "Pro"
        ENTERPRISE = "enterprise", "Enterprise"
        EDUCATOR = "educator", "Educator"

    class Quality(models.TextChoices):
        LOW = "low", "480p"
        MEDIUM = "medium", "720p"
        HIGH = "high", "1080p"
        FOUR_K = "4k", "4K"

    class Queue(models.TextChoices):
        STANDARD = "standard"
        PRIORITY = "priority"
        HIGHEST = "highest"

    slug = models.SlugField(max_length=20, unique=True, choices=Slug.choices)
    name = models.CharField(max_length=60)
    description = models.CharField(max_length=300, blank=True)
    monthly_price = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=0,
        help_text="Shown on the billing page; Stripe's price is what is charged.",
    )
    stripe_price_id = models.CharField(
        max_length=100, blank=True, help_text="price_… of the monthly price."
    )
    stripe_coupon_id = models.CharField(
        max_length=100,
        blank=True,
        help_text="Coupon applied at checkout (the educator discount). Leave empty for none.",
    )
    monthly_quota = models.PositiveIntegerField(
        null=True, blank=True, help_text="Animations per billing period; empty = unlimited."
    )
    max_quality = models.CharField(max_length=10, choices=Quality.choices, default=Quality.MEDIUM)
    formats = models.CharField(
        max_length=60, default="mp4", help_text="Comma-separated: mp4, gif, webm."
    )
    watermark = models.BooleanField(default=True)
    queue = models.CharField(max_length=10, choices=Queue.choices, default=Queue.STANDARD)
    api_access = models.BooleanField(default=True)
    requests_per_minute = models.PositiveIntegerField(default=10)
    concurrent_jobs = models.PositiveIntegerField(default=1)
    max_video_seconds = models.PositiveIntegerField(default=30)
    seats = models.PositiveIntegerField(default=1)
    is_public = models.BooleanField(
        default=True, help_text="Offered as an upgrade on the billing page."
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "monthly_price"]

    def __str__(self) -> str:
        return self.name

    @property
    def format_list(self) -> tuple[str, ...]:
        return tuple(f.strip() for f in self.formats.split(",") if f.strip())

    def clean(self) -> None:
        unknown = sorted(set(self.format_list) - set(ALL_FORMATS))
        if unknown or not self.format_list:
            raise ValidationError(
                {"formats": f"Use a comma-separated subset of {', '.join(ALL_FORMATS)}."}
            )
        self.formats = ",".join(self.format_list)

    @classmethod
    def free(cls) -> Plan:
        """The floor every organization falls back to; recreated if it was ever lost."""
        plan = cls.objects.filter(slug=FREE).first()
        if plan is None:
            cls.objects.seed()
            plan = cls.objects.get(slug=FREE)
        return plan


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def for_organization(self, organization: Organization) -> Subscription:
        """The organization's subscription, created on Free on first need."""
        subscription = self.select_related("plan").filter(organization=organization).first()
        if subscription is None:
            subscription, _ = self.get_or_create(
                organization=organization, defaults={"plan": Plan.free()}
            )
        return subscription


class Subscription(models.Model):
    """One per organization: its effective plan and, when paid, the Stripe subscription behind it."""

    class Status(models.TextChoices):
        # Stripe's subscription statuses; "active" is also used for free and admin-assigned plans.
        ACTIVE = "active"
        TRIALING = "trialing"
        PAST_DUE = "past_due"
        UNPAID = "unpaid"
        CANCELED = "canceled"
        INCOMPLETE = "incomplete"
        INCOMPLETE_EXPIRED = "incomplete_expired"
        PAUSED = "paused"

    LIVE = frozenset({Status.ACTIVE, Status.TRIALING})
    OVERDUE = frozenset({Status.PAST_DUE, Status.UNPAID})

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="subscription"
    )
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="subscriptions")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    stripe_customer_id = models.CharField(max_length=100, blank=True, db_index=True)
    stripe_subscription_id = models.CharField(max_length=100, blank=True, db_index=True)
    current_period_start = models.DateTimeField(null=True, blank=True)
    current_period_end = models.DateTimeField(null=True, blank=True)
    grace_period_end = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set when a payment fails; past it the organization drops to Free.",
    )
    cancel_at_period_end = models.BooleanField(default=False)
    educator_approved = models.BooleanField(
        default=False,
        help_text="Approved by an admin for the educator discount (besides a verified .edu email).",
    )
    educator_approved_at = models.DateTimeField(null=True, blank=True)
    synced_at = models.DateTimeField(null=True, blank=True, help_text="Last read from Stripe.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SubscriptionQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.organization} on {self.plan} ({self.status})"

    @property
    def is_paid(self) -> bool:
        return bool(self.stripe_subscription_id) and self.plan.slug != FREE

    @property
    def is_overdue(self) -> bool:
        return self.status in self.OVERDUE

    def current_period(self, now: datetime | None = None) -> tuple[datetime, datetime]:
        """The billing period usage counts against: Stripe's for a paid plan, else the calendar month."""
        now = now or timezone.now()
        if self.plan.slug != FREE and self.current_period_start is not None:
            return monthly_period(self.current_period_start, now)
        return monthly_period(CALENDAR_ANCHOR, now)

    def enforce_grace_period(self, now: datetime | None = None) -> bool:
        """Drop to Free once an unpaid subscription's grace period has passed. True if it did."""
        now = now or timezone.now()
        if not (self.is_overdue and self.grace_period_end and self.grace_period_end <= now):
            return False
        if self.plan.slug == FREE:
            return False
        free = Plan.free()
        # Conditional: a payment that lands at the same moment (status back to active) wins.
        updated = Subscription.objects.filter(
            pk=self.pk, status__in=self.OVERDUE, grace_period_end__lte=now
        ).update(plan=free, updated_at=now)
        if updated:
            self.plan = free
        return bool(updated)

    def assign_plan(self, plan: Plan) -> None:
        """An admin's (or setplan's) choice; Stripe's next word on a paid subscription overrides it."""
        self.plan = plan
        self.status = self.Status.ACTIVE
        self.grace_period_end = None
        self.save(update_fields=["plan", "status", "grace_period_end", "updated_at"])

    def approve_educator(self) -> None:
        if not self.educator_approved:
            self.educator_approved = True
            self.educator_approved_at = timezone.now()
            self.save(update_fields=["educator_approved", "educator_approved_at", "updated_at"])


class UsageQuerySet(models.QuerySet["Usage"]):
    def for_period(self, organization: Organization, start: datetime, end: datetime) -> Usage:
        # get_or_create retries the read when a concurrent request wins the insert race.
        usage, _ = self.get_or_create(
            organization=organization, period_start=start, defaults={"period_end": end}
        )
        return usage


class Usage(models.Model):
    """Animations reserved by an organization in one billing period: one counter row, updated atomically."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="usage_periods"
    )
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    used = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UsageQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "period_start"], name="one_usage_row_per_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.used} from {self.period_start:%Y-%m-%d}"

    def release(self) -> bool:
        with transaction.atomic():
            return bool(Usage.objects.filter(pk=self.pk, used__gt=0).update(used=F("used") - 1))


class StripeEvent(models.Model):
    """Every verified webhook delivery, kept once by Stripe's event id (repeats are no-ops)."""

    stripe_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100, db_index=True)
    payload = models.JSONField()
    created = models.DateTimeField(
        null=True, blank=True, help_text="When Stripe created the event."
    )
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.stripe_id}"
