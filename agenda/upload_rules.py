"""What a meeting document may be: checks on the uploaded name and bytes, nothing stored.

Pure functions (no ORM, no settings): the caller passes the limits. Each refusal raises
UploadRefused with a code, a Vietnamese message naming the problem and the HTTP status
the pages and the API answer with:

    400  name_empty, name_too_long, name_path, name_control   the file name itself is bad
    413  too_large                                             over the size limit
    415  type_not_allowed, type_mismatch                       not a type we take, or bytes
                                                               that are not what the name says
    422  empty, pdf_encrypted, pdf_unreadable, office_unreadable, zip_bomb, zip_unsafe_path,
         confidential_not_pdf                                  the right type, refused content

The content type comes from the bytes (filetype), never from the extension; the
extension must agree with it. Office files are zips: their entries are checked from the
central directory without extracting anything, then [Content_Types].xml must declare the
main part of the kind the extension names (word/, xl/, ppt/).
"""

import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePosixPath
from typing import BinaryIO

import filetype
from django.utils.translation import gettext as _
from pypdf import PdfReader

MB = 1024 * 1024
NAME_MAX_LENGTH = 255  # DocumentVersion.original_name
SNIFF_BYTES = 8192  # what filetype reads
CHUNK = 1024 * 1024
CONTENT_TYPES_XML = "[Content_Types].xml"
CONTENT_TYPES_MAX_BYTES = MB
# Unicode categories refused in names: controls, and format characters such as the
# right-to-left override that makes "gpj.exe" display as "exe.jpg".
REFUSED_NAME_CATEGORIES = {"Cc", "Cf", "Cs", "Co"}


class Refusal(StrEnum):
    NAME_EMPTY = "name_empty"
    NAME_TOO_LONG = "name_too_long"
    NAME_PATH = "name_path"
    NAME_CONTROL = "name_control"
    TOO_LARGE = "too_large"
    TYPE_NOT_ALLOWED = "type_not_allowed"
    TYPE_MISMATCH = "type_mismatch"
    EMPTY = "empty"
    PDF_ENCRYPTED = "pdf_encrypted"
    PDF_UNREADABLE = "pdf_unreadable"
    OFFICE_UNREADABLE = "office_unreadable"
    ZIP_BOMB = "zip_bomb"
    ZIP_UNSAFE_PATH = "zip_unsafe_path"
    CONFIDENTIAL_NOT_PDF = "confidential_not_pdf"


STATUS = {
    Refusal.NAME_EMPTY: 400,
    Refusal.NAME_TOO_LONG: 400,
    Refusal.NAME_PATH: 400,
    Refusal.NAME_CONTROL: 400,
    Refusal.TOO_LARGE: 413,
    Refusal.TYPE_NOT_ALLOWED: 415,
    Refusal.TYPE_MISMATCH: 415,
}
DEFAULT_STATUS = 422


class UploadRefused(Exception):
    """The upload breaks a rule; `message` says which, in Vietnamese."""

    def __init__(self, code: Refusal, message: str):
        self.code = code
        self.message = message
        self.status = STATUS.get(code, DEFAULT_STATUS)
        super().__init__(message)


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    content_type: str
    extensions: tuple[str, ...]  # the first one names downloads
    inline: bool  # a browser shows it by itself (PDF viewer, image)
    office_folder: str = ""  # OOXML: the folder of the main part
    office_main_type: str = ""  # OOXML: the main part's content type

    @property
    def extension(self) -> str:
        return self.extensions[0]


PDF = FileKind("pdf", "PDF", "application/pdf", ("pdf",), inline=True)
DOCX = FileKind(
    "docx",
    "DOCX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ("docx",),
    inline=False,
    office_folder="word/",
    office_main_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
)
XLSX = FileKind(
    "xlsx",
    "XLSX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ("xlsx",),
    inline=False,
    office_folder="xl/",
    office_main_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
)
PPTX = FileKind(
    "pptx",
    "PPTX",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ("pptx",),
    inline=False,
    office_folder="ppt/",
    office_main_type=(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    ),
)
PNG = FileKind("png", "PNG", "image/png", ("png",), inline=True)
JPEG = FileKind("jpeg", "JPEG", "image/jpeg", ("jpg", "jpeg"), inline=True)

KINDS = (PDF, DOCX, XLSX, PPTX, PNG, JPEG)
OFFICE_KINDS = (DOCX, XLSX, PPTX)
BY_EXTENSION = {ext: kind for kind in KINDS for ext in kind.extensions}
BY_CONTENT_TYPE = {kind.content_type: kind for kind in KINDS}
# filetype's names for what it finds; a generic zip may still be an office file.
SNIFFED = {"pdf": PDF, "png": PNG, "jpg": JPEG, "docx": DOCX, "xlsx": XLSX, "pptx": PPTX}
ZIPPED = {*(kind.key for kind in OFFICE_KINDS), "zip"}


def kind_for_content_type(content_type: str) -> FileKind | None:
    return BY_CONTENT_TYPE.get(content_type)


def allowed_labels() -> str:
    return ", ".join(kind.label for kind in KINDS)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50 * MB
    # Office zips: refused beyond these, read from the central directory (nothing extracted).
    max_uncompressed_bytes: int = 200 * MB
    max_ratio: float = 100.0
    # Below this total a high ratio harms nothing (an almost empty sheet compresses well).
    ratio_floor_bytes: int = 10 * MB
    max_entries: int = 10_000


@dataclass(frozen=True)
class CheckedUpload:
    name: str  # NFC-normalized, as the uploader named it
    kind: FileKind
    size: int
    sha256: str
    page_count: int | None  # PDFs only


def check_filename(name: str) -> str:
    """The name to keep (NFC, trimmed), or UploadRefused for a name with paths or controls."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise UploadRefused(Refusal.NAME_EMPTY, _("Tệp không có tên."))
    if "/" in name or "\\" in name:
        raise UploadRefused(
            Refusal.NAME_PATH,
            _("Tên tệp “%(name)s” chứa đường dẫn (/ hoặc \\); hãy đổi tên tệp rồi tải lên lại.")
            % {"name": name},
        )
    if any(unicodedata.category(char) in REFUSED_NAME_CATEGORIES for char in name):
        raise UploadRefused(
            Refusal.NAME_CONTROL,
            _("Tên tệp chứa ký tự điều khiển hoặc ký tự ẩn; hãy đổi tên tệp rồi tải lên lại."),
        )
    if len(name) > NAME_MAX_LENGTH:
        raise UploadRefused(
            Refusal.NAME_TOO_LONG,
            _("Tên tệp dài %(length)s ký tự, quá giới hạn %(limit)s ký tự.")
            % {"length": len(name), "limit": NAME_MAX_LENGTH},
        )
    return name


def kind_for_name(name: str) -> FileKind:
    extension = PurePosixPath(name).suffix.lower().removeprefix(".")
    kind = BY_EXTENSION.get(extension)
    if kind is None:
        shown = f".{extension}" if extension else _("(không có phần mở rộng)")
        raise UploadRefused(
            Refusal.TYPE_NOT_ALLOWED,
            _("Không nhận tệp loại %(extension)s. Chỉ nhận: %(allowed)s.")
            % {"extension": shown, "allowed": allowed_labels()},
        )
    return kind


def too_large(size: int | None, limits: Limits) -> UploadRefused:
    """The 413 refusal; `size` is None when reading stopped before the end."""
    limit = _megabytes(limits.max_bytes)
    if size is None:
        message = _("Tệp vượt giới hạn %(limit)s MB.") % {"limit": limit}
    else:
        message = _("Tệp nặng %(size)s MB, vượt giới hạn %(limit)s MB.") % {
            "size": _megabytes(size),
            "limit": limit,
        }
    return UploadRefused(Refusal.TOO_LARGE, message)


def check_size(size: int | None, limits: Limits) -> None:
    """A declared or counted size: 413 when over the limit (an unknown size passes)."""
    if size is not None and size > limits.max_bytes:
        raise too_large(size, limits)


def check_upload(
    name: str,
    stream: BinaryIO,
    *,
    limits: Limits,
    declared_size: int | None = None,
    pdf_only: bool = False,
) -> CheckedUpload:
    """Check everything about one upload; the stream is read (seekable) and left at 0."""
    name = check_filename(name)
    claimed = kind_for_name(name)
    if pdf_only and claimed is not PDF:
        raise confidential_not_pdf()
    check_size(declared_size, limits)
    size, sha256 = _measure(stream, limits)
    if size == 0:
        raise UploadRefused(Refusal.EMPTY, _("Tệp “%(name)s” rỗng (0 byte).") % {"name": name})
    stream.seek(0)
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    found = filetype.guess(head)
    found_name = found.extension if found is not None else ""
    if claimed in OFFICE_KINDS and found_name in ZIPPED:
        sniffed = _office_kind(stream, name, limits)
        found_label = sniffed.label if sniffed is not None else "ZIP"
    else:
        sniffed = SNIFFED.get(found_name)
        found_label = found_name.upper()
    if sniffed is not claimed:
        raise _mismatch(name, claimed, found_label)
    page_count = _pdf_pages(stream, name) if sniffed is PDF else None
    stream.seek(0)
    return CheckedUpload(name=name, kind=sniffed, size=size, sha256=sha256, page_count=page_count)


def confidential_not_pdf() -> UploadRefused:
    """Confidential documents are watermarked per reader, which needs a PDF."""
    return UploadRefused(
        Refusal.CONFIDENTIAL_NOT_PDF,
        _("Tài liệu mật chỉ nhận tệp PDF (để đóng dấu tên người đọc vào từng trang)."),
    )


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _measure(stream: BinaryIO, limits: Limits) -> tuple[int, str]:
    """The real size and SHA-256, stopping as soon as the size is over the limit."""
    stream.seek(0)
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        check_size(size, limits)
        digest.update(chunk)
    return size, digest.hexdigest()


def _mismatch(name: str, claimed: FileKind, found: str) -> UploadRefused:
    if not found:
        message = _("Tệp “%(name)s” có đuôi .%(extension)s nhưng nội dung không phải %(kind)s.")
    else:
        message = _(
            "Tệp “%(name)s” có đuôi .%(extension)s nhưng nội dung không phải %(kind)s "
            "(nội dung thực là %(found)s)."
        )
    return UploadRefused(
        Refusal.TYPE_MISMATCH,
        message
        % {
            "name": name,
            "extension": PurePosixPath(name).suffix.lower().removeprefix("."),
            "kind": claimed.label,
            "found": found,
        },
    )


def _pdf_pages(stream: BinaryIO, name: str) -> int:
    stream.seek(0)
    try:
        reader = PdfReader(stream)
        encrypted = reader.is_encrypted
        pages = 0 if encrypted else len(reader.pages)
    except Exception:  # any failure to parse means the PDF cannot be read
        encrypted, pages = False, 0
    if encrypted:
        raise UploadRefused(
            Refusal.PDF_ENCRYPTED,
            _(
                "Tệp PDF “%(name)s” đã được đặt mật khẩu hoặc mã hóa; hãy gỡ mật khẩu rồi "
                "tải lên lại."
            )
            % {"name": name},
        )
    if pages < 1:
        raise UploadRefused(
            Refusal.PDF_UNREADABLE,
            _("Không đọc được tệp PDF “%(name)s” (tệp hỏng hoặc không có trang nào).")
            % {"name": name},
        )
    return pages


def unsafe_member_name(member: str) -> bool:
    """A zip entry that would land outside the folder it is extracted into."""
    if not member or "\\" in member or member.startswith("/"):
        return True
    if len(member) >= 2 and member[1] == ":" and member[0].isalpha():
        return True
    if any(unicodedata.category(char) == "Cc" for char in member):
        return True
    return ".." in member.split("/")


def _office_kind(stream: BinaryIO, name: str, limits: Limits) -> FileKind | None:
    """The OOXML kind the zip really is, after the zip-bomb and path checks."""
    stream.seek(0)
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _office_unreadable(name) from error
    with archive:
        members = archive.infolist()
        _check_zip_safety(members, name, limits)
        names = {member.filename for member in members}
        if CONTENT_TYPES_XML not in names:
            return None
        declared = archive.getinfo(CONTENT_TYPES_XML)
        if declared.file_size > CONTENT_TYPES_MAX_BYTES:
            return None
        try:
            content_types = archive.read(declared)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
            raise _office_unreadable(name) from error
    for kind in OFFICE_KINDS:
        # A plain byte search: the XML is never parsed, so no entity tricks apply.
        main = f'ContentType="{kind.office_main_type}"'.encode()
        if main in content_types and any(n.startswith(kind.office_folder) for n in names):
            return kind
    return None


def _office_unreadable(name: str) -> UploadRefused:
    return UploadRefused(
        Refusal.OFFICE_UNREADABLE,
        _("Không đọc được tệp “%(name)s”: tệp Office bị hỏng.") % {"name": name},
    )


def _check_zip_safety(members: list[zipfile.ZipInfo], name: str, limits: Limits) -> None:
    if len(members) > limits.max_entries:
        raise UploadRefused(
            Refusal.ZIP_BOMB,
            _("Tệp “%(name)s” chứa %(count)s tệp con, quá giới hạn %(limit)s (nghi “bom nén”).")
            % {"name": name, "count": len(members), "limit": limits.max_entries},
        )
    for member in members:
        if unsafe_member_name(member.filename):
            raise UploadRefused(
                Refusal.ZIP_UNSAFE_PATH,
                _("Tệp “%(name)s” chứa đường dẫn ra ngoài tệp (%(path)s); không nhận.")
                % {"name": name, "path": member.filename[:100]},
            )
    uncompressed = sum(member.file_size for member in members)
    compressed = max(sum(member.compress_size for member in members), 1)
    if uncompressed > limits.max_uncompressed_bytes:
        raise UploadRefused(
            Refusal.ZIP_BOMB,
            _("Tệp “%(name)s” giải nén ra %(size)s MB, quá giới hạn %(limit)s MB (nghi “bom nén”).")
            % {
                "name": name,
                "size": _megabytes(uncompressed),
                "limit": _megabytes(limits.max_uncompressed_bytes),
            },
        )
    ratio = uncompressed / compressed
    if uncompressed > limits.ratio_floor_bytes and ratio > limits.max_ratio:
        raise UploadRefused(
            Refusal.ZIP_BOMB,
            _("Tệp “%(name)s” có tỷ lệ nén %(ratio)s:1, quá giới hạn %(limit)s:1 (nghi “bom nén”).")
            % {"name": name, "ratio": int(ratio), "limit": int(limits.max_ratio)},
        )
