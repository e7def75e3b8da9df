"""Serve the local Jitsi IFrame API double (or a failure) where a page loads the real script."""

from pathlib import Path

DOUBLE = Path(__file__).resolve().parent / "jitsi_double" / "external_api.js"


def script_url(domain: str) -> str:
    return f"https://{domain}/external_api.js"


def serve_jitsi_double(page, domain: str) -> None:
    """Answer the page's request for https://<domain>/external_api.js with the double."""
    page.route(
        script_url(domain),
        lambda route: route.fulfill(path=DOUBLE, content_type="application/javascript"),
    )


def fail_jitsi_script(page, domain: str) -> None:
    """Make the script request fail as an unreachable deployment would."""
    page.route(script_url(domain), lambda route: route.abort("connectionrefused"))
