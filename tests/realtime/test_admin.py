import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from meetings.models import User


@pytest.fixture
def root(client, db):
    client.force_login(User.objects.create_superuser("root", "root@example.gov.vn", "x" * 12))
    return client


@pytest.mark.parametrize("model", list(apps.get_app_config("realtime").get_models()))
def test_superuser_opens_every_live_room_changelist(root, model):
    url = reverse(f"admin:realtime_{model._meta.model_name}_changelist")
    assert root.get(url).status_code == 200


def test_every_live_room_model_is_registered_and_read_only(root):
    for model in apps.get_app_config("realtime").get_models():
        assert admin.site.is_registered(model), model
        assert root.get(reverse(f"admin:realtime_{model._meta.model_name}_add")).status_code == 403
