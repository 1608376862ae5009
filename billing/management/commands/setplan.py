from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from billing.models import Plan, Subscription


class Command(BaseCommand):
    help = "Put a user's personal organization on a plan (free, pro, enterprise, educator)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("slug")

    def handle(self, *args, email: str, slug: str, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No user with the email {email!r}.")
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None:
            known = ", ".join(Plan.objects.values_list("slug", flat=True))
            raise CommandError(f"No plan {slug!r}; known plans: {known}.")
        organization = user.personal_organization
        Subscription.objects.for_organization(organization).assign_plan(plan)
        self.stdout.write(f"{organization.name} is now on the {plan.name} plan.")
