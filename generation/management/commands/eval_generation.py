"""Run a suite of prompts through the whole pipeline and report how generation does."""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Organization
from generation import pipeline
from generation.models import Animation, AnimationEvent


class Command(BaseCommand):
    help = ("Run a JSONL suite of prompts ({\"prompt\": ...} per line) through the pipeline, without caches, "
            "and print first-attempt success, success after repair, autofix counts and stage timings.")

    def add_arguments(self, parser):
        parser.add_argument("--suite", required=True, help="JSONL file, one {\"prompt\": ...} per line.")
        parser.add_argument("--limit", type=int, default=0, help="Only the first N prompts.")
        parser.add_argument("--quality", default="low")
        parser.add_argument("--json", dest="json_out", default="", help="Also write per-prompt results here.")

    def handle(self, *args, suite: str, limit: int, quality: str, json_out: str, **options):
        from generation.management.commands.generate import quiet_logs

        quiet_logs(options["verbosity"])
        prompts = _load(Path(suite))
        if limit:
            prompts = prompts[:limit]
        organization = Organization.objects.create(name="Evaluation", slug=f"eval-{int(time.time() * 1000)}")
        rows = []
        for index, item in enumerate(prompts, 1):
            animation = Animation.objects.create(organization=organization, prompt=item["prompt"],
                                                 options={"quality": quality, "format": "mp4"})
            started = time.monotonic()
            try:
                pipeline.run(animation, use_cache=False)
            except pipeline.InfrastructureError as exc:
                pipeline.fail(animation, str(exc))
            animation.refresh_from_db()
            row = {"prompt": item["prompt"], "subject": item.get("subject", ""), "status": animation.status,
                   "attempts": animation.attempts, "seconds": round(time.monotonic() - started, 2),
                   "error": animation.error}
            rows.append(row)
            mark = "ok " if animation.status == Animation.Status.COMPLETED else "-- "
            self.stdout.write(f"{mark}[{index}/{len(prompts)}] {row['seconds']:>5.1f}s {item['prompt'][:70]}"
                              + ("" if mark == "ok " else f"  ({animation.error[:90]})"))
        events = AnimationEvent.objects.filter(animation__organization=organization)
        self._report(rows, events)
        if json_out:
            Path(json_out).write_text(json.dumps(rows, indent=2))

    def _report(self, rows: list[dict], events) -> None:
        total = len(rows)
        completed = [r for r in rows if r["status"] == "completed"]
        first = [r for r in completed if r["attempts"] <= 1]
        fixes = Counter(e.data.get("kind", "?") for e in events.filter(stage="autofix"))
        failures = Counter(r["error"].split(":")[0][:60] for r in rows if r["status"] != "completed")

        def median(stage: str) -> str:
            values = [e.seconds for e in events.filter(stage=stage, seconds__isnull=False)]
            return f"{statistics.median(values):.2f}s (n={len(values)})" if values else "n/a"

        pct = (lambda n: f"{n}/{total} ({100 * n / total:.0f}%)") if total else (lambda n: "0/0")
        self.stdout.write("")
        self.stdout.write(f"prompts:                      {total}")
        self.stdout.write(f"first-attempt render success: {pct(len(first))}")
        self.stdout.write(f"success after repair:         {pct(len(completed))}")
        self.stdout.write(f"autofixes by kind:            {dict(fixes.most_common()) or '{}'}")
        self.stdout.write(f"median generate seconds:      {median('generate')}")
        self.stdout.write(f"median render seconds:        {median('render')}")
        self.stdout.write(f"median total seconds:         {statistics.median([r['seconds'] for r in rows]):.2f}s"
                          if rows else "")
        if failures:
            self.stdout.write(f"failures by reason:           {dict(failures.most_common(8))}")


def _load(path: Path) -> list[dict]:
    try:
        lines = path.read_text().splitlines()
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc}")
    prompts = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError:
            raise CommandError(f"{path}:{number} is not valid JSON.")
        if not isinstance(item, dict) or not isinstance(item.get("prompt"), str):
            raise CommandError(f"{path}:{number} needs a \"prompt\" string.")
        prompts.append(item)
    if not prompts:
        raise CommandError(f"{path} holds no prompts.")
    return prompts
