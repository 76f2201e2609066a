"""Start Django from plain Python code (the CLI, scripts)."""

import os


def setup() -> None:
    """Point Django at chiso.settings unless the caller chose other settings, then set it up."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")

    # Imported here so that importing this module stays cheap and Django-free.
    import django

    django.setup()
