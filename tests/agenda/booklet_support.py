"""A small agenda with real documents, as the organizer builds it, for the booklet tests.

Test modules using it need the throw-away media folder:
    from tests.agenda.document_support import isolated_media  # noqa: F401
    pytestmark = pytest.mark.usefixtures("isolated_media")
"""

from dataclasses import dataclass

from agenda.models import AgendaItem, Document, ItemKind
from agenda.services.documents import document_version_upload
from agenda.services.items import ItemInput, agenda_item_create
from meetings.models import Meeting
from tests.agenda.document_support import create_document, office_bytes, pdf_bytes, upload_file
from tests.world import World


@dataclass
class Agenda:
    items: list[AgendaItem]
    report: Document  # 3 pages
    plan: Document  # v1 of 2 pages, v2 of 4 pages
    figures: Document  # DOCX: listed, never merged
    secret: Document  # confidential, 1 page, readable by the chair (and its creator)


def build_agenda(world: World, meeting: Meeting) -> Agenda:
    """Three items (30 + 45 + 20 minutes) and four documents; each PDF's pages read
    "<LABEL> - trang N" so a test can tell where each one landed in a pack."""

    def item(title: str, minutes: int, **extra) -> AgendaItem:
        return agenda_item_create(
            actor=world.organizer,
            meeting_id=meeting.pk,
            data=ItemInput(title=title, planned_minutes=minutes, **extra),
        )

    items = [
        item("Báo cáo tình hình kinh tế - xã hội", 30, presenter_unit_id=world.communes[0].pk),
        item("Thảo luận kế hoạch chuyển đổi số", 45, kind=ItemKind.DISCUSSION),
        item(
            "Biểu quyết nghị quyết về nhân sự",
            20,
            kind=ItemKind.DECISION,
            presenter_user_id=world.chair.pk,
        ),
    ]

    def document(name: str, data: bytes, title: str, on: AgendaItem, **fields) -> Document:
        return create_document(
            meeting,
            world.organizer,
            name=name,
            data=data,
            title=title,
            agenda_item_id=on.pk,
            **fields,
        )

    report = document("bao-cao.pdf", pdf_bytes(3, "BAOCAO"), "Báo cáo số 12/BC-UBND", items[0])
    plan = document("ke-hoach.pdf", pdf_bytes(2, "KEHOACH1"), "Dự thảo kế hoạch", items[1])
    document_version_upload(
        actor=world.organizer,
        document_id=plan.pk,
        upload=upload_file("ke-hoach-v2.pdf", pdf_bytes(4, "KEHOACH2")),
    )
    figures = document("so-lieu.docx", office_bytes("docx"), "Bảng số liệu", items[1])
    secret = document(
        "nhan-su.pdf",
        pdf_bytes(1, "MAT"),
        "Phương án nhân sự",
        items[2],
        is_confidential=True,
        reader_ids=(world.chair.pk,),
    )
    return Agenda(items, report, plan, figures, secret)
