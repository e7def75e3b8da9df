"""Video settings refuse a production start that could not sign tokens."""

from tests.test_deploy_check import manage

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DJANGO_DEBUG": "false",
    "SECRET_KEY": "k8$Zq!v3@x" * 6,
    "ALLOWED_HOSTS": "diemcau.example.gov.vn",
}


def test_production_with_a_jitsi_domain_needs_the_app_id_and_secret():
    result = manage("check", **PRODUCTION, JITSI_DOMAIN="meet.example.gov.vn", JITSI_APP_ID="x")
    assert result.returncode != 0
    assert "JITSI_APP_ID and JITSI_APP_SECRET must be set" in result.stderr


def test_production_starts_with_jitsi_fully_configured_or_not_at_all():
    assert manage("check", **PRODUCTION).returncode == 0
    configured = manage(
        "check",
        **PRODUCTION,
        JITSI_DOMAIN="meet.example.gov.vn",
        JITSI_APP_ID="diemcau",
        JITSI_APP_SECRET="s" * 40,
    )
    assert configured.returncode == 0, configured.stderr


def test_a_url_instead_of_a_host_name_is_refused():
    result = manage("check", **PRODUCTION, JITSI_DOMAIN="https://meet.example.gov.vn/")
    assert result.returncode != 0
    assert "JITSI_DOMAIN must be a host name" in result.stderr


def test_a_bad_margin_is_refused():
    result = manage("check", **PRODUCTION, JITSI_TOKEN_MARGIN_MINUTES="-5")
    assert result.returncode != 0
    assert "JITSI_TOKEN_MARGIN_MINUTES must be at least 0" in result.stderr
