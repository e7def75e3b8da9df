"""Settings that name a file (a certificate, a trust bundle) refuse a path that is not one."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_file_path
from tests.test_deploy_check import manage


def test_an_unset_or_empty_path_reads_as_empty(monkeypatch):
    monkeypatch.delenv("MINUTES_SIGNING_P12", raising=False)
    assert env_file_path("MINUTES_SIGNING_P12") == ""
    monkeypatch.setenv("MINUTES_SIGNING_P12", "")
    assert env_file_path("MINUTES_SIGNING_P12") == ""


def test_the_path_of_a_file_is_kept_as_written(monkeypatch, tmp_path: Path):
    bundle = tmp_path / "roots.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    monkeypatch.setenv("MINUTES_TRUST_ROOTS", str(bundle))
    assert env_file_path("MINUTES_TRUST_ROOTS") == str(bundle)


@pytest.mark.parametrize("where", ["missing.p12", "."])
def test_a_missing_file_or_a_folder_is_refused(monkeypatch, tmp_path: Path, where: str):
    path = str(tmp_path / where)
    monkeypatch.setenv("MINUTES_SIGNING_P12", path)
    with pytest.raises(ImproperlyConfigured) as refused:
        env_file_path("MINUTES_SIGNING_P12")
    assert str(refused.value) == (
        f"MINUTES_SIGNING_P12 must be the path of a readable file, not {path!r}"
    )


def test_a_signing_certificate_path_that_does_not_exist_stops_the_start():
    result = manage("check", DJANGO_DEBUG="true", MINUTES_SIGNING_P12="/nonexistent/unit.p12")
    assert result.returncode != 0
    assert "MINUTES_SIGNING_P12 must be the path of a readable file" in result.stderr
