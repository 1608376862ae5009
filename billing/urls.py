from django.urls import path

from . import views

# Included at "billing/" by saas/urls.py.
urlpatterns = [
    path("", views.index, name="billing"),
    path("checkout/<slug:slug>/", views.checkout, name="billing-checkout"),
    path("portal/", views.portal, name="billing-portal"),
    path("success/", views.checkout_success, name="billing-success"),
    path("stripe/webhook/", views.stripe_webhook, name="billing-stripe-webhook"),
]
