"""Without REDIS_URL, CHISO_S3_BUCKET or DATABASE_REPLICA_URL chiso needs nothing but itself
(README command 1); with them, the cache, sessions, counters and files are shared."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.test_settings import load_settings

SHARED = ("REDIS_URL", "CHISO_S3_BUCKET", "CHISO_S3_ENDPOINT_URL", "CHISO_COUNTER_STORE", "DATABASE_REPLICA_URL")


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    for name in SHARED:
        monkeypatch.delenv(name, raising=False)
    return lambda **env: load_settings(monkeypatch, tmp_path, **env)


def test_without_configuration_everything_stays_on_the_machine(fresh):
    settings = fresh()
    assert settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache")
    assert not hasattr(settings, "SESSION_ENGINE")  # Django's default: the database
    assert settings.CHISO_COUNTER_STORE == "database"
    assert settings.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")


def test_redis_holds_the_cache_the_sessions_and_the_counters(fresh):
    settings = fresh(REDIS_URL="redis://10.0.0.30:6379/0")
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert settings.CACHES["default"]["LOCATION"] == "redis://10.0.0.30:6379/0"
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    assert settings.CHISO_COUNTER_STORE == "cache"


def test_a_bucket_puts_the_files_in_object_storage(fresh):
    settings = fresh(CHISO_S3_BUCKET="chiso", CHISO_S3_ENDPOINT_URL="http://10.0.0.40:9000")
    storage = settings.STORAGES["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (storage["OPTIONS"]["bucket_name"], storage["OPTIONS"]["endpoint_url"]) == ("chiso", "http://10.0.0.40:9000")
    assert storage["OPTIONS"]["file_overwrite"] is False


def test_a_counter_store_that_does_not_exist_stops_start_up(fresh):
    with pytest.raises(ImproperlyConfigured, match="CHISO_COUNTER_STORE"):
        fresh(CHISO_COUNTER_STORE="memcached")
