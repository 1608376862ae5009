import secrets
from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.models import ApiKey, User

DEMO_EMAIL = "demo@eigenframe.local"


class Command(BaseCommand):
    help = "Create the demo user, organization and API key once, printing the secrets once."

    def handle(self, *args, **options):
        user = User.objects.filter(email=DEMO_EMAIL).first()
        organization = user.personal_organization if user else None
        if user and ApiKey.objects.filter(organization=organization, revoked_at__isnull=True).exists():
            key = ApiKey.objects.filter(organization=organization, revoked_at__isnull=True).first()
            self.stdout.write(
                f"Demo account {DEMO_EMAIL} exists (key {key.display}). "
                f"New key: python manage.py createapikey {DEMO_EMAIL}"
            )
            return
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User.objects.create_user(email=DEMO_EMAIL, password=password)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        # The demo tries everything: Pro limits, no watermark (`setplan` changes it).
        call_command("setplan", DEMO_EMAIL, "pro", stdout=StringIO())
        _, raw = ApiKey.objects.issue(user.personal_organization, name="Demo key", created_by=user)
        self.stdout.write(
            "\n".join(
                [
                    "",
                    "Demo account created (shown once, save it now):",
                    f"  login:    {DEMO_EMAIL} / {password}",
                    f"  API key:  {raw}",
                    "  plan:     pro (change with: python manage.py setplan EMAIL free|pro|enterprise|educator)",
                    "",
                ]
            )
        )
