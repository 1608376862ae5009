"""setplan, and the admin's organizations-with-plans list and its actions."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.utils.html import escape

from billing.entitlements import entitlements_for, reserve_generation, usage
from billing.models import Plan, Subscription
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_it_sets_a_users_plan_from_the_command_line(owner, org, capsys):
    call_command("setplan", owner.email.upper(), "enterprise")
    assert f"{org.name} is now on the Enterprise plan." in capsys.readouterr().out
    assert entitlements_for(org).plan == "enterprise"


@pytest.mark.parametrize(
    "email, slug, message",
    [
        ("nobody@example.com", "pro", "No user with the email 'nobody@example.com'."),
        (None, "platinum", "No plan 'platinum'; known plans: free, pro, educator, enterprise."),
    ],
)
def test_it_fails_setplan_with_one_clear_line(owner, email, slug, message):
    with pytest.raises(CommandError) as info:
        call_command("setplan", email or owner.email, slug)
    assert str(info.value) == message
    assert entitlements_for(owner.personal_organization).plan == "free"


def test_it_exits_non_zero_with_one_stderr_line(db, settings):
    from django.db import connection

    database = (
        {
            **os.environ,
            "DATABASE_URL": os.environ.get("DATABASE_URL", "").rsplit("/", 1)[0]
            + "/"
            + connection.settings_dict["NAME"],
        }
        if connection.vendor == "postgresql"
        else os.environ
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "setplan", "nobody@example.com", "pro"],
        cwd=settings.BASE_DIR,
        env=database,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "CommandError: No user with the email 'nobody@example.com'."
    ]


@pytest.fixture
def admin_client(client):
    staff = make_user()
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    return client


def run_action(admin_client, action: str, *subscriptions: Subscription):
    return admin_client.post(
        "/admin/billing/subscription/",
        {"action": action, "_selected_action": [s.pk for s in subscriptions]},
        follow=True,
    )


def test_it_lists_organizations_with_plan_usage_and_state(admin_client, org):
    for _ in range(2):
        reserve_generation(org)
    html = admin_client.get("/admin/billing/subscription/").content.decode()
    assert escape(org.name) in html and "2 / 10" in html and "Change plan to Enterprise" in html


def test_it_changes_plans_from_admin(admin_client, org):
    other = make_user().personal_organization
    subscriptions = [Subscription.objects.for_organization(o) for o in (org, other)]
    response = run_action(admin_client, "set_plan_pro", *subscriptions)
    assert "2 organization(s) moved to Pro." in response.content.decode()
    assert entitlements_for(org).plan == entitlements_for(other).plan == "pro"


def test_it_approves_educators_from_admin(admin_client, org):
    subscription = Subscription.objects.for_organization(org)
    run_action(admin_client, "approve_educator", subscription)
    subscription.refresh_from_db()
    assert subscription.educator_approved and subscription.educator_approved_at


def test_it_resets_usage_from_admin(admin_client, org):
    for _ in range(10):
        reserve_generation(org)
    run_action(admin_client, "reset_usage", Subscription.objects.for_organization(org))
    assert usage(org)["remaining"] == 10


def test_it_edits_plans_in_admin(admin_client, org):
    plan = Plan.objects.get(slug="free")
    page = admin_client.get(f"/admin/billing/plan/{plan.pk}/change/")
    assert page.status_code == 200
    form = {
        field: getattr(plan, field)
        for field in (
            "name",
            "slug",
            "description",
            "sort_order",
            "monthly_price",
            "stripe_price_id",
            "stripe_coupon_id",
            "max_quality",
            "queue",
            "requests_per_minute",
            "concurrent_jobs",
            "max_video_seconds",
            "seats",
        )
    }
    form.update(
        monthly_quota=25, formats="mp4, webm", watermark="on", api_access="on", is_public="on"
    )
    response = admin_client.post(f"/admin/billing/plan/{plan.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    ent = entitlements_for(org)
    assert (ent.monthly_quota, ent.formats) == (25, ("mp4", "webm"))
    form["formats"] = "mp4, avi"
    assert (
        "Use a comma-separated subset"
        in admin_client.post(f"/admin/billing/plan/{plan.pk}/change/", form).content.decode()
    )
