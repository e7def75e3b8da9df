"""The minutes editor's form: its fields read back into the content JSON (docs/minutes.md).

The editor has as many sections as the minutes, named section_<i>_<part>, so it is read by
hand rather than with a Django form; the service checks everything it reads.
"""

from datetime import date, datetime
from typing import Any

from django.http import QueryDict

from agenda.minutes_content import HEADER_KEYS


def posted_int(value: str | None) -> int | None:
    """A posted or queried number (spaces around it allowed); anything else is None."""
    return int(value) if value and value.strip().isdigit() else None


def iso_from_typed(typed: str) -> str:
    """ "22/11/2026" → "2026-11-22"; anything else is passed on for the service to refuse."""
    try:
        return datetime.strptime(typed.strip(), "%d/%m/%Y").date().isoformat()
    except ValueError:
        return typed


def typed_from_iso(value: Any) -> str:
    try:
        return f"{date.fromisoformat(value):%d/%m/%Y}"
    except (TypeError, ValueError):
        return str(value or "")


def content_from_post(post: QueryDict) -> dict[str, Any]:
    """The content JSON from the editor's fields (docs/minutes.md); checked by the service.
    The page types dates as dd/mm/yyyy; the content keeps them ISO."""
    count = posted_int(post.get("section_count")) or 0
    header = {name: post.get(f"header_{name}", "") for name in HEADER_KEYS}
    header["date"] = iso_from_typed(header["date"])
    return {
        "header": header,
        "sections": [
            {
                "key": post.get(f"section_{i}_key", ""),
                "title": post.get(f"section_{i}_title", ""),
                "layout": post.get(f"section_{i}_layout", "block"),
                "html": post.get(f"section_{i}_html", ""),
            }
            for i in range(count)
        ],
        "signers": {
            role: {
                "title": post.get(f"signer_{role}_title", ""),
                "name": post.get(f"signer_{role}_name", ""),
            }
            for role in ("secretary", "chair")
        },
        "recipients": [line for line in post.get("recipients", "").splitlines() if line.strip()],
    }
