from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Organization, User


@receiver(post_save, sender=User)
def give_every_new_user_a_personal_organization(sender, instance: User, created: bool, raw: bool = False, **kwargs) -> None:
    # Signup (allauth), createsuperuser, createapikey and admin all create users;
    # hooking the save is the one place that catches every path.
    if created and not raw:
        Organization.objects.personal_for(instance)
