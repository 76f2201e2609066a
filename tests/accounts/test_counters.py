"""Counts that expire, in either store: the database table, or the cache (Redis when configured)."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from chiso.accounts import counters
from chiso.accounts.models import Counter


@pytest.fixture(params=["database", "cache", "redis"])
def chosen(request, settings, db) -> str:
    """Each store the settings can choose; "redis" is the cache store on a real Redis."""
    if request.param == "redis":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": request.getfixturevalue("redis_url"),
                # Each test its own keys: xdist workers share the Redis database.
                "KEY_PREFIX": uuid.uuid4().hex,
            }
        }
    settings.CHISO_COUNTER_STORE = "database" if request.param == "database" else "cache"
    return request.param


def test_each_hit_raises_the_count(chosen):
    key = counters.key("thu", "canbo", "203.0.113.7")
    assert [counters.hit(key, 60) for _ in range(3)] == [1, 2, 3]
    assert counters.count(key) == 3


def test_a_count_never_hit_is_zero(chosen):
    assert counters.count(counters.key("thu", "chua-ai")) == 0


def test_a_forgotten_count_starts_again(chosen):
    key = counters.key("thu", "canbo")
    counters.hit(key, 60)
    counters.forget(key)
    assert counters.count(key) == 0
    assert counters.hit(key, 60) == 1


def test_counts_under_different_keys_are_apart(chosen):
    counters.hit(counters.key("thu", "canbo", "203.0.113.7"), 60)
    assert counters.count(counters.key("thu", "canbo", "198.51.100.9")) == 0


def test_any_name_makes_a_usable_key(chosen):
    key = counters.key("thu", "cán bộ có dấu cách\x00và ký tự lạ" * 20, "")
    assert counters.hit(key, 60) == 1


def test_an_expired_database_count_starts_again_and_is_dropped(settings, db):
    settings.CHISO_COUNTER_STORE = "database"
    old, key = counters.key("thu", "cu"), counters.key("thu", "moi")
    counters.hit(old, 60)
    Counter.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert counters.count(old) == 0
    assert counters.hit(key, 60) == 1
    assert not Counter.objects.filter(key=old).exists()
