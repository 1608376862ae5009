from django.core.management.base import BaseCommand, CommandError

from generation import pipeline
from generation.management.commands.generate import _organization_for, quiet_logs
from generation.models import Animation
from generation.views import EXAMPLE_PROMPTS

EXAMPLES_EMAIL = "examples@eigenframe.local"


class Command(BaseCommand):
    help = "Render the example prompts shown on the home page, so they play instantly for everyone."

    def add_arguments(self, parser):
        parser.add_argument("--quality", default="low")

    def handle(self, *args, quality: str, **options):
        quiet_logs(options["verbosity"])
        organization = _organization_for(EXAMPLES_EMAIL)
        failures = 0
        for prompt in EXAMPLE_PROMPTS:
            animation = Animation.objects.create(organization=organization, prompt=prompt,
                                                 options={"quality": quality, "format": "mp4"})
            animation.record("accepted", "Accepted via warm_examples.")
            try:
                pipeline.run(animation)
            except pipeline.InfrastructureError as exc:
                pipeline.fail(animation, str(exc))
            animation.refresh_from_db()
            how = "cached" if animation.reused_from_id else f"rendered in {animation.render_seconds:.1f}s"
            if animation.status == Animation.Status.COMPLETED:
                self.stdout.write(f"ok    {prompt} ({how})")
            else:
                failures += 1
                self.stdout.write(f"FAIL  {prompt}: {animation.error}")
        if failures:
            raise CommandError(f"{failures} example(s) failed to render.")
