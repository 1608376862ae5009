from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from generation import pipeline
from generation.api import validate_options
from generation.management.commands.generate import CLI_EMAIL, _organization_for, quiet_logs, write_output
from generation.models import Animation
from saas.errors import ApiError


class Command(BaseCommand):
    help = "Render a Manim scene file through the same autofix and render path production uses."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("-o", "--output", default="animation.mp4")
        parser.add_argument("--scene", default=None, help="Scene class to render (default: the last one).")
        parser.add_argument("--quality", default="low", help="low | medium | high | 4k")
        parser.add_argument("--format", default=None, help="mp4 | gif | webm (default: from -o's extension)")
        parser.add_argument("--email", default=CLI_EMAIL)

    def handle(self, *args, file: str, output: str, scene: str | None, quality: str, format: str | None,
               email: str, **options):
        quiet_logs(options["verbosity"])
        path = Path(file)
        try:
            code = path.read_text()
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {file}: {exc}")
        if not code.strip():
            raise CommandError(f"{file} is empty.")
        if len(code) > settings.CODE_MAX_CHARS:
            raise CommandError(f"{file} is longer than {settings.CODE_MAX_CHARS} characters.")
        fmt = format or (output.rsplit(".", 1)[-1].lower() if "." in output else "mp4")
        organization = _organization_for(email)
        try:
            opts = validate_options({"quality": quality, "format": fmt, "scene": scene}, organization)
        except ApiError as exc:
            raise CommandError(str(exc.detail))
        animation = Animation.objects.create(organization=organization, kind=Animation.Kind.RENDER, code=code,
                                             options=opts)
        animation.record("accepted", f"Accepted via render_file {path.name}.")
        try:
            pipeline.run(animation)
        except pipeline.InfrastructureError as exc:
            pipeline.fail(animation, str(exc))
        animation.refresh_from_db()
        if animation.status != Animation.Status.COMPLETED:
            raise CommandError(animation.error or animation.status)
        write_output(animation, output)
        self.stdout.write(f"Wrote {output} (scene rendered in {animation.render_seconds:.1f}s).")
