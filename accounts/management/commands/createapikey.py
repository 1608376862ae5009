from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from accounts.models import ApiKey, User


class Command(BaseCommand):
    help = "Create the user (and their organization) if needed and print a new API key once."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="CLI key", help="A label shown in the key list.")

    def handle(self, *args, email: str, name: str, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not a valid email address.")
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email=email)  # no usable password until they reset it
        _, raw = ApiKey.objects.issue(user.personal_organization, name=name, created_by=user)
        self.stdout.write(raw)
