"""API key authentication (Bearer or X-API-Key) and the organization permission."""

from __future__ import annotations

from rest_framework import authentication, exceptions, permissions

from .models import ApiKey


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer ef_live_…` or `X-API-Key: ef_live_…`.

    Sets ``request.organization`` to the key's organization and ``request.auth``
    to the ApiKey.
    """

    keyword = "Bearer"

    def authenticate(self, request):
        raw = request.META.get("HTTP_X_API_KEY", "").strip()
        if not raw:
            header = authentication.get_authorization_header(request).decode("latin-1").strip()
            if not header:
                return None
            scheme, _, value = header.partition(" ")
            if scheme.lower() != "bearer":
                return None
            raw = value.strip()
        if not raw:
            raise exceptions.AuthenticationFailed("The API key is empty.", code="invalid_api_key")
        key = ApiKey.objects.find_active(raw)
        if key is None:
            raise exceptions.AuthenticationFailed("The API key is not valid.", code="invalid_api_key")
        if key.is_revoked:
            raise exceptions.AuthenticationFailed("The API key has been revoked.", code="revoked_api_key")
        key.touch()
        request._request.organization = key.organization
        user = key.created_by
        return (user, key)

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 (not 403) with a WWW-Authenticate challenge.
        return self.keyword


class HasOrganization(permissions.BasePermission):
    """Allows requests that resolved to an organization: by API key or session."""

    message = "Authentication required: send an API key (Authorization: Bearer ef_live_…) or log in."

    def has_permission(self, request, view) -> bool:
        if request.auth is not None and isinstance(request.auth, ApiKey):
            return True
        user = request.user
        if user is not None and getattr(user, "is_authenticated", False):
            return getattr(request._request, "organization", None) is not None
        raise exceptions.NotAuthenticated(self.message)
