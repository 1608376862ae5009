"""REST API: generate, render, status, video, plus listing animations and projects.

Every view here inherits OrganizationScopedView, so every query is scoped to
the caller's organization; another tenant's id answers 404.
"""

from __future__ import annotations

import mimetypes
import uuid

from django.conf import settings
from django.http import FileResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from django_ratelimit.core import get_usage
from rest_framework import exceptions, generics, serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import ApiKey
from render.engine import FORMATS, QUALITIES
from render.storage import open_video
from render.media import MediaError
from render.sandbox import SandboxUnavailable
from saas.errors import ApiError

from .delivery import delivered_video
from .models import Animation, Project, Refused

OPTION_NAMES = ("quality", "format", "project", "scene")


class OrganizationScopedView(APIView):
    """Base for every tenant-facing API view: all lookups go through ``scoped``.

    Also applies the plan's rate limit (django-ratelimit on the shared cache), keyed by API
    key, else organization, else user, else IP: the plan's requests per minute for writes,
    ten times that for reads (status polling).
    """

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        rate_limit(request)

    def scoped(self, model):
        return model.objects.filter(organization=self.request.organization)

    def get_animation(self, task_id: str) -> Animation:
        try:
            pk = uuid.UUID(str(task_id))
        except ValueError:
            raise ApiError(f"{task_id!r} is not a task id (task ids are UUIDs).", "invalid_task_id", 400)
        animation = self.scoped(Animation).filter(pk=pk).first()
        if animation is None:
            raise ApiError("No task with this id in your organization.", "not_found", 404)
        animation.fail_if_stuck()
        return animation


def rate_limit(request: Request) -> None:
    from billing.entitlements import entitlements_for

    organization = request.organization
    per_minute = entitlements_for(organization).requests_per_minute
    if not per_minute:
        return
    writes = request.method in ("POST", "PUT", "PATCH", "DELETE")
    if not writes:
        per_minute *= 10
    if isinstance(request.auth, ApiKey):
        key = f"key:{request.auth.pk}"
    elif organization is not None:
        key = f"org:{organization.pk}"
    elif getattr(request.user, "is_authenticated", False):
        key = f"user:{request.user.pk}"
    else:
        key = f"ip:{request.META.get('REMOTE_ADDR', '')}"
    usage = get_usage(request._request, group="api-write" if writes else "api-read",
                      key=lambda group, req: key, rate=f"{per_minute}/m", increment=True)
    if usage and usage["should_limit"]:
        raise exceptions.Throttled(
            wait=max(1, int(usage["time_left"])),
            detail=f"Too many requests: your plan allows {per_minute} of these a minute.",
        )


# --- Request validation -------------------------------------------------------------


def _reject_unknown(data: dict, allowed: tuple[str, ...], what: str, code: str) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        names = ", ".join(repr(n) for n in unknown)
        raise ApiError(
            f"Unknown {what}{'s' if len(unknown) > 1 else ''} {names}; allowed: {', '.join(allowed)}.",
            code,
            400,
        )


def validate_options(raw, organization) -> dict:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ApiError("options must be a JSON object.", "invalid_options", 400)
    _reject_unknown(raw, OPTION_NAMES, "option", "unknown_option")
    options: dict = {}
    quality = raw.get("quality", "low")
    if quality not in QUALITIES:
        raise ApiError(f"quality must be one of {', '.join(QUALITIES)} (got {quality!r}).", "invalid_quality", 400)
    options["quality"] = quality
    fmt = raw.get("format", "mp4")
    if fmt not in FORMATS:
        raise ApiError(f"format must be one of {', '.join(FORMATS)} (got {fmt!r}).", "invalid_format", 400)
    options["format"] = fmt
    if raw.get("scene") is not None:
        scene = raw["scene"]
        if not isinstance(scene, str) or not scene.isidentifier():
            raise ApiError("scene must be the name of a Scene class in the code.", "invalid_scene", 400)
        options["scene"] = scene
    if raw.get("project") is not None:
        try:
            project_id = uuid.UUID(str(raw["project"]))
        except ValueError:
            raise ApiError("project must be a project id (a UUID).", "invalid_project", 400)
        if not Project.objects.filter(pk=project_id, organization=organization).exists():
            raise ApiError("No project with this id in your organization.", "invalid_project", 400)
        options["project"] = str(project_id)
    return options


def _text_field(data: dict, name: str, limit: int) -> str:
    value = data.get(name)
    if value is None:
        raise ApiError(f"{name} is required.", f"missing_{name}", 400)
    if not isinstance(value, str):
        raise ApiError(f"{name} must be a string.", f"invalid_{name}", 400)
    if not value.strip():
        raise ApiError(f"{name} must not be empty.", f"empty_{name}", 400)
    if len(value) > limit:
        raise ApiError(f"{name} is {len(value)} characters long; the limit is {limit}.", f"{name}_too_long", 400)
    return value


# --- Responses ----------------------------------------------------------------------


def animation_payload(animation: Animation) -> dict:
    return {
        "task_id": str(animation.id),
        "status": animation.status,
        "code": animation.code or None,
        "video_url": animation.video_url,
        "error": animation.error or None,
        "kind": animation.kind,
        "prompt": animation.prompt or None,
        "options": animation.options,
        "project": str(animation.project_id) if animation.project_id else None,
        "attempts": animation.attempts,
        "created_at": animation.created_at.isoformat() if animation.created_at else None,
        "completed_at": animation.completed_at.isoformat() if animation.completed_at else None,
        "timings": {
            "llm_seconds": round(animation.llm_seconds, 3),
            "render_seconds": round(animation.render_seconds, 3),
        },
        "tokens": {"prompt": animation.prompt_tokens, "completion": animation.completion_tokens},
    }


TaskAccepted = inline_serializer(
    "TaskAccepted", {"task_id": serializers.UUIDField(), "status": serializers.CharField()}
)
ErrorBody = inline_serializer("Error", {"error": serializers.CharField(), "code": serializers.CharField()})
AnimationStatus = inline_serializer(
    "AnimationStatus",
    {
        "task_id": serializers.UUIDField(),
        "status": serializers.ChoiceField(choices=Animation.Status.choices),
        "code": serializers.CharField(allow_null=True),
        "video_url": serializers.CharField(allow_null=True),
        "error": serializers.CharField(allow_null=True),
    },
)
OptionsSchema = inline_serializer(
    "Options",
    {
        "quality": serializers.ChoiceField(choices=list(QUALITIES), required=False, default="low"),
        "format": serializers.ChoiceField(choices=list(FORMATS), required=False, default="mp4"),
        "project": serializers.UUIDField(required=False),
        "scene": serializers.CharField(required=False),
    },
)


class GenerateView(OrganizationScopedView):
    @extend_schema(
        summary="Generate an animation from a prompt",
        request=inline_serializer("GenerateRequest", {"prompt": serializers.CharField(), "options": OptionsSchema}),
        responses={202: TaskAccepted, 400: ErrorBody, 401: ErrorBody},
    )
    def post(self, request: Request) -> Response:
        data = _body(request)
        _reject_unknown(data, ("prompt", "options"), "field", "unknown_field")
        prompt = _text_field(data, "prompt", settings.PROMPT_MAX_CHARS).strip()
        options = validate_options(data.get("options"), request.organization)
        animation = _create(request, kind=Animation.Kind.GENERATE, prompt=prompt, options=options)
        return Response({"task_id": str(animation.id), "status": animation.status}, status=status.HTTP_202_ACCEPTED)


class RenderView(OrganizationScopedView):
    @extend_schema(
        summary="Render your own Manim code",
        request=inline_serializer("RenderRequest", {"code": serializers.CharField(), "options": OptionsSchema}),
        responses={202: TaskAccepted, 400: ErrorBody, 401: ErrorBody},
    )
    def post(self, request: Request) -> Response:
        data = _body(request)
        _reject_unknown(data, ("code", "options"), "field", "unknown_field")
        code = _text_field(data, "code", settings.CODE_MAX_CHARS)
        options = validate_options(data.get("options"), request.organization)
        animation = _create(request, kind=Animation.Kind.RENDER, code=code, options=options)
        return Response({"task_id": str(animation.id), "status": animation.status}, status=status.HTTP_202_ACCEPTED)


def _body(request: Request) -> dict:
    data = request.data  # raises ParseError (400 invalid_json) on malformed JSON
    if not isinstance(data, dict):
        raise ApiError("The request body must be a JSON object.", "invalid_body", 400)
    return data


def _create(request: Request, **fields) -> Animation:
    via_api = request.auth is not None
    try:
        return Animation.objects.admit(request.organization, user=request.user, via_api=via_api,
                                       via="API key" if via_api else "session", **fields)
    except Refused as exc:
        raise ApiError(exc.message, exc.code, exc.http_status) from exc


class StatusView(OrganizationScopedView):
    @extend_schema(summary="Status of a task", responses={200: AnimationStatus, 400: ErrorBody, 404: ErrorBody})
    def get(self, request: Request, task_id: str) -> Response:
        return Response(animation_payload(self.get_animation(task_id)))


class CancelView(OrganizationScopedView):
    @extend_schema(summary="Cancel a pending or running task", request=None,
                   responses={200: AnimationStatus, 404: ErrorBody, 409: ErrorBody})
    def post(self, request: Request, task_id: str) -> Response:
        animation = self.get_animation(task_id)
        if not animation.move_to(Animation.Status.CANCELED, error="Canceled by the user."):
            raise ApiError(f"The task is already {animation.status}.", "already_finished", 409)
        animation.record("canceled", "Canceled by the user.")
        return Response(animation_payload(animation))


class AnyAcceptNegotiation(BaseContentNegotiation):
    """Video clients send Accept: video/*; errors still come back as JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class VideoView(OrganizationScopedView):
    content_negotiation_class = AnyAcceptNegotiation

    @extend_schema(summary="Download the rendered video", responses={(200, "video/mp4"): OpenApiResponse(
        description="The video file"), 404: ErrorBody, 409: ErrorBody})
    def get(self, request: Request, task_id: str, ext: str) -> FileResponse:
        animation = self.get_animation(task_id)
        if ext != animation.format:
            raise ApiError(f"This task's video is at {animation.video_filename}.", "not_found", 404)
        if animation.status != Animation.Status.COMPLETED or not animation.video:
            raise ApiError(f"The video is not ready: the task is {animation.status}.", "video_not_ready", 409)
        try:
            fh = open_video(delivered_video(animation))
        except FileNotFoundError:
            raise ApiError("The video file is missing from storage.", "video_missing", 404)
        except (MediaError, SandboxUnavailable):
            raise ApiError("The video could not be prepared for delivery; please try again shortly.",
                           "video_unavailable", 503)
        content_type = mimetypes.types_map.get(f".{ext}", "application/octet-stream")
        response = FileResponse(fh, content_type=content_type, filename=animation.video_filename,
                                as_attachment="download" in request.query_params)
        response["Cache-Control"] = "private, max-age=3600"
        return response


class AnimationListView(OrganizationScopedView, generics.GenericAPIView):
    @extend_schema(summary="Your organization's animations, newest first", responses={200: AnimationStatus})
    def get(self, request: Request) -> Response:
        queryset = self.scoped(Animation).order_by("-created_at")
        project = request.query_params.get("project")
        if project:
            try:
                queryset = queryset.filter(project_id=uuid.UUID(project))
            except ValueError:
                raise ApiError("project must be a project id (a UUID).", "invalid_project", 400)
        page = self.paginate_queryset(queryset)
        items = [animation_payload(a) for a in (page if page is not None else queryset[:100])]
        return self.get_paginated_response(items) if page is not None else Response({"results": items})


ProjectSchema = inline_serializer(
    "Project",
    {"id": serializers.UUIDField(read_only=True), "name": serializers.CharField(max_length=200),
     "description": serializers.CharField(required=False, allow_blank=True)},
)


def project_payload(project: Project) -> dict:
    return {"id": str(project.id), "name": project.name, "description": project.description,
            "created_at": project.created_at.isoformat()}


class ProjectListView(OrganizationScopedView):
    @extend_schema(summary="Your organization's projects", responses={200: ProjectSchema})
    def get(self, request: Request) -> Response:
        return Response({"results": [project_payload(p) for p in self.scoped(Project)]})

    @extend_schema(summary="Create a project", request=ProjectSchema, responses={201: ProjectSchema, 400: ErrorBody})
    def post(self, request: Request) -> Response:
        data = _body(request)
        _reject_unknown(data, ("name", "description"), "field", "unknown_field")
        name = _text_field(data, "name", 200).strip()
        description = data.get("description") or ""
        if not isinstance(description, str):
            raise ApiError("description must be a string.", "invalid_description", 400)
        if self.scoped(Project).filter(name=name).exists():
            raise ApiError(f"A project called {name!r} already exists.", "duplicate_project", 400)
        project = Project.objects.create(organization=request.organization, name=name, description=description)
        return Response(project_payload(project), status=status.HTTP_201_CREATED)


UsageSchema = inline_serializer(
    "Usage",
    {
        "plan": serializers.CharField(), "period_start": serializers.DateTimeField(),
        "period_end": serializers.DateTimeField(), "animations_used": serializers.IntegerField(),
        "animations_limit": serializers.IntegerField(allow_null=True),
        "remaining": serializers.IntegerField(allow_null=True),
        "requests_per_minute": serializers.IntegerField(), "concurrent_jobs": serializers.IntegerField(),
        "max_quality": serializers.CharField(), "watermark": serializers.BooleanField(),
    },
)


class UsageView(OrganizationScopedView):
    @extend_schema(summary="Your plan, this period's usage and your limits", responses={200: UsageSchema})
    def get(self, request: Request) -> Response:
        from billing.entitlements import usage

        data = usage(request.organization)
        for field in ("period_start", "period_end"):
            data[field] = data[field].isoformat()
        return Response(data)


def template_payload(template) -> dict:
    return {
        "slug": template.slug, "title": template.title, "subject": template.subject,
        "description": template.description, "examples": list(template.examples),
        "params": [
            {"name": p.name, "kind": p.kind, "label": p.label, "help": p.help,
             "default": p.default if isinstance(p.default, (str, int, float, bool, list, type(None)))
             else str(p.default),
             "minimum": p.minimum, "maximum": p.maximum, "choices": list(p.choices)}
            for p in template.params
        ],
    }


class TemplateListView(OrganizationScopedView):
    @extend_schema(summary="The offline generator's scene templates, with example prompts and parameters")
    def get(self, request: Request) -> Response:
        from .library import TEMPLATES

        subject = request.query_params.get("subject")
        items = [template_payload(t) for t in TEMPLATES.values() if not subject or t.subject == subject]
        return Response({"results": items})
