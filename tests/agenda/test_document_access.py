"""Who may open and download a document: every persona, plain and confidential."""

import pytest
from django.urls import reverse

from agenda.models import Receipt
from meetings.models import Role
from tests.agenda.document_support import create_document, isolated_media, latest
from tests.world import make_user

INVITED = ["organizer", "chair", "secretary", "operator", "delegate"]
NOT_INVITED = ["outsider", "other_organizer"]
VIEWS = ["document-download", "document-open"]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    return isolated_media(settings, tmp_path)


@pytest.fixture
def plain(world, meeting):
    return create_document(meeting, world.organizer)


@pytest.fixture
def confidential(world, meeting):
    """Confidential, created by the organizer, naming only the delegate."""
    return create_document(
        meeting,
        world.organizer,
        name="Dự thảo mật.pdf",
        is_confidential=True,
        reader_ids=(world.delegate.pk,),
    )


def _get(client, user, document, view: str):
    client.force_login(user)
    return client.get(reverse(view, args=[latest(document).pk]))


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("persona", INVITED)
def test_everyone_with_a_part_reads_a_plain_document(client, world, plain, persona, view):
    user = getattr(world, persona)
    assert _get(client, user, plain, view).status_code == 200
    assert Receipt.objects.filter(document=plain, user=user).exists()


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("persona", NOT_INVITED)
def test_people_without_a_part_get_404(client, world, plain, persona, view):
    user = getattr(world, persona)
    assert _get(client, user, plain, view).status_code == 404
    assert not Receipt.objects.exists()


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("persona", ["delegate", "organizer"])
def test_named_reader_and_creator_read_a_confidential_document(
    client, world, confidential, persona, view
):
    assert _get(client, getattr(world, persona), confidential, view).status_code == 200


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("persona", ["chair", "secretary", "operator", *NOT_INVITED])
def test_a_confidential_document_is_404_for_anyone_not_named(
    client, world, confidential, persona, view
):
    assert _get(client, getattr(world, persona), confidential, view).status_code == 404
    assert not Receipt.objects.exists()


def test_another_organizer_of_the_host_is_not_named_either(client, world, confidential):
    colleague = make_user("organizer2", world.province, Role.ORGANIZER)
    assert _get(client, colleague, confidential, "document-download").status_code == 404


def test_a_version_that_does_not_exist(client, world):
    client.force_login(world.organizer)
    assert client.get(reverse("document-download", args=[999_999])).status_code == 404


@pytest.mark.parametrize("view", VIEWS)
def test_anonymous_is_sent_to_sign_in(client, plain, view):
    response = client.get(reverse(view, args=[latest(plain).pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
