"""Resolve the organization a logged-in user is acting for."""

from __future__ import annotations

from .models import Organization

SESSION_KEY = "organization_id"


class CurrentOrganizationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organization = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            request.organization = current_organization(request, user)
        return self.get_response(request)


def current_organization(request, user) -> Organization | None:
    org_id = request.session.get(SESSION_KEY)
    if org_id:
        org = Organization.objects.filter(pk=org_id, memberships__user=user).first()
        if org is not None:
            return org
    org = user.default_organization()
    if org is not None:
        request.session[SESSION_KEY] = str(org.pk)
    return org
