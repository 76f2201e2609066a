"""The collection tests' personas and monthly form, plus an API token for each person."""

import pytest

from chiso.api.tokens import issue
from tests.collection.conftest import PERIOD, fill, form, other_submission, people, submission, units  # noqa: F401


@pytest.fixture
def keys(people) -> dict[str, str]:
    """A plain API key per persona (the database holds only its hash)."""
    return {name: issue(user, f"Khóa của {name}")[1] for name, user in people.items()}


def auth(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
