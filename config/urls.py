from django.contrib import admin
from django.urls import include, path

from config.api import api
from meetings.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("meetings.urls_documents")),
    path("", include("agenda.urls")),
    path("", include("realtime.urls")),
    path("", include("meetings.urls_savings")),
    path("", include("meetings.urls_pages")),
]
