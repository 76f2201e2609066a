import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from django.core.exceptions import ImproperlyConfigured

import chiso.settings
from chiso.settings import env_bool, env_int, env_str


def load_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str) -> ModuleType:
    """Execute a fresh copy of chiso/settings.py under ``env``, leaving the live settings alone."""
    monkeypatch.setenv("CHISO_DATA_DIR", str(tmp_path / "var"))
    for name in ("DATABASE_URL", "CHISO_DEBUG", "CHISO_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("settings_under_test", chiso.settings.__file__)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_it_refuses_a_boolean_that_is_neither_true_nor_false(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHISO_TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="CHISO_TEST_FLAG"):
        env_bool("CHISO_TEST_FLAG", True)


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("False", False), ("1", True), ("off", False)])
def test_it_reads_booleans(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    monkeypatch.setenv("CHISO_TEST_FLAG", raw)
    assert env_bool("CHISO_TEST_FLAG", not expected) is expected


def test_it_refuses_an_integer_that_is_not_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHISO_TEST_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="CHISO_TEST_NUMBER"):
        env_int("CHISO_TEST_NUMBER", 10)


def test_it_requires_a_string_without_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CHISO_TEST_TEXT", raising=False)
    with pytest.raises(ImproperlyConfigured, match="CHISO_TEST_TEXT"):
        env_str("CHISO_TEST_TEXT")


def test_it_defaults_to_sqlite_in_the_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = load_settings(monkeypatch, tmp_path)
    database = settings.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path / "var" / "chiso.sqlite3")
    assert (tmp_path / "var").is_dir()


def test_it_picks_postgresql_from_database_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = load_settings(monkeypatch, tmp_path, DATABASE_URL="postgres://chiso:pw@db.example:5433/chiso")
    database = settings.DATABASES["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("db.example", 5433, "chiso")


def test_it_requires_a_secret_key_outside_debug(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="CHISO_SECRET_KEY"):
        load_settings(monkeypatch, tmp_path, CHISO_DEBUG="false")


def test_it_reads_allowed_hosts_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = load_settings(monkeypatch, tmp_path, CHISO_ALLOWED_HOSTS="chiso.example.vn, www.chiso.example.vn")
    assert settings.ALLOWED_HOSTS == ["chiso.example.vn", "www.chiso.example.vn"]


def test_reminder_days_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    module = load_settings(monkeypatch, tmp_path, CHISO_REMIND_BEFORE_DAYS="5, 2")
    assert module.CHISO_REMIND_BEFORE_DAYS == [5, 2]


def test_a_mistyped_reminder_day_stops_start_up(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="CHISO_REMIND_AFTER_DAYS must be integers"):
        load_settings(monkeypatch, tmp_path, CHISO_REMIND_AFTER_DAYS="0,ba")


def test_the_email_timeout_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert load_settings(monkeypatch, tmp_path, CHISO_EMAIL_TIMEOUT="10").EMAIL_TIMEOUT == 10


def test_the_email_timeout_defaults_to_30_seconds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CHISO_EMAIL_TIMEOUT", raising=False)
    assert load_settings(monkeypatch, tmp_path).EMAIL_TIMEOUT == 30


def test_an_email_timeout_of_zero_stops_start_up(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="CHISO_EMAIL_TIMEOUT"):
        load_settings(monkeypatch, tmp_path, CHISO_EMAIL_TIMEOUT="0")


def test_implicit_tls_is_switched_on_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = load_settings(monkeypatch, tmp_path, CHISO_EMAIL_SSL="true", CHISO_EMAIL_PORT="465")
    assert (settings.EMAIL_USE_SSL, settings.EMAIL_USE_TLS, settings.EMAIL_PORT) == (True, False, 465)


def test_starttls_and_implicit_tls_together_stop_the_command_at_start_up(tmp_path: Path) -> None:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("CHISO_") and name not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(CHISO_DATA_DIR=str(tmp_path / "var"), CHISO_EMAIL_TLS="true", CHISO_EMAIL_SSL="true")
    result = subprocess.run(
        [sys.executable, "-m", "chiso", "remind", "--dry-run"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "CHISO_EMAIL_TLS và CHISO_EMAIL_SSL không được cùng bật" in result.stderr
    assert not (tmp_path / "var" / "chiso.sqlite3").exists()
