"""The four plans, and a Free subscription for every organization that already exists.

Stripe price ids are left empty: paste them into each Plan in admin (checkout
says clearly when one is missing). The educator coupon id must match a coupon
created in Stripe (50% off, duration forever).
"""

from django.db import migrations

from billing.models import DEFAULT_PLANS


def seed(apps, schema_editor):
    Plan = apps.get_model("billing", "Plan")
    Subscription = apps.get_model("billing", "Subscription")
    Organization = apps.get_model("accounts", "Organization")
    for fields in DEFAULT_PLANS:
        Plan.objects.update_or_create(slug=fields["slug"], defaults=fields)
    free = Plan.objects.get(slug="free")
    for organization in Organization.objects.filter(subscription__isnull=True):
        Subscription.objects.create(organization=organization, plan=free)


def unseed(apps, schema_editor):
    apps.get_model("billing", "Subscription").objects.all().delete()
    apps.get_model("billing", "Plan").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0001_initial"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
