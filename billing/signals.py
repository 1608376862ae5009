from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import Organization

from .models import Plan, Subscription


@receiver(post_save, sender=Organization)
def start_every_organization_on_free(
    sender, instance: Organization, created: bool, raw: bool = False, **kwargs
) -> None:
    # So the admin's organizations-with-plans list shows every tenant, not only paying ones.
    if created and not raw:
        Subscription.objects.get_or_create(organization=instance, defaults={"plan": Plan.free()})
