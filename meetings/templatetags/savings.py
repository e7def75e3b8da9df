"""Numbers as the savings pages print them: "1.234.567 đ", "12,5", "75 %"."""

from decimal import Decimal

from django import template

from meetings.savings import format_short, format_vnd

register = template.Library()


@register.filter
def vnd(value: Decimal | int | None) -> str:
    return "" if value is None else format_vnd(value)


@register.filter
def num(value: Decimal | int | None, places: int = 1) -> str:
    """A number with "." thousands and "," decimals, without trailing zeros."""
    return "" if value is None else format_short(value, int(places))


@register.filter
def percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{format_short(value, 0)} %"
