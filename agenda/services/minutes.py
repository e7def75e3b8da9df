"""The minutes' life: the draft built from the records, edited versions, submission to the
chair, approval (a verification code, the PDF, the signature) or return, and the upload of a
copy signed outside the product.

Versions are never changed: every build and every save adds one, with its author and time.
A save names the version it was edited from; if someone saved in between, it is refused
(StaleVersion) and names them. Approved minutes are frozen: a later save starts a new cycle
(a new version, the minutes back to draft) while the approved version keeps its code and
PDFs. Published minutes are not edited here any more.
"""

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agenda.minutes_content import content_clean
from agenda.minutes_draft import draft_content
from agenda.minutes_records import meeting_record
from agenda.models import Minutes, MinutesDocument, MinutesReview, MinutesVersion, Notice
from agenda.selectors_minutes import (
    MinutesAccess,
    co_secretary_id,
    latest_approved,
    minutes_access,
    rendered_document,
)
from agenda.verification_codes import new_verification_code, verify_url
from meetings.models import Meeting, User
from meetings.services.errors import PermissionDenied
from meetings.vietnamese_dates import date_time_short

Status = Minutes.Status
# The minutes can be drafted once the meeting has begun: its records exist from then on.
DRAFTABLE = (Meeting.Status.LIVE, Meeting.Status.ENDED)

MAX_NOTE = MinutesVersion._meta.get_field("note").max_length
MAX_COMMENT = 5_000
PDF_MAGIC = b"%PDF-"


class StaleVersion(ValidationError):
    """A save, submission or approval made on a version that is no longer the latest."""

    def __init__(self, message: str, *, current: MinutesVersion):
        super().__init__(message, code="conflict")
        self.current = current


# Shared steps ------------------------------------------------------------------------------


def _locked(meeting_id: int) -> tuple[Meeting, Minutes | None]:
    """The meeting under its row lock (minutes changes queue here), and its minutes."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("host_unit", "chair", "secretary")
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise ValidationError(_("Không tìm thấy cuộc họp."))
    return meeting, Minutes.objects.filter(meeting=meeting).first()


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _require_editor(access: MinutesAccess) -> None:
    _require(
        access.may_edit,
        _("Chỉ thư ký cuộc họp hoặc văn phòng đơn vị chủ trì được soạn biên bản."),
    )


def _require_chair(access: MinutesAccess, message: str) -> None:
    _require(access.may_approve, message)


def _require_minutes(minutes: Minutes | None) -> Minutes:
    if minutes is None:
        raise ValidationError(_("Cuộc họp chưa có biên bản: hãy dựng dự thảo trước."))
    return minutes


def _latest(minutes: Minutes) -> MinutesVersion:
    return minutes.versions.select_related("author").order_by("-number").first()


def _require_writable(minutes: Minutes) -> None:
    """New versions are refused while the chair reviews, and once published."""
    if minutes.status == Status.SUBMITTED:
        raise ValidationError(
            _(
                "Biên bản đang chờ chủ trì duyệt: không sửa được cho đến khi "
                "được duyệt hoặc trả lại."
            ),
            code="submitted",
        )
    if minutes.status == Status.PUBLISHED:
        raise ValidationError(_("Biên bản đã phát hành: không sửa được nữa."), code="published")


def _stale(current: MinutesVersion, base: int) -> StaleVersion:
    who = current.author.display_name if current.author else _("người khác")
    return StaleVersion(
        _(
            "Biên bản đã được %(who)s lưu lúc %(when)s (phiên bản %(number)s) sau phiên bản "
            "%(base)s bạn đã sửa: hãy mở bản mới nhất và sửa tiếp trên bản đó."
        )
        % {
            "who": who,
            "when": date_time_short(current.created_at),
            "number": current.number,
            "base": base,
        },
        current=current,
    )


def _add_version(
    minutes: Minutes, *, actor: User, content: dict, note: str, previous: MinutesVersion | None
) -> MinutesVersion:
    version = MinutesVersion.objects.create(
        minutes=minutes,
        number=(previous.number if previous else 0) + 1,
        content=content,
        note=note,
        author=actor,
    )
    # A change after approval starts a new cycle; a returned draft stays returned until
    # submitted again, so the chair's comment keeps showing.
    if minutes.status == Status.APPROVED:
        minutes.status = Status.DRAFT
        minutes.save(update_fields=["status", "updated_at"])
    return version


def _notify(meeting: Meeting, user_ids: set[int], text: str) -> None:
    """In-app notices, in the site's language (stored text, written once)."""
    url = reverse("minutes", args=[meeting.pk])
    Notice.objects.bulk_create(
        Notice(user_id=user_id, meeting=meeting, url=url, text=text[:500])
        for user_id in sorted(user_ids - {None})
    )


def _secretaries(meeting: Meeting) -> set[int]:
    return {meeting.secretary_id, co_secretary_id(meeting)} - {None}


# Services --------------------------------------------------------------------------------


@transaction.atomic
def minutes_draft_build(*, actor: User, meeting_id: int) -> MinutesVersion:
    """A new version built from the meeting's records (the first draft, or a rebuild that
    keeps every earlier version)."""
    meeting, minutes = _locked(meeting_id)
    _require_editor(minutes_access(actor, meeting))
    if meeting.status not in DRAFTABLE:
        raise ValidationError(
            _("Cuộc họp chưa diễn ra: biên bản được dựng từ khi cuộc họp khai mạc."),
            code="not_started",
        )
    if minutes is None:
        minutes = Minutes.objects.create(meeting=meeting, created_by=actor)
    else:
        _require_writable(minutes)
    content = content_clean(draft_content(meeting_record(meeting)))
    return _add_version(
        minutes,
        actor=actor,
        content=content,
        note=_("Dựng từ dữ liệu cuộc họp"),
        previous=_latest(minutes),
    )


@transaction.atomic
def minutes_version_save(
    *, actor: User, meeting_id: int, base_number: int, content: Any, note: str = ""
) -> MinutesVersion:
    """Save the edited sections as a new version made on top of version `base_number`.

    Saving what the latest version already holds adds nothing and returns it.
    """
    meeting, minutes = _locked(meeting_id)
    _require_editor(minutes_access(actor, meeting))
    minutes = _require_minutes(minutes)
    _require_writable(minutes)
    note = note.strip() if isinstance(note, str) else ""
    if len(note) > MAX_NOTE:
        raise ValidationError({"note": [_("Tối đa %(n)s ký tự.") % {"n": MAX_NOTE}]})
    clean = content_clean(content)
    latest = _latest(minutes)
    if clean == latest.content and not note:
        return latest
    if base_number != latest.number:
        raise _stale(latest, base_number)
    return _add_version(minutes, actor=actor, content=clean, note=note, previous=latest)


@transaction.atomic
def minutes_submit(*, actor: User, meeting_id: int, number: int | None = None) -> MinutesReview:
    """Send the latest version to the chair for approval (`number`: the version seen)."""
    meeting, minutes = _locked(meeting_id)
    _require_editor(minutes_access(actor, meeting))
    minutes = _require_minutes(minutes)
    latest = _latest(minutes)
    if number is not None and number != latest.number:
        raise _stale(latest, number)
    if minutes.status not in (Status.DRAFT, Status.RETURNED):
        raise ValidationError(
            _("Biên bản đang ở trạng thái “%(status)s”: không trình duyệt được.")
            % {"status": minutes.get_status_display()},
            code="wrong_status",
        )
    if latest.approved_at is not None:
        raise ValidationError(_("Phiên bản này đã được duyệt."), code="wrong_status")
    minutes.status = Status.SUBMITTED
    minutes.save(update_fields=["status", "updated_at"])
    review = MinutesReview.objects.create(
        version=latest, decision=MinutesReview.Decision.SUBMITTED, by=actor
    )
    with translation.override(settings.LANGUAGE_CODE):
        text = _("%(who)s trình duyệt biên bản cuộc họp “%(title)s” (phiên bản %(n)s).") % {
            "who": actor.display_name,
            "title": meeting.title,
            "n": latest.number,
        }
    _notify(meeting, {meeting.chair_id} - {actor.pk}, text)
    return review


def _require_submitted(minutes: Minutes, number: int) -> MinutesVersion:
    if minutes.status != Status.SUBMITTED:
        raise ValidationError(
            _("Biên bản chưa được trình duyệt (trạng thái: %(status)s).")
            % {"status": minutes.get_status_display()},
            code="wrong_status",
        )
    latest = _latest(minutes)
    if number != latest.number:
        raise _stale(latest, number)
    return latest


def _unique_code() -> str:
    while True:
        code = new_verification_code()
        if not MinutesVersion.objects.filter(verification_code=code).exists():
            return code


def _store(
    version: MinutesVersion, kind: str, data: bytes, *, actor: User, signers: list[dict]
) -> MinutesDocument:
    document = MinutesDocument(
        version=version,
        kind=kind,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        signers=signers,
        created_by=actor,
    )
    # Stored last, after the signature: a refusal leaves no file behind.
    document.file.save("bien-ban.pdf", ContentFile(data), save=False)
    document.save()
    return document


def _signing():
    """The signature part (pyHanko), imported when first needed: pages that never sign do
    not pay for loading it."""
    from agenda import signing

    return signing


def _signers_of(content: dict) -> list[tuple[str, str]]:
    signers = content.get("signers") or {}
    return [
        (role, signers[role]["name"])
        for role in ("secretary", "chair")
        if (signers.get(role) or {}).get("name")
    ]


@transaction.atomic
def minutes_approve(*, actor: User, meeting_id: int, number: int) -> MinutesVersion:
    """The chair approves the submitted version `number`: it gets its verification code and
    its PDF, signed here when the host unit has a certificate. All of it, or nothing: a
    signature refused (SigningRefused) leaves the minutes submitted, and says why."""
    from agenda.pdf.minutes import minutes_pdf  # the PDF part; imported when first needed

    meeting, minutes = _locked(meeting_id)
    _require_chair(
        minutes_access(actor, meeting), _("Chỉ người chủ trì cuộc họp được duyệt biên bản.")
    )
    minutes = _require_minutes(minutes)
    version = _require_submitted(minutes, number)
    code = _unique_code()
    pdf = minutes_pdf(version.content, verification_code=code, verify_url=verify_url(code))
    signing = _signing()
    signed, signed_by = None, []
    if signing.signing_available(meeting.host_unit):
        try:
            signed = signing.sign_minutes_pdf(
                pdf, unit=meeting.host_unit, signers=_signers_of(version.content)
            )
            signed_by = signing.signature_report(signed)
        except signing.SigningRefused as refused:
            raise ValidationError(
                _("Chưa duyệt được: ký số bị từ chối. %(reason)s") % {"reason": str(refused)},
                code="signing_refused",
            ) from refused
    now = timezone.now()
    version.verification_code, version.approved_at, version.approved_by = code, now, actor
    version.save(update_fields=["verification_code", "approved_at", "approved_by"])
    _store(version, MinutesDocument.Kind.RENDERED, pdf, actor=actor, signers=[])
    if signed is not None:
        _store(version, MinutesDocument.Kind.SIGNED, signed, actor=actor, signers=signed_by)
    minutes.status = Status.APPROVED
    minutes.save(update_fields=["status", "updated_at"])
    MinutesReview.objects.create(
        version=version, decision=MinutesReview.Decision.APPROVED, by=actor
    )
    with translation.override(settings.LANGUAGE_CODE):
        text = _("Chủ trì đã duyệt biên bản cuộc họp “%(title)s” (phiên bản %(n)s).") % {
            "title": meeting.title,
            "n": version.number,
        }
    _notify(meeting, _secretaries(meeting) - {actor.pk}, text)
    return version


@transaction.atomic
def minutes_return(
    *, actor: User, meeting_id: int, comment: str, number: int | None = None
) -> MinutesReview:
    """The chair sends the submitted version back with what to change."""
    meeting, minutes = _locked(meeting_id)
    _require_chair(
        minutes_access(actor, meeting), _("Chỉ người chủ trì cuộc họp được trả lại biên bản.")
    )
    minutes = _require_minutes(minutes)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": [_("Ghi ý kiến: cần sửa gì trong biên bản.")]})
    if len(comment) > MAX_COMMENT:
        raise ValidationError({"comment": [_("Tối đa %(n)s ký tự.") % {"n": MAX_COMMENT}]})
    version = _require_submitted(minutes, number if number is not None else _latest(minutes).number)
    minutes.status = Status.RETURNED
    minutes.save(update_fields=["status", "updated_at"])
    review = MinutesReview.objects.create(
        version=version, decision=MinutesReview.Decision.RETURNED, comment=comment, by=actor
    )
    with translation.override(settings.LANGUAGE_CODE):
        text = _("Chủ trì trả lại biên bản cuộc họp “%(title)s” để sửa: %(comment)s") % {
            "title": meeting.title,
            "comment": comment,
        }
    _notify(meeting, _secretaries(meeting) - {actor.pk}, text)
    return review


def max_upload_bytes() -> int:
    return settings.DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024


@transaction.atomic
def minutes_upload_signed(*, actor: User, meeting_id: int, data: bytes) -> MinutesDocument:
    """Record a copy of the approved PDF signed outside the product (USB token, remote
    signing): kept only if its signatures validate and it signs exactly the approved PDF."""
    meeting, minutes = _locked(meeting_id)
    _require_editor(minutes_access(actor, meeting))
    minutes = _require_minutes(minutes)
    version = latest_approved(minutes)
    rendered = rendered_document(version) if version else None
    if rendered is None:
        raise ValidationError(
            {"file": [_("Biên bản chưa được chủ trì duyệt: chưa có bản để ký số.")]}
        )
    if len(data) > max_upload_bytes():
        raise ValidationError(
            {"file": [_("Tệp lớn hơn %(n)s MB.") % {"n": settings.DOCUMENT_MAX_UPLOAD_MB}]}
        )
    if not data.startswith(PDF_MAGIC):
        raise ValidationError({"file": [_("Tệp tải lên không phải PDF.")]})
    signing = _signing()
    with rendered.file.open("rb") as stored:
        approved_pdf = stored.read()
    try:
        signers = signing.validate_signed_pdf(data, approved_pdf=approved_pdf)
    except signing.SigningRefused as refused:
        raise ValidationError({"file": [str(refused)]}, code="signing_refused") from refused
    return _store(version, MinutesDocument.Kind.UPLOADED, data, actor=actor, signers=signers)
