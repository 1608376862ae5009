from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from render.syscalls import docker_profile_json

PROFILE = Path(settings.BASE_DIR) / "docker" / "seccomp" / "render.json"


class Command(BaseCommand):
    help = "Regenerate docker/seccomp/render.json from the sandbox's own syscall policy (render/syscalls.py)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if the file is out of date.")

    def handle(self, *args, check: bool, **options):
        wanted = docker_profile_json()
        if check:
            if not PROFILE.is_file() or PROFILE.read_text() != wanted:
                raise CommandError(f"{PROFILE} is out of date: run `python manage.py write_seccomp_profile`.")
            self.stdout.write(f"{PROFILE} is up to date.")
            return
        PROFILE.write_text(wanted)
        self.stdout.write(f"Wrote {PROFILE}.")
