"""In production every server error leaves its traceback on stderr (the journal), and by mail
to CHISO_ADMINS when set. Run in a separate process with production settings, as gunicorn
runs them: this process's settings are the development ones."""

import os
import subprocess
import sys
import textwrap

import pytest

# A view that fails, mounted beside the site's routes, requested as a browser would.
SCRIPT = textwrap.dedent("""
    import django
    django.setup()
    from django.core import mail
    from django.test import Client
    from django.urls import clear_url_caches, path
    import chiso.urls

    def broken(request):
        raise RuntimeError("lỗi thử nghiệm 7f3a")

    chiso.urls.urlpatterns.append(path("loi-thu/", broken))
    clear_url_caches()
    response = Client(raise_request_exception=False).get("/loi-thu/", secure=True)
    print("STATUS", response.status_code)
    print("MAILS", len(getattr(mail, "outbox", [])),
          *[m.to for m in getattr(mail, "outbox", [])], flush=True)
""")


def _run_in_production(tmp_path, **extra) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "chiso.settings",
        "CHISO_DEBUG": "false",
        "CHISO_SECRET_KEY": "khoa-bi-mat-cho-thu-nghiem-" + "x" * 40,
        "CHISO_DATA_DIR": str(tmp_path),
        "CHISO_ALLOWED_HOSTS": "testserver",
        "CHISO_EMAIL_BACKEND": "memory",
        **extra,
    }
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def without_admins(tmp_path_factory) -> subprocess.CompletedProcess:
    """The failing request in production without CHISO_ADMINS, run once for the tests that read it."""
    return _run_in_production(tmp_path_factory.mktemp("khong-quan-tri"))


def test_a_server_error_is_logged_with_its_traceback_to_stderr(without_admins):
    run = without_admins
    assert "STATUS 500" in run.stdout, run.stderr
    assert "Traceback (most recent call last)" in run.stderr
    assert "in broken\nRuntimeError: lỗi thử nghiệm 7f3a" in run.stderr
    assert "Internal Server Error: /loi-thu/" in run.stderr


def test_a_server_error_is_mailed_to_the_admins_when_they_are_set(tmp_path):
    run = _run_in_production(tmp_path, CHISO_ADMINS="quantri@stc.dongthap.gov.vn, kythuat@stc.dongthap.gov.vn")
    assert "MAILS 1 ['quantri@stc.dongthap.gov.vn', 'kythuat@stc.dongthap.gov.vn']" in run.stdout, run.stderr


def test_no_mail_without_admins(without_admins):
    run = without_admins
    assert "MAILS 0" in run.stdout, run.stderr
