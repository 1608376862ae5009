"""Projects, animations (the job) and the events that record each attempt."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from accounts.models import Organization


class Project(models.Model):
    """A folder for an organization's animations."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="projects")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="unique_project_name")]

    def __str__(self) -> str:
        return self.name


class Refused(Exception):
    """A request we will not accept: a clear sentence, a machine code and an HTTP status."""

    def __init__(self, message: str, code: str, http_status: int):
        super().__init__(message)
        self.message = message
        self.code = code
        self.http_status = http_status


class AnimationQuerySet(models.QuerySet["Animation"]):
    def for_organization(self, organization: Organization) -> AnimationQuerySet:
        return self.filter(organization=organization)

    def reusable(self, key: str, organization: Organization, *, shareable: bool) -> AnimationQuerySet:
        """Finished animations an identical request may reuse: our own, or a sharing organization's.

        ``shareable`` means the result depends on nothing private (deterministic templates),
        so any organization's copy will do.
        """
        scope = models.Q(organization=organization) | models.Q(organization__share_generations=True)
        if shareable:
            scope = models.Q()
        return (
            self.filter(scope, request_key=key, status=Animation.Status.COMPLETED)
            .exclude(video="")
            .order_by("-completed_at")
        )

    def admit(self, organization: Organization, *, user=None, via: str, via_api: bool, **fields) -> Animation:
        """Accept a job from a user, or raise Refused; nothing is queued when refused.

        The prompt passes the content filter (a refusal is kept as a `rejected` row, so
        failures become data), the plan must cover the options, and one animation is
        reserved from the quota in the same transaction that creates the job, which keeps
        the quota and the concurrent-jobs limit exact under concurrency.
        """
        from billing.entitlements import EntitlementError, check_options, entitlements_for, reserve_generation

        from .content_filter import check_prompt

        if fields.get("prompt"):
            verdict = check_prompt(fields["prompt"])
            if not verdict.allowed:
                rejected = self.create(organization=organization, status=Animation.Status.REJECTED,
                                       rejected_at=timezone.now(), error=verdict.reason, **fields)
                rejected.record("rejected", verdict.reason, data={"category": verdict.category, "via": via})
                raise Refused(verdict.reason, "prompt_rejected", 422)
        options = fields.get("options") or {}
        try:
            check_options(organization, options, via_api=via_api)
            tier = entitlements_for(organization).queue
            with transaction.atomic():
                reserve_generation(organization, active_jobs=lambda: self.filter(
                    organization=organization, status__in=Animation.ACTIVE).count())
                return self.submit(organization, user=user, via=via, queue=tier, quota_reserved=True, **fields)
        except EntitlementError as exc:
            raise Refused(exc.message, exc.code, exc.http_status) from exc

    def submit(self, organization: Organization, *, user=None, via: str = "api", queue: str = "standard",
               **fields) -> Animation:
        """Create a pending job and queue it once the row has committed."""
        from .tasks import enqueue

        options = fields.get("options") or {}
        with transaction.atomic():
            animation = self.create(
                organization=organization,
                created_by=user if getattr(user, "is_authenticated", False) else None,
                project_id=options.get("project"),
                **fields,
            )
            animation.record("accepted", f"Accepted via {via}.", data={"queue": queue})
            # on_commit: a worker must never see an id whose row has not committed.
            transaction.on_commit(lambda: enqueue(str(animation.id), queue))
        return animation


class Animation(models.Model):
    """One request to turn a prompt (or a developer's code) into a video."""

    class Status(models.TextChoices):
        PENDING = "pending"
        GENERATING = "generating"
        RENDERING = "rendering"
        COMPLETED = "completed"
        FAILED = "failed"
        REJECTED = "rejected"
        CANCELED = "canceled"

    class Kind(models.TextChoices):
        GENERATE = "generate"  # prompt -> LLM/template -> code -> video
        RENDER = "render"  # the developer's own code -> video

    TERMINAL = frozenset({Status.COMPLETED, Status.FAILED, Status.REJECTED, Status.CANCELED})
    ACTIVE = frozenset({Status.PENDING, Status.GENERATING, Status.RENDERING})

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="animations")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="animations")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.GENERATE)
    prompt = models.TextField(blank=True)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True)
    provider = models.CharField(max_length=40, blank=True)
    model_name = models.CharField(max_length=200, blank=True)
    code = models.TextField(blank=True)
    scene_name = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    video = models.CharField(max_length=500, blank=True, help_text="Storage name of the rendered master video.")
    # Identical requests (normalised prompt + options + provider/model) share this key.
    request_key = models.CharField(max_length=64, blank=True, db_index=True)
    reused_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    attempts = models.PositiveSmallIntegerField(default=0)
    # One animation of the plan's quota was reserved for this job (released if we fail it).
    quota_reserved = models.BooleanField(default=False)
    video_watermarked = models.CharField(max_length=500, blank=True, help_text="Storage name of the "
                                         "watermarked copy delivered on plans with a watermark.")
    prompt_tokens = models.PositiveIntegerField(default=0)
    completion_tokens = models.PositiveIntegerField(default=0)
    llm_seconds = models.FloatField(default=0)
    render_seconds = models.FloatField(default=0)

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    generating_at = models.DateTimeField(null=True, blank=True)
    rendering_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    canceled_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnimationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organization", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.id} ({self.status})"

    @property
    def is_terminal(self) -> bool:
        return self.status in self.TERMINAL

    @property
    def quality(self) -> str:
        return self.options.get("quality", "low")

    @property
    def format(self) -> str:
        return self.options.get("format", "mp4")

    @property
    def video_filename(self) -> str:
        return f"animation.{self.format}"

    @property
    def video_url(self) -> str | None:
        if self.status != self.Status.COMPLETED or not self.video:
            return None
        return f"/videos/{self.id}/{self.video_filename}"

    def storage_name(self) -> str:
        return f"videos/{self.organization_id}/{self.id}/{self.video_filename}"

    def move_to(self, status: str, **fields) -> bool:
        """Record a transition with its timestamp; refuses to leave a terminal state.

        Written as a conditional UPDATE so a cancel from the web and a worker
        finishing the job cannot overwrite each other.
        """
        now = timezone.now()
        fields = {"status": status, f"{status}_at": now, "updated_at": now, **fields}
        updated = (
            Animation.objects.filter(pk=self.pk)
            .exclude(status__in=self.TERMINAL)
            .update(**fields)
        )
        if updated:
            for name, value in fields.items():
                setattr(self, name, value)
        else:
            self.refresh_from_db()
        return bool(updated)

    def release_quota(self) -> None:
        """Give the reserved animation back: the job failed for a reason that is ours."""
        from billing.entitlements import release_generation

        # Conditional update: a retried actor and the watchdog cannot both release it.
        if Animation.objects.filter(pk=self.pk, quota_reserved=True).update(quota_reserved=False):
            self.quota_reserved = False
            release_generation(self.organization, reserved_at=self.created_at)
            self.record("quota", "The reserved animation was given back: this failure was ours.")

    def record(self, stage: str, message: str = "", **data) -> AnimationEvent:
        return AnimationEvent.objects.create(animation=self, stage=stage, message=message[:4000], **data)

    def stale_after(self) -> timedelta:
        # A job whose worker died is retried by the broker; past this it can only be stuck.
        return timedelta(seconds=settings.JOB_TIME_LIMIT_S * (settings.GENERATION_MAX_ATTEMPTS + 1) + 60)

    def fail_if_stuck(self) -> bool:
        """Never a job stuck forever: an active job not updated for too long ends failed."""
        if self.is_terminal or timezone.now() - self.updated_at < self.stale_after():
            return False
        with transaction.atomic():
            moved = self.move_to(
                self.Status.FAILED,
                error="The job stopped responding and was ended; nothing was charged. Please try again.",
            )
        if moved:
            self.record("watchdog", "Job ended after it stopped making progress.")
            self.release_quota()
        return moved


class AnimationEvent(models.Model):
    """One step of a job: an attempt, a fix, an error. Failures become data."""

    animation = models.ForeignKey(Animation, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(auto_now_add=True)
    stage = models.CharField(max_length=40)  # generate, autofix, render, error, watchdog...
    attempt = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    code = models.TextField(blank=True)
    error = models.TextField(blank=True)
    seconds = models.FloatField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.stage} #{self.attempt}: {self.message[:60]}"
