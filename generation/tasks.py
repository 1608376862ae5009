"""Dramatiq actors: thin, idempotent, retried only for failures that are ours."""

from __future__ import annotations

import logging

import dramatiq
from django.conf import settings
from dramatiq.middleware import CurrentMessage, TimeLimitExceeded

from . import pipeline
from .models import Animation

log = logging.getLogger(__name__)

MAX_RETRIES = 2


def _retries_left() -> bool:
    message = CurrentMessage.get_current_message()
    if message is None:
        return False
    return message.options.get("retries", 0) < MAX_RETRIES


def process_animation_job(animation_id: str) -> None:
    animation = Animation.objects.filter(pk=animation_id).first()
    if animation is None or animation.is_terminal:
        return  # deleted, or a redelivery of a finished job: nothing to do
    try:
        pipeline.run(animation)
    except pipeline.InfrastructureError as exc:
        if not _retries_left():
            pipeline.fail(animation, f"Our renderer had a problem and gave up after retries: {exc}")
            animation.release_quota()
        raise
    except TimeLimitExceeded:
        # Arrives as a BaseException raised asynchronously in the worker thread.
        pipeline.fail(animation, "The job took longer than the time limit and was stopped.")
        animation.release_quota()
        raise
    except Exception as exc:
        # A bug of ours: the user gets a clear failure (never a job stuck in
        # "rendering"), and the exception still reaches the logs and Sentry.
        pipeline.fail(animation, "An internal error stopped this job; it has been reported. Please try again.")
        animation.release_quota()
        log.exception("animation %s crashed", animation_id)
        raise exc


# One queue per plan tier. A worker consuming several queues runs the lower `priority`
# first, and paid tiers can also get dedicated workers (`rundramatiq --queues ...`), so a
# flood of free jobs never delays a paid one.
QUEUES = {
    "standard": ("animations", 100),
    "priority": ("animations-priority", 10),
    "highest": ("animations-highest", 0),
}

ACTORS = {
    tier: dramatiq.actor(
        process_animation_job,
        actor_name=f"process_animation_{tier}",
        queue_name=queue_name,
        priority=priority,
        max_retries=MAX_RETRIES,
        min_backoff=2_000,
        max_backoff=30_000,
        time_limit=settings.JOB_TIME_LIMIT_S * 1000,
        retry_when=lambda retries, exc: isinstance(exc, pipeline.InfrastructureError) and retries < MAX_RETRIES,
    )
    for tier, (queue_name, priority) in QUEUES.items()
}
process_animation = ACTORS["standard"]


def enqueue(animation_id: str, tier: str = "standard") -> None:
    ACTORS.get(tier, process_animation).send(animation_id)
