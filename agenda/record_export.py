"""A meeting's whole record (hồ sơ cuộc họp) as one zip, for the archive.

    01-giay-moi.pdf                  the invitation letter
    02-chuong-trinh-hop.pdf          the agenda booklet
    03-tai-lieu/<item>/<file>        the latest version of every document that is not confidential
    04-diem-danh.pdf, .csv           attendance per bridge point
    05-bieu-quyet.csv                one row per poll option; 05-bieu-quyet-ghi-danh.csv the
                                     choices of named polls
    06-bien-ban.pdf                  the published, signed minutes
    07-thong-bao-ket-luan.pdf        the conclusions notice
    manifest.txt                     what the record holds, with the SHA-256 of every file

A part that does not exist yet (minutes not published, no votes) is left out and the manifest
says so. Confidential documents never leave the system in a record: the manifest names them.
Names inside the zip are ASCII slugs (Vietnamese names travel badly through old unzip tools);
CSVs are UTF-8 with a byte-order mark so that Excel reads Vietnamese. The zip is built into a
spooled file (memory, then disk) and streamed from there, a block at a time.
"""

import hashlib
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from tempfile import SpooledTemporaryFile
from typing import IO

from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from agenda.downloads import (
    ATTACHMENT,
    ZIP_SPOOL_BYTES,
    ChunkedFileResponse,
    ascii_name,
    content_disposition,
    zip_entries,
)
from agenda.minutes_records import MeetingRecord, meeting_record
from agenda.models import Document, DocumentVersion, Minutes
from agenda.pdf.attendance import attendance_pdf
from agenda.pdf.booklet import booklet_pdf
from agenda.pdf.conclusions import conclusions_pdf
from agenda.record_csv import attendance_csv, named_choices_csv, record_polls, votes_csv
from agenda.selectors_archive import record_exportable_by
from agenda.verification_codes import verify_url
from meetings import selectors as meeting_selectors
from meetings.models import Meeting, User
from meetings.pdf.invitation import invitation_pdf
from meetings.services.errors import PermissionDenied
from meetings.vietnamese_dates import date_time_short, time_span

SLUG_MAX_LENGTH = 60
COPY_BLOCK = 256 * 1024
TITLE_IN_NAME_CHARS = 80


def slug(name: str, *, fallback: str = "tep") -> str:
    """ "Báo cáo quý 3" → "bao-cao-quy-3" (đ → d, marks dropped, ASCII only)."""
    return slugify(ascii_name(name))[:SLUG_MAX_LENGTH].strip("-") or fallback


def ascii_path(path: str) -> str:
    """Each part of a path slugged, the file's extension kept."""
    *folders, name = path.split("/")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    parts = [slug(f) for f in folders] + [slug(stem) + (f".{slug(extension)}" if dot else "")]
    return "/".join(parts)


# --- The zip --------------------------------------------------------------------------


@dataclass
class _RecordZip:
    """A zip that hashes every file as it is written, for the manifest."""

    archive: zipfile.ZipFile
    files: list[tuple[str, str, int]] = field(default_factory=list)  # path, sha256, size
    notes: list[str] = field(default_factory=list)

    def add_bytes(self, path: str, data: bytes, when: datetime | None = None) -> None:
        with self.open_entry(path, when) as target:
            target.write(data)
        self.files.append((path, hashlib.sha256(data).hexdigest(), len(data)))

    def add_file(self, path: str, source: IO[bytes], when: datetime | None = None) -> None:
        digest, size = hashlib.sha256(), 0
        with self.open_entry(path, when) as target:
            while block := source.read(COPY_BLOCK):
                digest.update(block)
                size += len(block)
                target.write(block)
        self.files.append((path, digest.hexdigest(), size))

    def open_entry(self, path: str, when: datetime | None) -> IO[bytes]:
        moment = timezone.localtime(when or timezone.now())
        info = zipfile.ZipInfo(path, date_time=moment.timetuple()[:6])
        # Text compresses; PDFs and office files are compressed already.
        packed = path.endswith((".csv", ".txt"))
        info.compress_type = zipfile.ZIP_DEFLATED if packed else zipfile.ZIP_STORED
        return self.archive.open(info, "w")


def _documents(out: _RecordZip, meeting: Meeting) -> list[str]:
    """Non-confidential documents into 03-tai-lieu/; the confidential ones' manifest lines."""
    documents = (
        Document.objects.filter(meeting=meeting)
        .select_related("agenda_item")
        .prefetch_related("versions")
        .order_by("created_at", "pk")
    )
    withheld = []
    for entry in zip_entries(documents):
        version: DocumentVersion = entry.version
        if entry.document.is_confidential:
            withheld.append(
                _("%(title)s (phiên bản %(n)s, SHA-256 %(sha)s)")
                % {"title": entry.document.title, "n": version.number, "sha": version.sha256}
            )
            continue
        with version.file.open("rb") as source:
            out.add_file(f"03-tai-lieu/{ascii_path(entry.path)}", source, version.uploaded_at)
    return withheld


def _conclusions_number(minutes_number: str, record: MeetingRecord) -> str:
    if "/BB-" in minutes_number:
        return minutes_number.replace("/BB-", "/TB-", 1)
    return f"…/TB-{record.number_suffix}"


def _minutes_parts(out: _RecordZip, minutes: Minutes | None, record: MeetingRecord) -> None:
    if minutes is None or minutes.status != Minutes.Status.PUBLISHED:
        out.notes.append(_("Biên bản chưa được phát hành: hồ sơ chưa hoàn chỉnh."))
        return
    document = minutes.published_document
    with document.file.open("rb") as source:
        out.add_file("06-bien-ban.pdf", source, document.created_at)
    version = document.version
    code = version.verification_code
    header = (version.content or {}).get("header") or {}
    pdf = conclusions_pdf(
        record,
        number=_conclusions_number(header.get("number", ""), record),
        verification_code=code,
        verify_url=verify_url(code) if code else None,
    )
    out.add_bytes("07-thong-bao-ket-luan.pdf", pdf)


def _record_parts(out: _RecordZip, record: MeetingRecord) -> None:
    out.add_bytes("04-diem-danh.pdf", attendance_pdf(record))
    out.add_bytes("04-diem-danh.csv", attendance_csv(record))
    if record_polls(record):
        out.add_bytes("05-bieu-quyet.csv", votes_csv(record))
        named = named_choices_csv(record)
        if named is not None:
            out.add_bytes("05-bieu-quyet-ghi-danh.csv", named)
    else:
        out.notes.append(_("Cuộc họp không có biểu quyết."))


def _manifest(
    out: _RecordZip, meeting: Meeting, minutes: Minutes | None, user: User, withheld: list[str]
) -> bytes:
    complete = minutes is not None and minutes.status == Minutes.Status.PUBLISHED
    lines = [
        _("HỒ SƠ CUỘC HỌP"),
        _("Cuộc họp: %(title)s") % {"title": meeting.title},
        _("Đơn vị chủ trì: %(unit)s") % {"unit": meeting.host_unit.name},
        _("Thời gian: %(when)s") % {"when": time_span(meeting.start, meeting.end)},
        _("Tình trạng: %(state)s")
        % {
            "state": _("Hồ sơ hoàn chỉnh (biên bản phát hành lúc %(when)s)")
            % {"when": date_time_short(minutes.published_at)}
            if complete
            else _("Chưa hoàn chỉnh")
        },
    ]
    if complete:
        code = minutes.published_document.version.verification_code or ""
        lines.append(_("Mã xác thực biên bản: %(code)s") % {"code": code})
        if code:
            lines.append(_("Kiểm tra tại: %(url)s") % {"url": verify_url(code)})
    lines += [
        _("Xuất lúc %(when)s, người xuất: %(name)s")
        % {"when": date_time_short(timezone.now()), "name": user.display_name},
        "",
        _("SHA-256 của từng tệp (kiểm tra bằng: sha256sum -c manifest.txt):"),
        *(f"{sha}  {path}" for path, sha, _size in out.files),
    ]
    if withheld:
        lines += ["", _("Tài liệu mật, không đưa vào hồ sơ (chỉ đọc trên hệ thống):")]
        lines += [f"- {line}" for line in withheld]
    if out.notes:
        lines += ["", _("Ghi chú:"), *(f"- {note}" for note in out.notes)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def build_record_zip(*, user: User, meeting: Meeting) -> IO[bytes]:
    """The zip, in a spooled file positioned at its start; the caller closes it.

    `meeting` as meetings.selectors.meeting_get loads it (the invitation reads its rooms).
    """
    minutes = (
        Minutes.objects.select_related("published_document__version")
        .filter(meeting=meeting)
        .first()
    )
    spool = SpooledTemporaryFile(max_size=ZIP_SPOOL_BYTES)  # noqa: SIM115 (the response closes it)
    # A record is an administrative document: Vietnamese whatever the exporter's language.
    with (
        translation.override("vi"),
        zipfile.ZipFile(spool, "w", allowZip64=True) as archive,
    ):
        out = _RecordZip(archive)
        out.add_bytes("01-giay-moi.pdf", invitation_pdf(meeting))
        out.add_bytes("02-chuong-trinh-hop.pdf", booklet_pdf(user=user, meeting=meeting))
        withheld = _documents(out, meeting)
        record = meeting_record(meeting)
        _record_parts(out, record)
        _minutes_parts(out, minutes, record)
        manifest = _manifest(out, meeting, minutes, user, withheld)
        with out.open_entry("manifest.txt", None) as target:
            target.write(manifest)
    spool.seek(0)
    return spool


def record_zip_filename(meeting: Meeting) -> str:
    title = Truncator(" ".join(meeting.title.split())).chars(TITLE_IN_NAME_CHARS, truncate="")
    return f"Hồ sơ cuộc họp {meeting.pk} - {title}.zip"


def record_zip_response(user: User, meeting_id: int) -> ChunkedFileResponse:
    """The record of a meeting the user may export: 404 if they cannot see it, 403 if it is
    not theirs to export (an invited commune's staff, say)."""
    meeting = meeting_selectors.meeting_get(user, meeting_id)
    if not record_exportable_by(user, meeting):
        raise PermissionDenied(_("Chỉ cán bộ đơn vị chủ trì được xuất hồ sơ cuộc họp."))
    response = ChunkedFileResponse(
        build_record_zip(user=user, meeting=meeting), content_type="application/zip"
    )
    response["Content-Disposition"] = content_disposition(ATTACHMENT, record_zip_filename(meeting))
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
