"""Documents and people for the distribution, comment and note tests.

Test modules that store files import the autouse fixture too:
    from tests.agenda.distribution_support import media  # noqa: F401
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from agenda.models import Document
from meetings.models import Meeting, Participant, Role, User
from tests.agenda.document_support import create_document, isolated_media, pdf_bytes
from tests.world import World, make_user


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads go to a throw-away folder."""
    return isolated_media(settings, tmp_path)


@dataclass
class Papers:
    report: Document  # 3 pages, open for comments for a day
    secret: Document  # confidential, 1 page, named reader: the delegate


def papers(world: World, meeting: Meeting) -> Papers:
    report = create_document(
        meeting,
        world.organizer,
        name="du-thao.pdf",
        data=pdf_bytes(3, "DUTHAO"),
        title="Dự thảo kế hoạch chuyển đổi số",
        comments_until=timezone.now() + timedelta(days=1),
    )
    secret = create_document(
        meeting,
        world.organizer,
        name="nhan-su.pdf",
        data=pdf_bytes(1, "MAT"),
        title="Phương án nhân sự",
        is_confidential=True,
        reader_ids=(world.delegate.pk,),
    )
    return Papers(report=report, secret=secret)


def second_delegate(world: World, meeting: Meeting) -> User:
    """Another delegate, attending from the second commune's room."""
    user = make_user("delegate2", world.communes[1], Role.DELEGATE, full_name="Trần Thị Hai")
    Participant.objects.create(meeting=meeting, user=user, bridge_point=world.rooms[1])
    return user


def close_comments(document: Document) -> None:
    document.comments_until = timezone.now() - timedelta(minutes=1)
    document.save(update_fields=["comments_until"])
