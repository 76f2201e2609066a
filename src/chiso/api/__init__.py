"""The REST API (django-ninja): read the figures, write values and submissions with a token."""
