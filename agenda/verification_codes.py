"""Verification codes of approved minutes: made, printed, read back as typed, and the public
page each one opens (the QR code on every page of the PDF)."""

import secrets

from django.conf import settings
from django.urls import reverse

# Crockford's base32: no I, L, O or U, so a printed code reads back without doubt.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
CODE_READS_AS = {"O": "0", "I": "1", "L": "1"}


def format_code(raw: str) -> str:
    """ "K7QM4XPA9R" → "K7QM-4XPA-9R": the stored, printed and typed form."""
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def new_verification_code() -> str:
    """10 random characters (50 bits) of Crockford's base32, grouped by four."""
    return format_code("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))


def normalize_code(typed: str) -> str:
    """A code as someone typed it (lower case, spaces, O for 0…) in its stored form."""
    bare = "".join(ch for ch in typed.upper() if ch.isalnum())
    return format_code("".join(CODE_READS_AS.get(ch, ch) for ch in bare))


def verify_url(code: str) -> str:
    """The public check page of a code, absolute (what the QR code opens)."""
    return settings.SITE_URL + reverse("minutes-verify", args=[code])
