"""One shape for every refusal: `{"detail": ...}` plus `errors` (422) or `conflicts` (409).

Messages are gettext'd when the response is built, so LocaleMiddleware's choice
(Accept-Language) decides between Vietnamese and English.
"""

import re
from collections.abc import Iterable, Sequence
from json import JSONDecodeError
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from meetings.api.schemas import ConflictErrorOut, ConflictOut
from meetings.services.errors import ConflictError, PermissionDenied

PARAM_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
# Every view names its JSON body argument so; the name means nothing to a client.
BODY_PARAM = "payload"


class BodyNotAnObject(ValueError):
    """Valid JSON, but every body of this API is an object."""


class ObjectParser(Parser):
    """Ninja's JSON parser, refusing `[...]` or `"..."` with a 400 that says why."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise BodyNotAnObject
        return data


def _pydantic_message(error: dict[str, Any]) -> str:
    """A sentence for one pydantic error, in the active language."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])  # our own validators already speak gettext
    if kind == "missing":
        return _("Trường này là bắt buộc.")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Nhập một số nguyên.")
    if kind in ("bool_parsing", "bool_type"):
        return _("Nhập true hoặc false.")
    if kind in ("string_type", "string_unicode"):
        return _("Nhập một chuỗi ký tự.")
    if kind.startswith("datetime_"):
        return _("Nhập thời gian theo ISO 8601, ví dụ 2025-07-01T08:00:00+07:00.")
    if kind.startswith("date_"):
        return _("Nhập ngày theo dạng YYYY-MM-DD.")
    if kind in ("list_type", "tuple_type", "set_type"):
        return _("Nhập một danh sách.")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return _("Nhập một đối tượng JSON.")
    if kind in ("enum", "literal_error"):
        # pydantic writes "'a', 'b' or 'c'"; keep the values, drop its English "or".
        choices = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        return _("Chọn một trong: %(choices)s.") % {"choices": choices}
    if kind == "greater_than_equal":
        return _("Giá trị phải từ %(limit)s trở lên.") % {"limit": ctx.get("ge")}
    if kind == "less_than_equal":
        return _("Giá trị không được lớn hơn %(limit)s.") % {"limit": ctx.get("le")}
    return _("Giá trị không hợp lệ.")


def _field_key(loc: Sequence[Any]) -> str:
    """("body", "payload", "participants", 0, "user_id") -> "participants.0.user_id"."""
    parts = list(loc)
    if parts and parts[0] in PARAM_SOURCES:
        parts = parts[1:]
    if parts and parts[0] == BODY_PARAM:
        parts = parts[1:]
    return ".".join(str(p) for p in parts) or NON_FIELD_ERRORS


def errors_by_field(errors: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    by_field: dict[str, list[str]] = {}
    for error in errors:
        by_field.setdefault(_field_key(error["loc"]), []).append(_pydantic_message(error))
    return by_field


def validation_response(
    api: NinjaAPI, request: HttpRequest, errors: dict[str, list[str]]
) -> HttpResponse:
    general = errors.get(NON_FIELD_ERRORS)
    if general and len(errors) == 1:
        detail = " ".join(general)
    else:
        detail = _("Dữ liệu gửi lên chưa hợp lệ; xem lỗi của từng trường.")
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


def install(api: NinjaAPI) -> None:
    """Register the handlers on `api`; each turns one kind of refusal into JSON."""

    def detail(request: HttpRequest, message: str, status: int) -> HttpResponse:
        return api.create_response(request, {"detail": message}, status=status)

    @api.exception_handler(DjangoValidationError)
    def service_refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        errors = (
            exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
        )
        return validation_response(api, request, errors)

    @api.exception_handler(NinjaValidationError)
    def schema_refused(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return validation_response(api, request, errors_by_field(exc.errors))

    @api.exception_handler(ConflictError)
    def conflicts(request: HttpRequest, exc: ConflictError) -> HttpResponse:
        body = {
            "detail": _("Trùng lịch: %(count)s xung đột về điểm cầu hoặc người chủ trì.")
            % {"count": len(exc.conflicts)},
            "conflicts": [ConflictOut(**c.as_dict()) for c in exc.conflicts],
        }
        return api.create_response(
            request, ConflictErrorOut(**body).model_dump(mode="json"), status=409
        )

    @api.exception_handler(PermissionDenied)
    @api.exception_handler(DjangoPermissionDenied)
    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return detail(request, str(exc) or _("Bạn không có quyền làm việc này."), 403)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        # Selectors raise Http404 with an already translated sentence.
        return detail(request, str(exc) or _("Không tìm thấy."), 404)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        # Ninja raises a bare "Unauthorized" when no scheme matched; ours carry a sentence.
        message = (
            exc.message
            if exc.message != "Unauthorized"
            else _("Cần đăng nhập hoặc gửi mã truy cập (Authorization: Bearer …).")
        )
        response = detail(request, message, 401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        cause = exc.__cause__
        if exc.status_code == 400 and isinstance(cause, JSONDecodeError):
            message = _("Nội dung gửi lên không phải JSON hợp lệ (dòng %(line)s, cột %(col)s).") % {
                "line": cause.lineno,
                "col": cause.colno,
            }
        elif exc.status_code == 400 and isinstance(cause, BodyNotAnObject):
            message = _("Nội dung gửi lên phải là một đối tượng JSON ({…}).")
        elif exc.status_code == 400 and isinstance(cause, ValueError):
            message = _("Nội dung gửi lên không phải JSON hợp lệ.")
        elif exc.status_code == 403 and exc.message.startswith("CSRF"):
            message = _("Thiếu hoặc sai mã CSRF; hãy tải lại trang rồi thử lại.")
        else:
            message = exc.message
        return detail(request, message, exc.status_code)
