from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from generation import urls as generation_urls
from generation import views as web

from . import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("billing/", include("billing.urls")),
    path("api/v1/", include(generation_urls.api_patterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("", include(generation_urls.alias_patterns)),
    path("", include(web.urlpatterns)),
]

handler404 = "saas.errors.not_found"
handler500 = "saas.errors.server_error"
