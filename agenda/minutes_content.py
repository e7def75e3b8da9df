"""The minutes' content in its one stored shape (docs/minutes.md): checked field by field,
each section's HTML cleaned to the editor's subset. Pure: no database."""

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from agenda.richtext import clean_html

# The header's parts in the order the editor and the comparison show them.
HEADER_KEYS = ("parent_agency", "agency", "number", "place", "date", "subject")
HEADER_FIELDS = {"parent_agency": 300, "agency": 300, "number": 100, "place": 100}
HEADER_FIELDS |= {"subject": 500}
SECTION_KEY = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
LAYOUTS = ("inline", "block")
MAX_SECTIONS = 300
MAX_TITLE = 300
MAX_SECTION_HTML = 2_000_000  # a named vote of thousands of delegates is one long table
MAX_SIGNER = 150
MAX_RECIPIENTS = 30
MAX_RECIPIENT = 300


def _string(value: Any, key: str, limit: int, errors: dict[str, list[str]]) -> str:
    if not isinstance(value, str):
        errors[key] = [_("Nhập một chuỗi ký tự.")]
        return ""
    value = value.strip()
    if len(value) > limit:
        errors[key] = [_("Tối đa %(n)s ký tự.") % {"n": limit}]
    return value


def _header(header: Any, errors: dict[str, list[str]]) -> dict[str, str]:
    if not isinstance(header, dict):
        errors["header"] = [_("Phần đầu biên bản phải là một đối tượng.")]
        return {}
    clean = {
        name: _string(header.get(name, ""), f"header.{name}", limit, errors)
        for name, limit in HEADER_FIELDS.items()
    }
    if not clean["agency"] and "header.agency" not in errors:
        errors["header.agency"] = [_("Ghi tên cơ quan ban hành.")]
    if not clean["subject"] and "header.subject" not in errors:
        errors["header.subject"] = [_("Ghi trích yếu nội dung cuộc họp.")]
    day = header.get("date", "")
    try:
        clean["date"] = date.fromisoformat(day).isoformat()
    except (TypeError, ValueError):
        errors["header.date"] = [_("Nhập ngày theo dạng YYYY-MM-DD.")]
    return clean


def _sections(sections: Any, errors: dict[str, list[str]]) -> list[dict[str, str]]:
    if not isinstance(sections, list) or not 1 <= len(sections) <= MAX_SECTIONS:
        errors["sections"] = [_("Cần từ 1 đến %(n)s phần.") % {"n": MAX_SECTIONS}]
        return []
    clean, seen = [], set()
    for index, section in enumerate(sections):
        where = f"sections.{index}"
        if not isinstance(section, dict):
            errors[where] = [_("Mỗi phần phải là một đối tượng.")]
            continue
        key = section.get("key")
        if not isinstance(key, str) or not SECTION_KEY.match(key):
            errors[f"{where}.key"] = [_("Mã phần chỉ gồm chữ thường, số và dấu gạch ngang.")]
        elif key in seen:
            errors[f"{where}.key"] = [_("Mã phần “%(key)s” bị trùng.") % {"key": key}]
        seen.add(key)
        layout = section.get("layout", "block")
        if layout not in LAYOUTS:
            errors[f"{where}.layout"] = [_("Chọn một trong: inline, block.")]
        title = _string(section.get("title", ""), f"{where}.title", MAX_TITLE, errors)
        html = section.get("html", "")
        if not isinstance(html, str):
            errors[f"{where}.html"] = [_("Nhập một chuỗi ký tự.")]
            html = ""
        elif len(html) > MAX_SECTION_HTML:
            errors[f"{where}.html"] = [_("Phần này quá dài.")]
            html = ""
        clean.append({"key": key, "title": title, "layout": layout, "html": clean_html(html)})
    return clean


def _signers(signers: Any, errors: dict[str, list[str]]) -> dict[str, dict[str, str]]:
    if not isinstance(signers, dict):
        errors["signers"] = [_("Người ký phải là một đối tượng.")]
        return {}
    clean = {}
    for role in ("secretary", "chair"):
        signer = signers.get(role)
        if not isinstance(signer, dict):
            errors[f"signers.{role}"] = [_("Ghi chức danh và họ tên người ký.")]
            continue
        clean[role] = {
            "title": _string(signer.get("title", ""), f"signers.{role}.title", MAX_SIGNER, errors),
            "name": _string(signer.get("name", ""), f"signers.{role}.name", MAX_SIGNER, errors),
        }
    if "chair" in clean and not clean["chair"]["name"]:
        errors.setdefault("signers.chair.name", [_("Ghi họ tên người chủ trì ký biên bản.")])
    return clean


def _recipients(recipients: Any, errors: dict[str, list[str]]) -> list[str]:
    if not isinstance(recipients, list) or len(recipients) > MAX_RECIPIENTS:
        errors["recipients"] = [_("Nơi nhận là danh sách tối đa %(n)s dòng.") % {"n": 30}]
        return []
    lines = [
        _string(line, f"recipients.{i}", MAX_RECIPIENT, errors) for i, line in enumerate(recipients)
    ]
    return [line for line in lines if line]


def content_clean(content: Any) -> dict:
    """The content in its one stored shape (docs/minutes.md), each section's HTML cleaned;
    ValidationError with a message per field ("sections.3.html") otherwise."""
    errors: dict[str, list[str]] = {}
    if not isinstance(content, dict):
        raise ValidationError({"content": [_("Nội dung biên bản phải là một đối tượng JSON.")]})
    clean = {
        "header": _header(content.get("header"), errors),
        "sections": _sections(content.get("sections"), errors),
        "signers": _signers(content.get("signers"), errors),
        "recipients": _recipients(content.get("recipients", []), errors),
    }
    if errors:
        raise ValidationError(errors)
    return clean
