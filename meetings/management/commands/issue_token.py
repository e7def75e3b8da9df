"""manage.py issue_token USERNAME [--name N]: print a new API token, once."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from meetings.models import User
from meetings.services.tokens import api_token_issue


class Command(BaseCommand):
    help = "Issue a REST API bearer token for a user and print it (shown only this once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for, e.g. a script.")

    def handle(self, *args, username: str, name: str, **options) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("Không có người dùng %(username)s.") % {"username": username})
        if not user.is_active:
            raise CommandError(_("Tài khoản %(username)s đã bị khóa.") % {"username": username})
        raw = api_token_issue(user=user, name=name)
        # The token alone on stdout, so that scripts can capture it; advice on stderr.
        self.stdout.write(raw)
        self.stderr.write(_("Mã chỉ hiển thị một lần này; hãy lưu vào nơi an toàn."))
