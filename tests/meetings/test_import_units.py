from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from meetings.models import Unit
from meetings.services.units import units_import_province

pytestmark = pytest.mark.django_db


def import_units(code: str) -> str:
    out = StringIO()
    call_command("import_units", "--province", code, stdout=out)
    return out.getvalue()


def test_import_loads_the_province_and_all_its_communes_and_wards():
    output = import_units("20")

    province = Unit.objects.get(code="20")
    assert province.name == "Tỉnh Lạng Sơn"
    assert province.kind == Unit.Kind.PROVINCE
    assert province.parent is None
    children = Unit.objects.filter(parent=province)
    assert children.filter(kind=Unit.Kind.COMMUNE).count() == 61
    assert children.filter(kind=Unit.Kind.WARD).count() == 4
    that_khe = Unit.objects.get(code="06040")
    assert (that_khe.name, that_khe.kind, that_khe.parent) == (
        "Xã Thất Khê",
        Unit.Kind.COMMUNE,
        province,
    )
    assert Unit.objects.count() == 66
    assert "66 thêm mới, 0 cập nhật, 0 không đổi" in output


def test_second_run_changes_nothing():
    import_units("20")
    before = list(
        Unit.objects.order_by("code").values_list("pk", "code", "name", "kind", "parent_id")
    )
    output = import_units("20")

    after = list(
        Unit.objects.order_by("code").values_list("pk", "code", "name", "kind", "parent_id")
    )
    assert after == before
    assert "0 thêm mới, 0 cập nhật, 66 không đổi" in output


def test_a_changed_unit_is_corrected_in_place():
    import_units("20")
    Unit.objects.filter(code="06040").update(name="Thị trấn Thất Khê", kind=Unit.Kind.OTHER)
    stray = Unit.objects.get(code="06040")

    result = units_import_province(code=20)

    stray.refresh_from_db()
    assert (stray.name, stray.kind) == ("Xã Thất Khê", Unit.Kind.COMMUNE)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 65)


def test_city_and_special_zones_keep_their_own_kinds():
    import_units("22")  # Quảng Ninh has two special zones
    import_units("1")

    assert Unit.objects.get(code="22").name == "Tỉnh Quảng Ninh"
    zones = Unit.objects.filter(parent__code="22", kind=Unit.Kind.SPECIAL_ZONE)
    assert set(zones.values_list("name", flat=True)) == {"Đặc khu Vân Đồn", "Đặc khu Cô Tô"}
    hanoi = Unit.objects.get(code="01")
    assert (hanoi.name, hanoi.kind) == ("Thành phố Hà Nội", Unit.Kind.PROVINCE)
    assert hanoi.children.filter(kind=Unit.Kind.WARD).count() == 51


def test_unknown_code_is_refused_with_the_valid_codes():
    with pytest.raises(CommandError) as refused:
        import_units("99")

    message = str(refused.value)
    assert "Không có tỉnh, thành phố mã 99" in message
    assert "1, 4, 8, " in message and "20" in message and "96" in message
    assert Unit.objects.count() == 0
