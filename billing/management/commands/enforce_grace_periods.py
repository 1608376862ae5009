from django.core.management.base import BaseCommand
from django.utils import timezone

from billing.models import Subscription


class Command(BaseCommand):
    help = "Move organizations whose failed-payment grace period has passed to the Free plan (run hourly)."

    def handle(self, *args, **options):
        now = timezone.now()
        overdue = (
            Subscription.objects.select_related("plan", "organization")
            .filter(status__in=Subscription.OVERDUE, grace_period_end__lte=now)
            .exclude(plan__slug="free")
        )
        moved = [s for s in overdue if s.enforce_grace_period(now)]
        for subscription in moved:
            self.stdout.write(
                f"{subscription.organization.name}: grace period over, moved to Free."
            )
        self.stdout.write(f"{len(moved)} organization(s) moved to Free.")
