"""HTTP answers that hand out document files, once the caller has checked access.

Plain documents are streamed with FileResponse, or, when DOCUMENT_SENDFILE_HEADER is
set (nginx: X-Accel-Redirect), answered with that header and an empty body so that the
front proxy sends the file. Confidential documents are watermarked for the reader on
every request and answered from memory, never through the proxy.

File names never reach a header raw: RFC 6266 with an ASCII fallback `filename="…"`
and the UTF-8 name in `filename*`.
"""

import re
import shutil
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from tempfile import SpooledTemporaryFile
from urllib.parse import quote

from asgiref.sync import sync_to_async
from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from agenda.models import Document, DocumentVersion
from agenda.upload_rules import FileKind, kind_for_content_type
from agenda.watermark import stamp_for, watermark_pdf
from meetings.models import Meeting, User

ATTACHMENT, INLINE = "attachment", "inline"
NAME_MAX_LENGTH = 150
ZIP_TITLE_MAX_LENGTH = 80
ZIP_SPOOL_BYTES = 16 * 1024 * 1024  # kept in memory below this, on disk above
# Characters no file system or header should get from a user's file name.
UNSAFE_NAME_CHARS = re.compile(r'[\\/:*?"<>|]')
NOT_ASCII_SAFE = re.compile(r"[^A-Za-z0-9 ._()+,=-]")


class ChunkedFileResponse(FileResponse):
    """A FileResponse that, under ASGI, reads its file a block at a time off the event loop.

    Django consumes a synchronous iterator whole before sending it over ASGI
    (StreamingHttpResponse.__aiter__): 500 communes fetching one 5 MB document held
    4.4 GB in daphne. This keeps one block per download in memory instead.
    """

    block_size = 256 * 1024

    async def __aiter__(self):
        blocks = iter(self.streaming_content)
        read_block = sync_to_async(next, thread_sensitive=False)
        while (block := await read_block(blocks, None)) is not None:
            yield block


def safe_name(name: str, *, max_length: int = NAME_MAX_LENGTH, fallback: str = "tai-lieu") -> str:
    """A file name without path parts, controls or reserved characters (NFC, trimmed)."""
    name = unicodedata.normalize("NFC", name)
    name = "".join("_" if unicodedata.category(ch).startswith("C") else ch for ch in name)
    name = " ".join(UNSAFE_NAME_CHARS.sub("_", name).split())
    return name.strip(" .")[:max_length].strip(" .") or fallback


def ascii_name(name: str) -> str:
    """The ASCII fallback: tone marks dropped ("Báo cáo" → "Bao cao"), đ → d, others → _."""
    bare = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in bare if not unicodedata.combining(ch))
    return NOT_ASCII_SAFE.sub("_", bare)


def content_disposition(disposition: str, filename: str) -> str:
    name = safe_name(filename)
    return (
        f"{disposition}; filename=\"{ascii_name(name)}\"; filename*=UTF-8''{quote(name, safe='')}"
    )


def _kind(version: DocumentVersion) -> FileKind | None:
    return kind_for_content_type(version.content_type)


def download_name(version: DocumentVersion) -> str:
    """The uploader's name, made safe, ending with the extension of the sniffed type."""
    name = safe_name(version.original_name)
    kind = _kind(version)
    if kind is not None and not name.lower().endswith(tuple(f".{e}" for e in kind.extensions)):
        name = f"{name}.{kind.extension}"
    return name


def shows_inline(version: DocumentVersion) -> bool:
    """Browsers display PDFs and images themselves; office files are always saved."""
    kind = _kind(version)
    return kind is not None and kind.inline


def _finish(response: HttpResponse, *, disposition: str, filename: str, no_store: bool) -> None:
    """Headers every file answer carries; a confidential copy is never kept in a cache."""
    response["Content-Disposition"] = content_disposition(disposition, filename)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, **({"no_store": True} if no_store else {}))


def generated_attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    """A file this product made (an export); `filename` is server-made ASCII."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def version_response(version: DocumentVersion, *, reader: User, inline: bool) -> HttpResponse:
    """The file of one version for `reader` (access already checked)."""
    document = version.document
    disposition = INLINE if inline and shows_inline(version) else ATTACHMENT
    filename = download_name(version)
    if document.is_confidential:
        response: HttpResponse = HttpResponse(
            watermarked(version, reader), content_type=version.content_type
        )
        response["Content-Length"] = str(len(response.content))
    elif settings.DOCUMENT_SENDFILE_HEADER:
        response = HttpResponse(b"", content_type=version.content_type)
        response[settings.DOCUMENT_SENDFILE_HEADER] = sendfile_path(version)
    else:
        response = ChunkedFileResponse(version.file.open("rb"), content_type=version.content_type)
    _finish(response, disposition=disposition, filename=filename, no_store=document.is_confidential)
    return response


def sendfile_path(version: DocumentVersion) -> str:
    prefix = settings.DOCUMENT_SENDFILE_PREFIX.rstrip("/")
    return f"{prefix}/{quote(version.file.name)}"


def watermarked(version: DocumentVersion, reader: User) -> bytes:
    with version.file.open("rb") as source:
        return watermark_pdf(source, stamp_for(reader, timezone.now()))


@dataclass(frozen=True)
class ZipEntry:
    path: str
    document: Document
    version: DocumentVersion


def zip_entries(documents: Iterable[Document]) -> list[ZipEntry]:
    """Latest versions, in folders per agenda item: "01-Item/01-Title-v2.pdf".

    `documents` come with their versions prefetched (agenda.selectors.meeting_documents).
    General documents (no item) come first on every database, then the items in order.
    """
    entries: list[ZipEntry] = []
    counts: dict[str, int] = {}
    ordered = sorted(documents, key=lambda d: d.agenda_item.position if d.agenda_item else 0)
    for document in ordered:
        versions = list(document.versions.all())
        if not versions:
            continue
        latest = max(versions, key=lambda v: v.number)
        item = document.agenda_item
        if item is None:
            folder = safe_name(_("00-Tài liệu chung"))
        else:
            title = safe_name(item.title, max_length=ZIP_TITLE_MAX_LENGTH, fallback="muc")
            folder = f"{item.position:02d}-{title}"
        counts[folder] = counts.get(folder, 0) + 1
        kind = _kind(latest)
        extension = kind.extension if kind else "bin"
        title = safe_name(document.title, max_length=ZIP_TITLE_MAX_LENGTH)
        name = f"{counts[folder]:02d}-{title}-v{latest.number}.{extension}"
        entries.append(ZipEntry(f"{folder}/{name}", document, latest))
    return entries


def meeting_zip_response(
    meeting: Meeting, entries: list[ZipEntry], *, reader: User
) -> ChunkedFileResponse:
    """One zip of the given entries, spooled (memory, then disk) and streamed out.

    Files are stored, not compressed: PDFs, images and office files are compressed
    already, and storing keeps building the pack quick.
    """
    spool = SpooledTemporaryFile(max_size=ZIP_SPOOL_BYTES)  # noqa: SIM115 (FileResponse closes it)
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        for entry in entries:
            info = zipfile.ZipInfo(
                entry.path, date_time=timezone.localtime(entry.version.uploaded_at).timetuple()[:6]
            )
            with archive.open(info, "w") as target:
                if entry.document.is_confidential:
                    target.write(watermarked(entry.version, reader))
                else:
                    with entry.version.file.open("rb") as source:
                        shutil.copyfileobj(source, target)
    spool.seek(0)
    response = ChunkedFileResponse(spool, content_type="application/zip")
    _finish(
        response,
        disposition=ATTACHMENT,
        filename=f"tai-lieu-cuoc-hop-{meeting.pk}.zip",
        no_store=any(entry.document.is_confidential for entry in entries),
    )
    return response
