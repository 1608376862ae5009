from django.apps import AppConfig


class RenderConfig(AppConfig):
    name = "render"
    default_auto_field = "django.db.models.BigAutoField"
