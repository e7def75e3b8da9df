"""Bearer tokens for the REST API: issue, revoke, and authenticate a presented token.

Only the SHA-256 of a token is stored; the raw value is shown once, when issued.
"""

import secrets
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.models import ApiToken, User
from meetings.models.people import hash_token

PREFIX_LENGTH = 8
# last_used_at is a hint for people reviewing tokens, not an audit log: write it at
# most once a minute per token so that busy clients do not cost an UPDATE per request.
TOUCH_INTERVAL = timedelta(minutes=1)


@transaction.atomic
def api_token_issue(*, user: User, name: str = "") -> str:
    """Create a token for `user` and return its raw value (the only time it exists)."""
    while True:
        raw = secrets.token_urlsafe(32)
        # A unique prefix lets `revoke_token PREFIX` name exactly one token.
        if not ApiToken.objects.filter(prefix=raw[:PREFIX_LENGTH]).exists():
            break
    ApiToken.objects.create(
        user=user, name=name.strip(), prefix=raw[:PREFIX_LENGTH], key_hash=hash_token(raw)
    )
    return raw


@transaction.atomic
def api_token_revoke(
    *, token_id: int | None = None, prefix: str | None = None, now: datetime | None = None
) -> ApiToken:
    """Revoke one token, named by id or by its 8-character prefix; revoking twice is harmless."""
    if (token_id is None) == (prefix is None):
        raise ValueError("Give exactly one of token_id or prefix.")
    tokens = ApiToken.objects.select_for_update().select_related("user")
    tokens = tokens.filter(pk=token_id) if token_id is not None else tokens.filter(prefix=prefix)
    found = list(tokens[:2])
    if not found:
        raise ValidationError({"prefix": [_("Không có mã truy cập nào như vậy.")]})
    if len(found) > 1:
        raise ValidationError({"prefix": [_("Nhiều mã truy cập có cùng tiền tố này.")]})
    token = found[0]
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, raw: str, now: datetime | None = None) -> User | None:
    """The active user owning a valid, unrevoked token, or None."""
    if not raw:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_INTERVAL:
        # A bare UPDATE: no model save, no transaction of its own.
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
