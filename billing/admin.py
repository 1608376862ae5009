from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Plan, StripeEvent, Subscription, Usage


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "monthly_price",
        "monthly_quota",
        "max_quality",
        "formats",
        "watermark",
        "queue",
        "api_access",
        "requests_per_minute",
        "concurrent_jobs",
        "seats",
        "stripe_price_id",
    ]
    list_editable = ["monthly_quota", "max_quality", "watermark"]
    fieldsets = (
        (None, {"fields": ("name", "slug", "description", "is_public", "sort_order")}),
        ("Stripe", {"fields": ("monthly_price", "stripe_price_id", "stripe_coupon_id")}),
        (
            "Limits",
            {
                "fields": (
                    "monthly_quota",
                    "max_quality",
                    "formats",
                    "watermark",
                    "queue",
                    "api_access",
                    "requests_per_minute",
                    "concurrent_jobs",
                    "max_video_seconds",
                    "seats",
                )
            },
        ),
    )

    def has_delete_permission(self, request: HttpRequest, obj: Plan | None = None) -> bool:
        # Subscriptions point at plans (PROTECT), and Free is the floor everyone falls back to.
        return obj is None or obj.slug != "free"


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """The organizations-with-plans list: plan, usage this period, Stripe state."""

    list_display = [
        "organization",
        "plan",
        "status",
        "usage_this_period",
        "grace_period_end",
        "educator_approved",
        "stripe_customer_id",
        "updated_at",
    ]
    list_filter = ["plan", "status", "educator_approved"]
    search_fields = [
        "organization__name",
        "organization__slug",
        "organization__memberships__user__email",
        "stripe_customer_id",
        "stripe_subscription_id",
    ]
    list_select_related = ["organization", "plan"]
    readonly_fields = [
        "organization",
        "stripe_customer_id",
        "stripe_subscription_id",
        "current_period_start",
        "current_period_end",
        "synced_at",
        "educator_approved_at",
        "created_at",
        "updated_at",
    ]
    actions = ["approve_educator", "reset_usage"]

    @admin.display(description="Usage this period")
    def usage_this_period(self, obj: Subscription) -> str:
        start, _ = obj.current_period()
        row = Usage.objects.filter(organization_id=obj.organization_id, period_start=start).first()
        used = row.used if row else 0
        limit = obj.plan.monthly_quota
        return f"{used} / {'∞' if limit is None else limit}"

    def get_actions(self, request: HttpRequest):
        actions = super().get_actions(request)
        # One "Change plan to …" action per plan row, so new plans appear without code.
        for plan in Plan.objects.all():
            name = f"set_plan_{plan.slug}"
            actions[name] = (self._plan_action(plan), name, f"Change plan to {plan.name}")
        return actions

    @staticmethod
    def _plan_action(plan: Plan):
        def action(modeladmin, request: HttpRequest, queryset: QuerySet[Subscription]) -> None:
            for subscription in queryset:
                subscription.assign_plan(plan)
            modeladmin.message_user(
                request,
                f"{queryset.count()} organization(s) moved to {plan.name}.",
                messages.SUCCESS,
            )

        return action

    @admin.action(description="Approve for the educator discount")
    def approve_educator(self, request: HttpRequest, queryset: QuerySet[Subscription]) -> None:
        for subscription in queryset:
            subscription.approve_educator()
        self.message_user(
            request, f"{queryset.count()} organization(s) approved as educators.", messages.SUCCESS
        )

    @admin.action(description="Reset usage for this period")
    def reset_usage(self, request: HttpRequest, queryset: QuerySet[Subscription]) -> None:
        for subscription in queryset:
            start, _ = subscription.current_period()
            Usage.objects.filter(
                organization_id=subscription.organization_id, period_start=start
            ).update(used=0)
        self.message_user(
            request, f"Usage reset for {queryset.count()} organization(s).", messages.SUCCESS
        )


@admin.register(Usage)
class UsageAdmin(admin.ModelAdmin):
    list_display = ["organization", "period_start", "period_end", "used"]
    search_fields = ["organization__name"]
    list_select_related = ["organization"]


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    list_display = ["stripe_id", "type", "created", "received_at", "processed_at", "error"]
    list_filter = ["type"]
    search_fields = ["stripe_id"]
    readonly_fields = [
        "stripe_id",
        "type",
        "payload",
        "created",
        "received_at",
        "processed_at",
        "error",
    ]
