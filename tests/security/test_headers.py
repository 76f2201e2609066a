"""Every response carries the security headers, and production settings pass `check --deploy`."""

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("url", ["/tai-khoan/dang-nhap/", "/du-lieu-mo/", "/api/openapi.json"])
def test_pages_carry_the_security_headers(client, db, url):
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "form-action 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def production_env(**extra: str) -> dict:
    # The test run's own switches (CHISO_*, DATABASE_URL, the Playwright async escape) are not
    # production's: check --deploy rightly refuses DJANGO_ALLOW_ASYNC_UNSAFE.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("CHISO_") and k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")
    }
    env.update(
        {
            "CHISO_DEBUG": "false",
            "CHISO_ALLOWED_HOSTS": "chiso.dongthap.gov.vn",
            "CHISO_SECRET_KEY": "k7#Qp2!vX9zR$m4Lw8@tY6^nB3&hJ5*dF1(gS0)cV-eU+aI=oP?",
            "DJANGO_SETTINGS_MODULE": "chiso.settings",
            **extra,
        }
    )
    return env


def test_production_settings_pass_check_deploy(tmp_path):
    env = production_env(CHISO_DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_turning_hsts_off_is_reported_by_check_deploy(tmp_path):
    env = production_env(CHISO_DATA_DIR=str(tmp_path), CHISO_HSTS_SECONDS="0")
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "security.W004" in result.stdout + result.stderr
