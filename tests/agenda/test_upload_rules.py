"""The upload rules on real files built here; no database."""

import hashlib
import io
import unicodedata
import zipfile

import pytest
from openpyxl import Workbook

from agenda.upload_rules import (
    DOCX,
    JPEG,
    PDF,
    PNG,
    PPTX,
    XLSX,
    Limits,
    Refusal,
    UploadRefused,
    check_upload,
    unsafe_member_name,
)
from tests.agenda.document_support import (
    MB,
    elf_bytes,
    encrypted_pdf_bytes,
    image_bytes,
    office_bytes,
    pdf_bytes,
    pe_bytes,
    zip_bomb_bytes,
)

LIMITS = Limits()


def check(name: str, data: bytes, **options):
    return check_upload(name, io.BytesIO(data), limits=options.pop("limits", LIMITS), **options)


def refusal(name: str, data: bytes, **options) -> UploadRefused:
    with pytest.raises(UploadRefused) as caught:
        check(name, data, **options)
    return caught.value


def openpyxl_workbook() -> bytes:
    book = Workbook()
    book.active.append(["Xã", "Số đại biểu"])
    book.active.append(["Xã Thử 1", 12])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "build", "kind"),
    [
        ("Báo cáo.pdf", lambda: pdf_bytes(3), PDF),
        ("Tờ trình.docx", lambda: office_bytes("docx"), DOCX),
        ("Số liệu.xlsx", lambda: office_bytes("xlsx"), XLSX),
        ("Số liệu openpyxl.xlsx", openpyxl_workbook, XLSX),
        ("Trình chiếu.pptx", lambda: office_bytes("pptx"), PPTX),
        ("Sơ đồ.png", image_bytes, PNG),
        ("Ảnh.jpg", lambda: image_bytes("JPEG"), JPEG),
        ("Ảnh.JPEG", lambda: image_bytes("JPEG"), JPEG),
    ],
)
def test_allowed_types_are_recognised_from_their_bytes(name, build, kind):
    data = build()
    checked = check(name, data)
    assert checked.kind is kind
    assert checked.size == len(data)
    assert checked.sha256 == hashlib.sha256(data).hexdigest()


def test_pdf_page_count_is_read():
    assert check("a.pdf", pdf_bytes(4)).page_count == 4
    assert check("a.docx", office_bytes()).page_count is None


def test_the_stream_is_left_at_the_start():
    stream = io.BytesIO(pdf_bytes())
    check_upload("a.pdf", stream, limits=LIMITS)
    assert stream.tell() == 0


def test_decomposed_vietnamese_name_is_kept_composed():
    decomposed = unicodedata.normalize("NFD", "Báo cáo.pdf")  # as macOS sends it
    assert check(decomposed, pdf_bytes()).name == "Báo cáo.pdf"


def test_type_not_on_the_list():
    refused = refusal("cai-dat.exe", pe_bytes())
    assert (refused.code, refused.status) == (Refusal.TYPE_NOT_ALLOWED, 415)
    assert "Không nhận tệp loại .exe" in refused.message
    assert "PDF, DOCX, XLSX, PPTX, PNG, JPEG" in refused.message


def test_name_without_extension_is_not_on_the_list():
    refused = refusal("README", pdf_bytes())
    assert refused.code == Refusal.TYPE_NOT_ALLOWED
    assert "không có phần mở rộng" in refused.message


@pytest.mark.parametrize(("build", "found"), [(elf_bytes, "ELF"), (pe_bytes, "EXE")])
def test_renamed_executable_is_refused(build, found):
    refused = refusal("Báo cáo.pdf", build())
    assert (refused.code, refused.status) == (Refusal.TYPE_MISMATCH, 415)
    assert "nội dung không phải PDF" in refused.message
    assert found in refused.message


def test_png_named_docx_is_refused():
    refused = refusal("Tờ trình.docx", image_bytes())
    assert refused.code == Refusal.TYPE_MISMATCH
    assert "không phải DOCX (nội dung thực là PNG)" in refused.message


def test_docx_named_xlsx_is_refused():
    refused = refusal("Số liệu.xlsx", office_bytes("docx"))
    assert refused.code == Refusal.TYPE_MISMATCH
    assert "nội dung thực là DOCX" in refused.message


def test_plain_zip_named_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ghi-chu.txt", "không phải tệp Word")
    refused = refusal("a.docx", buffer.getvalue())
    assert refused.code == Refusal.TYPE_MISMATCH
    assert "nội dung thực là ZIP" in refused.message


def test_pdf_named_png_is_refused():
    assert refusal("a.png", pdf_bytes()).code == Refusal.TYPE_MISMATCH


def test_empty_file():
    refused = refusal("Báo cáo.pdf", b"")
    assert (refused.code, refused.status) == (Refusal.EMPTY, 422)
    assert "rỗng (0 byte)" in refused.message


def test_declared_size_over_the_limit_is_refused_before_reading():
    refused = refusal("a.pdf", pdf_bytes(), limits=Limits(max_bytes=MB), declared_size=2 * MB)
    assert (refused.code, refused.status) == (Refusal.TOO_LARGE, 413)
    assert refused.message == "Tệp nặng 2 MB, vượt giới hạn 1 MB."


def test_real_size_over_the_limit_is_refused_whatever_was_declared():
    data = pdf_bytes() + b"\n%" + b"x" * MB  # a comment after the PDF: still a PDF
    refused = refusal("a.pdf", data, limits=Limits(max_bytes=MB), declared_size=10)
    assert (refused.code, refused.status) == (Refusal.TOO_LARGE, 413)
    assert "vượt giới hạn 1 MB" in refused.message


def test_encrypted_pdf():
    refused = refusal("Mật.pdf", encrypted_pdf_bytes())
    assert (refused.code, refused.status) == (Refusal.PDF_ENCRYPTED, 422)
    assert "đặt mật khẩu hoặc mã hóa" in refused.message


def test_unreadable_pdf():
    refused = refusal("Hỏng.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100)
    assert (refused.code, refused.status) == (Refusal.PDF_UNREADABLE, 422)
    assert "Không đọc được tệp PDF “Hỏng.pdf”" in refused.message


def test_truncated_office_file():
    refused = refusal("a.docx", office_bytes()[:200])
    assert refused.code in (Refusal.OFFICE_UNREADABLE, Refusal.TYPE_MISMATCH)
    assert refused.status in (415, 422)


def test_zip_bomb_by_total_size():
    refused = refusal("Tờ trình.docx", zip_bomb_bytes(300))
    assert (refused.code, refused.status) == (Refusal.ZIP_BOMB, 422)
    assert "giải nén ra 300 MB, quá giới hạn 200 MB" in refused.message


def test_zip_bomb_by_ratio():
    refused = refusal("Tờ trình.docx", zip_bomb_bytes(20))
    assert refused.code == Refusal.ZIP_BOMB
    assert "tỷ lệ nén" in refused.message


def test_a_well_compressed_small_file_is_no_bomb():
    data = office_bytes(extra={"word/media/blank.bin": bytes(MB)})
    assert check("a.docx", data).kind is DOCX


def test_zip_bomb_by_entry_count():
    data = office_bytes(extra={f"word/media/{i}.xml": b"<a/>" for i in range(60)})
    refused = refusal("a.docx", data, limits=Limits(max_entries=50))
    assert refused.code == Refusal.ZIP_BOMB
    assert "63 tệp con, quá giới hạn 50" in refused.message


@pytest.mark.parametrize(
    "member",
    ["../../etc/cron.d/job", "word/../../outside.xml", "/etc/passwd", "C:/Windows/x.dll"],
)
def test_office_file_with_paths_outside_itself(member):
    refused = refusal("a.docx", office_bytes(extra={member: b"x"}))
    assert (refused.code, refused.status) == (Refusal.ZIP_UNSAFE_PATH, 422)
    assert "đường dẫn ra ngoài tệp" in refused.message


@pytest.mark.parametrize(
    ("member", "unsafe"),
    [
        ("word\\..\\..\\x.xml", True),
        ("C:x.xml", True),
        ("word/\x07.xml", True),
        ("", True),
        ("word/document.xml", False),
        ("word/media/image..png", False),
        ("[Content_Types].xml", False),
    ],
)
def test_unsafe_member_names(member, unsafe):
    assert unsafe_member_name(member) is unsafe


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("", Refusal.NAME_EMPTY),
        ("   ", Refusal.NAME_EMPTY),
        ("../../etc/passwd.pdf", Refusal.NAME_PATH),
        ("thu-muc/Báo cáo.pdf", Refusal.NAME_PATH),
        ("C:\\Users\\a\\Báo cáo.pdf", Refusal.NAME_PATH),
        ("Báo cáo\x07.pdf", Refusal.NAME_CONTROL),
        ("Báo\ncáo.pdf", Refusal.NAME_CONTROL),
        ("gpj\u202e.pdf", Refusal.NAME_CONTROL),  # right-to-left override
        ("a" * 252 + ".pdf", Refusal.NAME_TOO_LONG),
    ],
)
def test_bad_file_names(name, code):
    refused = refusal(name, pdf_bytes())
    assert (refused.code, refused.status) == (code, 400)
    assert refused.message


def test_name_path_message_names_the_problem():
    assert "chứa đường dẫn (/ hoặc \\)" in refusal("a/b.pdf", pdf_bytes()).message


def test_confidential_documents_take_only_pdfs():
    refused = refusal("Tờ trình.docx", office_bytes(), pdf_only=True)
    assert (refused.code, refused.status) == (Refusal.CONFIDENTIAL_NOT_PDF, 422)
    assert "Tài liệu mật chỉ nhận tệp PDF" in refused.message
    assert check("Mật.pdf", pdf_bytes(), pdf_only=True).kind is PDF
