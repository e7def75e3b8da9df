"""Two versions of the minutes compared part by part (header, each section, signers,
recipients), line by line, for the history page. Pure: no database."""

import difflib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from agenda.minutes_content import HEADER_KEYS
from agenda.models import MinutesVersion
from agenda.richtext import html_to_text


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed"
    text: str


@dataclass(frozen=True)
class SectionDiff:
    title: str
    lines: list[DiffLine]

    @property
    def changed(self) -> bool:
        return any(line.kind != "same" for line in self.lines)


def _diff(old: str, new: str) -> list[DiffLine]:
    before, after = old.splitlines(), new.splitlines()
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines += [DiffLine("same", text) for text in before[i1:i2]]
            continue
        lines += [DiffLine("removed", text) for text in before[i1:i2]]
        lines += [DiffLine("added", text) for text in after[j1:j2]]
    return lines


def _parts(content: dict) -> dict[str, tuple[str, str]]:
    """Each comparable part of a version as plain text: {key: (title, text)}."""
    header = content.get("header") or {}
    parts = {
        "_header": (
            _("Phần đầu"),
            "\n".join(f"{name}: {header.get(name, '')}" for name in HEADER_KEYS),
        )
    }
    for section in content.get("sections") or []:
        parts[section.get("key", "")] = (
            section.get("title", ""),
            html_to_text(section.get("html", "")),
        )
    signers = [(content.get("signers") or {}).get(role) or {} for role in ("secretary", "chair")]
    parts["_signers"] = (
        _("Người ký"),
        "\n".join(f"{s.get('title', '')}: {s.get('name', '')}" for s in signers),
    )
    parts["_recipients"] = (_("Nơi nhận"), "\n".join(content.get("recipients") or []))
    return parts


def compare_versions(old: MinutesVersion, new: MinutesVersion) -> list[SectionDiff]:
    """Section by section, in the newer version's order, then the sections it dropped."""
    before, after = _parts(old.content), _parts(new.content)
    keys = list(after) + [key for key in before if key not in after]
    diffs = []
    for key in keys:
        title = (after.get(key) or before.get(key))[0]
        old_title = before[key][0] if key in before else ""
        if key in before and key in after and old_title != title:
            title = f"{old_title} → {title}"
        lines = _diff(before.get(key, ("", ""))[1], after.get(key, ("", ""))[1])
        diffs.append(SectionDiff(title=title, lines=lines))
    return diffs
