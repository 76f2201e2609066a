"""Each test process keeps its cache, uploads and mail in its own temporary folder."""

from pathlib import Path

from tests.fixtures.private_folders import private_data_settings


def test_the_cache_in_use_is_the_test_process_own(private_data_folder):
    from django.core.cache import cache

    assert Path(cache._dir).is_relative_to(private_data_folder)


def test_uploads_are_stored_in_the_test_process_own_folder(private_data_folder):
    from django.core.files.storage import default_storage

    assert Path(default_storage.location).is_relative_to(private_data_folder)


def test_a_cache_made_before_the_folder_was_chosen_is_replaced(tmp_path):
    from django.core.cache import cache

    cache.get("anything")  # the cache object exists from here on
    private = private_data_settings(tmp_path)
    private.enable()
    try:
        assert Path(cache._dir) == tmp_path / "cache"
    finally:
        private.disable()
