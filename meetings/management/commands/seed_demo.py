"""manage.py seed_demo --password PW: Lạng Sơn, 19 commune rooms, people, a year of meetings."""

from contextlib import nullcontext

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

from agenda.demo import demo_agendas
from agenda.demo_minutes import demo_minutes
from meetings.demo import TODAY_TITLE, demo_build
from meetings.demo_savings import demo_savings
from meetings.models import Meeting, User

# series_schedule always invites by e-mail: 88 letters for the demo's upcoming series,
# some 22,000 lines on the console backend, or real SMTP traffic to made-up addresses.
NO_MAIL = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (chạy lại không thay đổi gì)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password", required=True, help="Mật khẩu cho mọi tài khoản mẫu, kể cả admin."
        )
        parser.add_argument(
            "--send-mail", action="store_true", help="Gửi thư mời họp cho các cuộc họp mẫu sắp tới."
        )

    def handle(self, *args, password: str, send_mail: bool, **options) -> None:
        quiet = nullcontext() if send_mail else override_settings(EMAIL_BACKEND=NO_MAIL)
        try:
            with quiet:
                summary = demo_build(password=password)
                agendas = demo_agendas(
                    organizer=User.objects.get(username="organizer"),
                    meetings=list(
                        Meeting.objects.filter(
                            series__isnull=False, status=Meeting.Status.SCHEDULED
                        ).order_by("start")
                    ),
                    publish_first=True,
                )
                agendas += demo_agendas(
                    organizer=User.objects.get(username="organizer"),
                    meetings=list(Meeting.objects.filter(title=TODAY_TITLE, status="scheduled")),
                    publish_first=True,
                )
                savings = demo_savings(organizer=User.objects.get(username="organizer"))
                self.stdout.write("\n".join(demo_minutes().lines()))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for line in [*summary.lines(), *savings.lines()]:
            self.stdout.write(line)
        self.stdout.write(f"chương trình họp mẫu: {agendas} mới")
        self.stdout.write(
            self.style.SUCCESS(
                "Xong. Đăng nhập bằng organizer, chair, secretary, delegate, observer, "
                "operator1…operator19 hoặc admin."
            )
        )
