from django.urls import re_path

from . import api

UUIDISH = r"(?P<task_id>[^/]+)"

# Every endpoint answers with or without a trailing slash; clients differ.
api_patterns = [
    re_path(r"^generate/?$", api.GenerateView.as_view(), name="api-generate"),
    re_path(r"^render/?$", api.RenderView.as_view(), name="api-render"),
    re_path(rf"^status/{UUIDISH}/?$", api.StatusView.as_view(), name="api-status"),
    re_path(rf"^tasks/{UUIDISH}/cancel/?$", api.CancelView.as_view(), name="api-cancel"),
    re_path(r"^animations/?$", api.AnimationListView.as_view(), name="api-animations"),
    re_path(r"^projects/?$", api.ProjectListView.as_view(), name="api-projects"),
    re_path(r"^usage/?$", api.UsageView.as_view(), name="api-usage"),
    re_path(r"^templates/?$", api.TemplateListView.as_view(), name="api-templates"),
]

# The short aliases from the public contract: /generate, /status/<id>, /videos/<id>/animation.mp4
alias_patterns = [
    re_path(r"^generate/?$", api.GenerateView.as_view(), name="generate"),
    re_path(r"^render/?$", api.RenderView.as_view(), name="render"),
    re_path(rf"^status/{UUIDISH}/?$", api.StatusView.as_view(), name="status"),
    re_path(rf"^videos/{UUIDISH}/animation\.(?P<ext>mp4|gif|webm)$", api.VideoView.as_view(), name="video"),
]

