"""The socket's envelope `{type, id, payload}`, the registry of message handlers and the answers.

A client's `type` only ever selects an entry of `HANDLERS`; it never names a consumer method.
Handlers run synchronously (in a worker thread under the socket) and return the ack's data.
"""

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict
from pydantic import ValidationError as PydanticValidationError

from meetings.api.errors import errors_by_field
from meetings.services.errors import PermissionDenied
from realtime.access import RoomAccess
from realtime.replay import ReusedId, answer_once

# A 50,000-character note in Vietnamese takes up to ~150 KB of UTF-8.
MAX_MESSAGE_BYTES = 256 * 1024
MAX_ID_LENGTH = 64


class Payload(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Refused(Exception):
    """A message answered with an error; `code` is for programs, `message` for people."""

    def __init__(self, code: str, message: str, **details: Any):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details


class Conflict(DjangoValidationError):
    """A write based on an out-of-date version; `current` is what the client must merge with."""

    def __init__(self, message: str, current: dict[str, Any]):
        super().__init__(message, code="conflict")
        self.current = current


@dataclass(frozen=True)
class Envelope:
    type: str
    id: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Handler:
    schema: type[Payload]
    run: Callable[[RoomAccess, Any, str], dict[str, Any] | None]
    # True when the handler itself answers a resent id the same (votes, note versions);
    # the others are answered once through realtime.replay.
    idempotent: bool = False


HANDLERS: dict[str, Handler] = {}


def handler(message_type: str, schema: type[Payload], *, idempotent: bool = False) -> Callable:
    def register(run: Callable) -> Callable:
        if message_type in HANDLERS:
            raise RuntimeError(f"two handlers for {message_type}")
        HANDLERS[message_type] = Handler(schema, run, idempotent)
        return run

    return register


def parse_envelope(text: str | None) -> Envelope:
    if text is None:
        raise Refused("bad_message", _("Chỉ nhận tin nhắn dạng văn bản JSON."))
    if len(text.encode()) > MAX_MESSAGE_BYTES:
        raise Refused(
            "too_large",
            _("Tin nhắn quá lớn (tối đa %(kb)s KB).") % {"kb": MAX_MESSAGE_BYTES // 1024},
        )
    try:
        data = json.loads(text)
    except ValueError:
        raise Refused("bad_json", _("Tin nhắn không phải JSON hợp lệ.")) from None
    if not isinstance(data, dict):
        raise Refused("bad_message", _("Tin nhắn phải là một đối tượng {type, id, payload}."))
    message_id = data.get("id")
    message_type = data.get("type")
    payload = data.get("payload", {})
    if not isinstance(message_id, str) or not 0 < len(message_id) <= MAX_ID_LENGTH:
        raise Refused(
            "bad_message",
            _('Thiếu mã tin nhắn "id" (chuỗi 1–%(n)s ký tự).') % {"n": MAX_ID_LENGTH},
        )
    if not isinstance(message_type, str) or not message_type:
        raise Refused("bad_message", _('Thiếu loại tin nhắn "type".'), in_response=message_id)
    if not isinstance(payload, dict):
        raise Refused("bad_message", _('"payload" phải là một đối tượng JSON.'))
    extra = set(data) - {"type", "id", "payload"}
    if extra:
        raise Refused(
            "bad_message", _("Trường không được nhận: %(f)s.") % {"f": ", ".join(sorted(extra))}
        )
    return Envelope(message_type, message_id, payload)


def dispatch(access: RoomAccess, envelope: Envelope) -> dict[str, Any]:
    """Run the message's handler; every refusal becomes a `Refused`, never a server error."""
    entry = HANDLERS.get(envelope.type)
    if entry is None:
        raise Refused(
            "unknown_type",
            _("Loại tin nhắn không được hỗ trợ: %(type)s.") % {"type": envelope.type[:40]},
        )
    try:
        payload = entry.schema.model_validate(envelope.payload)
    except PydanticValidationError as exc:
        raise Refused(
            "invalid", _("Dữ liệu gửi lên chưa hợp lệ."), errors=errors_by_field(exc.errors())
        ) from None

    def run() -> dict[str, Any]:
        return entry.run(access, payload, envelope.id) or {}

    try:
        if entry.idempotent:
            return run()
        return answer_once(access, envelope.type, envelope.id, run)
    except ReusedId as exc:
        raise Refused("reused_id", exc.message) from None
    except PermissionDenied as exc:
        raise Refused("forbidden", str(exc) or _("Bạn không có quyền làm việc này.")) from None
    except Http404 as exc:
        raise Refused("not_found", str(exc) or _("Không tìm thấy.")) from None
    except Conflict as exc:
        raise Refused("conflict", " ".join(exc.messages), current=exc.current) from None
    except DjangoValidationError as exc:
        errors = (
            exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
        )
        code = getattr(exc, "code", None) or "invalid"
        message = " ".join(itertools.chain.from_iterable(errors.values()))
        raise Refused(code, message, errors=errors) from None


def since_from(payload: dict[str, Any]) -> int | None:
    """The last sequence number a client saw; anything unreadable means "send a snapshot"."""
    value = payload.get("since")
    try:
        since = int(value)
    except (TypeError, ValueError):
        return None
    return since if since >= 0 else None


def rate_limited() -> Refused:
    return Refused("rate_limited", _("Gửi quá nhiều tin nhắn; vui lòng chậm lại."))


def server_fault() -> Refused:
    return Refused("server_error", _("Máy chủ tạm thời không xử lý được; đang thử lại."))


def ack(message_id: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"type": "ack", "in_response": message_id, **data}


def error(message_id: str | None, refusal: Refused) -> dict[str, Any]:
    return {
        "type": "error",
        "in_response": message_id,
        "code": refusal.code,
        "message": refusal.message,
        **refusal.details,
    }
