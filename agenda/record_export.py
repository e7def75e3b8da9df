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

import csv
import hashlib
import importlib
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from tempfile import SpooledTemporaryFile
from typing import IO, Any

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
from agenda.minutes_records import MeetingRecord, VoteRecord, meeting_record
from agenda.models import Document, DocumentVersion, Minutes
from agenda.pdf.booklet import booklet_pdf
from agenda.selectors_archive import record_exportable_by
from agenda.services.minutes_publish import verify_url
from meetings import selectors as meeting_selectors
from meetings.models import Invitation, Meeting, User
from meetings.pdf.invitation import invitation_pdf
from meetings.services.errors import PermissionDenied
from meetings.vietnamese_dates import date_time_short, time_span

SLUG_MAX_LENGTH = 60
COPY_BLOCK = 256 * 1024
# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
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


# --- CSVs (pure functions of a MeetingRecord) -----------------------------------------


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return date_time_short(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def _csv(headers: list[str], rows: Iterable[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue().encode("utf-8-sig")


def attendance_csv(record: MeetingRecord) -> bytes:
    """One row per person per bridge point (a room nobody was named in: one row)."""
    headers = [
        _("Điểm cầu"),
        _("Loại"),
        _("Đã kết nối"),
        _("Số người có mặt"),
        _("Kết nối lúc"),
        _("Rời lúc"),
        _("Trả lời giấy mời"),
        _("Lý do không dự"),
        _("Họ và tên"),
        _("Chức vụ"),
        _("Tình trạng"),
        _("Lý do vắng"),
    ]
    rows = []
    for room in record.rooms:
        head = [
            room.name,
            _("Điểm cầu chính") if room.is_main else _("Điểm cầu thành phần"),
            _("Có") if room.joined else _("Không"),
            room.headcount,
            room.first_join,
            room.last_leave,
            _invitation_answer(room.response),
            room.decline_reason,
        ]
        for person in room.people or [None]:
            if person is None:
                rows.append([*head, "", "", "", ""])
                continue
            rows.append(
                [
                    *head,
                    person.name,
                    person.position,
                    _attendance_status(person.status),
                    person.reason,
                ]
            )
    return _csv(headers, rows)


def _invitation_answer(response: str) -> str:
    """The bridge point's answer to the invitation ("" for the main room)."""
    if response in Invitation.Response.values:
        return str(Invitation.Response(response).label)
    return response


def _attendance_status(status: str) -> str:
    labels = {
        "present": _("Có mặt"),
        "online": _("Dự trực tuyến"),
        "absent": _("Vắng"),
        "": _("Chưa điểm danh"),
    }
    return labels.get(status, status)


def _polls(record: MeetingRecord) -> list[tuple[str, VoteRecord]]:
    """Every poll with the item it was held under ("" for one held outside the agenda)."""
    polls = [("", vote) for vote in record.votes]
    polls += [
        (f"{item.position}. {item.title}", vote) for item in record.items for vote in item.votes
    ]
    return polls


def _passed(passed: bool | None) -> str:
    if passed is None:
        return ""
    return _("Thông qua") if passed else _("Không thông qua")


def votes_csv(record: MeetingRecord) -> bytes:
    """One row per option of every poll; percent of the base the rule counts, dot decimal."""
    headers = [
        _("Mục"),
        _("Nội dung biểu quyết"),
        _("Hình thức"),
        _("Phương án"),
        _("Số phiếu"),
        _("Tỷ lệ (%)"),
        _("Quy tắc"),
        _("Kết quả"),
    ]
    rows = [
        [
            item,
            vote.question,
            _("Bỏ phiếu kín") if vote.secret else _("Ghi danh"),
            option.label,
            option.count,
            f"{option.percent:.2f}",
            vote.rule,
            _passed(vote.passed),
        ]
        for item, vote in _polls(record)
        for option in vote.options
    ]
    return _csv(headers, rows)


def named_choices_csv(record: MeetingRecord) -> bytes | None:
    """Who chose what in the named polls; None when there were none."""
    rows = [
        [item, vote.question, choice.name, choice.room, choice.option, choice.cast_by_operator]
        for item, vote in _polls(record)
        if not vote.secret
        for choice in vote.choices
    ]
    if not rows:
        return None
    headers = [
        _("Mục"),
        _("Nội dung biểu quyết"),
        _("Đại biểu"),
        _("Điểm cầu"),
        _("Lựa chọn"),
        _("Kỹ thuật viên bỏ phiếu thay"),
    ]
    return _csv(headers, rows)


# --- The zip --------------------------------------------------------------------------


def _optional(modules: tuple[str, ...], name: str) -> Callable[..., Any] | None:
    """A function the other parts of the minutes provide, looked up when needed: the record
    still exports (without that file, and saying so) while one of them is missing."""
    for module in modules:
        try:
            found = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if found is not None:
            return found
    return None


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
    conclusions = _optional(("agenda.pdf.conclusions", "agenda.pdf.minutes"), "conclusions_pdf")
    if conclusions is None:
        out.notes.append(_("Thông báo kết luận: chưa tạo được trong phiên bản này."))
        return
    version = document.version
    code = version.verification_code
    header = (version.content or {}).get("header") or {}
    pdf = conclusions(
        record,
        number=_conclusions_number(header.get("number", ""), record),
        verification_code=code,
        verify_url=verify_url(code) if code else None,
    )
    out.add_bytes("07-thong-bao-ket-luan.pdf", pdf)


def _record_parts(out: _RecordZip, record: MeetingRecord) -> None:
    attendance = _optional(("agenda.pdf.attendance", "agenda.pdf.minutes"), "attendance_pdf")
    if attendance is not None:
        out.add_bytes("04-diem-danh.pdf", attendance(record))
    else:
        out.notes.append(_("Danh sách điểm danh (PDF): chưa tạo được trong phiên bản này."))
    out.add_bytes("04-diem-danh.csv", attendance_csv(record))
    if _polls(record):
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
