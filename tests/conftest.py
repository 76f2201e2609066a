"""Shared fixtures: a small DTI framework and the units of the 2025 Đồng Tháp merger.

The bundled data and the personas are in tests/fixtures/, registered here for every package.
"""

import datetime
import os as _os
import shutil as _shutil
import sys as _sys

import pytest

from chiso.frameworks.models import Framework, Indicator, IndicatorGroup
from chiso.orgunits.models import LineageEvent, OrgUnit

# Some machines (this CI's among them) set PYTHONDONTWRITEBYTECODE=1. Then nothing is cached as
# byte-code: each pytest-xdist worker compiles the package and rewrites the tests' asserts again
# (collection 8 s instead of 4.5 s) and each `chiso` a test starts in a subprocess pays ~0.9 s
# more. The workers and subprocesses inherit this process's environment, so clearing it here,
# before they start, lets them write and reuse __pycache__ in the checkout as usual.
_os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
_sys.dont_write_bytecode = False

pytest_plugins = [
    "tests.fixtures.contents",
    "tests.fixtures.data_folders",
    "tests.fixtures.personas",
    "tests.fixtures.private_folders",
    "tests.fixtures.redis_server",
    "tests.fixtures.s3_server",
]


PRODUCTION_HASHERS = None


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Passwords hashed with MD5 in tests: an argon2 hash takes half a second, and the personas
    alone hash five. The production hashers stay after it, so their hashes still verify; the
    test of the production choice asks for `production_hashers`."""
    global PRODUCTION_HASHERS
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    PRODUCTION_HASHERS = list(settings.PASSWORD_HASHERS)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PRODUCTION_HASHERS]
    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()


@pytest.fixture
def production_hashers(settings) -> None:
    """The hashers chiso.settings chooses, for a test of that choice."""
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a test database reuses ids, so an overview
    summary cached by an earlier test (by province id) would be shown for another's data."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def framework(db: None) -> Framework:
    return Framework.objects.create(
        code="dti-tinh-2025", kind="dti", name="Bộ chỉ số DTI cấp tỉnh", period_id="2025", locale="vi"
    )


@pytest.fixture
def indicator(framework: Framework) -> Indicator:
    group = IndicatorGroup.objects.create(framework=framework, code="1", name="Nhận thức số")
    return Indicator.objects.create(framework=framework, group=group, code="1.1", name="Tỷ lệ …", measure="percent")


@pytest.fixture
def merger(db: None) -> dict[str, OrgUnit]:
    """Đồng Tháp (cũ) and Tiền Giang (cũ) merged into Đồng Tháp on 1 July 2025."""
    last_day = datetime.date(2025, 6, 30)
    first_day = datetime.date(2025, 7, 1)
    units = {
        "dong-thap-cu": OrgUnit.objects.create(
            code="dong-thap-cu", name="Tỉnh Đồng Tháp (cũ)", type="tinh", valid_to=last_day
        ),
        "tien-giang-cu": OrgUnit.objects.create(
            code="tien-giang-cu", name="Tỉnh Tiền Giang (cũ)", type="tinh", valid_to=last_day
        ),
        "dong-thap": OrgUnit.objects.create(code="dong-thap", name="Tỉnh Đồng Tháp", type="tinh", valid_from=first_day),
    }
    event = LineageEvent.objects.create(kind="merge", date=first_day, note="Nghị quyết 202/2025/QH15")
    event.predecessors.set([units["dong-thap-cu"], units["tien-giang-cu"]])
    event.successors.set([units["dong-thap"]])
    return units


# --- browser tests ------------------------------------------------------------------------------
# Playwright drives Debian's chromium (never a downloaded browser: see ../shared/STACK.md).
# `.ci/run` installs chromium; a plain local run without it skips the browser tests loudly.
_os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = _shutil.which("chromium") or ("/usr/bin/chromium" if _os.path.exists("/usr/bin/chromium") else None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
        ],
    }


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    skip = pytest.mark.skip(reason="chromium không có trên máy này (apt-get install chromium); .ci/run cài nó")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
