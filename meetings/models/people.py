"""People, their roles in units, and their API tokens."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_calendar_key() -> str:
    return secrets.token_urlsafe(24)


class User(AbstractUser):
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    # Capability URL for the personal calendar feed; reset to revoke a leaked one.
    calendar_key = models.CharField(max_length=64, default=new_calendar_key, unique=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class Role(models.TextChoices):
    ORGANIZER = "organizer", _("Văn phòng tổ chức")
    CHAIR = "chair", _("Chủ trì")
    SECRETARY = "secretary", _("Thư ký")
    OPERATOR = "operator", _("Kỹ thuật điểm cầu")
    DELEGATE = "delegate", _("Đại biểu")
    OBSERVER = "observer", _("Khách mời")


class Membership(models.Model):
    """A user's role in a unit; an operator's membership names the room they run."""

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), related_name="memberships", on_delete=models.CASCADE
    )
    unit = models.ForeignKey(
        "meetings.Unit",
        verbose_name=_("đơn vị"),
        related_name="memberships",
        on_delete=models.CASCADE,
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    bridge_point = models.ForeignKey(
        "meetings.BridgePoint",
        verbose_name=_("điểm cầu phụ trách"),
        null=True,
        blank=True,
        related_name="operators",
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = _("vai trò trong đơn vị")
        verbose_name_plural = _("vai trò trong đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "role"],
                condition=models.Q(bridge_point__isnull=True),
                name="membership_unique_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "bridge_point"],
                condition=models.Q(bridge_point__isnull=False),
                name="membership_unique_room",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the REST API; only its SHA-256 is stored."""

    user = models.ForeignKey(User, related_name="api_tokens", on_delete=models.CASCADE)
    name = models.CharField(_("tên"), max_length=100, blank=True)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")

    def __str__(self) -> str:
        return f"{self.user} · {self.prefix}…"
