"""The open data pages read a PostgreSQL read replica when DATABASE_REPLICA_URL names one; every
other read, every write and every migration stays on the primary."""

import json
import os
import subprocess
import sys

from django.contrib.auth.models import User
from django.test import RequestFactory

from chiso.replica import REPLICA, ReplicaReads, ReplicaRouter, reading_replica

router = ReplicaRouter()


def database_read_in(method: str, path: str) -> str | None:
    """The database the router picks for a read made while the middleware handles the request."""
    seen = []
    middleware = ReplicaReads(lambda request: seen.append(router.db_for_read(User)))
    middleware(RequestFactory().generic(method, path))
    return seen[0]


def test_reads_inside_the_block_go_to_the_replica():
    with reading_replica():
        assert router.db_for_read(User) == REPLICA
    assert router.db_for_read(User) is None


def test_writes_and_migrations_stay_on_the_primary():
    with reading_replica():
        assert router.db_for_write(User) is None
    assert not router.allow_migrate(REPLICA, "auth")
    assert router.allow_migrate("default", "auth")


def test_the_open_data_pages_read_the_replica():
    assert database_read_in("GET", "/du-lieu-mo/") == REPLICA


def test_other_pages_and_posts_read_the_primary():
    assert database_read_in("GET", "/") is None
    assert database_read_in("POST", "/du-lieu-mo/") is None


def test_the_replica_is_configured_only_when_named():
    script = (
        "import json, django; django.setup(); from django.conf import settings;"
        "print(json.dumps([sorted(settings.DATABASES), settings.DATABASE_ROUTERS,"
        " 'chiso.replica.ReplicaReads' in settings.MIDDLEWARE]))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_REPLICA_URL")}
    env["DJANGO_SETTINGS_MODULE"] = "chiso.settings"

    def configured(**extra: str) -> list:
        result = subprocess.run([sys.executable, "-c", script], env={**env, **extra}, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    assert configured() == [["default"], [], False]
    replica = "postgres://chiso@10.0.0.21:5432/chiso"
    assert configured(DATABASE_REPLICA_URL=replica) == [["default", "replica"], ["chiso.replica.ReplicaRouter"], True]
