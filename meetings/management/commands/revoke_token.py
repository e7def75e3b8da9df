"""manage.py revoke_token PREFIX: revoke an API token by its first 8 characters."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from meetings.services.tokens import api_token_revoke


class Command(BaseCommand):
    help = "Revoke a REST API token, named by its 8-character prefix."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("prefix")

    def handle(self, *args, prefix: str, **options) -> None:
        try:
            token = api_token_revoke(prefix=prefix)
        except ValidationError as refused:
            raise CommandError(" ".join(refused.messages)) from refused
        self.stdout.write(
            _("Đã thu hồi mã %(prefix)s… của %(user)s.")
            % {"prefix": token.prefix, "user": token.user.username}
        )
