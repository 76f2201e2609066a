"""Backup and restore: the whole database and the uploaded files in one .zip archive."""
