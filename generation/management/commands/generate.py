import logging
import shutil
import sys

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organization, User
from generation import pipeline
from generation.api import validate_options
from generation.models import Animation
from render.storage import open_video
from saas.errors import ApiError

CLI_EMAIL = "cli@eigenframe.local"


class Command(BaseCommand):
    help = "Run the whole pipeline in-process for one prompt, print the code, write the video."

    def add_arguments(self, parser):
        parser.add_argument("prompt")
        parser.add_argument("-o", "--output", default="animation.mp4", help="Where to write the video.")
        parser.add_argument("--quality", default="low", help="low | medium | high | 4k")
        parser.add_argument("--format", default=None, help="mp4 | gif | webm (default: from -o's extension)")
        parser.add_argument("--email", default=CLI_EMAIL, help="Whose organization records the job.")

    def handle(self, *args, prompt: str, output: str, quality: str, format: str | None, email: str, **options):
        quiet_logs(options["verbosity"])
        fmt = format or (output.rsplit(".", 1)[-1].lower() if "." in output else "mp4")
        organization = _organization_for(email)
        try:
            opts = validate_options({"quality": quality, "format": fmt}, organization)
        except ApiError as exc:
            raise CommandError(str(exc.detail))
        if not prompt.strip():
            raise CommandError("The prompt is empty.")
        animation = Animation.objects.create(organization=organization, prompt=prompt.strip(), options=opts)
        animation.record("accepted", "Accepted via the generate command.")
        try:
            pipeline.run(animation)
        except pipeline.InfrastructureError as exc:
            pipeline.fail(animation, str(exc))
        animation.refresh_from_db()
        if animation.status != Animation.Status.COMPLETED:
            if animation.code:
                self.stdout.write(animation.code)
            raise CommandError(f"{animation.status}: {animation.error}")
        self.stdout.write(animation.code)
        write_output(animation, output)
        self.stderr.write(f"Wrote {output} (task {animation.id}).")


def quiet_logs(verbosity: int) -> None:
    """The command's own output is the report; worker-style INFO logs would only add noise."""
    if verbosity < 2:
        logging.getLogger().setLevel(logging.WARNING)


def _organization_for(email: str) -> Organization:
    user = User.objects.filter(email__iexact=email).first() or User.objects.create_user(email=email)
    return user.personal_organization


def write_output(animation: Animation, output: str) -> None:
    with open_video(animation.video) as src:
        if output == "-":
            shutil.copyfileobj(src, sys.stdout.buffer)
        else:
            with open(output, "wb") as dst:
                shutil.copyfileobj(src, dst)
