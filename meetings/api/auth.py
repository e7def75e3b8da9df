"""Who is calling: a bearer token, or the browser's Django session (with CSRF)."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from meetings.models import User
from meetings.services.tokens import api_token_authenticate


class BearerTokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`, as printed by `manage.py issue_token`."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = api_token_authenticate(raw=token.strip())
        if user is None:
            # A presented but unknown or revoked token is an error in itself; it must
            # not fall through to the session (and its CSRF check) and answer 403.
            raise AuthenticationError(message=_("Mã truy cập không hợp lệ hoặc đã bị thu hồi."))
        return user


class SessionCsrfAuth(SessionAuth):
    """The logged-in browser session; unsafe methods must carry the CSRF token.

    Ninja checks CSRF before it looks at the session, so an anonymous POST would
    answer 403 (CSRF) instead of 401. Checking the session first keeps 401 for
    "who are you?" and 403 for "a logged-in page forgot its CSRF token".
    """

    def __call__(self, request: HttpRequest) -> User | None:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


api_auth = [BearerTokenAuth(), SessionCsrfAuth()]
