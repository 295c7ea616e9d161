"""Training's addresses outside the admin, mounted under /certificates/."""

from django.urls import path

from . import views

urlpatterns = [
    path("verify/", views.verify_certificate, name="courses_verify_certificate"),
]
