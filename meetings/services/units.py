"""Real provinces and communes from the `vietnam-provinces` package (2025 data)."""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from vietnam_provinces import Province, ProvinceCode, VietNamDivisionType, Ward

from meetings.models import Unit

KIND_OF_DIVISION: dict[VietNamDivisionType, str] = {
    VietNamDivisionType.TINH: Unit.Kind.PROVINCE,
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: Unit.Kind.PROVINCE,
    VietNamDivisionType.XA: Unit.Kind.COMMUNE,
    VietNamDivisionType.PHUONG: Unit.Kind.WARD,
    VietNamDivisionType.DAC_KHU: Unit.Kind.SPECIAL_ZONE,
}


@dataclass(frozen=True)
class ImportResult:
    province: Unit
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def province_codes() -> list[int]:
    return sorted(int(p.code) for p in Province.iter_all())


def province_unit_code(code: int) -> str:
    """Official province codes are written with two digits ("04", "20")."""
    return f"{code:02d}"


def ward_unit_code(code: int) -> str:
    """Official commune codes are written with five digits ("06040")."""
    return f"{code:05d}"


def _province_name(province: Province) -> str:
    # The package writes "Thành phố Hà Nội" but plain "Lạng Sơn" for a tỉnh; say which.
    if province.division_type == VietNamDivisionType.TINH:
        return f"Tỉnh {province.name}"
    return province.name


def _lookup_province(code: int) -> Province:
    try:
        return Province.from_code(ProvinceCode(code))
    except ValueError:
        valid = ", ".join(str(c) for c in province_codes())
        raise ValidationError(
            _("Không có tỉnh, thành phố mã %(code)s. Các mã hợp lệ: %(valid)s.")
            % {"code": code, "valid": valid}
        ) from None


def _upsert(
    existing: dict[str, Unit], code: str, name: str, kind: str, parent: Unit | None
) -> tuple[Unit, str]:
    """Create or correct one unit; say whether it was "created", "updated" or "unchanged"."""
    wanted = {"name": name, "kind": kind, "parent_id": parent.pk if parent else None}
    unit = existing.get(code)
    if unit is None:
        return Unit.objects.create(code=code, **wanted), "created"
    if all(getattr(unit, key) == value for key, value in wanted.items()):
        return unit, "unchanged"
    for key, value in wanted.items():
        setattr(unit, key, value)
    unit.save(update_fields=["name", "kind", "parent"])
    return unit, "updated"


@transaction.atomic
def units_import_province(*, code: int) -> ImportResult:
    """Create or refresh a province and all its communes, wards and special zones.

    Units are matched on their official code, so a second run changes nothing and a
    renamed commune is renamed in place (its meetings and rooms stay attached).
    """
    source = _lookup_province(code)
    wards = sorted(Ward.iter_by_province(source.code), key=lambda w: int(w.code))
    province_code = province_unit_code(int(source.code))
    ward_codes = [ward_unit_code(int(w.code)) for w in wards]
    existing = {u.code: u for u in Unit.objects.filter(code__in=[province_code, *ward_codes])}
    province, outcome = _upsert(
        existing,
        province_code,
        _province_name(source),
        KIND_OF_DIVISION[source.division_type],
        None,
    )
    outcomes = Counter([outcome])
    for ward, ward_code in zip(wards, ward_codes, strict=True):
        _unit, outcome = _upsert(
            existing, ward_code, ward.name, KIND_OF_DIVISION[ward.division_type], province
        )
        outcomes[outcome] += 1
    return ImportResult(
        province=province,
        created=outcomes["created"],
        updated=outcomes["updated"],
        unchanged=outcomes["unchanged"],
    )
