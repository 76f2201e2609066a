"""Org units (đơn vị): provinces, departments, districts, communes and their 2025 lineage."""
