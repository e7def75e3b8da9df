import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from agenda.models import PersonalNote
from meetings.models import User


@pytest.fixture
def root(client, db):
    client.force_login(User.objects.create_superuser("root", "root@example.gov.vn", "x" * 12))
    return client


@pytest.mark.parametrize(
    "model", [m for m in apps.get_app_config("agenda").get_models() if m is not PersonalNote]
)
def test_superuser_opens_every_agenda_changelist(root, model):
    url = reverse(f"admin:agenda_{model._meta.model_name}_changelist")
    assert root.get(url).status_code == 200


def test_every_agenda_model_is_registered():
    for model in apps.get_app_config("agenda").get_models():
        assert admin.site.is_registered(model), model


def test_personal_notes_stay_private_even_to_a_superuser(root, world, meeting):
    note = PersonalNote.objects.create(owner=world.delegate, meeting=meeting, text="riêng tư")
    assert root.get(reverse("admin:agenda_personalnote_changelist")).status_code == 403
    change = reverse("admin:agenda_personalnote_change", args=[note.pk])
    assert root.get(change).status_code == 403
    assert "riêng tư" not in root.get(reverse("admin:index")).content.decode()
