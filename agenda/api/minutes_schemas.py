"""Request and response shapes of the minutes endpoints (the OpenAPI schema); the content's
own shape is docs/minutes.md."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from agenda.models import Minutes, MinutesDocument, MinutesReview
from meetings.api.schemas import LocalDateTime, PersonOut


class MinutesHeader(Schema):
    parent_agency: str = Field("", description="Cơ quan chủ quản, upper case; may be empty.")
    agency: str = Field(description="Cơ quan ban hành, upper case.")
    number: str = Field("", description='Everything after "Số: ", e.g. "…/BB-SNV".')
    place: str = Field("", description="Địa danh, e.g. Lạng Sơn.")
    date: dt.date = Field(description='Printed "Lạng Sơn, ngày 22 tháng 11 năm 2026".')
    subject: str = Field(description="Trích yếu, printed under BIÊN BẢN.")


class MinutesSection(Schema):
    key: str = Field(
        description='Stable id: "opening", "places", "attendees", "chair", "secretary", '
        '"content-intro", "item-<agenda item id>", "conclusion", "closing", or your own.'
    )
    title: str
    layout: Literal["inline", "block"] = Field(
        description='"inline": printed "Title: first paragraph" on one line; "block": a title '
        "line, then the body."
    )
    html: str = Field(
        description="Rich text of only p, br, strong, em, u, ul, ol, li, table, thead, tbody, "
        "tr, th, td, without attributes; anything else is removed on save."
    )


class Signer(Schema):
    title: str
    name: str


class MinutesSigners(Schema):
    secretary: Signer = Field(description="Signs on the left.")
    chair: Signer = Field(description="Signs on the right.")


class MinutesContent(Schema):
    header: MinutesHeader
    sections: list[MinutesSection]
    signers: MinutesSigners
    recipients: list[str] = Field(default_factory=list, description="Nơi nhận, a line each.")


class SignatureOut(Schema):
    name: str = ""
    role: str | None = Field(None, description='"secretary" or "chair" when known.')
    signed_at: str | None = Field(None, description="ISO 8601, as the signer declared it.")
    intact: bool = False
    trusted: bool = False
    subject: str = ""
    field: str = ""


class MinutesDocumentOut(Schema):
    id: int
    version: int = Field(description="The version number this PDF is of.")
    kind: MinutesDocument.Kind = Field(
        description='"rendered" (made at approval, unsigned), "signed" (signed here at '
        'approval), "uploaded" (signed elsewhere and checked).'
    )
    size: int = Field(description="Bytes.")
    sha256: str
    signers: list[SignatureOut]
    created_by: PersonOut | None
    created_at: LocalDateTime
    download_url: str


class MinutesReviewOut(Schema):
    decision: MinutesReview.Decision
    comment: str
    by: PersonOut | None
    at: LocalDateTime


class MinutesVersionSummaryOut(Schema):
    number: int
    note: str
    author: PersonOut | None
    created_at: LocalDateTime
    verification_code: str | None = Field(
        description='Set at approval, e.g. "K7QM-4XPA-9R" (Crockford base32, grouped).'
    )
    approved_at: LocalDateTime | None
    approved_by: PersonOut | None
    reviews: list[MinutesReviewOut]
    documents: list[MinutesDocumentOut]


class MinutesVersionOut(MinutesVersionSummaryOut):
    content: MinutesContent


class MinutesOut(Schema):
    meeting_id: int
    status: Minutes.Status
    latest_version: int = Field(description="The newest version number you may see.")
    published_at: LocalDateTime | None
    published_document_id: int | None
    may_edit: bool = Field(description="You may save versions, submit and upload signed copies.")
    may_approve: bool = Field(description="You chair the meeting: you approve or return.")
    version: MinutesVersionOut = Field(
        description="The latest version (the published one for readers of published minutes)."
    )


class VersionIn(Schema):
    base_version: int = Field(description="The version number your edit started from.")
    content: MinutesContent
    note: str = Field("", description="What changed, up to 300 characters.")


class SubmitIn(Schema):
    version: int | None = Field(None, description="The version you are submitting (checked).")


class ApproveIn(Schema):
    version: int = Field(description="The submitted version you read and approve.")


class ReturnIn(Schema):
    comment: str = Field(description="What to change; required.")
    version: int | None = None


class StaleOut(Schema):
    detail: str
    current_version: int
    saved_by: PersonOut | None
    saved_at: LocalDateTime
