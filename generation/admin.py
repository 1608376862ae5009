from django.contrib import admin

from .models import Animation, AnimationEvent, Project


class AnimationEventInline(admin.TabularInline):
    model = AnimationEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "stage", "attempt", "message", "error", "seconds"]
    readonly_fields = fields


@admin.register(Animation)
class AnimationAdmin(admin.ModelAdmin):
    list_display = ["id", "organization", "kind", "status", "provider", "attempts", "created_at"]
    list_filter = ["status", "kind", "provider"]
    search_fields = ["id", "prompt", "organization__name"]
    readonly_fields = [f.name for f in Animation._meta.fields]
    inlines = [AnimationEventInline]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "created_at"]
    search_fields = ["name", "organization__name"]
