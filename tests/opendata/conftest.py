from tests.collection.conftest import fill, form, other_submission, people, submission, units  # noqa: F401
