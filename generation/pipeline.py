"""The job, end to end: prompt (or code) -> code -> render -> stored video.

Called by the Dramatiq actor (generation/tasks.py) and, synchronously, by
`manage.py generate`. Every step is written to the Animation as it happens.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.db import transaction

from billing.entitlements import entitlements_for
from render.engine import RenderResult, RenderStatus, render
from render.cache import cached_render, remember_render, render_key
from render.storage import copy_video, store_video

from .autofix import prepare, undefined_names
from .delivery import prepare_delivery
from .policy import check_policy
from .models import Animation
from .providers import ProviderError, ProviderUnavailable, RepairRequest, get_provider

log = logging.getLogger(__name__)


class InfrastructureError(Exception):
    """A failure that is ours, not the user's: the actor retries it."""


def run(animation: Animation, *, use_cache: bool = True) -> Animation:
    """Take an animation from pending to a terminal state (or raise InfrastructureError).

    ``use_cache=False`` (evaluations) skips both the request and the render cache.
    """
    if animation.is_terminal:
        return animation
    if animation.kind == Animation.Kind.RENDER:
        _render_own_code(animation, use_cache)
    else:
        _generate_and_render(animation, use_cache)
    return animation


def _generate_and_render(animation: Animation, use_cache: bool) -> None:
    try:
        provider = get_provider()
    except ProviderError as exc:
        fail(animation, str(exc))
        return
    if _reuse_identical_request(animation, provider, use_cache):
        return
    repair: RepairRequest | None = None
    max_attempts = settings.GENERATION_MAX_ATTEMPTS if provider.can_repair else 1
    last_error = ""
    for attempt in range(1, max_attempts + 1):
        if not animation.move_to(Animation.Status.GENERATING, attempts=attempt, provider=provider.name):
            return  # canceled meanwhile
        try:
            generation = provider.generate(animation.prompt, animation.options, repair)
        except ProviderUnavailable as exc:
            animation.record("generate", "The model could not be reached.", attempt=attempt, error=str(exc))
            raise InfrastructureError(str(exc)) from exc
        except ProviderError as exc:
            animation.record("generate", "The provider refused the request.", attempt=attempt, error=str(exc))
            fail(animation, str(exc))
            return
        Animation.objects.filter(pk=animation.pk).update(
            model_name=generation.model[:200],
            prompt_tokens=animation.prompt_tokens + generation.prompt_tokens,
            completion_tokens=animation.completion_tokens + generation.completion_tokens,
            llm_seconds=animation.llm_seconds + generation.seconds,
        )
        animation.refresh_from_db()
        animation.record(
            "generate",
            f"{provider.name} answered in {generation.seconds:.1f}s.",
            attempt=attempt,
            code=generation.text,
            seconds=generation.seconds,
            data={
                "model": generation.model,
                "prompt_tokens": generation.prompt_tokens,
                "completion_tokens": generation.completion_tokens,
                "first_token_seconds": generation.first_token_seconds,
            },
        )
        code, fixes = prepare(generation.text, prompt=animation.prompt, format_code=True)
        for fix in fixes:
            animation.record("autofix", fix.description, attempt=attempt, data={"kind": fix.kind})
        result = _render(animation, code, attempt, use_cache)
        if result is None:
            return
        last_error = result.error
        repair = RepairRequest(code=code, error=result.error + "\n" + result.log[-1500:])
    fail(animation, last_error or "The code could not be rendered.")


def request_key(prompt: str, options: dict, provider: str, model: str) -> str:
    normalised = " ".join(prompt.lower().split()).rstrip(".!? ")
    raw = "\0".join([provider, model, options.get("quality", "low"), options.get("format", "mp4"),
                     options.get("scene") or "", normalised])
    return hashlib.sha256(raw.encode()).hexdigest()


def _reuse_identical_request(animation: Animation, provider, use_cache: bool) -> bool:
    """An identical finished request is reused: no LLM call, no render."""
    model = settings.LLM_MODEL if provider.name == "openai" else provider.name
    key = request_key(animation.prompt, animation.options, provider.name, model)
    Animation.objects.filter(pk=animation.pk).update(request_key=key)
    animation.request_key = key
    if not use_cache:
        return False
    source = (
        Animation.objects.reusable(key, animation.organization, shareable=provider.name == "builtin")
        .exclude(pk=animation.pk)
        .first()
    )
    if source is None:
        return False
    try:
        name = copy_video(source.video, animation.storage_name())
    except FileNotFoundError:
        return False  # the source's file is gone: generate afresh
    _complete(animation, name, "cache", "Reused an identical finished request: no model call, no render.",
              data={"source": str(source.pk)}, code=source.code, scene_name=source.scene_name,
              provider=source.provider, model_name=source.model_name, reused_from=source)
    return True


def _complete(animation: Animation, video: str, stage: str, message: str, *, attempt: int = 0,
              seconds: float | None = None, data: dict | None = None, **fields) -> None:
    with transaction.atomic():
        if not animation.move_to(Animation.Status.COMPLETED, video=video, error="", **fields):
            return  # canceled meanwhile
        animation.record(stage, message, attempt=attempt, seconds=seconds, data=data or {})
    prepare_delivery(animation)


def _render_own_code(animation: Animation, use_cache: bool) -> None:
    code, fixes = prepare(animation.code)
    for fix in fixes:
        animation.record("autofix", fix.description, attempt=1, data={"kind": fix.kind})
    result = _render(animation, code, 1, use_cache)
    if result is not None:
        fail(animation, result.error)


def _render(animation: Animation, code: str, attempt: int, use_cache: bool = True) -> RenderResult | None:
    """Render ``code``; None when the animation is finished (completed or canceled)."""
    violations = check_policy(code)
    if violations:
        error = "The code was refused before rendering: " + " ".join(v.message for v in violations[:5])
        if len(violations) > 5:
            error += f" (and {len(violations) - 5} more)"
        animation.record("policy", "The code uses something scenes may not use.", attempt=attempt, code=code,
                         error=error, data={"rules": sorted({v.rule for v in violations})})
        Animation.objects.filter(pk=animation.pk).update(code=code)
        animation.code = code
        return RenderResult(RenderStatus.VIOLATION, error=error)
    missing = undefined_names(code)
    if missing:
        # Caught before spending a render on it; the model gets it as a repair hint.
        error = "; ".join(f"NameError (line {line} of the scene): name {name!r} is not defined"
                          for line, name in missing[:5])
        animation.record("names", "The code uses names that are not defined.", attempt=attempt, code=code,
                         error=error, data={"names": [name for _, name in missing]})
        Animation.objects.filter(pk=animation.pk).update(code=code)
        animation.code = code
        return RenderResult(RenderStatus.USER_ERROR, error=error)
    if not animation.move_to(Animation.Status.RENDERING, code=code):
        return None
    scene = animation.options.get("scene") or None
    cache_key = render_key(code, animation.quality, animation.format, scene)
    cached = cached_render(cache_key, animation.format) if use_cache else None
    if cached is not None:
        try:
            name = copy_video(cached, animation.storage_name())
        except FileNotFoundError:
            name = None
        if name is not None:
            _complete(animation, name, "render", "Reused the render of identical code (render cache).",
                      attempt=attempt, data={"render_cache": cache_key})
            return None
    started = time.monotonic()
    result = render(
        code,
        scene=scene,
        quality=animation.quality,
        format=animation.format,
    )
    try:
        seconds = time.monotonic() - started
        Animation.objects.filter(pk=animation.pk).update(render_seconds=animation.render_seconds + seconds)
        animation.render_seconds += seconds
        if result.status is RenderStatus.INFRASTRUCTURE:
            animation.record("render", "The renderer failed on our side.", attempt=attempt, code=code,
                             error=result.error, seconds=seconds)
            raise InfrastructureError(result.error)
        if not result.ok:
            animation.record("render", "The render failed.", attempt=attempt, code=code,
                             error=result.error, seconds=seconds,
                             data={"status": result.status.value, "line": result.line,
                                   "log_tail": result.log[-2000:]})
            return result
        too_long = _over_plan_length(animation, result.details.get("video_seconds", 0.0))
        if too_long:
            animation.record("render", "The video is longer than the plan allows.", attempt=attempt, code=code,
                             error=too_long, seconds=seconds)
            return RenderResult(RenderStatus.USER_ERROR, error=too_long)
        remember_render(cache_key, animation.format, result.video_path)
        name = store_video(result.video_path, animation.storage_name())
        _complete(animation, name, "render", f"Rendered in {result.seconds:.1f}s.", attempt=attempt,
                  seconds=seconds, data=result.details)
        return None
    finally:
        result.cleanup()


def _over_plan_length(animation: Animation, length: float) -> str:
    limit = entitlements_for(animation.organization).max_video_seconds
    if limit and length > limit + 0.5:
        return (f"The animation is {length:.0f} seconds long; your plan allows up to {limit} seconds. "
                "Shorten it (fewer or faster animations, shorter waits) or upgrade.")
    return ""


def fail(animation: Animation, error: str) -> None:
    if animation.move_to(Animation.Status.FAILED, error=error):
        animation.record("failed", error)
        log.info("animation %s failed: %s", animation.pk, error)
