"""manage.py flag_overdue_tasks: tell the host about conclusion tasks past their deadline.

Run it daily (cron, systemd timer) after midnight Vietnam time. Each open task past its
deadline is told once to the meeting's chair and secretary, the host unit's organizers and
whoever assigned it (an in-app notice); running again adds nothing until a task reopened or
given a new deadline passes that one too.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from agenda import task_rules
from agenda.services.tasks import local_today, tasks_flag_overdue


class Command(BaseCommand):
    help = "Notify the host of conclusion tasks past their deadline (once per task and deadline)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            dest="day",
            help="Check as of this day (dd/mm/yyyy), instead of today in Vietnam.",
        )

    def handle(self, *args, day: str | None = None, **options) -> None:
        today: date | None = local_today() if day is None else task_rules.parse_deadline(day)
        if today is None:
            raise CommandError(_("Ngày không hợp lệ: %(day)s (dạng dd/mm/yyyy).") % {"day": day})
        run = tasks_flag_overdue(today=today)
        self.stdout.write(
            _(
                "Ngày %(day)s: %(overdue)s nhiệm vụ quá hạn, %(flagged)s nhiệm vụ mới báo, "
                "%(notices)s thông báo đã gửi."
            )
            % {
                "day": f"{today:%d/%m/%Y}",
                "overdue": run.overdue,
                "flagged": run.flagged,
                "notices": run.notices,
            }
        )
