"""Browser pages: the landing page and the studio (prompt form, job page, API keys)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from accounts.models import ApiKey
from saas.errors import ApiError

from .api import validate_options
from .models import Animation, Project, Refused

EXAMPLE_PROMPTS = [
    "Create a circle that transforms into a square",
    "Plot y = x^2 - 1 from -3 to 3",
    "Show the equation E = mc^2",
]


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"examples": EXAMPLE_PROMPTS})


def _organization_or_404(request: HttpRequest):
    if request.organization is None:
        raise Http404("No organization.")
    return request.organization


@login_required
def studio(request: HttpRequest) -> HttpResponse:
    organization = _organization_or_404(request)
    form = {"prompt": request.GET.get("prompt", ""), "quality": "low", "format": "mp4", "project": ""}
    error = None
    if request.method == "POST":
        form = {name: request.POST.get(name, "").strip() for name in ("prompt", "quality", "format", "project")}
        try:
            if not form["prompt"]:
                raise ApiError("Describe the animation you want first.", "empty_prompt")
            if len(form["prompt"]) > settings.PROMPT_MAX_CHARS:
                raise ApiError(f"The prompt is {len(form['prompt'])} characters long; the limit is "
                               f"{settings.PROMPT_MAX_CHARS}.", "prompt_too_long")
            options = validate_options(
                {k: form[k] for k in ("quality", "format", "project") if form[k]}, organization
            )
        except ApiError as exc:
            error = str(exc.detail)
        else:
            try:
                animation = Animation.objects.admit(organization, user=request.user, via="studio", via_api=False,
                                                    prompt=form["prompt"], options=options)
            except Refused as exc:
                error = exc.message
            else:
                return redirect("studio-animation", task_id=animation.id)
    animations = Animation.objects.for_organization(organization).select_related("project")[:30]
    return render(request, "studio/index.html", {
        "form": form, "error": error, "animations": animations, "examples": EXAMPLE_PROMPTS,
        "catalogue": _catalogue() if settings.GENERATION_PROVIDER == "builtin" else None,
        "projects": Project.objects.filter(organization=organization),
        "qualities": ["low", "medium", "high", "4k"], "formats": ["mp4", "gif", "webm"],
    }, status=400 if error else 200)


def _catalogue() -> list[tuple[str, list]]:
    """The offline templates by subject, each with its first example prompt."""
    from .library import SUBJECTS, TEMPLATES

    by_subject: dict[str, list] = {subject: [] for subject in SUBJECTS}
    for template in TEMPLATES.values():
        by_subject.setdefault(template.subject, []).append(template)
    return [(subject.replace("-", " ").capitalize(), items) for subject, items in by_subject.items() if items]


@login_required
def animation_detail(request: HttpRequest, task_id: uuid.UUID) -> HttpResponse:
    organization = _organization_or_404(request)
    animation = Animation.objects.for_organization(organization).filter(pk=task_id).first()
    if animation is None:
        raise Http404("No such animation.")
    animation.fail_if_stuck()
    return render(request, "studio/animation.html", {"animation": animation, "events": animation.events.all()})


@login_required
def api_keys(request: HttpRequest) -> HttpResponse:
    organization = _organization_or_404(request)
    new_key = None
    if request.method == "POST":
        name = request.POST.get("name", "").strip()[:100] or "API key"
        _, new_key = ApiKey.objects.issue(organization, name=name, created_by=request.user)
    keys = ApiKey.objects.filter(organization=organization)
    return render(request, "studio/keys.html", {"keys": keys, "new_key": new_key, "site_url": settings.SITE_URL})


@login_required
@require_POST
def revoke_key(request: HttpRequest, key_id: uuid.UUID) -> HttpResponse:
    organization = _organization_or_404(request)
    key = ApiKey.objects.filter(organization=organization, pk=key_id).first()
    if key is None:
        raise Http404("No such key.")
    key.revoke()
    messages.success(request, f"Revoked {key.display}.")
    return redirect("studio-keys")


urlpatterns = [
    path("", home, name="home"),
    path("studio/", studio, name="studio"),
    path("studio/keys/", api_keys, name="studio-keys"),
    path("studio/keys/<uuid:key_id>/revoke/", revoke_key, name="studio-revoke-key"),
    path("studio/<uuid:task_id>/", animation_detail, name="studio-animation"),
]
