"""GET /healthz: is the database answering, and does the channel layer carry a message?

Unauthenticated, for load balancers and monitoring: 200 when both work, 503 naming
the part that failed. Failures name only the exception class; details go to the log.
"""

import asyncio
import logging
import secrets

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

# A healthy layer answers in milliseconds; a hung Redis must not hang the probe.
CHANNEL_LAYER_TIMEOUT_SECONDS = 2.0

Check = dict[str, object]


def _failed(part: str, exc: BaseException) -> Check:
    logger.warning("healthz: %s failed", part, exc_info=exc)
    return {"ok": False, "error": type(exc).__name__}


def _check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            ok = cursor.fetchone() == (1,)
    except Exception as exc:  # any failure is the answer, not a crash
        return _failed("database", exc)
    return {"ok": ok, "vendor": connection.vendor}


async def _check_channel_layer() -> Check:
    layer = get_channel_layer()
    if layer is None:
        return {"ok": False, "error": "not configured"}
    backend = type(layer).__name__
    nonce = secrets.token_hex(8)
    try:
        async with asyncio.timeout(CHANNEL_LAYER_TIMEOUT_SECONDS):
            # A fresh channel per probe: no other reader, nothing left over to misread.
            channel = await layer.new_channel("healthz")
            await layer.send(channel, {"type": "healthz.ping", "nonce": nonce})
            message = await layer.receive(channel)
    except Exception as exc:  # includes TimeoutError
        return {**_failed("channel layer", exc), "backend": backend}
    return {"ok": message.get("nonce") == nonce, "backend": backend}


@never_cache
@require_GET
async def healthz(request: HttpRequest) -> JsonResponse:
    database = await sync_to_async(_check_database)()
    channel_layer = await _check_channel_layer()
    healthy = bool(database["ok"] and channel_layer["ok"])
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "database": database,
            "channel_layer": channel_layer,
        },
        status=200 if healthy else 503,
    )
