"""The billing page, Checkout and the Customer Portal, against a fake Stripe; and billing disabled."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.utils.html import escape

from accounts.models import Membership
from billing.entitlements import entitlements_for, reserve_generation
from billing.models import Plan, Subscription
from tests.billing.scenarios import PRICES, add_member
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def verify_email(user, address: str) -> None:
    EmailAddress.objects.create(user=user, email=address, verified=True, primary=False)


def test_it_shows_plan_and_usage_on_the_billing_page(owner_client, org, fake_stripe):
    for _ in range(3):
        reserve_generation(org)
    page = owner_client.get("/billing/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="current-plan">Free<' in html
    assert "3 of 10 animations used, 7 left" in html and 'value="30"' in html
    assert "Upgrade to Pro" in html and "Upgrade to Enterprise" in html
    assert "Upgrade to Educator" not in html and "billing-disabled" not in html


def test_it_asks_for_login(client, db):
    response = client.get("/billing/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_never_shows_another_organizations_usage(client, org, fake_stripe):
    for _ in range(4):
        reserve_generation(org)
    outsider = make_user()
    client.force_login(outsider)
    html = client.get("/billing/").content.decode()
    assert "0 of 10 animations used" in html and escape(org.name) not in html


def test_it_sends_an_upgrade_to_stripe_checkout(owner_client, owner, org, fake_stripe):
    response = owner_client.post("/billing/checkout/pro/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://checkout.stripe.com/c/pay/cs_test_")
    [call] = fake_stripe.requests_to("/v1/checkout/sessions")
    params = call["params"]
    assert params["mode"] == "subscription" and params["line_items"] == [
        {"price": PRICES["pro"], "quantity": "1"}
    ]
    assert params["client_reference_id"] == str(org.pk)
    assert params["subscription_data"]["metadata"] == {
        "organization_id": str(org.pk),
        "plan": "pro",
    }
    assert (
        params["success_url"]
        == "https://eigenframe.test/billing/success/?session_id={CHECKOUT_SESSION_ID}"
    )
    assert "discounts" not in params
    [customer] = fake_stripe.customers.values()
    assert customer["email"] == owner.email and params["customer"] == customer["id"]
    assert Subscription.objects.get(organization=org).stripe_customer_id == customer["id"]


def test_it_applies_checkout_when_the_customer_comes_back(owner_client, org, fake_stripe):
    owner_client.post("/billing/checkout/enterprise/")
    [session_id] = fake_stripe.checkout_sessions
    fake_stripe.pay_checkout(session_id)
    response = owner_client.get(f"/billing/success/?session_id={session_id}", follow=True)
    assert response.status_code == 200
    assert "You are now on the Enterprise plan." in response.content.decode()
    assert entitlements_for(org).plan == "enterprise"
    assert "Manage subscription" in response.content.decode()


def test_it_hides_another_tenants_checkout_session(client, owner_client, org, fake_stripe):
    owner_client.post("/billing/checkout/pro/")
    [session_id] = fake_stripe.checkout_sessions
    fake_stripe.pay_checkout(session_id)
    outsider = make_user()
    client.force_login(outsider)
    assert client.get(f"/billing/success/?session_id={session_id}").status_code == 404
    assert client.get("/billing/success/?session_id=cs_test_nope").status_code == 404
    assert entitlements_for(outsider.personal_organization).plan == "free"
    assert entitlements_for(org).plan == "free"  # nothing applied by the outsider's visit


def test_it_gives_a_verified_educator_the_coupon_at_checkout(owner_client, owner, org, fake_stripe):
    verify_email(owner, "ada@math.mit.edu")
    html = owner_client.get("/billing/").content.decode()
    assert "Upgrade to Educator" in html and "Upgrade to Pro<" not in html
    owner_client.post("/billing/checkout/pro/")
    params = fake_stripe.requests_to("/v1/checkout/sessions")[0]["params"]
    assert params["discounts"] == [{"coupon": "educator-50"}]
    assert params["line_items"][0]["price"] == PRICES["pro"]  # Pro's price, half off
    assert params["metadata"]["plan"] == "educator" and "allow_promotion_codes" not in params
    [session_id] = fake_stripe.checkout_sessions
    fake_stripe.pay_checkout(session_id)
    owner_client.get(f"/billing/success/?session_id={session_id}")
    assert entitlements_for(org).plan == "educator"
    assert fake_stripe.subscriptions[
        Subscription.objects.get(organization=org).stripe_subscription_id
    ]["discounts"] == [{"coupon": "educator-50"}]


def test_it_does_not_count_an_unverified_educational_email(owner_client, owner, fake_stripe):
    EmailAddress.objects.create(user=owner, email="ada@mit.edu", verified=False)
    response = owner_client.post("/billing/checkout/educator/", follow=True)
    assert "needs a verified email on a school or university domain" in response.content.decode()
    assert fake_stripe.requests_to("/v1/checkout/sessions") == []


def test_it_gives_the_coupon_after_admin_approval(owner_client, org, fake_stripe):
    Subscription.objects.for_organization(org).approve_educator()
    owner_client.post("/billing/checkout/educator/")
    assert fake_stripe.requests_to("/v1/checkout/sessions")[0]["params"]["discounts"] == [
        {"coupon": "educator-50"}
    ]


def test_it_opens_the_customer_portal(owner_client, org, fake_stripe):
    owner_client.post("/billing/checkout/pro/")
    response = owner_client.post("/billing/portal/")
    assert response.status_code == 302 and response["Location"].startswith(
        "https://billing.stripe.com/p/session/"
    )
    [call] = fake_stripe.requests_to("/v1/billing_portal/sessions")
    assert call["params"] == {
        "customer": Subscription.objects.get(organization=org).stripe_customer_id,
        "return_url": "https://eigenframe.test/billing/",
    }


def test_it_explains_that_there_is_nothing_to_manage_yet(owner_client, fake_stripe):
    response = owner_client.post("/billing/portal/", follow=True)
    assert "There is no paid subscription to manage yet." in response.content.decode()
    assert fake_stripe.requests_to("/v1/billing_portal/sessions") == []


def test_it_says_when_a_plan_has_no_stripe_price(owner_client, fake_stripe):
    Plan.objects.filter(slug="enterprise").update(stripe_price_id="")
    response = owner_client.post("/billing/checkout/enterprise/", follow=True)
    assert "The Enterprise plan has no Stripe price configured yet." in response.content.decode()


def test_it_lets_only_owners_and_admins_change_billing(client, org, fake_stripe):
    member = add_member(org)
    client.force_login(member)
    session = client.session  # act for the shared organization, not the member's personal one
    session["organization_id"] = str(org.pk)
    session.save()
    assert "Ask an owner or admin" in client.get("/billing/").content.decode()
    assert client.post("/billing/checkout/pro/").status_code == 404
    assert client.post("/billing/portal/").status_code == 404
    assert fake_stripe.requests == []
    Membership.objects.filter(user=member, organization=org).update(role=Membership.Role.ADMIN)
    assert client.post("/billing/checkout/pro/").status_code == 302


def test_it_runs_with_billing_disabled_on_admin_assigned_plans(owner_client, org):
    Subscription.objects.for_organization(org).assign_plan(Plan.objects.get(slug="pro"))
    html = owner_client.get("/billing/").content.decode()
    assert "Billing is disabled on this server" in html and 'id="current-plan">Pro<' in html
    assert "Upgrade to" not in html
    response = owner_client.post("/billing/checkout/enterprise/", follow=True)
    assert "plans are assigned by an administrator" in response.content.decode()
    assert owner_client.get("/billing/success/?session_id=cs_test_x").status_code == 404
    assert entitlements_for(org).plan == "pro"
    reserve_generation(org)
