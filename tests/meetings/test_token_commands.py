"""manage.py issue_token / revoke_token: a token printed once, and revoked by its prefix."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from meetings.models import ApiToken
from meetings.services.tokens import api_token_issue


def issue(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("issue_token", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_issue_prints_a_working_token_once(world):
    raw, advice = issue("operator", "--name", "màn hình phòng họp")
    assert "một lần" in advice
    token = ApiToken.objects.get(user=world.operator)
    assert token.name == "màn hình phòng họp" and token.prefix == raw[:8]
    assert raw not in token.key_hash
    response = Client().get("/api/meetings", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200


def test_issue_for_unknown_or_locked_user_fails(world):
    with pytest.raises(CommandError, match="Không có người dùng khong-co"):
        issue("khong-co")
    world.delegate.is_active = False
    world.delegate.save()
    with pytest.raises(CommandError, match="đã bị khóa"):
        issue("delegate")
    assert not ApiToken.objects.exists()


def test_revoke_by_prefix_refuses_the_token(world):
    raw = api_token_issue(user=world.organizer, name="")
    kept = api_token_issue(user=world.organizer, name="")
    out = StringIO()
    call_command("revoke_token", raw[:8], stdout=out)
    assert f"Đã thu hồi mã {raw[:8]}… của organizer." in out.getvalue()
    assert ApiToken.objects.get(prefix=raw[:8]).revoked_at is not None
    assert Client().get("/api/units", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    assert (
        Client().get("/api/units", headers={"Authorization": f"Bearer {kept}"}).status_code == 200
    )


def test_revoking_twice_keeps_the_first_revocation_time(world):
    raw = api_token_issue(user=world.organizer, name="")
    call_command("revoke_token", raw[:8], stdout=StringIO())
    first = ApiToken.objects.get().revoked_at
    call_command("revoke_token", raw[:8], stdout=StringIO())
    assert ApiToken.objects.get().revoked_at == first


def test_revoke_unknown_prefix_fails(world):
    with pytest.raises(CommandError, match="Không có mã truy cập nào như vậy"):
        call_command("revoke_token", "zzzzzzzz", stdout=StringIO())
