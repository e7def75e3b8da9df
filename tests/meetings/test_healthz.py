"""GET /healthz: database and channel layer, 200 when both answer, 503 naming what failed."""

import os

import pytest
from django.test import Client

IN_MEMORY = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def redis_layer(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": url, "max_connections": 10}]},
        }
    }


def test_healthy_on_the_in_memory_layer(db, settings):
    settings.CHANNEL_LAYERS = IN_MEMORY
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["channel_layer"] == {"ok": True, "backend": "InMemoryChannelLayer"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set")
def test_healthy_on_redis(db, settings):
    settings.CHANNEL_LAYERS = redis_layer(os.environ["REDIS_URL"])
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["channel_layer"] == {"ok": True, "backend": "RedisChannelLayer"}


def test_unreachable_channel_layer_answers_503(db, settings):
    # Port 1 on loopback: nothing listens, the connection is refused at once.
    settings.CHANNEL_LAYERS = redis_layer("redis://127.0.0.1:1/0")
    response = Client().get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"]["ok"] is True
    assert body["channel_layer"]["ok"] is False
    assert body["channel_layer"]["backend"] == "RedisChannelLayer"
    assert "127.0.0.1" not in response.content.decode()  # no details for strangers


def test_needs_no_login_and_only_answers_get(db):
    assert Client().get("/healthz").status_code == 200
    assert Client().post("/healthz").status_code == 405
