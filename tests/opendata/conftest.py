from tests.collection.conftest import (fill, form, other_submission, people,  # noqa: F401
                                       submission, units)
