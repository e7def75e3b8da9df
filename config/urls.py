from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from meetings.api import api
from meetings.health import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("meetings.urls_documents")),
    path("", include("meetings.urls_pages")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
