"""manage.py import_units --province 20: load a province and its communes."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from meetings.services.units import units_import_province


class Command(BaseCommand):
    help = "Nhập tỉnh/thành phố và các xã, phường, đặc khu từ gói vietnam-provinces."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province",
            type=int,
            required=True,
            help="Mã tỉnh/thành phố chính thức, ví dụ 20 (Lạng Sơn).",
        )

    def handle(self, *args, province: int, **options) -> None:
        try:
            result = units_import_province(code=province)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.province.name}: {result.total} đơn vị — "
                f"{result.created} thêm mới, {result.updated} cập nhật, "
                f"{result.unchanged} không đổi."
            )
        )
