import pytest
from django.contrib.auth.models import User

from chiso.accounts.models import Grant, Role
from chiso.orgunits.models import OrgUnit


@pytest.fixture
def seed_data(db):
    """The bundled Đồng Tháp data (001, 000, 003, 004) as `chiso demo` loads it."""
    from chiso.loading import load_paths
    from chiso.loading.demo import bundled_paths

    load_paths(bundled_paths())


@pytest.fixture
def office(seed_data) -> User:
    user = User.objects.create_user("vanphong", password="Mat-khau-2026!")
    Grant.objects.create(user=user, unit=OrgUnit.objects.get(code="dong-thap"), role=Role.ADMIN)
    return user
