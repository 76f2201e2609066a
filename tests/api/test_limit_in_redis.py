"""The API's per-user limit counted in Redis (REDIS_URL set): the same answers as in the table."""

import uuid

import pytest

from tests.fixtures.personas import auth


@pytest.fixture
def counts_in_redis(settings, redis_url):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": uuid.uuid4().hex,  # xdist workers share the Redis database
        }
    }
    settings.CHISO_COUNTER_STORE = "cache"


def test_a_user_over_the_limit_is_told_to_wait(client, keys, settings, counts_in_redis):
    settings.CHISO_API_REQUESTS_PER_MINUTE = 2
    codes = [client.get("/api/frameworks", **auth(keys["reporter"])).status_code for _ in range(3)]
    assert codes[:2] == [200, 200]
    assert codes[2] == 429


def test_another_users_requests_do_not_count_against_mine(client, keys, settings, counts_in_redis):
    settings.CHISO_API_REQUESTS_PER_MINUTE = 2
    for _ in range(3):
        client.get("/api/frameworks", **auth(keys["viewer"]))
    assert client.get("/api/frameworks", **auth(keys["reporter"])).status_code == 200
